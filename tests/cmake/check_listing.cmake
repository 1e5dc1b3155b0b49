# cmake -DBUILD_DIR=<consumer build> -DTESTS_DIR=<tests/cmake> -DEXPECTED=<file>
#       [-DEXPECTED_RUNNER_PREFIX=<dir>] -P check_listing.cmake
# Compares what `ctest --show-only=json-v1` lists in the consumer's build tree (each test's name,
# arguments and the properties pgpm sets) with EXPECTED, and checks the migration job pool in
# build.ninja. Paths are written as <tests> and <build>; the runner's own path is left out,
# but must lie below EXPECTED_RUNNER_PREFIX when that is given.
cmake_minimum_required(VERSION 3.25)
foreach(variable BUILD_DIR TESTS_DIR EXPECTED)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "check_listing.cmake needs -D${variable}=...")
    endif()
endforeach()

execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --show-only=json-v1
                WORKING_DIRECTORY "${BUILD_DIR}"
                OUTPUT_VARIABLE json RESULT_VARIABLE status)
if(NOT status EQUAL 0)
    message(FATAL_ERROR "ctest --show-only=json-v1 failed in ${BUILD_DIR}")
endif()

set(shown_properties LABELS RUN_SERIAL FIXTURES_SETUP FIXTURES_CLEANUP FIXTURES_REQUIRED
                     ENVIRONMENT TIMEOUT COST)
set(lines "")
string(JSON count LENGTH "${json}" tests)
math(EXPR last "${count} - 1")
foreach(t RANGE ${last})
    string(JSON name GET "${json}" tests ${t} name)
    string(JSON argc LENGTH "${json}" tests ${t} command)
    string(JSON runner GET "${json}" tests ${t} command 0)
    string(FIND "${runner}" "${EXPECTED_RUNNER_PREFIX}/" at)
    if(DEFINED EXPECTED_RUNNER_PREFIX AND NOT at EQUAL 0)
        message(FATAL_ERROR "${name} runs ${runner}, not a runner below ${EXPECTED_RUNNER_PREFIX}")
    endif()
    set(line "${name}:")
    math(EXPR argl "${argc} - 1")
    foreach(a RANGE 1 ${argl})
        string(JSON arg GET "${json}" tests ${t} command ${a})
        string(APPEND line " ${arg}")
    endforeach()
    string(JSON propc LENGTH "${json}" tests ${t} properties)
    math(EXPR propl "${propc} - 1")
    foreach(p RANGE ${propl})
        string(JSON property GET "${json}" tests ${t} properties ${p} name)
        if(property IN_LIST shown_properties)
            string(JSON value GET "${json}" tests ${t} properties ${p} value)
            string(JSON type TYPE "${json}" tests ${t} properties ${p} value)
            if(type STREQUAL "ARRAY")
                string(JSON n LENGTH "${value}")
                math(EXPR nl "${n} - 1")
                set(items "")
                foreach(v RANGE ${nl})
                    string(JSON item GET "${value}" ${v})
                    list(APPEND items "${item}")
                endforeach()
                list(JOIN items "," value)
            endif()
            string(APPEND line "\n    ${property}=${value}")
        endif()
    endforeach()
    list(APPEND lines "${line}")
endforeach()
list(JOIN lines "\n" actual)
string(REPLACE "${BUILD_DIR}" "<build>" actual "${actual}")
string(REPLACE "${TESTS_DIR}" "<tests>" actual "${actual}")
string(APPEND actual "\n")

file(READ "${EXPECTED}" expected)
if(NOT actual STREQUAL expected)
    file(WRITE "${BUILD_DIR}/listing.actual" "${actual}")
    message(FATAL_ERROR "The consumer's tests differ from ${EXPECTED}; they are:\n${actual}\n"
                        "(written to ${BUILD_DIR}/listing.actual; diff it against ${EXPECTED})")
endif()

file(STRINGS "${BUILD_DIR}/build.ninja" pooled REGEX "^  pool = pgpm_migrations$")
list(LENGTH pooled pooled)
if(NOT pooled EQUAL 21)  # deploy, verify, revert of the 5 + 1 + 1 modules
    message(FATAL_ERROR "${pooled} build statements use the pgpm_migrations pool, expected 21")
endif()
message(STATUS "${count} tests as expected")
