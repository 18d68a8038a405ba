/*
 * Firmware driver for qcc-compiled models on Cortex-M (end-to-end tests).
 *
 * Linked with examples/firmware/{startup,semihost}.c, a board's linker
 * script, the model object and fw_inputs.c, which the harness (e2e.py
 * --cortex-m) writes with the input bytes:
 *
 *   const void *const qcc_fw_inputs[MODEL_NUM_INPUTS];
 *
 * The arena and the outputs are static buffers, filled with 0xA5 before the
 * run (as the hosted driver does). The driver runs the model twice (the
 * second run must not depend on what the first left in the arena) and
 * prints, through semihosting:
 *
 *   qcc-fw: run 0 rc 0
 *   qcc-fw: stack <bytes>
 *   qcc-fw: output 0 <hex bytes>
 *   ...
 *   qcc-fw: done
 *
 * The harness compares the bytes with the x86-64 build's outputs. "stack"
 * is how deep the first run went below the caller's stack pointer: the
 * stack from the end of .bss up to just below main's frame is painted
 * before the call and scanned after it. The harness checks it against the
 * bound `qcc --report` computed.
 */
#include <stdint.h>
#include <string.h>

#include "semihost.h"
#include QCC_HEADER

#if MODEL_NUM_OUTPUTS > 4
#error "fw_driver.c handles up to 4 outputs"
#endif

extern const void *const qcc_fw_inputs[];
extern uint32_t __bss_end[];

#define PAINT 0x57AC57ACu

/* Paints [__bss_end, limit): a leaf with no frame of its own. */
static __attribute__((noinline)) void paint_stack(uint32_t *limit) {
  for (volatile uint32_t *p = __bss_end; p < limit; ++p)
    *p = PAINT;
}

/* The lowest address written since paint_stack. */
static __attribute__((noinline)) uintptr_t stack_low_water(void) {
  volatile uint32_t *p = __bss_end;
  while (*p == PAINT)
    ++p;
  return (uintptr_t)p;
}

static uint8_t arena[MODEL_ARENA_BYTES > 0 ? MODEL_ARENA_BYTES : 1]
    __attribute__((aligned(MODEL_ARENA_ALIGN)));

static uint8_t out0[MODEL_OUTPUT0_BYTES] __attribute__((aligned(16)));
#if MODEL_NUM_OUTPUTS > 1
static uint8_t out1[MODEL_OUTPUT1_BYTES] __attribute__((aligned(16)));
#endif
#if MODEL_NUM_OUTPUTS > 2
static uint8_t out2[MODEL_OUTPUT2_BYTES] __attribute__((aligned(16)));
#endif
#if MODEL_NUM_OUTPUTS > 3
static uint8_t out3[MODEL_OUTPUT3_BYTES] __attribute__((aligned(16)));
#endif

int main(void) {
  void *const outs[] = {
      out0,
#if MODEL_NUM_OUTPUTS > 1
      out1,
#endif
#if MODEL_NUM_OUTPUTS > 2
      out2,
#endif
#if MODEL_NUM_OUTPUTS > 3
      out3,
#endif
  };
  const uint32_t sizes[] = {
      MODEL_OUTPUT0_BYTES,
#if MODEL_NUM_OUTPUTS > 1
      MODEL_OUTPUT1_BYTES,
#endif
#if MODEL_NUM_OUTPUTS > 2
      MODEL_OUTPUT2_BYTES,
#endif
#if MODEL_NUM_OUTPUTS > 3
      MODEL_OUTPUT3_BYTES,
#endif
  };
  int failed = 0;
  for (int run = 0; run < 2; ++run) {
    memset(arena, 0xA5, sizeof arena);
    for (int i = 0; i < MODEL_NUM_OUTPUTS; ++i)
      memset(outs[i], 0xA5, sizes[i]);
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    if (run == 0)
      paint_stack((uint32_t *)(sp - 32));
    int rc = model_run(arena, qcc_fw_inputs, outs);
    uintptr_t low = run == 0 ? stack_low_water() : sp;
    sh_puts("qcc-fw: run ");
    sh_put_u32((uint32_t)run);
    sh_puts(" rc ");
    sh_put_u32((uint32_t)rc);
    sh_puts("\n");
    if (run == 0) {
      sh_puts("qcc-fw: stack ");
      sh_put_u32((uint32_t)(sp - low));
      sh_puts("\n");
    }
    failed |= rc != 0;
  }
  for (int i = 0; i < MODEL_NUM_OUTPUTS; ++i) {
    sh_puts("qcc-fw: output ");
    sh_put_u32((uint32_t)i);
    sh_puts(" ");
    sh_put_hex(outs[i], sizes[i]);
    sh_puts("\n");
  }
  sh_puts("qcc-fw: done\n");
  return failed;
}
