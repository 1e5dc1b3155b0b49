#include "workspace/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace pgpm::workspace {

tl::expected<std::string, std::string> read_text_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return tl::make_unexpected(std::string(std::strerror(errno)));
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return tl::make_unexpected(std::string(std::strerror(errno)));
    std::string content = std::move(text).str();
    if (content.starts_with("\xEF\xBB\xBF"))
        content.erase(0, 3);
    return content;
}

}  // namespace pgpm::workspace
