/*
 * The bundled tiny_cnn example as firmware for a Cortex-M board under QEMU:
 * the same scores as examples/main.c prints on x86-64 and AArch64, through
 * semihosting. utils/demo.sh builds and runs it:
 *
 *   qcc compile examples/tiny_cnn/model.onnx -target thumbv7em-none-eabi \
 *       -mcpu=cortex-m4 -o out/tiny_cnn.o
 *   python3 examples/firmware/embed_input.py examples/tiny_cnn/input0.bin out/input.c
 *   arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -O2 -nostartfiles \
 *       --specs=nano.specs -Iexamples/firmware -Iout \
 *       -Lexamples/firmware/boards -T mps2-an386.ld \
 *       examples/firmware/{startup,semihost,main}.c out/input.c out/tiny_cnn.o \
 *       -o out/tiny_cnn.elf
 *   qemu-system-arm -M mps2-an386 -nographic \
 *       -semihosting-config enable=on,target=native -kernel out/tiny_cnn.elf
 *
 * No heap, no stdio: the arena and the buffers are static.
 */
#include <stdint.h>

#include "semihost.h"
#include "tiny_cnn.h"

/* The input's bytes (embed_input.py). */
extern const unsigned char qcc_example_input[TINY_CNN_INPUT0_BYTES];

static uint8_t arena[TINY_CNN_ARENA_BYTES]
    __attribute__((aligned(TINY_CNN_ARENA_ALIGN)));
static tiny_cnn_output0_t output[TINY_CNN_OUTPUT0_ELEMENTS];

/* Prints f as printf("%f") does: 6 decimals, rounded half to even. f * 1e6
 * is exact in double (24 + 20 bits), so the rounding is of the exact value;
 * valid while |f| < 2^43. */
static void put_f6(float f) {
  double d = (double)f * 1e6;
  int neg = d < 0;
  if (neg)
    d = -d;
  uint64_t r = (uint64_t)d; /* floor: d >= 0 */
  double frac = d - (double)r;
  if (frac > 0.5 || (frac == 0.5 && (r & 1)))
    ++r;
  char buf[32];
  int i = (int)sizeof buf;
  buf[--i] = 0;
  for (int k = 0; k < 6; ++k, r /= 10)
    buf[--i] = (char)('0' + r % 10);
  buf[--i] = '.';
  do {
    buf[--i] = (char)('0' + r % 10);
    r /= 10;
  } while (r);
  if (neg)
    buf[--i] = '-';
  sh_puts(buf + i);
}

int main(void) {
  const void *const inputs[TINY_CNN_NUM_INPUTS] = {qcc_example_input};
  void *const outputs[TINY_CNN_NUM_OUTPUTS] = {output};
  int rc = tiny_cnn_run(arena, inputs, outputs);
  if (rc != 0) {
    sh_puts("tiny_cnn_run failed\n");
    return 1;
  }
  int best = 0;
  for (int i = 0; i < TINY_CNN_OUTPUT0_ELEMENTS; ++i) {
    sh_puts(TINY_CNN_OUTPUT0_NAME "[");
    sh_put_u32((uint32_t)i);
    sh_puts("] = ");
    put_f6(output[i]);
    sh_puts("\n");
    if (output[i] > output[best])
      best = i;
  }
  sh_puts("argmax = ");
  sh_put_u32((uint32_t)best);
  sh_puts("\n");
  return 0;
}
