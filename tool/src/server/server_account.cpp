#include "server/server_account.hpp"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

#include <fmt/format.h>

namespace pgpm::server {

namespace {

std::optional<ServerAccount> lookup(const char* name) {
    std::vector<char> buffer(16384);
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwnam_r(name, &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
        return std::nullopt;
    }
    return ServerAccount{true, entry.pw_uid, entry.pw_gid, entry.pw_name};
}

}  // namespace

tl::expected<ServerAccount, ServerError> server_account() {
    if (::geteuid() != 0) {
        return ServerAccount{false, ::geteuid(), ::getegid(), {}};
    }
    for (const char* name : {"postgres", "nobody"}) {
        if (auto account = lookup(name)) {
            return *account;
        }
    }
    return tl::unexpected(ServerError{
        "running as root, and neither a `postgres` nor a `nobody` account exists to run the "
        "embedded server as (PostgreSQL refuses to run as root)",
        "create a `postgres` account (the Debian `postgresql` package does), or run pgpm as an "
        "ordinary user"});
}

tl::expected<void, ServerError> hand_over(const ServerAccount& account,
                                          const std::filesystem::path& path) {
    if (!account.switch_user || ::chown(path.c_str(), account.uid, account.gid) == 0) {
        return {};
    }
    const int error = errno;
    return tl::unexpected(
        ServerError{fmt::format("cannot give {} to the `{}` account: {}", path.string(),
                                account.name, std::strerror(error)),
                    {}});
}

bool can_reach(const ServerAccount& account, const std::filesystem::path& dir) {
    if (!account.switch_user) {
        return true;
    }
    for (auto current = dir;; current = current.parent_path()) {
        struct stat info {};
        if (::stat(current.c_str(), &info) != 0) {
            return false;
        }
        const auto search = info.st_uid == account.uid   ? S_IXUSR
                            : info.st_gid == account.gid ? S_IXGRP
                                                         : S_IXOTH;
        if ((info.st_mode & search) == 0) {
            return false;
        }
        if (current == current.parent_path()) {
            return true;
        }
    }
}

}  // namespace pgpm::server
