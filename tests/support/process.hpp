#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace pgpm::testing {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs a program (no shell) in `directory`, with `environment` added to the current
// environment, and collects its exit code, stdout and stderr.
ProcessResult run_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                          const std::filesystem::path& directory = std::filesystem::current_path(),
                          const std::map<std::string, std::string>& environment = {});

// A fresh directory removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    // Writes `content` to `relative` below the directory, creating folders; returns the path.
    std::filesystem::path write(const std::string& relative, const std::string& content) const;

private:
    std::filesystem::path path_;
};

}  // namespace pgpm::testing
