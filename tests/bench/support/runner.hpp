// The pgpm under test, for the benchmarks that run it: the one this build makes, whose path the
// build passes as PGPM_PATH (pgpm_add_runner_benchmark in tests/bench/CMakeLists.txt).
#pragma once

#ifndef PGPM_PATH
#error "PGPM_PATH must be defined by the build (the pgpm executable under test)"
#endif
