# Sync tools, included from tools/CMakeLists.txt (owned by the sync client
# side): the fault-injecting TCP proxy for real-process tests, and a
# benchmark that prints bytes-on-the-wire and restore-rate figures.

# outpost_child_process: starting the project's executables from tools and
# tests (child_process.h). POSIX only.
add_library(outpost_child_process STATIC ${CMAKE_CURRENT_SOURCE_DIR}/child_process.cpp)
target_include_directories(outpost_child_process PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})

# fault_proxy: POSIX sockets and threads only, no Outpost libraries.
add_executable(fault_proxy ${CMAKE_CURRENT_SOURCE_DIR}/fault_proxy.cpp)
target_link_libraries(fault_proxy PRIVATE Threads::Threads)

# sync_bench: a busy day's push size and a restore's rate, in-process.
add_executable(sync_bench ${CMAKE_CURRENT_SOURCE_DIR}/sync_bench.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/sync_bench_common.cpp ${CMAKE_CURRENT_SOURCE_DIR}/sync_bench_link.cpp)
target_link_libraries(sync_bench PRIVATE outpost_sync_client outpost_central outpost_sync_loopback
  outpost_store outpost_child_process)
# sync_bench --through-proxy runs a real central, fault_proxy and `outpost
# verify`. outpost is not a dependency (with OUTPOST_BUILD_APP it is the whole
# kiosk app): build it too, e.g. --target sync_bench outpost.
target_compile_definitions(sync_bench PRIVATE
  OUTPOST_CENTRAL_BIN="$<TARGET_FILE:outpost-central>"
  OUTPOST_FAULT_PROXY_BIN="$<TARGET_FILE:fault_proxy>"
  OUTPOST_BIN="$<TARGET_FILE:outpost>")
add_dependencies(sync_bench outpost-central fault_proxy)

# The real-process sync test (tests/sync/end_to_end/e2e_test.cpp) runs fault_proxy.
# tests/ is configured after tools/, so the definition is added once every
# directory has been read.
function(outpost_sync_tests_find_fault_proxy)
  if(TARGET sync_tests AND TARGET fault_proxy)
    target_compile_definitions(sync_tests PRIVATE OUTPOST_FAULT_PROXY_BIN="$<TARGET_FILE:fault_proxy>")
    add_dependencies(sync_tests fault_proxy)
  endif()
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL outpost_sync_tests_find_fault_proxy)

# peer_bench: two devices' busy days through central (the same-run baseline)
# and by LAN peer sync over HTTP on loopback: seconds and bytes per event.
add_executable(peer_bench ${CMAKE_CURRENT_SOURCE_DIR}/peer_bench.cpp ${CMAKE_CURRENT_SOURCE_DIR}/sync_bench_common.cpp)
target_link_libraries(peer_bench PRIVATE outpost_sync_peer outpost_sync_client outpost_central outpost_sync_loopback
  outpost_store)
