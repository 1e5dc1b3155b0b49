// Files and folders for the benchmarks.
#pragma once

#include <filesystem>
#include <string>

namespace pgpm_bench {

std::string read_text(const std::filesystem::path& path);

// Writes `text`, creating the parent folders.
void write_text(const std::filesystem::path& path, const std::string& text);

std::string trim(std::string text);

// A folder of our own under the temp directory (`TMPDIR`, default /tmp), named
// `<prefix>-XXXXXX`, removed at the end, also on failure.
class TempDir {
public:
    explicit TempDir(const std::string& prefix);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace pgpm_bench
