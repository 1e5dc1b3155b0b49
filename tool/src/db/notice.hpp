#pragma once

#include <functional>
#include <string>

namespace pgpm::db {

// A NOTICE, WARNING, INFO, LOG or DEBUG message the server sent while running a statement (a
// `RAISE NOTICE`, "table does not exist, skipping", ...).
struct Notice {
    std::string severity;  // never translated
    std::string sqlstate;
    std::string message;
    std::string detail;
    std::string hint;
};

// Called on the connection's thread, during the call that made the server send the notice.
using NoticeSink = std::function<void(const Notice&)>;

}  // namespace pgpm::db
