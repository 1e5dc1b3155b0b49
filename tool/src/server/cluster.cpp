#include "server/cluster.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <boost/process/args.hpp>
#include <boost/process/child.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/start_dir.hpp>

#include "io/text_file.hpp"
#include "server/child_setup.hpp"
#include "server/cluster_cleanup.hpp"
#include "server/cluster_marker.hpp"
#include "server/cluster_paths.hpp"
#include "server/interrupt_cleanup.hpp"
#include "server/process_control.hpp"
#include "server/server_account.hpp"
#include "server/server_log.hpp"

namespace pgpm::server {

namespace fs = std::filesystem;
namespace bp = boost::process;

namespace {

// A unix socket address holds 107 bytes and a NUL.
constexpr std::size_t kMaxSocketPath = 107;
constexpr std::string_view kFallbackRoot = "/tmp";
constexpr std::chrono::milliseconds kReadyPoll{20};

// Called right after the failing call: reads errno before anything can change it.
ServerError system_error(std::string_view what, const fs::path& path) {
    const int error = errno;
    return {fmt::format("{} {}: {}", what, path.string(), std::strerror(error)), {}};
}

// Where the cluster folder goes: the requested root unless the socket path would not fit
// under it, the server's account could not reach it, or it holds a comma (libpq reads PGHOST
// as a comma-separated list).
fs::path cluster_root(const fs::path& temp_root, const ServerAccount& account) {
    std::error_code error;
    auto root = fs::canonical(temp_root, error);
    const auto socket_path =
        fmt::format("{}/{}XXXXXX/socket/.s.PGSQL.{}", root.string(), kClusterPrefix, kPort);
    if (error || socket_path.size() > kMaxSocketPath || !can_reach(account, root) ||
        root.string().find(',') != std::string::npos) {
        return fs::path(kFallbackRoot);
    }
    return root;
}

// The log the server programs write to, through a descriptor they inherit (so the file needs
// no particular owner). Kept above the standard descriptors so that dup2 onto them works.
class LogFile {
public:
    explicit LogFile(const fs::path& path)
        : fd_(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644)) {
        if (fd_ >= 0 && fd_ <= STDERR_FILENO) {
            const int moved = ::fcntl(fd_, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
            ::close(fd_);
            fd_ = moved;
        }
    }
    LogFile(const LogFile&) = delete;
    LogFile& operator=(const LogFile&) = delete;
    ~LogFile() {
        if (fd_ >= 0) {
            ::close(fd_);
        }
    }

    int fd() const { return fd_; }

    std::size_t size() const {
        struct stat info {};
        return ::fstat(fd_, &info) == 0 ? static_cast<std::size_t>(info.st_size) : 0;
    }

private:
    int fd_;
};

class Launcher {
public:
    Launcher(Binaries binaries, ServerAccount account, fs::path root, fs::path server_dir,
             std::uint64_t cleanup_id)
        : binaries_(std::move(binaries)),
          account_(std::move(account)),
          root_(std::move(root)),
          server_dir_(std::move(server_dir)),
          cleanup_id_(cleanup_id) {}

    tl::expected<ServerInfo, ServerError> launch(std::chrono::seconds timeout) {
        return make_folder()
            .and_then([&] { return open_log(); })
            .and_then([&] { return run_initdb(); })
            .and_then([&] { return start_postmaster(); })
            .and_then([&] { return wait_until_ready(timeout); })
            .map([&] {
                return ServerInfo{env(), postmaster_pid_, paths_.dir};
            });
    }

    // Undoes a failed launch, keeping the log; returns the error with the log's final place.
    ServerError abandon(ServerError error) {
        log_.reset();
        if (!paths_.dir.empty()) {
            if (server_dir_.empty()) {
                const auto kept = root_ / (paths_.dir.filename().string() + ".log");
                std::error_code not_moved;
                fs::rename(log_path_, kept, not_moved);
                log_path_ = not_moved ? fs::path() : kept;
            }
            destroy_cluster(paths_, postmaster_pid_);
        }
        std::error_code ignored;
        if (error.hint.empty() && !log_path_.empty() && fs::exists(log_path_, ignored)) {
            error.hint = fmt::format("the full log is {}", log_path_.string());
        }
        return error;
    }

private:
    tl::expected<void, ServerError> make_folder() {
        auto pattern = (root_ / fmt::format("{}XXXXXX", kClusterPrefix)).string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            return tl::unexpected(system_error("cannot create a folder in", root_));
        }
        paths_.dir = pattern;
        track_cluster(cleanup_id_, paths_);
        // The account must pass through the folder to reach data/ and socket/, which are its
        // own; the marker stays ours.
        if (account_.switch_user && ::chmod(paths_.dir.c_str(), 0711) != 0) {
            return tl::unexpected(system_error("cannot open up", paths_.dir));
        }
        if (auto written = write_marker(paths_, marker_for_this_process()); !written) {
            return written;
        }
        for (const auto& dir : {paths_.data(), paths_.socket()}) {
            if (::mkdir(dir.c_str(), 0700) != 0) {
                return tl::unexpected(system_error("cannot create", dir));
            }
            if (auto handed = hand_over(account_, dir); !handed) {
                return handed;
            }
        }
        return {};
    }

    tl::expected<void, ServerError> open_log() {
        log_path_ = server_dir_.empty() ? paths_.log() : server_dir_ / "server.log";
        log_.emplace(log_path_);
        if (log_->fd() < 0) {
            return tl::unexpected(system_error("cannot write", log_path_));
        }
        return {};
    }

    tl::expected<pid_t, ServerError> spawn(const fs::path& program,
                                           const std::vector<std::string>& args,
                                           ChildLifetime lifetime) {
        ChildSetup setup;
        setup.account = account_;
        setup.lifetime = lifetime;
        setup.output_fd = log_->fd();
        setup.tool_pid = ::getpid();
        try {
            bp::child child(bp::exe = program.string(), bp::args = args,
                            bp::start_dir = paths_.dir.string(), setup);
            const pid_t pid = child.id();
            track_process(cleanup_id_, pid);
            child.detach();
            return pid;
        } catch (const std::system_error& error) {
            return tl::unexpected(
                ServerError{fmt::format("cannot run {}: {}", program.string(), error.what()), {}});
        }
    }

    tl::expected<void, ServerError> run_initdb() {
        // -N: no fsync, the cluster is thrown away.
        const std::vector<std::string> args = {
            "-D", paths_.data().string(),  "-A", "trust", "-E", "UTF8", "--locale=C",
            "-U", std::string(kSuperuser), "-N"};
        auto pid = spawn(binaries_.initdb, args, ChildLifetime::with_tool);
        if (!pid) {
            return tl::unexpected(pid.error());
        }
        const auto status = wait_for_child(*pid);
        track_process(cleanup_id_, 0);
        if (status && WIFEXITED(*status) && WEXITSTATUS(*status) == 0) {
            return {};
        }
        const auto line = explaining_line(io::read_file(log_path_).value_or(""));
        return tl::unexpected(ServerError{line.empty()
                                              ? fmt::format("{} failed", binaries_.initdb.string())
                                              : fmt::format("initdb failed: {}", line),
                                          {}});
    }

    tl::expected<void, ServerError> start_postmaster() {
        server_log_start_ = log_->size();
        std::vector<std::string> args = {
            "-D", paths_.data().string(), "-k", paths_.socket().string(), "-p", std::string(kPort)};
        // Throw-away data: durability only costs time. Small shared buffers: every commit that
        // drops a relation scans all of them (DropRelFileNodesAllBuffers), and a migration test is
        // hundreds of such commits (a revert per change, a database dropped per module); the
        // operating system caches the data files anyway.
        for (const char* setting : {"listen_addresses=", "fsync=off", "full_page_writes=off",
                                    "synchronous_commit=off", "shared_buffers=32MB"}) {
            args.insert(args.end(), {"-c", setting});
        }
        auto pid = spawn(binaries_.postgres, args,
                         server_dir_.empty() ? ChildLifetime::with_tool : ChildLifetime::detached);
        if (!pid) {
            return tl::unexpected(pid.error());
        }
        postmaster_pid_ = *pid;
        auto marker = marker_for_this_process();
        marker.postmaster_pid = postmaster_pid_;
        marker.server_dir = server_dir_;
        return write_marker(paths_, marker);
    }

    tl::expected<void, ServerError> wait_until_ready(std::chrono::seconds timeout) {
        const auto settings = env();
        const char* const keys[] = {"host", "port", "user", "dbname", "connect_timeout", nullptr};
        const char* const values[] = {settings.host.c_str(),
                                      settings.port.c_str(),
                                      settings.user.c_str(),
                                      settings.database.c_str(),
                                      "5",
                                      nullptr};
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const auto ping = PQpingParams(keys, values, 0);
            if (ping == PQPING_OK) {
                return {};
            }
            if (ping == PQPING_NO_ATTEMPT) {
                return tl::unexpected(ServerError{
                    fmt::format("libpq would not try to connect to the embedded server at {}",
                                settings.host),
                    "check the PG* variables and the service file of the environment"});
            }
            if (!process_alive(postmaster_pid_)) {
                return tl::unexpected(server_failure("the embedded PostgreSQL server exited"));
            }
            if (std::chrono::steady_clock::now() >= deadline) {
                return tl::unexpected(server_failure(fmt::format(
                    "the embedded PostgreSQL server was not ready after {} s", timeout.count())));
            }
            std::this_thread::sleep_for(kReadyPoll);
        }
    }

    ServerError server_failure(std::string what) const {
        const auto log = io::read_file(log_path_).value_or("");
        const auto line =
            explaining_line(std::string_view(log).substr(std::min(server_log_start_, log.size())));
        return {line.empty() ? what : fmt::format("{}: {}", what, line), {}};
    }

    ServerEnv env() const {
        return {paths_.socket().string(), std::string(kPort), std::string(kSuperuser), "postgres"};
    }

    Binaries binaries_;
    ServerAccount account_;
    fs::path root_;
    fs::path server_dir_;
    std::uint64_t cleanup_id_;
    ClusterPaths paths_;
    fs::path log_path_;
    std::optional<LogFile> log_;
    std::size_t server_log_start_ = 0;
    pid_t postmaster_pid_ = 0;
};

}  // namespace

tl::expected<LaunchedCluster, ServerError> launch_cluster(const ServerOptions& options,
                                                          const fs::path& server_dir) {
    auto binaries = locate_binaries(options.search);
    if (!binaries) {
        return tl::unexpected(binaries.error());
    }
    auto account = server_account();
    if (!account) {
        return tl::unexpected(account.error());
    }
    auto root = cluster_root(options.temp_root, *account);
    reap_stale_clusters(root);

    const auto cleanup_id = register_cleanup();
    Launcher launcher(std::move(*binaries), std::move(*account), std::move(root), server_dir,
                      cleanup_id);
    auto info = launcher.launch(options.start_timeout);
    if (info) {
        return LaunchedCluster{std::move(*info), cleanup_id};
    }
    if (!unregister_cleanup(cleanup_id)) {
        return tl::unexpected(info.error());
    }
    return tl::unexpected(launcher.abandon(std::move(info.error())));
}

}  // namespace pgpm::server
