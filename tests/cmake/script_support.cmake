# What the `cmake -P` test scripts of this folder share.

# Fails the script with the message ARGN, after stopping the servers start_server() started.
function(fail)
    stop_servers()
    message(FATAL_ERROR ${ARGN})
endfunction()

# Runs a command, failing the script with the command line when it fails.
function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
        list(JOIN ARGN " " command)
        fail("failed (${status}): ${command}")
    endif()
endfunction()

# Fails the script unless `ctest -N` in `build` lists the test `name`.
function(expect_test build name)
    execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${build}" -N
                    OUTPUT_VARIABLE listing)
    string(FIND "${listing}" ": ${name}\n" at)
    if(at EQUAL -1)
        fail("ctest -N does not list ${name}:\n${listing}")
    endif()
endfunction()

# `pgpm server start --dir <dir>` with the runner <pgpm>; fail() and stop_servers() stop it.
# (A script killed by its test's TIMEOUT leaves it running: `pgpm server stop --dir <dir>`.)
function(start_server pgpm dir)
    set_property(GLOBAL APPEND PROPERTY pgpm_test_servers "${dir}")
    set_property(GLOBAL PROPERTY pgpm_test_runner "${pgpm}")
    run("${pgpm}" server start --dir "${dir}")
endfunction()

# Stops every server start_server() started (those already stopped are fine).
function(stop_servers)
    get_property(dirs GLOBAL PROPERTY pgpm_test_servers)
    get_property(pgpm GLOBAL PROPERTY pgpm_test_runner)
    set_property(GLOBAL PROPERTY pgpm_test_servers "")
    foreach(dir IN LISTS dirs)
        execute_process(COMMAND "${pgpm}" server stop --dir "${dir}")
    endforeach()
endfunction()
