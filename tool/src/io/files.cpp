#include "io/files.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace pgpm::io {

std::optional<std::string> read_file(const std::filesystem::path& path) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string content{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) return std::nullopt;
    return content;
}

std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base) {
    const auto absolute = std::filesystem::absolute(path).lexically_normal();
    const auto relative = absolute.lexically_relative(std::filesystem::absolute(base).lexically_normal());
    if (relative.empty()) return absolute.generic_string();
    if (relative == ".") return ".";
    // Far above the working directory an absolute path reads better than a chain of `..`.
    auto segments = std::distance(relative.begin(), relative.end());
    auto ups = std::count_if(relative.begin(), relative.end(),
                             [](const std::filesystem::path& part) { return part == ".."; });
    if (ups > 2 && ups * 2 > segments) return absolute.generic_string();
    return relative.generic_string();
}

}  // namespace pgpm::io
