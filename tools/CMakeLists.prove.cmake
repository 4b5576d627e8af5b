# Proof tools (issue 6), included from tools/CMakeLists.txt.
# kill_harness: SIGKILLs a syncing device process at random moments and checks
# the store and central after every kill (docs/security.md).
add_executable(kill_harness ${CMAKE_CURRENT_SOURCE_DIR}/kill_harness.cpp)
target_link_libraries(kill_harness PRIVATE outpost_sync_client outpost_store outpost_child_process)
target_compile_definitions(kill_harness PRIVATE OUTPOST_CENTRAL_BIN="$<TARGET_FILE:outpost-central>")
add_dependencies(kill_harness outpost-central)

# tests/sync/end_to_end/kill_harness_test.cpp runs a bounded harness; tests/ is read
# after tools/, so the definition is added once every directory is read.
function(outpost_sync_tests_find_kill_harness)
  if(TARGET sync_tests AND TARGET kill_harness)
    target_compile_definitions(sync_tests PRIVATE OUTPOST_KILL_HARNESS_BIN="$<TARGET_FILE:kill_harness>")
    add_dependencies(sync_tests kill_harness)
  endif()
endfunction()
cmake_language(DEFER DIRECTORY ${CMAKE_SOURCE_DIR} CALL outpost_sync_tests_find_kill_harness)
