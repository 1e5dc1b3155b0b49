#pragma once

#include <filesystem>
#include <string>

#include <tl/expected.hpp>

// Who plans a new plan entry and when (SPEC §4 `tag`; `add` finds them the same way).
namespace pgpm::cli {

struct PlannerIdentity {
    std::string name;
    std::string email;
};

// Each field on its own: PGPM_USER_NAME / PGPM_USER_EMAIL when set and not empty, else git's
// user.name / user.email as seen from `directory` (so a repository's own config counts), else
// the login name and `login@hostname`.
PlannerIdentity find_planner_identity(const std::filesystem::path& directory);

// `YYYY-MM-DDThh:mm:ssZ`: PGPM_FROZEN_TIME when set, else now, in UTC. The error names the
// variable and the value it could not read.
tl::expected<std::string, std::string> plan_timestamp();

}  // namespace pgpm::cli
