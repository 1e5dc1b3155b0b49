#include "io/text_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace pgpm::io {

tl::expected<std::string, std::string> read_file(const std::filesystem::path& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) return tl::make_unexpected("is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in) return tl::make_unexpected(std::string(std::strerror(errno)));
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) return tl::make_unexpected(std::string(std::strerror(errno)));
    return std::move(content).str();
}

tl::expected<std::string, std::string> read_text_file(const std::filesystem::path& path) {
    auto content = read_file(path);
    if (content && content->starts_with("\xEF\xBB\xBF")) content->erase(0, 3);
    return content;
}

}  // namespace pgpm::io
