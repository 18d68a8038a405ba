/*
 * ABI check of a qcc object compiled with `--name abi` (see abi.py).
 *
 *   cc -std=c99 -Wall -Werror -I<dir of abi.h> abi_check.c abi.o -o abi_check
 *
 * The model (built by abi.py): float input x [1, 2, 2, 2] -> Q(0.5,
 * 128) -> DQ -> Relu -> Q(0.5, 128) -> DQ -> output y, so y = max(x, 0) for
 * inputs that are multiples of 0.5 in range.  Only libc is linked.
 */
#define _ISOC11_SOURCE 1 /* aligned_alloc() under -std=c99 (glibc) */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"

int main(void) {
  static const int64_t in_shape[] = ABI_INPUT0_SHAPE; /* usable as an initializer */
  size_t arena_bytes = ABI_ARENA_BYTES + 2 * ABI_ARENA_ALIGN;
  unsigned char *arena = aligned_alloc(ABI_ARENA_ALIGN, arena_bytes);
  abi_input0_t x[ABI_INPUT0_ELEMENTS];
  abi_output0_t y[ABI_OUTPUT0_ELEMENTS];
  const void *inputs[ABI_NUM_INPUTS];
  void *outputs[ABI_NUM_OUTPUTS];
  const void *null_inputs[ABI_NUM_INPUTS] = {0};
  void *null_outputs[ABI_NUM_OUTPUTS] = {0};
  int i;

  if (!arena)
    return 100;
  (void)in_shape;
  for (i = 0; i < ABI_INPUT0_ELEMENTS; ++i)
    x[i] = (float)(i - 4) * 0.5f; /* -2.0 .. 1.5 */
  memset(y, 0xA5, sizeof y);
  inputs[0] = x;
  outputs[0] = y;

  printf("sizeof input0 %d bytes %d\n", (int)sizeof x, ABI_INPUT0_BYTES);
  printf("null arena: %d\n", abi_run(NULL, inputs, outputs));
  printf("null inputs: %d\n", abi_run(arena, NULL, outputs));
  printf("null outputs: %d\n", abi_run(arena, inputs, NULL));
  printf("null input pointer: %d\n", abi_run(arena, null_inputs, outputs));
  printf("null output pointer: %d\n", abi_run(arena, inputs, null_outputs));
  printf("arena + 1: %d\n", abi_run(arena + 1, inputs, outputs));
  printf("arena + 32: %d\n", abi_run(arena + 32, inputs, outputs));
  /* nothing may have been written by the rejected calls */
  printf("output untouched: %d\n", ((unsigned char *)y)[0] == 0xA5);
  printf("ok: %d\n", abi_run(arena, inputs, outputs));
  printf("aligned + 64: %d\n", abi_run(arena + 64, inputs, outputs));
  printf("y =");
  for (i = 0; i < ABI_OUTPUT0_ELEMENTS; ++i)
    printf(" %g", (double)y[i]);
  printf("\n");
  free(arena);
  return 0;
}
