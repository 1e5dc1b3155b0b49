// PostgreSQL for the benchmarks: the real psql, and the embedded server of `pgpm server`.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace pgpm_bench {

// The real psql (`pg_config --bindir`, else the newest /usr/lib/postgresql/<ver>/bin), never
// Debian's /usr/bin/psql: that is a Perl wrapper costing ~16 ms per start, which would flatter
// pgpm.
std::string find_psql();

// The embedded server of folder `dir`, started by the constructor with `pgpm server start` and
// stopped by the destructor, also on failure.
class Server {
public:
    Server(std::string pgpm, std::filesystem::path dir);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Puts the server's PG* settings (`pgpm server env`) into our environment, which psql and
    // pgpm inherit.
    void export_settings() const;

private:
    std::string pgpm_;
    std::filesystem::path dir_;
};

// Runs `work` with the PG* settings of an embedded server in `dir`, started before and stopped
// after, also when `work` throws. PGPM_SERVER_DIR is unset first: our server's settings decide
// where pgpm, psql and anything else we start connect, not a server folder from outside.
void with_embedded_server(const std::string& pgpm, const std::filesystem::path& dir,
                          const std::function<void()>& work);

}  // namespace pgpm_bench
