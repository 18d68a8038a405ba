#!/usr/bin/env bash
# Installs everything qcc needs to build and test on Debian 12 (bookworm):
# LLVM/MLIR 22, clang/lld 22, ONNX/protobuf, python3-onnx/numpy, ONNX's node
# tests (libonnx-testdata, for test/conformance), the aarch64
# cross toolchain and qemu-user, the Arm bare-metal toolchain (gcc-arm-none-eabi,
# newlib) and qemu-system-arm for the Cortex-M tests, ccache/ninja/cmake, Node.js, and the ONNX
# Runtime oracle (npm package pinned in test/e2e/oracle/package.json).
#
# Idempotent: apt is skipped entirely when every package is already
# installed, npm when the pinned onnxruntime-node is already there.
# Run as root (or as a user with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "[install-deps] $*"; }

PACKAGES=(
  llvm-22-dev libmlir-22-dev mlir-22-tools llvm-22-tools clang-22 lld-22
  libonnx-dev libprotobuf-dev protobuf-compiler
  python3-onnx python3-numpy libonnx-testdata
  qemu-user gcc-aarch64-linux-gnu libc6-dev-arm64-cross
  gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm
  ccache ninja-build cmake zlib1g-dev libzstd-dev gcc make
  libclang-rt-22-dev
)
# Node.js: keep an existing installation (e.g. from NodeSource, which ships
# npm inside its nodejs package); otherwise take Debian's.
if ! command -v node >/dev/null 2>&1; then
  PACKAGES+=(nodejs npm)
elif ! command -v npm >/dev/null 2>&1; then
  PACKAGES+=(npm)
fi

is_installed() {
  dpkg -s "$1" 2>/dev/null | grep -q '^Status: install ok installed'
}

missing=()
for p in "${PACKAGES[@]}"; do
  is_installed "$p" || missing+=("$p")
done

if [ "${#missing[@]}" -eq 0 ]; then
  log "all ${#PACKAGES[@]} apt packages already installed"
else
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      SUDO=(sudo)
    else
      log "error: missing packages (${missing[*]}) and not root (no sudo)" >&2
      exit 1
    fi
  fi
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}"
fi

# --- ONNX Runtime oracle (node) --------------------------------------------------
ORACLE=test/e2e/oracle
json_value() { # json_value KEY FILE: first "KEY": "value" in FILE
  sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\([^\"]*\)\".*/\1/p" "$2" | head -n 1
}
pinned=$(json_value onnxruntime-node "$ORACLE/package.json")
installed_pkg="$ORACLE/node_modules/onnxruntime-node/package.json"
installed=""
if [ -f "$installed_pkg" ]; then
  installed=$(json_value version "$installed_pkg")
fi
if [ -n "$pinned" ] && [ "$installed" = "$pinned" ]; then
  log "onnxruntime-node $installed already installed in $ORACLE"
else
  log "npm install in $ORACLE (onnxruntime-node ${pinned:-?}, found '${installed:-none}')"
  (cd "$ORACLE" && npm install --ignore-scripts --no-audit --no-fund)
fi
log "done"
