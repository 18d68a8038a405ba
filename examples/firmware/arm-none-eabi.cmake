# CMake toolchain file: bare-metal Cortex-M with arm-none-eabi-gcc (Debian:
# gcc-arm-none-eabi, libnewlib-arm-none-eabi).
#   cmake -S examples/firmware -B build-fw -G Ninja \
#         -DCMAKE_TOOLCHAIN_FILE=examples/firmware/arm-none-eabi.cmake \
#         -DCMAKE_PREFIX_PATH=<qcc install prefix>
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
# No start files or syscalls in a test link.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
