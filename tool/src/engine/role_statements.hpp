#pragma once

#include <string_view>

#include "workspace/workspace.hpp"

namespace pgpm::engine {

// Whether a script creates, alters or drops a role (`CREATE|ALTER|DROP ROLE|USER|GROUP`,
// anywhere in its text, so also inside DO blocks and function bodies; `USER MAPPING` is not a
// role). Roles are cluster-wide: test-packages runs such modules alone (SPEC §4).
bool touches_roles(std::string_view script);

// Whether any deploy, revert or verify script of the module does.
bool module_touches_roles(const workspace::Module& module);

}  // namespace pgpm::engine
