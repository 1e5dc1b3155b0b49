# cmake -DPGPM_BUILD_DIR=... -DPGPM_SOURCE_DIR=... -DWORK_DIR=... -DTESTS_DIR=... -DGENERATOR=...
#       -DMAKE_PROGRAM=... -P install_relocated.cmake
# Installs the package, moves the prefix, then configures the consumer against the moved prefix
# through CMAKE_PREFIX_PATH and runs its `check` tests with the installed runner.
cmake_minimum_required(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/script_support.cmake")

set(staged "${WORK_DIR}/staged")
set(moved "${WORK_DIR}/moved")
set(consumer "${WORK_DIR}/consumer")
file(REMOVE_RECURSE "${WORK_DIR}")
run("${CMAKE_COMMAND}" --install "${PGPM_BUILD_DIR}" --prefix "${staged}")
file(RENAME "${staged}" "${moved}")

file(GLOB_RECURSE package_files "${moved}/lib/cmake/pgpm/*")
foreach(file IN LISTS package_files)
    file(READ "${file}" text)
    foreach(path "${PGPM_BUILD_DIR}" "${PGPM_SOURCE_DIR}" "${staged}")
        string(FIND "${text}" "${path}" at)
        if(NOT at EQUAL -1)
            message(FATAL_ERROR "${file} names ${path}: the installed package is not relocatable")
        endif()
    endforeach()
endforeach()

run("${CMAKE_COMMAND}" -S "${TESTS_DIR}/consumer" -B "${consumer}" -G "${GENERATOR}"
    "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}" "-DCMAKE_PREFIX_PATH=${moved}"
    "-DPGPM_CONSUMER_WORKSPACE=${TESTS_DIR}/workspace" -DPGPM_CONSUMER_MODE=listing)
run("${CMAKE_COMMAND}" "-DBUILD_DIR=${consumer}" "-DTESTS_DIR=${TESTS_DIR}"
    "-DEXPECTED=${TESTS_DIR}/expected-listing.txt" "-DEXPECTED_RUNNER_PREFIX=${moved}"
    -P "${TESTS_DIR}/check_listing.cmake")
run("${CMAKE_CTEST_COMMAND}" --test-dir "${consumer}" -R "[.]check$" --output-on-failure)
file(REMOVE_RECURSE "${WORK_DIR}")
