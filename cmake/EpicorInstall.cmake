include(CMakePackageConfigHelpers)

set(EPICOR_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/epicor")

install(TARGETS epicor epicor_testing
  EXPORT epicor-targets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/epicor"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(DIRECTORY "${EPICOR_GENERATED_INCLUDE_DIR}/epicor"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

if(EPICOR_BUILD_TOOLS)
  install(TARGETS epicor_cli epicor_mock_server
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
endif()

install(EXPORT epicor-targets
  NAMESPACE epicor::
  FILE epicor-targets.cmake
  DESTINATION "${EPICOR_CMAKE_INSTALL_DIR}")

# A build-tree export, so a project can point epicor_DIR at this build.
export(EXPORT epicor-targets
  NAMESPACE epicor::
  FILE "${PROJECT_BINARY_DIR}/epicor-targets.cmake")

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/epicor-config.cmake.in"
  "${PROJECT_BINARY_DIR}/epicor-config.cmake"
  INSTALL_DESTINATION "${EPICOR_CMAKE_INSTALL_DIR}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/epicor-config-version.cmake"
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/epicor-config.cmake"
  "${PROJECT_BINARY_DIR}/epicor-config-version.cmake"
  DESTINATION "${EPICOR_CMAKE_INSTALL_DIR}")

# pkg-config file. ${pcfiledir} keeps it relocatable: the prefix is found from
# wherever the .pc file lands.
file(RELATIVE_PATH EPICOR_PC_PREFIX_FROM_PCDIR
  "${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "${CMAKE_INSTALL_PREFIX}")
if(BUILD_SHARED_LIBS)
  set(EPICOR_PC_PRIVATE_REQUIRES "libcurl openssl pugixml")
  set(EPICOR_PC_REQUIRES "nlohmann_json")
else()
  set(EPICOR_PC_PRIVATE_REQUIRES "")
  set(EPICOR_PC_REQUIRES "nlohmann_json libcurl openssl pugixml")
  set(EPICOR_PC_STATIC_CFLAGS "-DEPICOR_STATIC_DEFINE")
endif()
configure_file("${PROJECT_SOURCE_DIR}/cmake/epicor.pc.in" "${PROJECT_BINARY_DIR}/epicor.pc" @ONLY)
install(FILES "${PROJECT_BINARY_DIR}/epicor.pc"
  DESTINATION "${CMAKE_INSTALL_LIBDIR}/pkgconfig")
