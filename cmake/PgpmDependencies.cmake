# Every third-party library the runner and its tests use, found in one place.
# Debian 12 package names are in scripts/install-deps.sh.
find_package(PostgreSQL REQUIRED)                      # libpq-dev
find_package(PgQuery REQUIRED)                         # libpg-query-dev (cmake/FindPgQuery.cmake)
find_package(yaml-cpp REQUIRED)                        # libyaml-cpp-dev
find_package(Boost 1.74 REQUIRED COMPONENTS filesystem) # libboost-dev (Process), libboost-filesystem-dev
find_package(OpenSSL REQUIRED)                         # libssl-dev
find_package(fmt REQUIRED)                             # libfmt-dev
find_package(CLI11 REQUIRED)                           # libcli11-dev
find_package(tl-expected REQUIRED)                     # libexpected-dev
find_package(Threads REQUIRED)

if(BUILD_TESTING)
    find_package(GTest REQUIRED)                       # googletest
endif()
if(PGPM_BUILD_BENCHMARKS)
    find_package(benchmark REQUIRED)                   # libbenchmark-dev
endif()
