#!/usr/bin/env bash
# Compiles the bundled example model (examples/tiny_cnn/model.onnx, a small
# quantized CNN) for x86-64 and for aarch64, links each object with
# examples/main.c and runs both (aarch64 under qemu-aarch64) on
# examples/tiny_cnn/input0.bin, printing the 10 class scores and the argmax.
#
#   QCC_SKIP_DEPS=1    do not run utils/install-deps.sh
#   QCC_SKIP_BUILD=1   do not run utils/build.sh (use the existing build/)
#   QCC_DEMO_OUT=DIR   output directory (default build/demo)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${QCC_SKIP_DEPS:-0}" != 1 ]; then
  bash utils/install-deps.sh
fi
if [ "${QCC_SKIP_BUILD:-0}" != 1 ]; then
  bash utils/build.sh
fi

QCC=build/bin/qcc
MODEL=examples/tiny_cnn/model.onnx
INPUT=examples/tiny_cnn/input0.bin
OUT=${QCC_DEMO_OUT:-build/demo}
CFLAGS=(-std=c11 -O2 -Wall -Wextra)

run() { echo "+ $*" >&2; "$@"; }

rm -rf "$OUT/x86" "$OUT/aarch64"
mkdir -p "$OUT/x86" "$OUT/aarch64"

echo "== x86_64"
run "$QCC" compile "$MODEL" -target x86_64 -o "$OUT/x86/tiny_cnn.o"
run cc "${CFLAGS[@]}" -I"$OUT/x86" examples/main.c "$OUT/x86/tiny_cnn.o" \
  -o "$OUT/x86/tiny_cnn"
run "$OUT/x86/tiny_cnn" "$INPUT" | tee "$OUT/x86/output.txt"

echo
echo "== aarch64 (qemu-aarch64)"
run "$QCC" compile "$MODEL" -target aarch64 -o "$OUT/aarch64/tiny_cnn.o"
run aarch64-linux-gnu-gcc "${CFLAGS[@]}" -static -I"$OUT/aarch64" examples/main.c \
  "$OUT/aarch64/tiny_cnn.o" -o "$OUT/aarch64/tiny_cnn"
run qemu-aarch64 "$OUT/aarch64/tiny_cnn" "$INPUT" | tee "$OUT/aarch64/output.txt"

echo
if cmp -s "$OUT/x86/output.txt" "$OUT/aarch64/output.txt"; then
  echo "x86_64 and aarch64 outputs are identical"
else
  echo "x86_64 and aarch64 outputs differ:" >&2
  diff "$OUT/x86/output.txt" "$OUT/aarch64/output.txt" >&2 || true
  exit 1
fi
