#pragma once

#include <csignal>

#include "db/connection.hpp"

namespace pgpm::db {

// While alive, the first SIGINT or SIGTERM cancels what the connection's server is running
// (libpq's PQcancel, which a signal handler may call) instead of ending the process: the server
// stops the statement, which fails with SQLSTATE 57014, rolls back the transaction it was in and
// skips the rest of its message, and the caller reports the failure as for any other. A signal
// that comes while the server is idle, between two messages, makes Connection::exec_script fail
// the same way instead of sending the next one. Without this a killed client leaves the server
// running the rest of its message (a batch of changes) until it next writes to the socket. The
// signals' former handling is back once one came, so a second Ctrl-C ends the process, and when
// the guard goes. One guard at a time.
class InterruptCancel {
public:
    explicit InterruptCancel(const Connection& connection);
    ~InterruptCancel();
    InterruptCancel(const InterruptCancel&) = delete;
    InterruptCancel& operator=(const InterruptCancel&) = delete;
};

// A guard saw its signal: no more scripts are to be sent.
bool interrupt_requested();

}  // namespace pgpm::db
