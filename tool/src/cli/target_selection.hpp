#pragma once

#include <string>
#include <vector>

#include <tl/expected.hpp>

#include "diag/diagnostic.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::cli {

// Which modules a command works on (SPEC §4 "Which modules").
struct TargetRequest {
    std::string module;      // positional MODULE or --package; empty when not given
    bool workspace = false;  // --workspace
};

struct Targets {
    workspace::Workspace workspace;
    Diagnostics diagnostics;                        // from loading; may hold errors
    std::vector<const workspace::Module*> modules;  // the selected modules, in path order
};

struct UsageError {
    std::string message;
};

// Loads the workspace (or lone module) around the working directory and picks the modules the
// request names. Loading problems are returned in Targets::diagnostics, not as an error, so a
// command can report them together with its own findings.
tl::expected<Targets, UsageError> select_targets(const TargetRequest& request);

}  // namespace pgpm::cli
