#include "engine/bootstrap_roles.hpp"

#include <array>
#include <string_view>

namespace pgpm::engine {

namespace {

struct RoleDefinition {
    std::string_view name;
    std::string_view statement;
};

constexpr std::array<RoleDefinition, 3> kRoles{{
    {"anonymous", "CREATE ROLE anonymous NOLOGIN NOBYPASSRLS"},
    {"authenticated", "CREATE ROLE authenticated NOLOGIN NOBYPASSRLS"},
    {"administrator", "CREATE ROLE administrator NOLOGIN BYPASSRLS"},
}};

}  // namespace

tl::expected<std::vector<BootstrapRole>, db::SqlError> bootstrap_roles(db::Connection& connection) {
    std::vector<BootstrapRole> roles;
    for (const auto& role : kRoles) {
        auto created = connection.exec(role.statement);
        if (!created && created.error().sqlstate != "42710" &&
            created.error().sqlstate != "23505") {
            return tl::unexpected(std::move(created.error()));
        }
        roles.push_back({std::string(role.name), created.has_value()});
    }
    return roles;
}

}  // namespace pgpm::engine
