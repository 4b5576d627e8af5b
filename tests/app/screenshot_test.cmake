# One screenshot smoke test: a fresh store, `outpost --screenshot` under Xvfb
# at W x H, then png_check on the result. Run by CTest (see CMakeLists.txt).
# EXTRA: more arguments for outpost (a ;-list), e.g. --demo.
file(REMOVE_RECURSE ${DIR})
file(MAKE_DIRECTORY ${DIR})
if(NOT FRAMES)
  set(FRAMES 5)
endif()
execute_process(
  COMMAND ${XVFB_RUN} -a -s "-screen 0 ${W}x${H}x24" ${OUTPOST} --db ${DIR}/shot.db
          --screenshot ${DIR}/screen.png --frames ${FRAMES} --size ${W}x${H} ${EXTRA}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "outpost --screenshot exited with ${rc}")
endif()
execute_process(COMMAND ${PNG_CHECK} ${DIR}/screen.png ${W} ${H} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "png_check failed on ${DIR}/screen.png")
endif()
