# cmake -DPGPM=... -DWORK_DIR=... -DTESTS_DIR=... -DPGPM_BUILD_DIR=... -DGENERATOR=...
#       -DMAKE_PROGRAM=... -P reconfigure.cmake
# Editing a consumer's workspace, one build tree throughout:
# - a change appended to a plan re-runs configure on the next build, and the deploy target
#   deploys it;
# - a module folder appearing under a workspace glob re-runs configure and adds its tests;
# - with a module whose deploy script is broken, `ctest --output-junit` writes a JUnit file with a
#   testcase per test, a <failure> in the broken module's, and the runner's located error in
#   their output;
# - a broken plan fails the build with the located error of `pgpm describe`.
cmake_minimum_required(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/script_support.cmake")

set(workspace "${WORK_DIR}/workspace")
set(build "${WORK_DIR}/build")
# The fixture's folder: the server started here for the deploy target is the one the ctest run
# below finds running (its server.start changes nothing) and stops.
set(server "${build}/pgpm.dir/pgpm_/server")
file(REMOVE_RECURSE "${WORK_DIR}")
file(COPY "${TESTS_DIR}/workspace/" DESTINATION "${workspace}")
run("${CMAKE_COMMAND}" -S "${TESTS_DIR}/consumer" -B "${build}" -G "${GENERATOR}"
    "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}" "-Dpgpm_DIR=${PGPM_BUILD_DIR}"
    "-DPGPM_CONSUMER_WORKSPACE=${workspace}")
expect_test("${build}" pgpm.cm-extra.full-cycle)

# A new change in a plan. The deploy target reaches the server through PGPM_SERVER_DIR; the
# configure it re-runs therefore leaves the fixture out, until the next one.
start_server("${PGPM}" "${server}")
set(ENV{PGPM_SERVER_DIR} "${server}")
run("${CMAKE_COMMAND}" --build "${build}" --target pgpm-deploy-cm-extra)
# File modification times have a granularity; make sure the changes are seen as newer.
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
set(extra "${workspace}/packages/extra")
file(APPEND "${extra}/pgpm.plan"
     "more_notes [notes] 2024-01-02T00:00:00Z pgpm tests <tests@pgpm.invalid> # added later\n")
file(WRITE "${extra}/deploy/more_notes.sql"
     "-- Deploy cm-extra:more_notes to pg\nALTER TABLE cm_base.notes ADD COLUMN written date;\n")
file(WRITE "${extra}/revert/more_notes.sql"
     "-- Revert cm-extra:more_notes from pg\nALTER TABLE cm_base.notes DROP COLUMN written;\n")
file(WRITE "${extra}/verify/more_notes.sql"
     "-- Verify cm-extra:more_notes on pg\nSELECT written FROM cm_base.notes WHERE false;\n")
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${build}" --target pgpm-deploy-cm-extra
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0 OR NOT output MATCHES "Configuring done")
    fail("building pgpm-deploy-cm-extra after a plan edit failed or did not re-run configure "
         "(${status}):\n${output}")
endif()
execute_process(COMMAND "${PGPM}" -C "${extra}" status --json
                RESULT_VARIABLE status OUTPUT_VARIABLE json)
if(NOT status EQUAL 0)
    fail("pgpm status --json of cm-extra failed (${status}):\n${json}")
endif()
string(JSON last GET "${json}" modules 0 last_change)
string(JSON deployed GET "${json}" modules 0 deployed)
string(JSON pending GET "${json}" modules 0 pending)
if(NOT last STREQUAL "more_notes" OR NOT deployed EQUAL 2 OR NOT pending EQUAL 0)
    fail("the deploy target did not deploy the new change more_notes:\n${json}")
endif()
unset(ENV{PGPM_SERVER_DIR})

# A new module.
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
file(COPY "${TESTS_DIR}/solo/" DESTINATION "${workspace}/packages/solo")
run("${CMAKE_COMMAND}" --build "${build}")
expect_test("${build}" pgpm.cm-solo.full-cycle)
expect_test("${build}" pgpm.server.start)

# A broken deploy script (scripts are read when tests run, not at configure time), and the JUnit
# file of a ctest run over it.
file(APPEND "${workspace}/packages/solo/deploy/solo.sql" "CREATE TABLE cm_solo.t (id int,);\n")
set(junit "${WORK_DIR}/junit.xml")
execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${build}" -R "cm-(extra|solo)[.]"
                        --output-junit "${junit}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(status EQUAL 0)
    fail("ctest passed the module with a broken deploy script:\n${output}")
endif()
if(NOT EXISTS "${junit}")
    fail("ctest --output-junit wrote no ${junit}:\n${output}")
endif()
file(READ "${junit}" xml)
string(REGEX MATCHALL "<testsuite[ >]" suites "${xml}")
string(REGEX MATCHALL "<testcase[ >]" cases "${xml}")
string(REGEX MATCHALL "</testcase>" ends "${xml}")
list(LENGTH suites suites)
list(LENGTH cases cases)
list(LENGTH ends ends)
if(NOT xml MATCHES "^<[?]xml [^\n]*[?]>\n<testsuite[^>]*[ \t\n]tests=\"6\"[ \t\n]+failures=\"2\""
   OR NOT xml MATCHES "</testsuite>\n*$" OR NOT suites EQUAL 1 OR NOT cases EQUAL 6
   OR NOT ends EQUAL 6)
    fail("${junit} is not one testsuite of 6 testcases, 2 failing:\n${xml}")
endif()
# Each test's testcase, with a <failure> and the located error for those of the broken module.
foreach(test pgpm.server.start pgpm.cm-extra.check pgpm.cm-extra.full-cycle pgpm.cm-solo.check
             pgpm.cm-solo.full-cycle pgpm.server.stop)
    string(FIND "${xml}" "<testcase name=\"${test}\"" at)
    if(at EQUAL -1)
        fail("${junit} has no testcase ${test}:\n${xml}")
    endif()
    string(SUBSTRING "${xml}" ${at} -1 testcase)
    string(FIND "${testcase}" "</testcase>" end)
    string(SUBSTRING "${testcase}" 0 ${end} testcase)
    if(test MATCHES "cm-solo")
        if(NOT testcase MATCHES "<failure"
           OR NOT testcase MATCHES "deploy/solo[.]sql:3:32: error: syntax error")
            fail("the testcase of ${test} has no <failure> or no located error:\n${testcase}")
        endif()
    elseif(testcase MATCHES "<failure")
        fail("the testcase of ${test} failed:\n${testcase}")
    endif()
endforeach()

# A broken plan.
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1.1)
file(APPEND "${workspace}/packages/solo/pgpm.plan" "broken [nowhere] 2024-01-01T00:00:00Z x <x@y>\n")
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${build}"
                RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(status EQUAL 0 OR NOT output MATCHES "packages/solo/pgpm.plan:[0-9]+:[0-9]+: error")
    fail("a broken plan did not fail the build with a located error (${status}):\n${output}")
endif()
stop_servers()
file(REMOVE_RECURSE "${WORK_DIR}")
