#include "process.hpp"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "files.hpp"

extern char** environ;

namespace pgpm_bench {

namespace fs = std::filesystem;

volatile std::sig_atomic_t interrupted = 0;

namespace {

// Ctrl-C reaches the child too (same process group); we only note it, and the next run_logged
// throws.
extern "C" void on_interrupt(int) {
    interrupted = 1;
}

// Closes a descriptor when it goes out of scope, also when an exception passes.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : fd_(fd) {}
    ~FileDescriptor() { reset(); }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return fd_; }
    void reset() {
        if (fd_ >= 0)
            close(fd_);
        fd_ = -1;
    }

private:
    int fd_;
};

}  // namespace

void install_interrupt_handlers() {
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGHUP, &action, nullptr);
    signal(SIGPIPE, SIG_IGN);
}

pid_t spawn(const std::vector<std::string>& argv, int out_fd, int err_fd) {
    std::vector<char*> args;
    for (const auto& arg : argv)
        args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (out_fd >= 0)
        posix_spawn_file_actions_adddup2(&actions, out_fd, STDOUT_FILENO);
    if (err_fd >= 0)
        posix_spawn_file_actions_adddup2(&actions, err_fd, STDERR_FILENO);
    // We ignore SIGPIPE (see install_interrupt_handlers); the child gets the default back.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    sigset_t default_signals;
    sigemptyset(&default_signals);
    sigaddset(&default_signals, SIGPIPE);
    posix_spawnattr_setsigdefault(&attributes, &default_signals);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    const int error = posix_spawnp(&pid, args[0], &actions, &attributes, args.data(), environ);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    if (error != 0)
        throw std::runtime_error(fmt::format("cannot start {}: {}", argv[0], std::strerror(error)));
    return pid;
}

Finished wait_for(pid_t pid, std::chrono::steady_clock::time_point started) {
    int status = 0;
    rusage usage{};
    while (wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR)
            throw std::runtime_error(fmt::format("wait4: {}", std::strerror(errno)));
    }
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
    const int exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    const auto cpu = [](const timeval& time) { return time.tv_sec + time.tv_usec * 1e-6; };
    return {exit_code, elapsed.count(), cpu(usage.ru_utime) + cpu(usage.ru_stime), usage.ru_maxrss};
}

Finished run(const std::vector<std::string>& argv, int out_fd, int err_fd) {
    const auto started = std::chrono::steady_clock::now();
    return wait_for(spawn(argv, out_fd, err_fd), started);
}

Finished run_logged(const std::vector<std::string>& argv, const fs::path& log) {
    FileDescriptor fd(open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0)
        throw std::runtime_error(
            fmt::format("cannot open {}: {}", log.string(), std::strerror(errno)));
    const auto finished = run(argv, fd.get(), fd.get());
    fd.reset();
    if (interrupted)
        throw std::runtime_error("interrupted");
    if (finished.exit_code != 0) {
        throw std::runtime_error(fmt::format("`{}` exited with {}; it printed:\n{}", join(argv),
                                             finished.exit_code, read_text(log)));
    }
    return finished;
}

std::string capture(const std::vector<std::string>& argv) {
    int pipe_fds[2];
    if (pipe2(pipe_fds, O_CLOEXEC) != 0)
        throw std::runtime_error(fmt::format("pipe: {}", std::strerror(errno)));
    FileDescriptor read_end(pipe_fds[0]);
    FileDescriptor write_end(pipe_fds[1]);
    const auto started = std::chrono::steady_clock::now();
    const pid_t pid = spawn(argv, write_end.get(), -1);
    write_end.reset();  // so that read sees the end when the child exits
    std::string output;
    char buffer[4096];
    for (ssize_t n; (n = read(read_end.get(), buffer, sizeof buffer)) != 0;) {
        if (n > 0)
            output.append(buffer, static_cast<std::size_t>(n));
        else if (errno != EINTR)
            break;
    }
    if (const auto finished = wait_for(pid, started); finished.exit_code != 0) {
        throw std::runtime_error(
            fmt::format("`{}` exited with {}", join(argv), finished.exit_code));
    }
    return output;
}

std::string join(const std::vector<std::string>& argv) {
    std::string text;
    for (const auto& arg : argv)
        text += (text.empty() ? "" : " ") + arg;
    return text;
}

bool on_path(const std::string& program) {
    const char* path = std::getenv("PATH");
    std::istringstream folders(path == nullptr ? "" : path);
    for (std::string folder; std::getline(folders, folder, ':');) {
        const auto candidate = fs::path(folder.empty() ? "." : folder) / program;
        if (access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate))
            return true;
    }
    return false;
}

int run_main(const std::function<void()>& body) {
    install_interrupt_handlers();
    try {
        body();
        return 0;
    } catch (const std::invalid_argument& error) {
        std::cerr << error.what() << '\n';
        return 2;
    } catch (const std::exception& error) {
        std::cerr << program_invocation_short_name << ": " << error.what() << '\n';
        return 1;
    }
}

}  // namespace pgpm_bench
