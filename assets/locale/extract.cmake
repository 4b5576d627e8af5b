# cmake -DXGETTEXT=... -DARGS=... -DSOURCE_DIR=... -DPOT=out.pot -P extract.cmake
# Extracts every tr()/trn()/tr_for()/trn_for()/N_() string of app/ and sync/.
file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
  ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/sync/*.cpp ${SOURCE_DIR}/sync/*.h)
list(SORT sources)
execute_process(COMMAND ${XGETTEXT} ${ARGS} -o ${POT} ${sources}
  WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "xgettext failed: ${err}")
endif()
