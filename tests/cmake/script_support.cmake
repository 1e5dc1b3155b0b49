# What the `cmake -P` test scripts of this folder share.

# Runs a command, failing the script with the command line when it fails.
function(run)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
        list(JOIN ARGN " " command)
        message(FATAL_ERROR "failed (${status}): ${command}")
    endif()
endfunction()

# Fails the script unless `ctest -N` in `build` lists the test `name`.
function(expect_test build name)
    execute_process(COMMAND "${CMAKE_CTEST_COMMAND}" --test-dir "${build}" -N
                    OUTPUT_VARIABLE listing)
    string(FIND "${listing}" ": ${name}\n" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "ctest -N does not list ${name}:\n${listing}")
    endif()
endfunction()
