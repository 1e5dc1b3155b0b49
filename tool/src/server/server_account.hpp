#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>

#include <tl/expected.hpp>

#include "server/server_error.hpp"

namespace pgpm::server {

// The account the server programs run as. PostgreSQL refuses to run as root, so root hands
// the server to `postgres` (else `nobody`); anyone else runs it as themselves.
struct ServerAccount {
    bool switch_user = false;  // true when the child must drop to uid/gid before exec
    uid_t uid = 0;
    gid_t gid = 0;
    std::string name;
};

tl::expected<ServerAccount, ServerError> server_account();

// Makes `path` belong to the account (a no-op when the account is ourselves).
tl::expected<void, ServerError> hand_over(const ServerAccount& account,
                                          const std::filesystem::path& path);

// True when the account can walk down to `dir` (search permission on it and every parent).
bool can_reach(const ServerAccount& account, const std::filesystem::path& dir);

}  // namespace pgpm::server
