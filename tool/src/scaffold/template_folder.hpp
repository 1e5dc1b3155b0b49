#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <tl/expected.hpp>

namespace pgpm::scaffold {

struct TemplateFile {
    std::filesystem::path relative;  // to the template folder; may itself hold placeholders
    std::string text;
};

// Every regular file below `folder`, by relative path (so output order is stable), or why the
// folder or one of its files could not be read.
tl::expected<std::vector<TemplateFile>, std::string> read_template_folder(
    const std::filesystem::path& folder);

}  // namespace pgpm::scaffold
