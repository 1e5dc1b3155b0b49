# Pgpm.cmake -- build targets and CTest tests for pgpm modules.
#
#   pgpm_add_workspace([DIR] <dir> [DATABASE <conninfo>] [EXCLUDE <module>...]
#                      [LABELS <label>...] [TIMEOUT <seconds>] [PROPERTIES <name> <value>...]
#                      [TARGET_PREFIX <prefix>] [TEST_PREFIX <prefix>])
#   pgpm_add_module([DIR] <dir> ...)    # same options but EXCLUDE; a module whose requires are
#                                       # native extensions only
#
# At configure time the runner describes the workspace (`pgpm describe --cmake`: the one plan and
# workspace grammar lives in C++) and the result is include()d. Every module gets the targets
# <TARGET_PREFIX>deploy-<module>, verify-, revert- (revert --all --yes), status- and check-, the
# aggregates <TARGET_PREFIX>deploy, verify, revert, status and check, and the tests
# <TEST_PREFIX><module>.check and <TEST_PREFIX><module>.full-cycle. Plans, control files, the
# workspace file and the folders the module globs look into are configure dependencies, so a new
# module or change re-runs configure on the next build.
#
# Targets talk to DATABASE (-d) when given, else to libpq's PG* environment of the build. Tests
# talk to DATABASE's server when given, else to the PG* environment of the test run; when neither
# DATABASE nor any of PGHOST, PGHOSTADDR, PGPORT, PGSERVICE, PGPM_SERVER_DIR is set at configure
# time, an embedded server is started for the ctest run by a FIXTURES_SETUP/FIXTURES_CLEANUP pair
# of tests (<TEST_PREFIX>server.start/.stop) and the full cycles find it through PGPM_SERVER_DIR.
#
# Scale-out: without DATABASE, every full cycle has RESOURCE_GROUPS "pgpm_servers:1", which ctest
# ignores unless given a resource spec file (--resource-spec-file, or CTEST_RESOURCE_SPEC_FILE set
# when configuring). With one, ctest hands each full cycle a server of the file's pgpm_servers
# pool, and the runner connects through the libpq service named by its id (PGSERVICE=<id>, from
# PGSERVICEFILE or ~/.pg_service.conf), before PGPM_SERVER_DIR. CTEST_RESOURCE_SPEC_FILE set at
# configure time also leaves out the embedded server fixture, which would go unused.
#
# The runner is the imported target pgpm::pgpm, or the cache variable PGPM_EXECUTABLE when set
# (the way to use these functions from a project that builds pgpm itself: the runner must exist
# when configure describes the workspace).

include_guard(GLOBAL)

set(PGPM_EXECUTABLE "" CACHE FILEPATH "The pgpm runner (empty: the imported target pgpm::pgpm)")

# Sets <out_configure> to the runner's path for execute_process and <out_command> to the form
# build and test commands use (a generator expression when the runner is a target).
function(_pgpm_locate_runner out_configure out_command)
    if(PGPM_EXECUTABLE)
        set(${out_configure} "${PGPM_EXECUTABLE}" PARENT_SCOPE)
        set(${out_command} "${PGPM_EXECUTABLE}" PARENT_SCOPE)
        return()
    endif()
    if(NOT TARGET pgpm::pgpm)
        message(FATAL_ERROR "pgpm: no runner: call find_package(pgpm CONFIG REQUIRED) first, "
                            "or set PGPM_EXECUTABLE to the pgpm program")
    endif()
    get_target_property(imported pgpm::pgpm IMPORTED)
    if(NOT imported)
        message(FATAL_ERROR "pgpm: pgpm::pgpm is built by this project, so it does not exist "
                            "when configure needs it to describe the workspace; build it first "
                            "and set PGPM_EXECUTABLE to it")
    endif()
    # Reading LOCATION is allowed for imported targets; it follows MAP_IMPORTED_CONFIG_<CONFIG>.
    get_target_property(location pgpm::pgpm LOCATION)
    if(NOT location OR NOT EXISTS "${location}")
        message(FATAL_ERROR "pgpm: the runner pgpm::pgpm is not at '${location}'")
    endif()
    set(${out_configure} "${location}" PARENT_SCOPE)
    set(${out_command} "$<TARGET_FILE:pgpm::pgpm>" PARENT_SCOPE)
endfunction()

# A CMake target name for a module name: module names may hold characters targets may not.
function(_pgpm_target_name out text)
    string(REGEX REPLACE "[^A-Za-z0-9_.+-]" "_" name "${text}")
    set(${out} "${name}" PARENT_SCOPE)
endfunction()

function(_pgpm_add_command_target name comment)
    add_custom_target(${name} ${ARGN} COMMENT "${comment}" VERBATIM)
endfunction()

function(_pgpm_aggregate name member comment)
    if(NOT TARGET ${name})
        add_custom_target(${name} COMMENT "${comment}")
    endif()
    add_dependencies(${name} ${member})
endfunction()

# The work of both functions, on the caller's parsed arg_* variables. KIND is WORKSPACE or MODULE.
function(_pgpm_add kind)
    if(kind STREQUAL "WORKSPACE")
        set(caller pgpm_add_workspace)
    else()
        set(caller pgpm_add_module)
        if(DEFINED arg_EXCLUDE)
            message(FATAL_ERROR "pgpm_add_module: EXCLUDE is for pgpm_add_workspace")
        endif()
    endif()

    # DIR may be given as a keyword or as the first argument.
    set(extra ${arg_UNPARSED_ARGUMENTS})
    if(NOT DEFINED arg_DIR AND NOT "${extra}" STREQUAL "")
        list(POP_FRONT extra arg_DIR)
    endif()
    if(NOT "${extra}" STREQUAL "")
        message(FATAL_ERROR "${caller}: unexpected arguments: ${extra}")
    endif()
    if(NOT DEFINED arg_DIR)
        set(arg_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    endif()
    if(NOT DEFINED arg_TARGET_PREFIX)
        set(arg_TARGET_PREFIX "pgpm-")
    endif()
    if(NOT DEFINED arg_TEST_PREFIX)
        set(arg_TEST_PREFIX "pgpm.")
    endif()
    if(arg_DATABASE MATCHES "(^|[ \t])password[ \t]*=|://[^/@]*:[^/@]*@")
        message(FATAL_ERROR "${caller}: DATABASE holds a password; use ~/.pgpass or a service "
                            "file instead, so it stays out of the build files")
    endif()

    get_filename_component(dir "${arg_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    if(NOT IS_DIRECTORY "${dir}")
        message(FATAL_ERROR "${caller}: '${dir}' is not a folder")
    endif()
    _pgpm_locate_runner(runner_now runner)

    # The database prefix of the full cycles is the test prefix, non-alphanumerics as `_`; it
    # also names this call's folder in the build tree.
    string(REGEX REPLACE "[^A-Za-z0-9]" "_" db_prefix "${arg_TEST_PREFIX}")
    set(state_dir "${CMAKE_CURRENT_BINARY_DIR}/pgpm.dir/${db_prefix}")
    set(description "${state_dir}/describe.cmake")
    file(MAKE_DIRECTORY "${state_dir}")

    execute_process(
        COMMAND "${runner_now}" --no-color -C "${dir}" describe --cmake "${description}"
        RESULT_VARIABLE status
        OUTPUT_VARIABLE output
        ERROR_VARIABLE errors)
    # The runner's diagnostics are shown as they are (message() would reflow them and move the
    # carets): `file:line:col: error: ...`, the line, a caret.
    if(NOT "${errors}" STREQUAL "")
        message(NOTICE "${errors}")
    endif()
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "${caller}: `pgpm describe` of ${dir} failed (${status}); "
                            "its diagnostics are above")
    endif()
    unset(PGPM_DESCRIBE_VERSION)
    include("${description}")
    if(NOT PGPM_DESCRIBE_VERSION EQUAL 1)
        message(FATAL_ERROR "${caller}: ${runner_now} wrote a description of version "
                            "'${PGPM_DESCRIBE_VERSION}'; this Pgpm.cmake reads version 1")
    endif()
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
                 ${PGPM_WATCH_FILES} ${PGPM_WATCH_DIRECTORIES})

    # Which modules: by index, in dependency order.
    set(indices "")
    set(all_names "")
    if(PGPM_MODULE_COUNT GREATER 0)
        math(EXPR last "${PGPM_MODULE_COUNT} - 1")
        foreach(i RANGE ${last})
            set(name "${PGPM_MODULE_${i}_NAME}")
            list(APPEND all_names "${name}")
            set(index_of_${name} ${i})
            # In dependency order, so a required module's answer is known already.
            set(roles_${i} ${PGPM_MODULE_${i}_TOUCHES_ROLES})
            foreach(required IN LISTS PGPM_MODULE_${i}_REQUIRES)
                if(DEFINED index_of_${required} AND roles_${index_of_${required}})
                    set(roles_${i} TRUE)
                endif()
            endforeach()
        endforeach()
    endif()
    if(kind STREQUAL "WORKSPACE")
        foreach(name IN LISTS arg_EXCLUDE)
            if(NOT name IN_LIST all_names)
                list(JOIN all_names ", " known)
                message(FATAL_ERROR "pgpm_add_workspace: EXCLUDE names '${name}', which is not a "
                                    "module of ${dir} (modules: ${known})")
            endif()
        endforeach()
        foreach(name IN LISTS all_names)
            if(NOT name IN_LIST arg_EXCLUDE)
                list(APPEND indices ${index_of_${name}})
            endif()
        endforeach()
        set(test_root "${PGPM_WORKSPACE_ROOT}")
    else()
        file(REAL_PATH "${dir}" wanted)
        foreach(name IN LISTS all_names)
            set(i ${index_of_${name}})
            file(REAL_PATH "${PGPM_MODULE_${i}_DIR}" candidate)
            if(candidate STREQUAL wanted)
                list(APPEND indices ${i})
            endif()
        endforeach()
        if("${indices}" STREQUAL "")
            message(FATAL_ERROR "pgpm_add_module: ${dir} holds no pgpm.plan; "
                                "use pgpm_add_workspace for a workspace")
        endif()
        if(PGPM_MODULE_${indices}_REQUIRES)
            message(FATAL_ERROR "pgpm_add_module: module ${PGPM_MODULE_${indices}_NAME} requires "
                                "the modules ${PGPM_MODULE_${indices}_REQUIRES}; use "
                                "pgpm_add_workspace on its workspace")
        endif()
        set(test_root "${dir}")
    endif()

    set(database_args "")
    if(DEFINED arg_DATABASE)
        set(database_args -d "${arg_DATABASE}")
    endif()
    set(tp "${arg_TARGET_PREFIX}")

    # One migration at a time where the generator has pools; elsewhere the advisory lock, waited
    # for without a timeout, serialises them.
    get_property(pools GLOBAL PROPERTY JOB_POOLS)
    if(NOT pools MATCHES "(^|;)pgpm_migrations=")
        set_property(GLOBAL APPEND PROPERTY JOB_POOLS pgpm_migrations=1)
    endif()
    set(migration JOB_POOL pgpm_migrations)

    # The embedded server fixture, when nothing says where a server is.
    set(fixture "")
    if(NOT DEFINED arg_DATABASE
       AND "$ENV{PGHOST}$ENV{PGHOSTADDR}$ENV{PGPORT}$ENV{PGSERVICE}$ENV{PGPM_SERVER_DIR}" STREQUAL ""
       AND "${CTEST_RESOURCE_SPEC_FILE}" STREQUAL "")
        set(fixture "${arg_TEST_PREFIX}server")
        set(server_dir "${state_dir}/server")
        add_test(NAME ${arg_TEST_PREFIX}server.start
                 COMMAND ${runner} server start --dir "${server_dir}")
        add_test(NAME ${arg_TEST_PREFIX}server.stop
                 COMMAND ${runner} server stop --dir "${server_dir}")
        set_tests_properties(${arg_TEST_PREFIX}server.start PROPERTIES
                             FIXTURES_SETUP "${fixture}" LABELS "pgpm;${arg_LABELS}")
        set_tests_properties(${arg_TEST_PREFIX}server.stop PROPERTIES
                             FIXTURES_CLEANUP "${fixture}" LABELS "pgpm;${arg_LABELS}")
    endif()

    foreach(i IN LISTS indices)
        set(name "${PGPM_MODULE_${i}_NAME}")
        set(module_dir "${PGPM_MODULE_${i}_DIR}")
        _pgpm_target_name(target "${name}")
        set(run ${runner} -C "${module_dir}" ${database_args})

        _pgpm_add_command_target(${tp}deploy-${target} "pgpm: deploying ${name}"
            COMMAND ${run} deploy --createdb --lock-timeout 0 ${migration})
        _pgpm_add_command_target(${tp}verify-${target} "pgpm: verifying ${name}"
            COMMAND ${run} verify ${migration})
        _pgpm_add_command_target(${tp}revert-${target} "pgpm: reverting ${name}"
            COMMAND ${run} revert --all --yes --lock-timeout 0 ${migration})
        _pgpm_add_command_target(${tp}status-${target} "pgpm: status of ${name}"
            COMMAND ${run} status)
        _pgpm_add_command_target(${tp}check-${target} "pgpm: checking ${name}"
            COMMAND ${runner} -C "${module_dir}" check)
        foreach(action deploy verify revert status check)
            _pgpm_aggregate(${tp}${action} ${tp}${action}-${target} "pgpm: ${action}")
        endforeach()

        # Modules come in dependency order, so a required module's targets exist already.
        foreach(required IN LISTS PGPM_MODULE_${i}_REQUIRES)
            _pgpm_target_name(required_target "${required}")
            if(TARGET ${tp}deploy-${required_target})
                add_dependencies(${tp}deploy-${target} ${tp}deploy-${required_target})
                add_dependencies(${tp}revert-${required_target} ${tp}revert-${target})
            endif()
        endforeach()

        set(check_test "${arg_TEST_PREFIX}${name}.check")
        set(cycle_test "${arg_TEST_PREFIX}${name}.full-cycle")
        add_test(NAME "${check_test}" COMMAND ${runner} -C "${module_dir}" check)
        add_test(NAME "${cycle_test}"
                 COMMAND ${runner} -C "${test_root}" ${database_args} test-packages "${name}"
                         --full-cycle --jobs 1 --db-prefix "${db_prefix}")
        # One server of a resource spec file's pool (PROPERTIES may say otherwise); DATABASE
        # names the one server.
        if(NOT DEFINED arg_DATABASE)
            set_property(TEST "${cycle_test}" PROPERTY RESOURCE_GROUPS "pgpm_servers:1")
        endif()
        set(tests "${check_test}" "${cycle_test}")
        if(arg_PROPERTIES)
            set_tests_properties(${tests} PROPERTIES ${arg_PROPERTIES})
        endif()
        if(DEFINED arg_TIMEOUT)
            set_tests_properties(${tests} PROPERTIES TIMEOUT "${arg_TIMEOUT}")
        endif()
        set_property(TEST ${tests} APPEND PROPERTY LABELS pgpm "${name}" ${arg_LABELS})
        if(roles_${i})
            set_property(TEST "${cycle_test}" PROPERTY RUN_SERIAL TRUE)
        endif()
        if(NOT "${fixture}" STREQUAL "")
            set_property(TEST "${cycle_test}" APPEND PROPERTY FIXTURES_REQUIRED "${fixture}")
            set_property(TEST "${cycle_test}" APPEND PROPERTY ENVIRONMENT
                         "PGPM_SERVER_DIR=${server_dir}")
        endif()
    endforeach()
endfunction()

set(_PGPM_ONE_VALUE_KEYWORDS DIR DATABASE TIMEOUT TARGET_PREFIX TEST_PREFIX)
set(_PGPM_MULTI_VALUE_KEYWORDS EXCLUDE LABELS PROPERTIES)

function(pgpm_add_workspace)
    cmake_parse_arguments(PARSE_ARGV 0 arg ""
        "${_PGPM_ONE_VALUE_KEYWORDS}" "${_PGPM_MULTI_VALUE_KEYWORDS}")
    _pgpm_add(WORKSPACE)
endfunction()

function(pgpm_add_module)
    cmake_parse_arguments(PARSE_ARGV 0 arg ""
        "${_PGPM_ONE_VALUE_KEYWORDS}" "${_PGPM_MULTI_VALUE_KEYWORDS}")
    _pgpm_add(MODULE)
endfunction()
