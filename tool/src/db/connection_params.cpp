#include "db/connection_params.hpp"

#include <libpq-fe.h>

#include <memory>

namespace pgpm::db {

namespace {

// Scripts are UTF-8 (SPEC §3) whatever the database's encoding; the server converts. Client
// settings the target names explicitly still win, as they come later.
ConnectParams base_params(bool expand_dbname) {
    return {{{"client_encoding", "UTF8"}, {"fallback_application_name", "pgpm"}}, expand_dbname};
}

struct ConninfoOptionsDeleter {
    void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

}  // namespace

bool is_connection_string(std::string_view target) {
    return target.starts_with("postgresql://") || target.starts_with("postgres://") ||
           target.find('=') != std::string_view::npos;
}

ConnectParams target_params(const std::string& target) {
    auto params = base_params(true);
    if (!target.empty()) {
        params.pairs.emplace_back("dbname", target);
    }
    return params;
}

tl::expected<ConnectParams, std::string> params_with_database(const std::string& target,
                                                              const std::string& database) {
    // Not expanded: the database name is only a name, and the target's values are already
    // split into keywords.
    auto params = base_params(false);
    if (is_connection_string(target)) {
        char* error = nullptr;
        std::unique_ptr<PQconninfoOption, ConninfoOptionsDeleter> options(
            PQconninfoParse(target.c_str(), &error));
        if (!options) {
            std::string message = error != nullptr ? error : "out of memory";
            PQfreemem(error);
            return tl::unexpected(message);
        }
        for (const auto* option = options.get(); option->keyword != nullptr; ++option) {
            if (option->val != nullptr && std::string_view(option->keyword) != "dbname") {
                params.pairs.emplace_back(option->keyword, option->val);
            }
        }
    }
    params.pairs.emplace_back("dbname", database);
    return params;
}

}  // namespace pgpm::db
