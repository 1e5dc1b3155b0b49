#pragma once

#include <sys/types.h>

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
ProcessResult run_process(const std::filesystem::path& program,
                          const std::vector<std::string>& args,
                          const std::filesystem::path& directory = std::filesystem::current_path(),
                          const std::map<std::string, std::string>& environment = {});

// Starts a program (no shell) in `directory` and returns its pid at once, for a test that
// signals it and waits for it (waitpid): stdin from /dev/null, stdout and stderr into `output`.
pid_t start_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                    const std::filesystem::path& directory, const std::filesystem::path& output);

}  // namespace pgpm::testing
