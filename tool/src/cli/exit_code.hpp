#pragma once

namespace pgpm::cli {

// SPEC §4 exit codes.
enum ExitCode : int {
    exit_success = 0,
    exit_failure = 1,        // the operation failed (SQL error, verify failure, drift)
    exit_usage = 2,          // bad command line
    exit_invalid_input = 3,  // invalid input files
    exit_unreachable = 4,    // cannot reach the server, or the database does not exist
    exit_lock_timeout = 5,
};

}  // namespace pgpm::cli
