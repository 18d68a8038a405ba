#!/usr/bin/env bash
# Configures (Release, Ninja, clang-22) and builds qcc into build/.
# ccache is picked up by CMakeLists.txt when installed.
#   QCC_JOBS   parallel build jobs (default 2)
set -euo pipefail
cd "$(dirname "$0")/.."

cmake -G Ninja -S . -B build \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=clang-22 \
  -DCMAKE_CXX_COMPILER=clang++-22
ninja -C build -j"${QCC_JOBS:-2}"
