# cmake -DPGPM=... -DWORK_DIR=... -DTESTS_DIR=... -DPGPM_BUILD_DIR=... -DGENERATOR=...
#       -DMAKE_PROGRAM=... -P resource_groups.cmake
# Scale-out over a pool of servers with CTest's resource allocation: two embedded servers, named
# as the libpq services srv_a and srv_b in a service file (PGSERVICEFILE) and as the ids of the
# pgpm_servers of a resource spec file. `ctest -j 2 --resource-spec-file` spreads the workspace's
# full cycles over both (each runner says which service it uses) and wins over the embedded
# server fixture; CTEST_RESOURCE_SPEC_FILE given at configure time leaves the fixture out.
cmake_minimum_required(VERSION 3.25)

include("${CMAKE_CURRENT_LIST_DIR}/script_support.cmake")

set(build "${WORK_DIR}/build")
set(spec "${WORK_DIR}/servers.json")
set(services "${WORK_DIR}/pg_service.conf")
set(log "${build}/Testing/Temporary/LastTest.log")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

set(ids srv_a srv_b)
set(service_file "")
set(resources "")
foreach(id IN LISTS ids)
    start_server("${PGPM}" "${WORK_DIR}/${id}")
    execute_process(COMMAND "${PGPM}" server env --dir "${WORK_DIR}/${id}"
                    OUTPUT_VARIABLE env RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
        fail("pgpm server env --dir ${WORK_DIR}/${id} failed (${status})")
    endif()
    string(APPEND service_file "[${id}]\n")
    foreach(pair PGHOST=host PGPORT=port PGUSER=user)
        string(REPLACE "=" ";" pair "${pair}")
        list(GET pair 0 variable)
        list(GET pair 1 keyword)
        if(NOT env MATCHES "(^|\n)(export )?${variable}=([^\n]*)")
            fail("pgpm server env printed no ${variable}:\n${env}")
        endif()
        set(value "${CMAKE_MATCH_3}")
        if(value MATCHES "^'(.*)'$")  # shell quoting; the temp paths need none inside
            set(value "${CMAKE_MATCH_1}")
        endif()
        string(APPEND service_file "${keyword}=${value}\n")
    endforeach()
    string(APPEND service_file "dbname=postgres\n\n")
    list(APPEND resources "{\"id\": \"${id}\", \"slots\": 1}")
endforeach()
file(WRITE "${services}" "${service_file}")
list(JOIN resources ", " resources)
file(WRITE "${spec}" "{\"version\": {\"major\": 1, \"minor\": 0},\n"
                     " \"local\": [{\"pgpm_servers\": [${resources}]}]}\n")
set(ENV{PGSERVICEFILE} "${services}")

# Fails unless each full cycle that ran says it used one of the pool's services, and the ids
# listed in ARGN were all used.
function(expect_services cycles)
    file(READ "${log}" output)
    string(REGEX MATCHALL "pgpm: using service=[a-z_0-9]+" notes "${output}")
    list(LENGTH notes count)
    if(NOT count EQUAL cycles)
        fail("${count} runners said which service they used, expected ${cycles}:\n${output}")
    endif()
    foreach(id IN LISTS ARGN)
        if(NOT "pgpm: using service=${id}" IN_LIST notes)
            fail("no full cycle ran on ${id}:\n${output}")
        endif()
    endforeach()
endfunction()

# The fixture is there, and the allocation wins over its PGPM_SERVER_DIR.
run("${CMAKE_COMMAND}" -S "${TESTS_DIR}/consumer" -B "${build}" -G "${GENERATOR}"
    "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}" "-Dpgpm_DIR=${PGPM_BUILD_DIR}"
    "-DPGPM_CONSUMER_WORKSPACE=${TESTS_DIR}/workspace")
expect_test("${build}" pgpm.server.start)
run("${CMAKE_CTEST_COMMAND}" --test-dir "${build}" -j 2 --resource-spec-file "${spec}"
    -R "[.]full-cycle$" --output-on-failure)
expect_services(4 ${ids})

# The spec file named at configure time: no fixture, and ctest takes the file from the build.
run("${CMAKE_COMMAND}" "-DCTEST_RESOURCE_SPEC_FILE=${spec}" "${build}")
execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${build}" -N OUTPUT_VARIABLE listing)
if(listing MATCHES "pgpm[.]server[.]")
    fail("CTEST_RESOURCE_SPEC_FILE did not leave the server fixture out:\n${listing}")
endif()
run("${CMAKE_CTEST_COMMAND}" --test-dir "${build}" -R "^pgpm[.]cm-base[.]full-cycle$"
    --output-on-failure)
expect_services(1)

stop_servers()
file(REMOVE_RECURSE "${WORK_DIR}")
