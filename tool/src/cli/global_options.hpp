#pragma once

#include <string>

namespace pgpm::cli {

// Options every command accepts, before or after the command name.
struct GlobalOptions {
    std::string directory;  // -C
    std::string database;   // -d/--database
    bool ephemeral = false;
    bool json = false;
    bool quiet = false;
    bool verbose = false;
    bool no_color = false;

    // Colour on stderr: not disabled by --no-color or NO_COLOR, and stderr is a terminal.
    bool color_on_stderr() const;
};

}  // namespace pgpm::cli
