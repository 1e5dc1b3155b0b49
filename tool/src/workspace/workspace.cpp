#include "workspace/workspace.hpp"

#include <algorithm>
#include <initializer_list>
#include <system_error>
#include <unordered_map>

#include <fmt/format.h>

#include "diag/located_diagnostic.hpp"
#include "io/display_paths.hpp"
#include "io/text_file.hpp"
#include "workspace/config.hpp"
#include "workspace/discovery.hpp"
#include "workspace/graph_checks.hpp"
#include "workspace/module_loader.hpp"

namespace pgpm::workspace {

namespace fs = std::filesystem;

namespace {

std::optional<fs::path> nearest_ancestor_with(const fs::path& start,
                                              std::initializer_list<const char*> files) {
    fs::path directory = io::normalised_absolute(start);
    while (true) {
        for (const char* file : files) {
            std::error_code error;
            if (fs::is_regular_file(directory / file, error))
                return directory;
        }
        if (!directory.has_relative_path())
            return std::nullopt;
        directory = directory.parent_path();
    }
}

io::DisplayPaths display_paths_for(const fs::path& root, const LoadOptions& options) {
    return io::DisplayPaths(
        options.display_base.empty() ? root : io::normalised_absolute(options.display_base));
}

// pgpm.json wins when both exist: it is the file the original pgpm reads.
std::optional<fs::path> choose_config(const fs::path& root, const io::DisplayPaths& paths,
                                      Diagnostics& diagnostics) {
    const fs::path json = root / "pgpm.json";
    const fs::path yaml = root / "pgpm.yaml";
    std::error_code error;
    const bool has_json = fs::is_regular_file(json, error);
    const bool has_yaml = fs::is_regular_file(yaml, error);
    if (has_json && has_yaml) {
        diagnostics.push_back(
            diagnostic_for(Severity::warning, paths.show(yaml),
                           fmt::format("ignored: {} configures the workspace", paths.show(json))));
    }
    if (has_json)
        return json;
    if (has_yaml)
        return yaml;
    diagnostics.push_back(
        diagnostic_for(Severity::error, paths.show(root), "no pgpm.json or pgpm.yaml here"));
    return std::nullopt;
}

std::optional<WorkspaceConfig> read_config(Workspace& workspace, const io::DisplayPaths& paths,
                                           Diagnostics& diagnostics) {
    const auto file = choose_config(workspace.root, paths, diagnostics);
    if (!file)
        return std::nullopt;
    workspace.config_path = paths.show(*file);
    workspace.watched_files.push_back(*file);
    const auto text = io::read_text_file(*file);
    if (!text) {
        diagnostics.push_back(
            diagnostic_for(Severity::error, workspace.config_path, "cannot read: " + text.error()));
        return std::nullopt;
    }
    ConfigResult parsed = parse_config(*text, workspace.config_path);
    diagnostics.insert(diagnostics.end(), parsed.diagnostics.begin(), parsed.diagnostics.end());
    if (has_errors(parsed.diagnostics))
        return std::nullopt;
    return std::move(parsed.config);
}

// Keeps one module per name. A copy installed under extensionsDir gives way to a module found
// elsewhere; any other pair of namesakes is an error.
std::vector<LoadedModule> without_namesakes(std::vector<LoadedModule> loaded,
                                            Diagnostics& diagnostics) {
    std::unordered_map<std::string, std::vector<std::size_t>> by_name;
    for (std::size_t index = 0; index < loaded.size(); ++index) {
        by_name[loaded[index].module.name].push_back(index);
    }
    std::vector<bool> keep(loaded.size(), true);
    for (std::size_t index = 0; index < loaded.size(); ++index) {
        const auto& namesakes = by_name[loaded[index].module.name];
        if (namesakes.size() < 2 || namesakes.front() != index)
            continue;

        std::vector<std::size_t> developed;
        std::vector<std::size_t> installed;
        for (const std::size_t namesake : namesakes) {
            (loaded[namesake].module.from_extensions_dir ? installed : developed)
                .push_back(namesake);
        }
        std::vector<std::size_t>& contenders = developed.empty() ? installed : developed;
        const Module& chosen = loaded[contenders.front()].module;
        for (std::size_t i = 1; i < contenders.size(); ++i) {
            keep[contenders[i]] = false;
            diagnostics.push_back(
                diagnostic_at_project(loaded[contenders[i]], Severity::error,
                                      fmt::format("module \"{}\" is defined twice: {} and {}",
                                                  chosen.name, chosen.display_directory,
                                                  loaded[contenders[i]].module.display_directory)));
        }
        if (developed.empty())
            continue;
        for (const std::size_t copy : installed) {
            keep[copy] = false;
            diagnostics.push_back(diagnostic_at_project(
                loaded[copy], Severity::warning,
                fmt::format("module \"{}\" in {} is used; this installed copy in {} is ignored",
                            chosen.name, chosen.display_directory,
                            loaded[copy].module.display_directory)));
        }
    }
    std::vector<LoadedModule> kept;
    kept.reserve(loaded.size());
    for (std::size_t index = 0; index < loaded.size(); ++index) {
        if (keep[index])
            kept.push_back(std::move(loaded[index]));
    }
    return kept;
}

std::vector<ModuleTexts> adopt(Workspace& workspace, std::vector<LoadedModule> loaded) {
    std::vector<ModuleTexts> texts;
    texts.reserve(loaded.size());
    workspace.modules.reserve(loaded.size());
    for (LoadedModule& module : loaded) {
        workspace.module_by_name.emplace(module.module.name, workspace.modules.size());
        workspace.modules.push_back(std::move(module.module));
        texts.push_back(std::move(module.texts));
    }
    return texts;
}

void sort_unique(std::vector<fs::path>& paths) {
    std::sort(paths.begin(), paths.end());
    paths.erase(std::unique(paths.begin(), paths.end()), paths.end());
}

}  // namespace

std::optional<fs::path> find_workspace_root(const fs::path& start) {
    return nearest_ancestor_with(start, {"pgpm.json", "pgpm.yaml"});
}

std::optional<fs::path> find_module_root(const fs::path& start) {
    return nearest_ancestor_with(start, {"pgpm.plan"});
}

LoadResult load_workspace(const fs::path& root, const LoadOptions& options) {
    LoadResult result;
    Workspace& workspace = result.workspace;
    Diagnostics& diagnostics = result.diagnostics;
    workspace.root = io::normalised_absolute(root);
    const io::DisplayPaths paths = display_paths_for(workspace.root, options);

    const auto config = read_config(workspace, paths, diagnostics);
    if (!config)
        return result;

    // An empty override is treated as unset: it cannot name a folder.
    std::string extensions_dir = config->extensions_dir.value_or("extensions");
    if (options.extensions_dir_override && !options.extensions_dir_override->empty()) {
        extensions_dir = *options.extensions_dir_override;
    }
    const fs::path extensions = io::normalised_absolute(workspace.root / extensions_dir);

    Discovery discovery = discover_modules(workspace.root, config->packages, extensions);
    workspace.watched_directories = std::move(discovery.watched_directories);

    std::vector<LoadedModule> loaded;
    loaded.reserve(discovery.module_directories.size());
    for (const fs::path& directory : discovery.module_directories) {
        auto module = load_module(directory, paths, diagnostics, workspace.watched_files);
        if (!module)
            continue;
        module->module.from_extensions_dir = io::is_within(directory, extensions);
        loaded.push_back(std::move(*module));
    }
    const std::vector<ModuleTexts> texts =
        adopt(workspace, without_namesakes(std::move(loaded), diagnostics));

    classify_requires(workspace);
    report_cycles(workspace, texts, diagnostics);
    check_cross_module_references(workspace, diagnostics);
    sort_unique(workspace.watched_files);
    return result;
}

LoadResult load_standalone_module(const fs::path& module_dir, const LoadOptions& options) {
    LoadResult result;
    Workspace& workspace = result.workspace;
    workspace.root = io::normalised_absolute(module_dir);
    const io::DisplayPaths paths = display_paths_for(workspace.root, options);

    auto loaded = load_module(workspace.root, paths, result.diagnostics, workspace.watched_files);
    if (!loaded)
        return result;
    Module& module = loaded->module;
    for (const Requirement& requirement : module.control.requirements) {
        module.extension_requires.push_back(requirement.name);
    }
    check_standalone_references(module, result.diagnostics);
    workspace.module_by_name.emplace(module.name, 0);
    workspace.modules.push_back(std::move(module));
    return result;
}

}  // namespace pgpm::workspace
