# The sync_rooms_apart test (issue 16): reads every #include line under sync/
# and fails when a room includes a header of a room it must not depend on.
# The rooms and what each may include from the others:
#
#   protocol    nothing in sync/
#   status      nothing in sync/
#   client      protocol, status          (never central)
#   central     protocol                  (never client, never peer)
#   peer        client, protocol, status  (never central)
#   loopback    client, central, protocol, status
#   simulation  loopback, client, central, peer, protocol, status
#
# A header is matched by its file name, so "../central/central_core.h" is
# caught as well as "central_core.h"; a header name used in two rooms is an
# error too (the include would be ambiguous). A new folder under sync/ must be
# added here, or the test fails and says so.
#
# Usage: cmake -DSYNC_DIR=<source>/sync -P check_rooms.cmake
if(NOT SYNC_DIR)
  message(FATAL_ERROR "check_rooms.cmake: pass -DSYNC_DIR=<path to sync/>")
endif()

set(rooms protocol status client central peer loopback simulation)
set(allowed_protocol "")
set(allowed_status "")
set(allowed_client protocol status)
set(allowed_central protocol)
set(allowed_peer client protocol status)
set(allowed_loopback client central protocol status)
set(allowed_simulation loopback client central peer protocol status)

set(problems "")

# Every folder under sync/ must be a known room.
file(GLOB entries LIST_DIRECTORIES true RELATIVE ${SYNC_DIR} ${SYNC_DIR}/*)
foreach(e ${entries})
  if(IS_DIRECTORY ${SYNC_DIR}/${e})
    list(FIND rooms ${e} i)
    if(i EQUAL -1)
      string(APPEND problems "  sync/${e}/ is not a room this check knows: add it to tests/sync/check_rooms.cmake with what it may include\n")
    endif()
  endif()
endforeach()

# Which room owns each header name.
foreach(room ${rooms})
  file(GLOB_RECURSE headers RELATIVE ${SYNC_DIR}/${room} ${SYNC_DIR}/${room}/*.h)
  if(NOT headers)
    string(APPEND problems "  sync/${room}/ holds no header: has the room moved?\n")
  endif()
  foreach(h ${headers})
    get_filename_component(name ${h} NAME)
    if(DEFINED owner_${name})
      string(APPEND problems "  ${name} exists in sync/${owner_${name}}/ and sync/${room}/\n")
    endif()
    set(owner_${name} ${room})
  endforeach()
endforeach()

set(checked 0)
foreach(room ${rooms})
  file(GLOB_RECURSE sources RELATIVE ${SYNC_DIR} ${SYNC_DIR}/${room}/*.h ${SYNC_DIR}/${room}/*.cpp)
  foreach(src ${sources})
    file(STRINGS ${SYNC_DIR}/${src} lines REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]")
    foreach(line ${lines})
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[\"<]([^\">]+)[\">].*$" "\\1" inc "${line}")
      get_filename_component(name ${inc} NAME)
      math(EXPR checked "${checked} + 1")
      if(NOT DEFINED owner_${name})
        continue()  # not a sync/ header (store, system, library)
      endif()
      set(to ${owner_${name}})
      if(to STREQUAL room)
        continue()
      endif()
      list(FIND allowed_${room} ${to} i)
      if(i EQUAL -1)
        string(APPEND problems "  sync/${src}: #include \"${inc}\" is sync/${to}/, which sync/${room}/ must not depend on\n")
      endif()
    endforeach()
  endforeach()
endforeach()

if(problems)
  message(FATAL_ERROR "The sync rooms depend on each other the wrong way:\n${problems}")
endif()
message(STATUS "sync rooms apart: ${checked} include lines checked, none crosses a forbidden way")
