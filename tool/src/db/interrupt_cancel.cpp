#include "db/interrupt_cancel.hpp"

#include <atomic>
#include <cerrno>

namespace pgpm::db {

namespace {

// What the handler needs, set while a guard is alive. A handler can reach no object.
std::atomic<PGcancel*> armed_cancel{nullptr};
std::atomic<bool> interrupted{false};
struct sigaction previous_interrupt {};
struct sigaction previous_terminate {};

void restore_previous_handlers() {
    ::sigaction(SIGINT, &previous_interrupt, nullptr);
    ::sigaction(SIGTERM, &previous_terminate, nullptr);
}

void on_interrupt(int) {
    const int saved_errno = errno;
    interrupted.store(true);
    if (PGcancel* cancel = armed_cancel.load()) {
        char error[256];
        PQcancel(cancel, error, sizeof error);
    }
    restore_previous_handlers();
    errno = saved_errno;
}

}  // namespace

bool interrupt_requested() {
    return interrupted.load();
}

InterruptCancel::InterruptCancel(const Connection& connection) {
    interrupted.store(false);
    armed_cancel.store(connection.cancel_handle());
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &previous_interrupt);
    ::sigaction(SIGTERM, &action, &previous_terminate);
}

InterruptCancel::~InterruptCancel() {
    restore_previous_handlers();
    interrupted.store(false);
    if (PGcancel* cancel = armed_cancel.exchange(nullptr))
        PQfreeCancel(cancel);
}

}  // namespace pgpm::db
