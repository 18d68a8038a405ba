# Writes OUT: one `{"triple", {bytes...}}` entry per bitcode file.
string(REPLACE "|" ";" TRIPLES "${TRIPLES}")
set(text "// Generated from lib/Runtime/qcc_runtime.c and lib/Runtime/ukernel; do not edit.\n")
foreach(triple ${TRIPLES})
  file(READ ${DIR}/qcc_runtime.${triple}.bc hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND text "QCC_RUNTIME_BITCODE(\"${triple}\", ${bytes})\n")
endforeach()
file(WRITE ${OUT} "${text}")
