#include "server_test_support.hpp"

#include <libpq-fe.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <thread>

namespace pgpm::server::test {

namespace fs = std::filesystem;

TestRoot::TestRoot() {
    std::string pattern = "/tmp/pgpm_test.XXXXXX";
    if (::mkdtemp(pattern.data()) != nullptr) {
        path_ = pattern;
        ::chmod(path_.c_str(), 0755);
    }
}

// A failed assertion can leave a server running, detached ones even past the test program.
TestRoot::~TestRoot() {
    std::error_code error;
    for (fs::recursive_directory_iterator it(path_, error), end; !error && it != end;
         it.increment(error)) {
        if (it->path().filename() == "postmaster.pid") {
            std::ifstream pid_file(it->path());
            pid_t pid = 0;
            if (pid_file >> pid && pid > 0) {
                ::kill(pid, SIGQUIT);
                wait_until_gone(pid, std::chrono::seconds(5));
            }
        }
    }
    fs::remove_all(path_, error);
}

ServerOptions TestRoot::options() const {
    ServerOptions options;
    const char* path = std::getenv("PATH");
    options.search.path = path == nullptr ? "" : path;
    options.temp_root = path_;
    return options;
}

int TestRoot::cluster_count() const {
    int count = 0;
    for (const auto& entry : fs::directory_iterator(path_)) {
        const auto name = entry.path().filename().string();
        count += entry.is_directory() && name.starts_with("pgpm-") ? 1 : 0;
    }
    return count;
}

std::string query(const ServerEnv& env, const char* sql) {
    const char* const keys[] = {"host", "port", "user", "dbname", nullptr};
    const char* const values[] = {env.host.c_str(), env.port.c_str(), env.user.c_str(),
                                  env.database.c_str(), nullptr};
    PGconn* connection = PQconnectdbParams(keys, values, 0);
    std::string value;
    if (PQstatus(connection) != CONNECTION_OK) {
        value = std::string("error: ") + PQerrorMessage(connection);
    } else {
        PGresult* result = PQexec(connection, sql);
        value = PQresultStatus(result) == PGRES_TUPLES_OK && PQntuples(result) == 1
                    ? PQgetvalue(result, 0, 0)
                    : std::string("error: ") + PQresultErrorMessage(result);
        PQclear(result);
    }
    PQfinish(connection);
    return value;
}

bool process_running(pid_t pid) {
    if (pid <= 0 || ::kill(pid, 0) != 0) {
        return false;
    }
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto after_name = line.rfind(") ");
    return after_name != std::string::npos && line.compare(after_name + 2, 1, "Z") != 0;
}

bool wait_until_gone(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (process_running(pid)) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

ForkedChild::~ForkedChild() {
    signal_and_wait(SIGKILL);
}

int ForkedChild::signal_and_wait(int signal) {
    int status = 0;
    if (pid_ > 0) {
        if (signal != 0) {
            ::kill(pid_, signal);
        }
        ::waitpid(pid_, &status, 0);
        pid_ = 0;
    }
    return status;
}

std::string read_to_end(int fd) {
    std::string text;
    char buffer[512];
    for (ssize_t n; (n = ::read(fd, buffer, sizeof buffer)) > 0;) {
        text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
}

}  // namespace pgpm::server::test
