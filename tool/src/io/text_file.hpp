#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace pgpm::io {

// The whole file, byte for byte (what script hashes are computed over), or why it could not be
// read.
tl::expected<std::string, std::string> read_file(const std::filesystem::path& path);

// The whole file without a UTF-8 byte order mark (which editors on Windows add and which is not
// part of line 1's columns), or why it could not be read.
tl::expected<std::string, std::string> read_text_file(const std::filesystem::path& path);

// Writes through a temporary sibling and a rename, so readers see the old or the new content,
// never a part. The error is a message naming the file.
tl::expected<void, std::string> write_file_atomically(const std::filesystem::path& path,
                                                      std::string_view content);

}  // namespace pgpm::io
