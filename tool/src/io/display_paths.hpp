#pragma once

#include <filesystem>
#include <string>

namespace pgpm::io {

// Turns absolute paths into the form diagnostics show: relative to the display base, with `/`.
class DisplayPaths {
public:
    explicit DisplayPaths(std::filesystem::path base);

    std::string show(const std::filesystem::path& absolute_path) const;

private:
    std::filesystem::path base_;
};

// Absolute, symlink-resolved where the path exists, lexically normal: the one spelling every
// other path of a load is derived from, so `show` and prefix tests can stay lexical.
std::filesystem::path normalised_absolute(const std::filesystem::path& path);

// True when `path` is `directory` or lies below it (both normalised).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& directory);

}  // namespace pgpm::io
