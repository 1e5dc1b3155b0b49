#include <fmt/format.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/command.hpp"
#include "cli/diagnostic_printer.hpp"
#include "cli/exit_code.hpp"
#include "cli/json_writer.hpp"
#include "cli/target_selection.hpp"
#include "engine/role_statements.hpp"
#include "io/text_file.hpp"

namespace pgpm::cli {

namespace fs = std::filesystem;

namespace {

struct DescribeRequest {
    std::string cmake_file;  // --cmake; the other form is the global --json
};

std::vector<std::string> tag_names(const workspace::Module& module) {
    std::vector<std::string> names;
    for (const auto& tag : module.plan.tags)
        names.emplace_back(tag.name);
    return names;
}

std::vector<std::string> generic_paths(const std::vector<fs::path>& paths) {
    std::vector<std::string> out;
    for (const auto& path : paths)
        out.push_back(path.generic_string());
    return out;
}

void write_json(std::ostream& out, const workspace::Workspace& ws,
                const std::vector<const workspace::Module*>& order) {
    JsonWriter json(out);
    json.begin_object();
    json.key("version").value(1);
    json.key("root").value(ws.root.generic_string());
    json.key("config").value(ws.config_path);
    json.key("modules").begin_array();
    for (const auto* module : order) {
        json.begin_object();
        json.key("name").value(module->name);
        json.key("directory").value(module->directory.generic_string());
        json.key("requires").string_array(module->module_requires);
        json.key("extensions").string_array(module->extension_requires);
        json.key("changes").value(module->plan.changes.size());
        json.key("tags").string_array(tag_names(*module));
        json.end_object();
    }
    json.end_array();
    json.key("watch").begin_object();
    json.key("files").string_array(generic_paths(ws.watched_files));
    json.key("directories").string_array(generic_paths(ws.watched_directories));
    json.end_object();
    json.end_object();
}

// A CMake bracket argument that holds `text` verbatim, whatever it contains.
std::string bracket(std::string_view text) {
    std::string equals;
    while (text.find("]" + equals + "]") != std::string_view::npos)
        equals += '=';
    return fmt::format("[{0}[{1}]{0}]", equals, text);
}

template <typename Range>
std::string cmake_list(const Range& items) {
    std::string out;
    for (const auto& item : items)
        out += " " + bracket(item);
    return out;
}

// Modules are numbered in dependency order, so names need no escaping into variable names.
void write_cmake(std::ostream& out, const workspace::Workspace& ws,
                 const std::vector<const workspace::Module*>& order) {
    out << "# Written by `pgpm describe --cmake`; read by pgpm_add_workspace(). Do not edit.\n";
    out << "set(PGPM_DESCRIBE_VERSION 1)\n";
    out << "set(PGPM_WORKSPACE_ROOT " << bracket(ws.root.generic_string()) << ")\n";
    out << "set(PGPM_MODULE_COUNT " << order.size() << ")\n";
    for (std::size_t i = 0; i < order.size(); ++i) {
        const auto& module = *order[i];
        const auto prefix = fmt::format("PGPM_MODULE_{}_", i);
        out << "set(" << prefix << "NAME " << bracket(module.name) << ")\n";
        out << "set(" << prefix << "DIR " << bracket(module.directory.generic_string()) << ")\n";
        out << "set(" << prefix << "REQUIRES" << cmake_list(module.module_requires) << ")\n";
        out << "set(" << prefix << "EXTENSIONS" << cmake_list(module.extension_requires) << ")\n";
        out << "set(" << prefix << "CHANGE_COUNT " << module.plan.changes.size() << ")\n";
        out << "set(" << prefix << "TAGS" << cmake_list(tag_names(module)) << ")\n";
        // Its own scripts only; pgpm_add_workspace extends it to the modules that require it.
        out << "set(" << prefix << "TOUCHES_ROLES "
            << (engine::module_touches_roles(module) ? "TRUE" : "FALSE") << ")\n";
    }
    out << "set(PGPM_WATCH_FILES" << cmake_list(generic_paths(ws.watched_files)) << ")\n";
    out << "set(PGPM_WATCH_DIRECTORIES" << cmake_list(generic_paths(ws.watched_directories))
        << ")\n";
}

int run_describe(const DescribeRequest& request, const GlobalOptions& options) {
    if (options.json == !request.cmake_file.empty()) {
        std::cerr << "pgpm: error: describe needs exactly one of --json or --cmake FILE\n";
        return exit_usage;
    }
    auto targets = select_targets({.module = {}, .workspace = true});
    if (!targets) {
        std::cerr << "pgpm: error: " << targets.error().message << '\n';
        return exit_usage;
    }
    DiagnosticPrinter(std::cerr, options.color_on_stderr())
        .print(targets->diagnostics, options.quiet);
    if (has_errors(targets->diagnostics))
        return exit_invalid_input;

    const auto order = workspace::dependency_order(targets->workspace);
    if (options.json) {
        write_json(std::cout, targets->workspace, order);
        return exit_success;
    }
    std::ostringstream cmake;
    write_cmake(cmake, targets->workspace, order);
    if (auto written = io::write_file_atomically(request.cmake_file, cmake.str()); !written) {
        std::cerr << "pgpm: error: " << written.error() << '\n';
        return exit_failure;
    }
    return exit_success;
}

}  // namespace

Command add_describe_command(CLI::App& app) {
    auto request = std::make_shared<DescribeRequest>();
    auto* parser = app.add_subcommand(
        "describe", "Describe the workspace's module graph as JSON or as CMake set() lines");
    parser->add_option("--cmake", request->cmake_file, "Write CMake set() lines to FILE")
        ->option_text("FILE");
    return {parser, false,
            [request](const GlobalOptions& options) { return run_describe(*request, options); }};
}

}  // namespace pgpm::cli
