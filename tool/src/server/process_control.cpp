#include "server/process_control.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "io/text_file.hpp"

namespace pgpm::server {

namespace {

constexpr std::chrono::milliseconds kPollInterval{10};
constexpr std::chrono::milliseconds kAfterKill{5000};

// The fields of /proc/<pid>/stat after the command name (which may itself contain spaces and
// parentheses): [0] is the state, field N of proc(5) is at N - 3.
std::vector<std::string> stat_fields(pid_t pid) {
    const auto stat = io::read_file(fmt::format("/proc/{}/stat", pid));
    if (!stat) {
        return {};
    }
    const auto after_name = stat->rfind(')');
    if (after_name == std::string::npos) {
        return {};
    }
    std::vector<std::string> fields;
    std::string field;
    for (char c : stat->substr(after_name + 1)) {
        if (c == ' ' || c == '\n') {
            if (!field.empty()) {
                fields.push_back(std::move(field));
                field.clear();
            }
        } else {
            field += c;
        }
    }
    return fields;
}

bool wait_until_gone(pid_t pid, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (process_alive(pid)) {
        if (std::chrono::steady_clock::now() >= deadline) {
            return false;
        }
        std::this_thread::sleep_for(kPollInterval);
    }
    return true;
}

}  // namespace

bool process_alive(pid_t pid) {
    if (pid <= 0) {
        return false;
    }
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
        return false;
    }
    if (::kill(pid, 0) != 0 && errno == ESRCH) {
        return false;
    }
    const auto fields = stat_fields(pid);
    return !fields.empty() && fields[0] != "Z";
}

std::optional<std::uint64_t> process_start_time(pid_t pid) {
    constexpr std::size_t kStartTime = 22 - 3;
    const auto fields = stat_fields(pid);
    if (fields.size() <= kStartTime) {
        return std::nullopt;
    }
    return std::stoull(fields[kStartTime]);
}

bool is_cluster_process(pid_t pid, const std::filesystem::path& data_dir) {
    if (pid <= 0) {
        return false;
    }
    const auto cmdline = io::read_file(fmt::format("/proc/{}/cmdline", pid));
    if (!cmdline) {
        return false;
    }
    std::vector<std::string_view> args;
    for (std::string_view rest = *cmdline; !rest.empty();) {
        const auto end = std::min(rest.find('\0'), rest.size());
        args.push_back(rest.substr(0, end));
        rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    if (args.empty()) {
        return false;
    }
    const auto program = std::filesystem::path(args[0]).filename();
    if (program != "postgres" && program != "initdb") {
        return false;
    }
    for (std::size_t i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == "-D" && args[i + 1] == data_dir.native()) {
            return true;
        }
    }
    return false;
}

void terminate_process(pid_t pid, int first_signal, std::chrono::milliseconds grace) {
    if (!process_alive(pid)) {
        return;
    }
    ::kill(pid, first_signal);
    if (!wait_until_gone(pid, grace)) {
        ::kill(pid, SIGKILL);
        wait_until_gone(pid, kAfterKill);
    }
}

std::optional<int> wait_for_child(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) == -1) {
        if (errno != EINTR) {
            return std::nullopt;
        }
    }
    return status;
}

}  // namespace pgpm::server
