#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <tl/expected.hpp>

// `init` and `add` never replace a file: they refuse when one is in the way, and create each
// file exclusively, so that one appearing between the check and the write is not replaced either.
namespace pgpm::scaffold {

struct NewFile {
    std::filesystem::path path;
    std::string content;
};

// The paths of `files` that exist already (as anything, a dangling symbolic link included).
std::vector<std::filesystem::path> existing_paths(const std::vector<NewFile>& files);

// Creates the missing parent folders and every file. On failure the files created so far are
// removed again (folders stay) and the error names the file that failed.
tl::expected<void, std::string> write_new_files(const std::vector<NewFile>& files);

// Removes files this run created, for a later step that failed.
void remove_new_files(const std::vector<NewFile>& files);

}  // namespace pgpm::scaffold
