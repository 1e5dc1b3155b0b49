#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "server/server_error.hpp"

namespace pgpm::server {

// Where to look for the server programs. The CLI builds it from the real environment; tests
// point it at empty places instead of changing the process's environment.
struct BinarySearch {
    std::string path;  // PATH-style, ':'-separated; also where `pg_config` is looked for
    // Folders holding one `<version>/bin` per installed major version (Debian's layout); the
    // newest version wins.
    std::vector<std::filesystem::path> versioned_roots = {"/usr/lib/postgresql"};
};

struct Binaries {
    std::filesystem::path initdb;
    std::filesystem::path postgres;
};

// Finds `initdb` and `postgres` in one folder (initdb runs the postgres next to itself): the
// first PATH entry holding both, else `pg_config --bindir`, else the newest versioned root.
// The error names both programs and every place looked at.
tl::expected<Binaries, ServerError> locate_binaries(const BinarySearch& search);

}  // namespace pgpm::server
