#include "workspace/module_loader.hpp"

#include <algorithm>
#include <system_error>

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"
#include "diag/text_position.hpp"
#include "io/text_file.hpp"
#include "workspace/control_file.hpp"

namespace pgpm::workspace {

namespace fs = std::filesystem;

namespace {

// Column of the value in a `%project=NAME` line, where a missing control file is reported.
int project_value_column(std::string_view plan_text, int line) {
    const std::string_view text = LineIndex(plan_text).line_text(line);
    std::size_t at = text.find('=');
    if (at == std::string_view::npos)
        return 1;
    ++at;
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t'))
        ++at;
    return static_cast<int>(count_code_points(text.substr(0, at))) + 1;
}

std::vector<fs::path> control_files_in(const fs::path& directory) {
    std::vector<fs::path> files;
    std::error_code error;
    for (fs::directory_iterator it(directory, error), end; !error && it != end;
         it.increment(error)) {
        if (it->path().extension() == ".control" && it->is_regular_file(error)) {
            files.push_back(it->path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string joined_display_paths(const std::vector<fs::path>& files,
                                 const io::DisplayPaths& paths) {
    std::string joined;
    for (const fs::path& file : files) {
        if (!joined.empty())
            joined += ", ";
        joined += paths.show(file);
    }
    return joined;
}

}  // namespace

std::optional<LoadedModule> load_module(const fs::path& directory, const io::DisplayPaths& paths,
                                        Diagnostics& diagnostics,
                                        std::vector<fs::path>& watched_files) {
    const fs::path plan_file = directory / "pgpm.plan";
    watched_files.push_back(plan_file);
    auto plan_text = io::read_text_file(plan_file);
    if (!plan_text) {
        diagnostics.push_back(diagnostic_for(Severity::error, paths.show(plan_file),
                                             "cannot read: " + plan_text.error()));
        return std::nullopt;
    }

    LoadedModule loaded;
    plan::ParseResult parsed = plan::parse_plan(std::move(*plan_text), paths.show(plan_file));
    diagnostics.insert(diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    if (parsed.plan.project.empty())
        return std::nullopt;

    Module& module = loaded.module;
    module.name = parsed.plan.project;
    module.directory = directory;
    module.display_directory = paths.show(directory);
    module.plan = std::move(parsed.plan);

    // Matching names rather than building the path keeps a `%project` holding `/` or `..` from
    // reaching outside the folder.
    std::vector<fs::path> others = control_files_in(directory);
    const auto own = std::find_if(others.begin(), others.end(), [&](const fs::path& file) {
        return file.stem().string() == module.name;
    });
    const fs::path expected = directory / (module.name + ".control");
    module.control.path = paths.show(expected);

    if (own == others.end()) {
        std::string message =
            fmt::format("no control file {} for %project \"{}\"", module.control.path, module.name);
        if (!others.empty()) {
            message += fmt::format(" (found {}; %project must equal the control file's name)",
                                   joined_display_paths(others, paths));
        }
        diagnostics.push_back(diagnostic_at_project(loaded, Severity::error, std::move(message)));
        return loaded;
    }
    others.erase(own);
    for (const fs::path& other : others) {
        diagnostics.push_back(
            diagnostic_for(Severity::warning, paths.show(other),
                           fmt::format("ignored: the control file of module {} is {}", module.name,
                                       module.control.path)));
    }

    watched_files.push_back(expected);
    auto control_text = io::read_text_file(expected);
    if (!control_text) {
        diagnostics.push_back(diagnostic_for(Severity::error, module.control.path,
                                             "cannot read: " + control_text.error()));
        return loaded;
    }
    loaded.texts.control = std::move(*control_text);
    ControlFileResult control = parse_control_file(loaded.texts.control, module.control.path);
    diagnostics.insert(diagnostics.end(), control.diagnostics.begin(), control.diagnostics.end());
    module.control = std::move(control.control);
    return loaded;
}

Diagnostic diagnostic_at_project(const LoadedModule& loaded, Severity severity,
                                 std::string message) {
    const plan::Plan& plan = loaded.module.plan;
    return diagnostic_at(severity, plan.path, *plan.source, plan.project_line,
                         project_value_column(*plan.source, plan.project_line), std::move(message));
}

}  // namespace pgpm::workspace
