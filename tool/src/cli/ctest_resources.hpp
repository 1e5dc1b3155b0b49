#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

// CTest resource allocation (`ctest --resource-spec-file`): a test whose RESOURCE_GROUPS asks for
// `pgpm_servers:<slots>` is given one server of the pool through the environment,
//   CTEST_RESOURCE_GROUP_COUNT=1
//   CTEST_RESOURCE_GROUP_0=pgpm_servers
//   CTEST_RESOURCE_GROUP_0_PGPM_SERVERS=id:<id>,slots:<n>
// and the id names the libpq service (PGSERVICEFILE, ~/.pg_service.conf) to connect through.
namespace pgpm::cli {

// The resource type of the CMake package's tests and of the resource spec file.
inline constexpr std::string_view kServerResourceType = "pgpm_servers";

// An environment variable's value; nullopt when it is not set.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// The id of the pgpm server CTest allocated to this process: nullopt when resource allocation is
// off (CTEST_RESOURCE_GROUP_COUNT unset or empty) or no group holds a pgpm_servers resource; an
// error message naming the variable when the allocation is malformed, or when it gives more than
// one server (pgpm uses one).
tl::expected<std::optional<std::string>, std::string> allocated_server(
    const EnvironmentLookup& lookup);

}  // namespace pgpm::cli
