# cmake -DPGPM=... -DWORK_DIR=... -DPGPM_BUILD_DIR=... -DGENERATOR=... -DMAKE_PROGRAM=...
#       -P scaffolded_workspace.cmake
# A workspace made only by `pgpm init` and `pgpm add` configures as a consumer project as it is:
# its CMakeLists.txt finds the package and gives the module's targets and tests.
cmake_minimum_required(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/script_support.cmake")

set(workspace "${WORK_DIR}/shop")
set(build "${WORK_DIR}/build")
file(REMOVE_RECURSE "${WORK_DIR}")
set(ENV{PGPM_USER_NAME} "Scaffold Test")
set(ENV{PGPM_USER_EMAIL} "scaffold@example.com")
run("${PGPM}" init workspace "${workspace}" --name shop)
run("${PGPM}" -C "${workspace}" init module catalog)
run("${PGPM}" -C "${workspace}/packages/catalog" add schema)
run("${PGPM}" -C "${workspace}/packages/catalog" add tables/products --requires schema)
run("${CMAKE_COMMAND}" -S "${workspace}" -B "${build}" -G "${GENERATOR}"
    "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}" "-Dpgpm_DIR=${PGPM_BUILD_DIR}")

expect_test("${build}" pgpm.catalog.check)
expect_test("${build}" pgpm.catalog.full-cycle)
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${build}" --target help
                OUTPUT_VARIABLE targets)
foreach(target pgpm-deploy-catalog pgpm-verify-catalog pgpm-revert-catalog pgpm-deploy)
    string(FIND "${targets}" "${target}:" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "the build has no target ${target}:\n${targets}")
    endif()
endforeach()
# The generated scripts pass the check test as they are.
run("${CMAKE_CTEST_COMMAND}" --test-dir "${build}" -R "^pgpm\\.catalog\\.check$"
    --output-on-failure)
file(REMOVE_RECURSE "${WORK_DIR}")
