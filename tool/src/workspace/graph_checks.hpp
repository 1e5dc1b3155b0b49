#pragma once

#include <span>

#include "diag/diagnostic.hpp"
#include "workspace/module_loader.hpp"
#include "workspace/workspace.hpp"

namespace pgpm::workspace {

// Splits each module's requires into workspace modules and native extensions.
void classify_requires(Workspace& workspace);

// Reports every cycle among module requires once, as a path `a -> b -> a`, at the requirement
// that starts it. `texts` runs parallel to workspace.modules.
void report_cycles(const Workspace& workspace, std::span<const ModuleTexts> texts,
                   Diagnostics& diagnostics);

// Checks `module:change` and `module:@tag` plan dependencies: the module exists, is required
// directly or transitively, and has that change or tag.
void check_cross_module_references(const Workspace& workspace, Diagnostics& diagnostics);

// The same for a module outside any workspace, where only the direct requires can be seen.
void check_standalone_references(const Module& module, Diagnostics& diagnostics);

}  // namespace pgpm::workspace
