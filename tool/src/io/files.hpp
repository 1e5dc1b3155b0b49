#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace pgpm::io {

// The whole file as bytes; nullopt when it cannot be read (missing, a directory, no permission).
std::optional<std::string> read_file(const std::filesystem::path& path);

// `path` as shown to the user: relative to `base` (the working directory) when below it or
// near it, with `/` separators; absolute otherwise.
std::string display_path(const std::filesystem::path& path, const std::filesystem::path& base);

}  // namespace pgpm::io
