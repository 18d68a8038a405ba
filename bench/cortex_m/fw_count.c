/*
 * Firmware that counts the instructions one inference executes, for
 * bench/cortex_m/run.py. Run under qemu-system-arm -icount shift=0, where
 * every instruction advances the virtual clock by 1 ns; SysTick (clocked
 * by the core clock, counting down from 2^24 - 1, its wraps counted by the
 * interrupt) measures that clock. The ticks per instruction are calibrated
 * on a loop of a known instruction count (2 instructions an iteration), so
 * the board's clock frequency need not be known.
 *
 * Prints through semihosting:
 *   qcc-count: calibration <ticks> <instructions>
 *   qcc-count: inference <ticks> rc <rc>
 * run.py computes instructions = ticks * calibration instructions / ticks.
 * The model runs once before the measured run (first-run effects: none on
 * these cores without caches, but the measured run is the second).
 */
#include <stdint.h>
#include <string.h>

#include "semihost.h"
#include QCC_HEADER

extern const void *const qcc_fw_inputs[];

static uint8_t arena[MODEL_ARENA_BYTES > 0 ? MODEL_ARENA_BYTES : 1]
    __attribute__((aligned(MODEL_ARENA_ALIGN)));
static uint8_t out0[MODEL_OUTPUT0_BYTES] __attribute__((aligned(16)));

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
enum { kReload = 0xFFFFFF };

static volatile uint32_t wraps;
void SysTick_Handler(void) { ++wraps; }

/* Ticks since start(): wraps * 2^24 + the count down, read consistently. */
static void start(void) {
  SYST_CSR = 0;
  SYST_RVR = kReload;
  SYST_CVR = 0;
  wraps = 0;
  SYST_CSR = 7; /* enable, interrupt, core clock */
}
static uint64_t ticks(void) {
  uint32_t w, v;
  do {
    w = wraps;
    v = SYST_CVR;
  } while (w != wraps);
  return (uint64_t)w * (kReload + 1u) + (kReload - v);
}

int main(void) {
  void *outs[4] = {out0, out0, out0, out0};
#if MODEL_NUM_OUTPUTS > 1
  static uint8_t out1[MODEL_OUTPUT1_BYTES] __attribute__((aligned(16)));
  outs[1] = out1;
#endif
#if MODEL_NUM_OUTPUTS > 2
#error "fw_count.c handles up to 2 outputs"
#endif
  /* Calibration: n iterations of "subs; bne" = 2n instructions. */
  const uint32_t n = 4000000;
  start();
  uint32_t k = n;
  __asm__ volatile("1: subs %0, %0, #1\n\tbne 1b" : "+l"(k) : : "cc");
  uint64_t cal = ticks();
  int rc = model_run(arena, qcc_fw_inputs, outs);
  start();
  rc |= model_run(arena, qcc_fw_inputs, outs);
  uint64_t t = ticks();
  SYST_CSR = 0;
  sh_puts("qcc-count: calibration ");
  sh_put_u64(cal);
  sh_puts(" ");
  sh_put_u64(2ull * n);
  sh_puts("\nqcc-count: inference ");
  sh_put_u64(t);
  sh_puts(" rc ");
  sh_put_u64((uint64_t)rc);
  sh_puts("\n");
  return rc;
}
