# Every dependency comes from the system. scripts/install-deps.sh installs
# them on Debian and Ubuntu and prints the package names for other systems.
find_package(Threads REQUIRED)
find_package(CURL 7.68 REQUIRED)
find_package(OpenSSL 1.1.1 REQUIRED)
find_package(nlohmann_json 3.9 REQUIRED)
find_package(pugixml REQUIRED)

if(EPICOR_BUILD_TOOLS)
  find_package(CLI11 2.1 REQUIRED)
endif()

# cpp-httplib serves the mock Kinetic server. Debian ships it as a compiled
# library with a pkg-config file and no CMake package.
find_package(httplib CONFIG QUIET)
if(NOT TARGET httplib::httplib)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(EPICOR_HTTPLIB REQUIRED IMPORTED_TARGET GLOBAL cpp-httplib)
  add_library(httplib::httplib ALIAS PkgConfig::EPICOR_HTTPLIB)
endif()
