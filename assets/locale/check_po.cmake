# cmake -DXGETTEXT -DMSGMERGE -DMSGFMT -DARGS -DSOURCE_DIR -DPO -DWORK -P check_po.cmake
# Fails when the catalogue PO, brought up to date with the sources, has an
# untranslated or fuzzy entry, or when msgfmt --check finds a format error.
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} -DXGETTEXT=${XGETTEXT} "-DARGS=${ARGS}"
  -DSOURCE_DIR=${SOURCE_DIR} -DPOT=${WORK}/outpost.pot -P ${CMAKE_CURRENT_LIST_DIR}/extract.cmake
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "extraction failed")
endif()
execute_process(COMMAND ${MSGMERGE} --quiet --no-fuzzy-matching -o ${WORK}/merged.po ${PO} ${WORK}/outpost.pot
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "msgmerge failed: ${err}")
endif()
execute_process(COMMAND ${MSGFMT} --check --statistics -o ${WORK}/merged.mo ${WORK}/merged.po
  RESULT_VARIABLE rc ERROR_VARIABLE stats OUTPUT_VARIABLE out)
message("${PO}: ${stats}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "msgfmt --check failed")
endif()
if(stats MATCHES "untranslated" OR stats MATCHES "fuzzy")
  execute_process(COMMAND ${CMAKE_COMMAND} -E echo "Entries to translate:")
  execute_process(COMMAND msgattrib --untranslated ${WORK}/merged.po)
  execute_process(COMMAND msgattrib --only-fuzzy ${WORK}/merged.po)
  message(FATAL_ERROR "${PO} is incomplete: translate the entries above")
endif()
