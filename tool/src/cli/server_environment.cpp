#include "cli/server_environment.hpp"

#include <cstdlib>
#include <iostream>

#include "cli/exit_code.hpp"

namespace pgpm::cli {

namespace {
std::string environment_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}
}  // namespace

server::ServerOptions server_options_from_environment() {
    server::ServerOptions options;
    if (const char* bindir = std::getenv("PGPM_PG_BINDIR"); bindir != nullptr && *bindir != '\0') {
        options.search.path = bindir;
        options.search.versioned_roots.clear();
    } else {
        options.search.path = environment_or("PATH", "");
    }
    options.temp_root = environment_or("TMPDIR", "/tmp");
    return options;
}

void apply_server_env(const server::ServerEnv& env) {
    for (const auto name : server::kOverridingVariables)
        unsetenv(std::string(name).c_str());
    for (const auto& [name, value] : env.variables())
        setenv(name.c_str(), value.c_str(), 1);
}

void print_server_error(const server::ServerError& error, const GlobalOptions& options) {
    const char* red = options.color_on_stderr() ? "\033[1;31m" : "";
    const char* reset = options.color_on_stderr() ? "\033[0m" : "";
    std::cerr << "pgpm: " << red << "error:" << reset << ' ' << error.message << '\n';
    if (!error.hint.empty())
        std::cerr << "hint: " << error.hint << '\n';
}

int ServerEnvironment::prepare(const GlobalOptions& options) {
    if (options.ephemeral) {
        server::install_interrupt_cleanup();
        auto started = server::EphemeralServer::start(server_options_from_environment());
        if (!started) {
            print_server_error(started.error(), options);
            return exit_unreachable;
        }
        ephemeral_.emplace(std::move(*started));
        apply_server_env(ephemeral_->env());
        return exit_success;
    }
    if (const char* dir = std::getenv("PGPM_SERVER_DIR"); dir != nullptr && *dir != '\0') {
        auto env = server::read_env(dir);
        if (!env) {
            print_server_error(env.error(), options);
            return exit_unreachable;
        }
        apply_server_env(*env);
    }
    return exit_success;
}

}  // namespace pgpm::cli
