# The find_package(pgpm) package, in the install tree and at the top of the build tree, and the
# Debian package (cpack -G DEB). The runner's install(TARGETS ... EXPORT pgpmTargets) is in
# tool/CMakeLists.txt.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(PGPM_INSTALL_CMAKEDIR "lib/cmake/pgpm" CACHE STRING
    "Where the find_package(pgpm) files go, relative to the install prefix")

# Install tree: every file refers to the others relative to its own folder, so the prefix can move.
install(EXPORT pgpmTargets NAMESPACE pgpm:: DESTINATION "${PGPM_INSTALL_CMAKEDIR}")
configure_package_config_file(cmake/pgpmConfig.cmake.in
    "${PROJECT_BINARY_DIR}/cmake/install/pgpmConfig.cmake"
    INSTALL_DESTINATION "${PGPM_INSTALL_CMAKEDIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/pgpmConfigVersion.cmake"
    COMPATIBILITY SameMajorVersion
    ARCH_INDEPENDENT)  # a program, usable whatever the consumer compiles for (or without a compiler)
install(FILES "${PROJECT_BINARY_DIR}/cmake/install/pgpmConfig.cmake"
              "${PROJECT_BINARY_DIR}/pgpmConfigVersion.cmake"
              cmake/Pgpm.cmake
        DESTINATION "${PGPM_INSTALL_CMAKEDIR}")
install(DIRECTORY templates/ DESTINATION "${CMAKE_INSTALL_DATADIR}/pgpm/templates")

# Build tree: -Dpgpm_DIR=<top of the build tree> works without installing.
export(EXPORT pgpmTargets NAMESPACE pgpm:: FILE "${PROJECT_BINARY_DIR}/pgpmTargets.cmake")
configure_package_config_file(cmake/pgpmConfig.cmake.in
    "${PROJECT_BINARY_DIR}/pgpmConfig.cmake"
    INSTALL_DESTINATION "${PROJECT_BINARY_DIR}"
    INSTALL_PREFIX "${PROJECT_BINARY_DIR}")
configure_file(cmake/Pgpm.cmake "${PROJECT_BINARY_DIR}/Pgpm.cmake" COPYONLY)

if(PROJECT_IS_TOP_LEVEL)
    set(CPACK_PACKAGE_NAME pgpm)
    set(CPACK_PACKAGE_VENDOR "pgpm")
    set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
    set(CPACK_PACKAGE_CONTACT "pgpm maintainers <pgpm@localhost>")
    set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
    set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
    set(CPACK_DEBIAN_PACKAGE_SECTION database)
    set(CPACK_STRIP_FILES ON)
    # The embedded server (--ephemeral, pgpm server, the CMake test fixture) runs initdb/postgres.
    set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql")
    find_program(PGPM_DPKG_SHLIBDEPS dpkg-shlibdeps)
    mark_as_advanced(PGPM_DPKG_SHLIBDEPS)
    if(PGPM_DPKG_SHLIBDEPS)
        set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
    else()
        # Debian 12's packages of the libraries the runner links.
        set(CPACK_DEBIAN_PACKAGE_DEPENDS "libc6, libstdc++6, libpq5, libpg-query1504.0, \
libyaml-cpp0.7, libboost-filesystem1.74.0, libssl3, libfmt9")
    endif()
    include(CPack)
endif()
