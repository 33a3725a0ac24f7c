# Configures, builds and runs the consumer project in one of three modes:
# find_package (against EPICOR_PREFIX), add_subdirectory (against
# EPICOR_SOURCE_DIR) or pkg_config (a plain compiler call with the flags
# from the installed epicor.pc).

file(REMOVE_RECURSE "${CONSUMER_BINARY_DIR}")
file(MAKE_DIRECTORY "${CONSUMER_BINARY_DIR}")

function(run_checked)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "command failed (${result}): ${ARGN}")
  endif()
endfunction()

if(CONSUMER_MODE STREQUAL "pkg_config")
  set(ENV{PKG_CONFIG_PATH} "${EPICOR_PREFIX}/lib/pkgconfig")
  execute_process(COMMAND pkg-config --cflags --libs epicor
    OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE result)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "pkg-config cannot read the installed epicor.pc")
  endif()
  separate_arguments(flags UNIX_COMMAND "${flags}")
  run_checked("${CXX_COMPILER}" -std=c++17 "${CONSUMER_SOURCE_DIR}/main.cpp"
    -o "${CONSUMER_BINARY_DIR}/consumer" ${flags} "-Wl,-rpath,${EPICOR_PREFIX}/lib")
  run_checked("${CONSUMER_BINARY_DIR}/consumer")
  return()
endif()

set(configure_args -S "${CONSUMER_SOURCE_DIR}" -B "${CONSUMER_BINARY_DIR}"
  "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
if(CONSUMER_MODE STREQUAL "find_package")
  list(APPEND configure_args "-DCMAKE_PREFIX_PATH=${EPICOR_PREFIX}")
else()
  list(APPEND configure_args "-DEPICOR_SOURCE_DIR=${EPICOR_SOURCE_DIR}"
    -DEPICOR_BUILD_TOOLS=OFF)
endif()
run_checked("${CMAKE_COMMAND}" ${configure_args})
run_checked("${CMAKE_COMMAND}" --build "${CONSUMER_BINARY_DIR}" -j 2)
run_checked("${CONSUMER_BINARY_DIR}/consumer")
