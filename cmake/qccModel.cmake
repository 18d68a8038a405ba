# qcc_add_model: compile an ONNX model with qcc at build time.
#
#   qcc_add_model(<target> MODEL <model.onnx>
#                 [NAME <c_name>] [TARGET <triple>] [MCPU <cpu>]
#                 [OPTIONS <qcc options>...])
#
# Adds a static library <target> holding the object qcc compiles from MODEL,
# with the directory of its header (<c_name>.h) as a PUBLIC include
# directory: target_link_libraries(app PRIVATE <target>) and
# #include "<c_name>.h". The model is recompiled when MODEL (or qcc) changes.
#
#   NAME     C prefix of the generated symbols (<c_name>_run, ...); default
#            <target> with every character that is not a C identifier one
#            replaced by '_'.
#   TARGET   qcc's -target (x86_64, aarch64, thumbv7em-none-eabi, ...);
#            default: QCC_DEFAULT_TARGET if set, else the target the C
#            compiler builds for (CMAKE_C_COMPILER_TARGET, or the
#            processor of CMAKE_SYSTEM_PROCESSOR for x86_64 and aarch64).
#   MCPU     qcc's -mcpu (cortex-m4, cortex-a76, ...).
#   OPTIONS  further qcc options (-O3, -mfloat-abi=hard,
#            --weights-section .qspi, --shape input=1x3x96x96, ...).
#
# QCC_EXECUTABLE names the qcc to run (qccConfig.cmake sets it to the
# installed one).
function(qcc_add_model target)
  cmake_parse_arguments(PARSE_ARGV 1 QCC "" "MODEL;NAME;TARGET;MCPU" "OPTIONS")
  if(QCC_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "qcc_add_model(${target}): unknown arguments: ${QCC_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT QCC_MODEL)
    message(FATAL_ERROR "qcc_add_model(${target}): MODEL <model.onnx> is required")
  endif()
  if(NOT QCC_EXECUTABLE)
    message(FATAL_ERROR "qcc_add_model(${target}): QCC_EXECUTABLE is not set (find_package(qcc CONFIG) sets it)")
  endif()
  get_filename_component(model "${QCC_MODEL}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT QCC_NAME)
    string(MAKE_C_IDENTIFIER "${target}" QCC_NAME)
  endif()
  if(NOT QCC_TARGET)
    if(QCC_DEFAULT_TARGET)
      set(QCC_TARGET "${QCC_DEFAULT_TARGET}")
    elseif(CMAKE_C_COMPILER_TARGET)
      set(QCC_TARGET "${CMAKE_C_COMPILER_TARGET}")
    elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
      set(QCC_TARGET x86_64)
    elseif(CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
      set(QCC_TARGET aarch64)
    else()
      message(FATAL_ERROR "qcc_add_model(${target}): give TARGET (the processor '${CMAKE_SYSTEM_PROCESSOR}' does not name one)")
    endif()
  endif()
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/qcc/${target}")
  set(obj "${dir}/${QCC_NAME}.o")
  set(hdr "${dir}/${QCC_NAME}.h")
  set(cmd "${QCC_EXECUTABLE}" compile "${model}" -target "${QCC_TARGET}")
  if(QCC_MCPU)
    list(APPEND cmd "-mcpu=${QCC_MCPU}")
  endif()
  list(APPEND cmd --name "${QCC_NAME}" -o "${obj}" ${QCC_OPTIONS})
  add_custom_command(
    OUTPUT "${obj}" "${hdr}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${dir}"
    COMMAND ${cmd}
    DEPENDS "${model}" "${QCC_EXECUTABLE}"
    COMMENT "qcc: compiling ${QCC_MODEL} for ${QCC_TARGET}"
    VERBATIM)
  add_library(${target} STATIC "${obj}" "${hdr}")
  set_target_properties(${target} PROPERTIES LINKER_LANGUAGE C)
  target_include_directories(${target} PUBLIC "${dir}")
endfunction()
