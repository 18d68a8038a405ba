#!/usr/bin/env bash
# Builds qcc with AddressSanitizer + UndefinedBehaviorSanitizer into
# build-asan/ and runs the lit suite against that build. Any sanitizer report
# makes the affected test fail (the tools exit non-zero on a report).
# Ends like utils/test.sh with "N passed, N failed".
#
#   QCC_LIT_ARGS   extra lit arguments, e.g. "--filter Import"
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
bash utils/install-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
cmake -G Ninja -S . -B build-asan -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
  "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize=vptr -fno-sanitize-recover=undefined" \
  "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined" >/dev/null \
  && ninja -C build-asan -j2 || { echo "0 passed, 1 failed"; exit 1; }
# LLVM/MLIR keep some global state alive until exit by design: leaks are
# not reported, memory errors and undefined behaviour are.
# allow_user_poisoning=0: qcc is instrumented but libMLIR is not, and LLVM's
# header-inlined BumpPtrAllocator poisons slabs the library later uses.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=0:allow_user_poisoning=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
QCC_BUILD_DIR=build-asan QCC_SKIP_DEPS=1 QCC_SKIP_BUILD=1 exec bash utils/test.sh
