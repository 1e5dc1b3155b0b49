#pragma once

#include <string>

namespace pgpm::server {

// Anything that keeps the embedded server from being found, started or stopped; the CLI maps
// every one to exit code 4.
struct ServerError {
    std::string message;  // what failed, quoting the tool's own explaining line when there is one
    std::string hint;     // what to do about it, or where the full log is; may be empty
};

}  // namespace pgpm::server
