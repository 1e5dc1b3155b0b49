#include "io/text_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

namespace pgpm::io {

tl::expected<std::string, std::string> read_file(const std::filesystem::path& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error))
        return tl::make_unexpected("is a directory");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return tl::make_unexpected(std::string(std::strerror(errno)));
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad())
        return tl::make_unexpected(std::string(std::strerror(errno)));
    return std::move(content).str();
}

tl::expected<std::string, std::string> read_text_file(const std::filesystem::path& path) {
    auto content = read_file(path);
    if (content && content->starts_with("\xEF\xBB\xBF"))
        content->erase(0, 3);
    return content;
}

tl::expected<void, std::string> write_file_atomically(const std::filesystem::path& path,
                                                      std::string_view content) {
    auto temporary = path;
    temporary += "." + std::to_string(::getpid()) + ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.close();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            return tl::make_unexpected("cannot write " + temporary.string());
        }
    }
    std::error_code error;
    std::filesystem::rename(temporary, path, error);
    if (error) {
        const auto message = "cannot write " + path.string() + ": " + error.message();
        std::filesystem::remove(temporary, error);
        return tl::make_unexpected(message);
    }
    return {};
}

}  // namespace pgpm::io
