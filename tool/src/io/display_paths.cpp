#include "io/display_paths.hpp"

#include <algorithm>
#include <system_error>

namespace pgpm::io {

namespace fs = std::filesystem;

DisplayPaths::DisplayPaths(fs::path base) : base_(std::move(base)) {}

std::string DisplayPaths::show(const fs::path& absolute_path) const {
    const fs::path relative = absolute_path.lexically_relative(base_);
    // An empty result means the paths share no root (another drive, say): the absolute path is
    // the only honest spelling.
    if (relative.empty())
        return absolute_path.generic_string();
    return relative.generic_string();
}

fs::path normalised_absolute(const fs::path& path) {
    std::error_code error;
    fs::path absolute = fs::absolute(path, error);
    if (error)
        absolute = path;
    fs::path canonical = fs::weakly_canonical(absolute, error);
    if (error)
        canonical = absolute;
    canonical = canonical.lexically_normal();
    // lexically_normal keeps a trailing separator as an empty last element; drop it so that
    // equal folders compare equal.
    if (!canonical.has_filename() && canonical.has_relative_path()) {
        canonical = canonical.parent_path();
    }
    return canonical;
}

bool is_within(const fs::path& path, const fs::path& directory) {
    return std::mismatch(directory.begin(), directory.end(), path.begin(), path.end()).first ==
           directory.end();
}

}  // namespace pgpm::io
