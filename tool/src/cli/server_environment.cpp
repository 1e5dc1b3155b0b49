#include "cli/server_environment.hpp"

#include <cstdlib>
#include <iostream>

#include "cli/ctest_resources.hpp"
#include "cli/exit_code.hpp"
#include "server/temp_root.hpp"

namespace pgpm::cli {

namespace {
std::string environment_or(const char* name, const char* fallback) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : fallback;
}

std::optional<std::string> environment(const std::string& name) {
    const char* value = std::getenv(name.c_str());
    return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
}

// A server of the pool CTest allocated to this test (`ctest --resource-spec-file`): its id names
// the libpq service to use. The variables that would fill in what the service leaves out with
// another server's host or port go.
void apply_service(const std::string& service, const GlobalOptions& options) {
    for (const char* name : {"PGHOST", "PGHOSTADDR", "PGPORT"})
        unsetenv(name);
    setenv("PGSERVICE", service.c_str(), 1);
    if (!options.quiet)
        std::cerr << "pgpm: using service=" << service << " (the CTest resource "
                  << kServerResourceType << " of this test)\n";
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
    const auto tmpdir = environment_or("TMPDIR", "");
    options.temp_root =
        tmpdir.empty() ? server::default_temp_root() : std::filesystem::path(tmpdir);
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
    // CTest's allocation wins over PGPM_SERVER_DIR, which names the embedded server the tests of
    // the CMake package start when they have no other.
    auto allocated = allocated_server(environment);
    if (!allocated) {
        print_server_error({.message = "malformed CTest resource allocation: " + allocated.error(),
                            .hint = "run the test through ctest, or unset the CTEST_RESOURCE_* "
                                    "variables"},
                           options);
        return exit_unreachable;
    }
    if (*allocated) {
        apply_service(**allocated, options);
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
