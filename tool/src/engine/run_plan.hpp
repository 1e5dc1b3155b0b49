#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "engine/change_script.hpp"
#include "ledger/record.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::engine {

struct PlannedChange {
    const plan::Change* change = nullptr;
    ChangeScript script;  // its deploy or revert script
    // Deploy: the ledger's dependencies rows, "module:change" with tags resolved.
    std::vector<std::string> required;
    // When the change carries tags: the module's tags rows once it is deployed or reverted.
    std::optional<std::vector<ledger::TagRecord>> tags_after;
};

struct ModuleRun {
    const workspace::Module* module = nullptr;
    std::vector<PlannedChange> changes;  // deploy: plan order; revert: reverse plan order
    // Deploy: every change of the module is deployed afterwards, so it gets verified (false when
    // --to stops short of the module's last change).
    bool completes = false;
    // The ledger's tags rows of the module disagree with its deployed changes and no planned
    // change brings them in line: these are the rows it needs.
    std::optional<std::vector<ledger::TagRecord>> tags_to_sync;
    // Deploy: the verify scripts of every change of a completed module, which must pass.
    // Revert: those of the reverted changes, in `changes` order, which must now fail.
    std::vector<ChangeScript> verify;
};

enum class Direction { deploy, revert };

// What a deploy or revert will do, decided before anything runs.
struct RunPlan {
    Direction direction = Direction::deploy;
    std::vector<ModuleRun> modules;  // deploy: dependencies first; revert: dependents first
    Diagnostics warnings;            // reported, not refused (a revert of a drifted change)
    std::size_t change_count() const;
};

// Why a run refuses to start.
struct Refusal {
    enum class Kind {
        usage,          // an unknown --to: exit 2
        invalid_input,  // scripts that cannot be read or parsed: exit 3
        refused,        // drift, out-of-order plans, conflicts, dependents: exit 1
    };
    Kind kind = Kind::refused;
    Diagnostics diagnostics;
};

}  // namespace pgpm::engine
