#include "server/binaries.hpp"

#include <unistd.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <system_error>

#include <fmt/format.h>
#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/io.hpp>
#include <boost/process/pipe.hpp>

namespace pgpm::server {

namespace fs = std::filesystem;
namespace bp = boost::process;

namespace {

bool is_executable(const fs::path& file) {
    std::error_code error;
    return fs::is_regular_file(file, error) && ::access(file.c_str(), X_OK) == 0;
}

bool holds_both(const fs::path& dir) {
    return is_executable(dir / "initdb") && is_executable(dir / "postgres");
}

Binaries binaries_in(const fs::path& dir) {
    return {dir / "initdb", dir / "postgres"};
}

// Empty entries (the current directory, to a shell) are skipped: a server binary is never
// meant to come from wherever the tool happens to run.
std::vector<fs::path> split_path(std::string_view path) {
    std::vector<fs::path> dirs;
    while (!path.empty()) {
        const auto end = std::min(path.find(':'), path.size());
        if (end > 0) {
            dirs.push_back(fs::absolute(fs::path(path.substr(0, end))));
        }
        path.remove_prefix(std::min(end + 1, path.size()));
    }
    return dirs;
}

std::string join(const std::vector<fs::path>& dirs) {
    std::string text;
    for (const auto& dir : dirs) {
        text += (text.empty() ? "" : ", ") + dir.string();
    }
    return text;
}

// The first line `pg_config --bindir` prints, or nothing when it fails.
std::optional<fs::path> pg_config_bindir(const fs::path& pg_config) {
    try {
        bp::ipstream out;
        bp::child child(bp::exe = pg_config.string(), bp::args = {"--bindir"}, bp::std_out > out,
                        bp::std_err > bp::null, bp::std_in < bp::null);
        std::string line;
        std::getline(out, line);
        child.wait();
        if (child.exit_code() != 0 || line.empty()) {
            return std::nullopt;
        }
        return fs::path(line);
    } catch (const std::system_error&) {
        return std::nullopt;
    }
}

// "15" < "16", "9.6" < "10": numeric, part by part; nothing for a name that is no version.
std::optional<std::vector<int>> version_of(const std::string& name) {
    std::vector<int> parts;
    int part = -1;
    for (char c : name + ".") {
        if (c >= '0' && c <= '9') {
            part = (part < 0 ? 0 : part * 10) + (c - '0');
        } else if (c == '.' && part >= 0) {
            parts.push_back(part);
            part = -1;
        } else {
            return std::nullopt;
        }
    }
    return parts;
}

std::optional<fs::path> newest_versioned_bin(const fs::path& root) {
    std::optional<std::vector<int>> newest_version;
    std::optional<fs::path> newest;
    std::error_code error;
    for (fs::directory_iterator it(root, error), end; !error && it != end; it.increment(error)) {
        const auto version = version_of(it->path().filename().string());
        const auto bin = it->path() / "bin";
        if (version && holds_both(bin) && (!newest_version || *version > *newest_version)) {
            newest_version = version;
            newest = bin;
        }
    }
    return newest;
}

}  // namespace

tl::expected<Binaries, ServerError> locate_binaries(const BinarySearch& search) {
    const auto path_dirs = split_path(search.path);
    std::vector<std::string> looked;

    const auto on_path = std::find_if(path_dirs.begin(), path_dirs.end(), holds_both);
    if (on_path != path_dirs.end()) {
        return binaries_in(*on_path);
    }
    looked.push_back(path_dirs.empty() ? "PATH (empty)"
                                       : fmt::format("PATH ({})", join(path_dirs)));

    const auto pg_config = std::find_if(path_dirs.begin(), path_dirs.end(), [](const auto& dir) {
        return is_executable(dir / "pg_config");
    });
    if (pg_config == path_dirs.end()) {
        looked.push_back("`pg_config --bindir` (no pg_config on PATH)");
    } else if (const auto bindir = pg_config_bindir(*pg_config / "pg_config")) {
        if (holds_both(*bindir)) {
            return binaries_in(*bindir);
        }
        looked.push_back(fmt::format("`pg_config --bindir` ({})", bindir->string()));
    } else {
        looked.push_back(
            fmt::format("`pg_config --bindir` ({} failed)", (*pg_config / "pg_config").string()));
    }

    for (const auto& root : search.versioned_roots) {
        if (const auto bin = newest_versioned_bin(root)) {
            return binaries_in(*bin);
        }
        looked.push_back((root / "<version>" / "bin").string());
    }

    std::string places;
    for (const auto& place : looked) {
        places += (places.empty() ? "" : "; ") + place;
    }
    return tl::unexpected(ServerError{
        fmt::format("cannot find the PostgreSQL server programs initdb and postgres (both in "
                    "one folder); looked in {}",
                    places),
        "install the PostgreSQL server: the `postgresql` package on Debian and Ubuntu "
        "(apt-get install postgresql), or put its bin folder on PATH"});
}

}  // namespace pgpm::server
