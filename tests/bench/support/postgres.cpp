#include "postgres.hpp"

#include <errno.h>
#include <stdlib.h>

#include <iostream>
#include <sstream>
#include <stdexcept>

#include "files.hpp"
#include "process.hpp"

namespace pgpm_bench {

namespace fs = std::filesystem;

std::string find_psql() {
    try {
        const auto from_pg_config = fs::path(trim(capture({"pg_config", "--bindir"}))) / "psql";
        if (fs::exists(from_pg_config) && from_pg_config != "/usr/bin/psql")
            return from_pg_config.string();
    } catch (const std::exception&) {
        // No pg_config on the PATH: look in Debian's versioned folders below.
    }
    fs::path newest;
    int newest_version = -1;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", error)) {
        const auto candidate = entry.path() / "bin" / "psql";
        const int version = std::atoi(entry.path().filename().c_str());
        if (version > newest_version && fs::exists(candidate)) {
            newest_version = version;
            newest = candidate;
        }
    }
    if (newest.empty())
        throw std::runtime_error("no psql found (pg_config --bindir, /usr/lib/postgresql/*/bin)");
    return newest.string();
}

Server::Server(std::string pgpm, fs::path dir) : pgpm_(std::move(pgpm)), dir_(std::move(dir)) {
    fs::create_directories(dir_);
    if (run({pgpm_, "-q", "server", "start", "--dir", dir_.string()}, -1, -1).exit_code != 0)
        throw std::runtime_error("`pgpm server start` failed");
}

Server::~Server() {
    try {
        run({pgpm_, "-q", "server", "stop", "--dir", dir_.string()}, -1, -1);
    } catch (const std::exception& error) {
        std::cerr << program_invocation_short_name << ": stopping the server: " << error.what()
                  << '\n';
    }
}

void Server::export_settings() const {
    std::istringstream lines(capture({pgpm_, "server", "env", "--dir", dir_.string()}));
    bool host = false;
    for (std::string line; std::getline(lines, line);) {
        line = trim(line);
        if (line.rfind("export ", 0) == 0)
            line.erase(0, 7);
        if (const auto equals = line.find('='); equals != std::string::npos) {
            const auto name = line.substr(0, equals);
            setenv(name.c_str(), line.substr(equals + 1).c_str(), 1);
            host = host || name == "PGHOST";
        }
    }
    if (!host)
        throw std::runtime_error("`pgpm server env` printed no PGHOST");
}

void with_embedded_server(const std::string& pgpm, const fs::path& dir,
                          const std::function<void()>& work) {
    unsetenv("PGPM_SERVER_DIR");
    Server server(pgpm, dir);
    server.export_settings();
    work();
}

}  // namespace pgpm_bench
