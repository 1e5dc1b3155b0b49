#include "workspace/discovery.hpp"

#include <algorithm>
#include <system_error>
#include <utility>

#include "workspace/glob.hpp"

namespace pgpm::workspace {

namespace fs = std::filesystem;

namespace {

class ModuleSearch {
public:
    explicit ModuleSearch(const fs::path& root) : root_(root) {}

    void add_glob(const fs::path& base, std::string_view pattern) {
        GlobExpansion expansion = expand_glob(base, pattern);
        watch(expansion.searched_directories);
        for (const fs::path& directory : expansion.directories)
            search_below(directory);
    }

    // A missing folder is watched through its nearest existing ancestor, which notices it
    // being created.
    void watch_nearest_existing(fs::path directory) {
        std::error_code error;
        while (!fs::is_directory(directory, error) && directory.has_relative_path()) {
            directory = directory.parent_path();
        }
        result_.watched_directories.push_back(std::move(directory));
    }

    Discovery finish() && {
        auto& modules = result_.module_directories;
        std::vector<std::pair<std::string, fs::path>> keyed;
        keyed.reserve(modules.size());
        for (fs::path& directory : modules) {
            keyed.emplace_back(directory.lexically_relative(root_).generic_string(),
                               std::move(directory));
        }
        std::sort(keyed.begin(), keyed.end());
        keyed.erase(std::unique(keyed.begin(), keyed.end()), keyed.end());
        modules.clear();
        for (auto& entry : keyed)
            modules.push_back(std::move(entry.second));

        auto& watched = result_.watched_directories;
        std::sort(watched.begin(), watched.end());
        watched.erase(std::unique(watched.begin(), watched.end()), watched.end());
        return std::move(result_);
    }

private:
    // The nearest folders holding pgpm.plan at or below `top`; a module's own subfolders
    // (deploy/, nested fixtures) are not searched.
    void search_below(const fs::path& top) {
        std::vector<fs::path> pending{top};
        while (!pending.empty()) {
            fs::path directory = std::move(pending.back());
            pending.pop_back();
            std::error_code error;
            if (fs::is_regular_file(directory / "pgpm.plan", error)) {
                result_.module_directories.push_back(std::move(directory));
                continue;
            }
            result_.watched_directories.push_back(directory);
            for (fs::directory_iterator it(directory, error), end; !error && it != end;
                 it.increment(error)) {
                if (it->is_directory(error) && !it->is_symlink(error) &&
                    !is_skipped_directory_name(it->path().filename().string())) {
                    pending.push_back(it->path());
                }
            }
        }
    }

    void watch(const std::vector<fs::path>& directories) {
        result_.watched_directories.insert(result_.watched_directories.end(), directories.begin(),
                                           directories.end());
    }

    const fs::path& root_;
    Discovery result_;
};

}  // namespace

Discovery discover_modules(const fs::path& root, const std::vector<std::string>& package_globs,
                           const fs::path& extensions_dir) {
    ModuleSearch search(root);
    for (const std::string& glob : package_globs)
        search.add_glob(root, glob);
    std::error_code error;
    if (fs::is_directory(extensions_dir, error)) {
        search.add_glob(extensions_dir, "*");
        search.add_glob(extensions_dir, "@*/*");
    } else {
        search.watch_nearest_existing(extensions_dir);
    }
    return std::move(search).finish();
}

}  // namespace pgpm::workspace
