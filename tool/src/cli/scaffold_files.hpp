#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "io/display_paths.hpp"
#include "scaffold/new_files.hpp"
#include "scaffold/template_renderer.hpp"

// What `init workspace`, `init module` and `add` share: templates rendered into new files, and
// refusals that leave the disk as it was.
namespace pgpm::cli {

struct Refusal {
    int exit_code = 0;
    std::string message;
};

// Prints `pgpm: error: MESSAGE` and gives the exit code.
int refuse(const Refusal& refusal);

// The template `file` rendered; a mistake in it is reported as `FILE:LINE:COL: MESSAGE`.
tl::expected<std::string, Refusal> render_template_file(const std::filesystem::path& file,
                                                        const scaffold::TemplateValues& values);

// Every file below `folder`, names rendered too (with the text values), placed below `output`.
tl::expected<std::vector<scaffold::NewFile>, Refusal> render_template_folder(
    const std::filesystem::path& folder, const std::filesystem::path& output,
    const scaffold::TemplateValues& values);

// The refusal (exit 2) naming every file of `files` that is already there; nullopt when none is.
std::optional<Refusal> refuse_existing(const std::vector<scaffold::NewFile>& files,
                                       const io::DisplayPaths& paths);

}  // namespace pgpm::cli
