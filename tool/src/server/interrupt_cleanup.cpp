#include "server/interrupt_cleanup.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

#include "server/cluster_cleanup.hpp"
#include "server/embedded_server.hpp"

namespace pgpm::server {

namespace {

struct Registration {
    ClusterPaths paths;
    pid_t pid = 0;
};

struct Registry {
    std::mutex mutex;
    std::map<std::uint64_t, Registration> registrations;
    std::uint64_t next_id = 1;
};

// Never destroyed: the cleanup thread may use it while the process exits.
Registry& registry() {
    static auto* instance = new Registry;
    return *instance;
}

int signal_pipe_write = -1;

void on_signal(int number) {
    const int saved_errno = errno;
    const auto byte = static_cast<unsigned char>(number);
    [[maybe_unused]] const auto written = ::write(signal_pipe_write, &byte, 1);
    errno = saved_errno;
}

// Holds the registry until the process dies of the signal, so no destructor races the cleanup
// and the exit status still tells the signal.
void clean_up_on_signal(int signal_pipe_read) {
    unsigned char number = 0;
    ssize_t received = 0;
    do {
        received = ::read(signal_pipe_read, &number, 1);
    } while (received == -1 && errno == EINTR);
    if (received != 1) {
        return;
    }
    auto& reg = registry();
    reg.mutex.lock();
    for (const auto& [id, registration] : reg.registrations) {
        if (!registration.paths.dir.empty()) {
            destroy_cluster(registration.paths, registration.pid);
        }
    }
    ::signal(number, SIG_DFL);
    sigset_t only;
    sigemptyset(&only);
    sigaddset(&only, number);
    ::pthread_sigmask(SIG_UNBLOCK, &only, nullptr);
    ::raise(number);
    ::_exit(128 + number);
}

}  // namespace

std::uint64_t register_cleanup() {
    auto& reg = registry();
    std::lock_guard lock(reg.mutex);
    const auto id = reg.next_id++;
    reg.registrations[id] = {};
    return id;
}

void track_cluster(std::uint64_t id, const ClusterPaths& paths) {
    auto& reg = registry();
    std::lock_guard lock(reg.mutex);
    if (auto found = reg.registrations.find(id); found != reg.registrations.end()) {
        found->second.paths = paths;
    }
}

void track_process(std::uint64_t id, pid_t pid) {
    auto& reg = registry();
    std::lock_guard lock(reg.mutex);
    if (auto found = reg.registrations.find(id); found != reg.registrations.end()) {
        found->second.pid = pid;
    }
}

bool unregister_cleanup(std::uint64_t id) {
    auto& reg = registry();
    std::lock_guard lock(reg.mutex);
    return reg.registrations.erase(id) == 1;
}

void install_interrupt_cleanup() {
    static std::once_flag installed;
    std::call_once(installed, [] {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) != 0) {
            return;
        }
        try {
            std::thread(clean_up_on_signal, fds[0]).detach();
        } catch (const std::system_error&) {
            // Without the thread, the parent-death signal and the next start's reaping still
            // clean up.
            ::close(fds[0]);
            ::close(fds[1]);
            return;
        }
        signal_pipe_write = fds[1];
        struct sigaction action {};
        action.sa_handler = on_signal;
        action.sa_flags = SA_RESTART;
        sigemptyset(&action.sa_mask);
        for (int number : {SIGINT, SIGTERM, SIGHUP}) {
            ::sigaction(number, &action, nullptr);
        }
    });
}

}  // namespace pgpm::server
