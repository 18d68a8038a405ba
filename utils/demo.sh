#!/usr/bin/env bash
# Compiles the bundled example model (examples/tiny_cnn/model.onnx, a small
# quantized CNN) for x86-64 and for aarch64, links each object with
# examples/main.c and runs both (aarch64 under qemu-aarch64) on
# examples/tiny_cnn/input0.bin, printing the 10 class scores and the argmax;
# then compiles it for a Cortex-M4, links it into firmware
# (examples/firmware/) and runs that under qemu-system-arm (mps2-an386).
# All three must print the same.
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

rm -rf "$OUT/x86" "$OUT/aarch64" "$OUT/cortex-m4"
mkdir -p "$OUT/x86" "$OUT/aarch64" "$OUT/cortex-m4"

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
echo "== cortex-m4 firmware (qemu-system-arm, mps2-an386)"
FW=examples/firmware
run "$QCC" compile "$MODEL" -target thumbv7em-none-eabi -mcpu=cortex-m4 \
  -o "$OUT/cortex-m4/tiny_cnn.o"
run python3 "$FW/embed_input.py" "$INPUT" "$OUT/cortex-m4/input.c"
run arm-none-eabi-gcc -std=c11 -O2 -Wall -Wextra -mcpu=cortex-m4 -mthumb \
  -nostartfiles --specs=nano.specs -Wl,--no-warn-execstack -I"$FW" \
  -I"$OUT/cortex-m4" -L"$FW/boards" -T mps2-an386.ld "$FW/startup.c" \
  "$FW/semihost.c" "$FW/main.c" "$OUT/cortex-m4/input.c" \
  "$OUT/cortex-m4/tiny_cnn.o" -o "$OUT/cortex-m4/tiny_cnn.elf"
run qemu-system-arm -M mps2-an386 -display none -monitor none -serial none \
  -chardev file,id=console,path="$OUT/cortex-m4/output.txt" \
  -semihosting-config enable=on,target=native,chardev=console \
  -kernel "$OUT/cortex-m4/tiny_cnn.elf"
cat "$OUT/cortex-m4/output.txt"

echo
status=0
for other in aarch64 cortex-m4; do
  if cmp -s "$OUT/x86/output.txt" "$OUT/$other/output.txt"; then
    echo "x86_64 and $other outputs are identical"
  else
    echo "x86_64 and $other outputs differ:" >&2
    diff "$OUT/x86/output.txt" "$OUT/$other/output.txt" >&2 || true
    status=1
  fi
done
exit $status
