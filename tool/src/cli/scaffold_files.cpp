#include "cli/scaffold_files.hpp"

#include <fmt/format.h>

#include <iostream>

#include "cli/exit_code.hpp"
#include "io/text_file.hpp"
#include "scaffold/template_folder.hpp"

namespace pgpm::cli {

namespace fs = std::filesystem;

namespace {

Refusal template_mistake(const fs::path& file, const scaffold::TemplateError& error) {
    return {exit_invalid_input,
            fmt::format("{}:{}:{}: {}", file.string(), error.line, error.column, error.message)};
}

}  // namespace

int refuse(const Refusal& refusal) {
    std::cerr << "pgpm: error: " << refusal.message << '\n';
    return refusal.exit_code;
}

tl::expected<std::string, Refusal> render_template_file(const fs::path& file,
                                                        const scaffold::TemplateValues& values) {
    const auto text = io::read_file(file);
    if (!text)
        return tl::unexpected(Refusal{exit_invalid_input, text.error()});
    auto rendered = scaffold::render_template(*text, values);
    if (!rendered)
        return tl::unexpected(template_mistake(file, rendered.error()));
    return std::move(*rendered);
}

tl::expected<std::vector<scaffold::NewFile>, Refusal> render_template_folder(
    const fs::path& folder, const fs::path& output, const scaffold::TemplateValues& values) {
    auto templates = scaffold::read_template_folder(folder);
    if (!templates)
        return tl::unexpected(Refusal{exit_invalid_input, templates.error()});
    // A name is one line, so a list placeholder in it could only repeat or vanish the file.
    const scaffold::TemplateValues name_values{values.text, {}};
    std::vector<scaffold::NewFile> files;
    for (const auto& file : *templates) {
        auto name = scaffold::render_template(file.relative.generic_string(), name_values);
        if (!name)
            return tl::unexpected(template_mistake(folder / file.relative, name.error()));
        auto content = scaffold::render_template(file.text, values);
        if (!content)
            return tl::unexpected(template_mistake(folder / file.relative, content.error()));
        files.push_back({output / *name, std::move(*content)});
    }
    return files;
}

std::optional<Refusal> refuse_existing(const std::vector<scaffold::NewFile>& files,
                                       const io::DisplayPaths& paths) {
    const auto existing = scaffold::existing_paths(files);
    if (existing.empty())
        return std::nullopt;
    std::string list;
    for (const auto& path : existing)
        list += (list.empty() ? "" : ", ") + paths.show(path);
    return Refusal{exit_usage, fmt::format("{} already {}; nothing was written (pgpm never "
                                           "replaces a file)",
                                           list, existing.size() == 1 ? "exists" : "exist")};
}

}  // namespace pgpm::cli
