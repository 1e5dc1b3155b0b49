# cmake -DWORK_DIR=... -DTESTS_DIR=... -DPGPM_BUILD_DIR=... -DGENERATOR=... -DMAKE_PROGRAM=...
#       -P reconfigure.cmake
# A module folder appearing under a workspace glob, and a broken plan, re-run configure on the
# next build: the first adds the module's tests, the second fails the build with the located
# error of `pgpm describe`.
cmake_minimum_required(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/script_support.cmake")

set(workspace "${WORK_DIR}/workspace")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
file(COPY "${TESTS_DIR}/workspace/" DESTINATION "${workspace}")
run("${CMAKE_COMMAND}" -S "${TESTS_DIR}/consumer" -B "${build}" -G "${GENERATOR}"
    "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}" "-Dpgpm_DIR=${PGPM_BUILD_DIR}"
    "-DPGPM_CONSUMER_WORKSPACE=${workspace}")
expect_test("${build}" pgpm.cm-extra.full-cycle)

# Folder modification times have a granularity; make sure the change is seen as newer.
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
file(COPY "${TESTS_DIR}/solo/" DESTINATION "${workspace}/packages/solo")
run("${CMAKE_COMMAND}" --build "${build}")
expect_test("${build}" pgpm.cm-solo.full-cycle)

execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
file(APPEND "${workspace}/packages/solo/pgpm.plan" "broken [nowhere] 2024-01-01T00:00:00Z x <x@y>\n")
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${build}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(status EQUAL 0 OR NOT output MATCHES "packages/solo/pgpm.plan:[0-9]+:[0-9]+: error")
    message(FATAL_ERROR "a broken plan did not fail the build with a located error (${status}):\n"
                        "${output}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}")
