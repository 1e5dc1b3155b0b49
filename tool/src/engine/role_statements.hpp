#pragma once

#include <string_view>

namespace pgpm::engine {

// Whether a script creates, alters or drops a role (`CREATE|ALTER|DROP ROLE|USER|GROUP`,
// anywhere in its text, so also inside DO blocks and function bodies; `USER MAPPING` is not a
// role). Roles are cluster-wide: test-packages runs such modules alone (SPEC §4).
bool touches_roles(std::string_view script);

}  // namespace pgpm::engine
