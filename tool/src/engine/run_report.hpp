#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string_view>

#include "diag/diagnostic.hpp"

// What deploy, revert and verify tell their caller while they run and when they end.
namespace pgpm::engine {

// Called after each change's script ran: the verb ("deploy", "revert", "verify"), the module,
// the change and how long it took.
using ProgressSink = std::function<void(std::string_view verb, std::string_view module,
                                        std::string_view change, std::chrono::microseconds took)>;

struct RunReport {
    std::size_t changes = 0;   // deployed or reverted
    std::size_t verified = 0;  // verify scripts that passed
    Diagnostics problems;      // errors and warnings, in the order they happened
    bool failed = false;       // the run stopped on an error; exit 1
};

}  // namespace pgpm::engine
