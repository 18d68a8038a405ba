/* Runs the model of test/qcc/header-int4.py on one packed int4 input and
 * prints its float output and its packed uint4 output's bytes. */
#include "net.h"

#include <stdio.h>

int main(void) {
  static unsigned char arena[NET_ARENA_BYTES + 1] __attribute__((aligned(64)));
  net_input0_t x[NET_INPUT0_BYTES] = {0x21, 0x8f, 0xf7};
  net_output0_t y[NET_OUTPUT0_ELEMENTS];
  net_output1_t q[NET_OUTPUT1_BYTES] = {0xaa, 0xaa};
  const void *in[] = {x};
  void *out[] = {y, q};
  int i;
  if (net_run(arena, in, out) != 0)
    return 1;
  printf("y");
  for (i = 0; i < NET_OUTPUT0_ELEMENTS; ++i)
    printf(" %g", y[i]);
  printf("\nq");
  for (i = 0; i < NET_OUTPUT1_BYTES; ++i)
    printf(" %02x", q[i]);
  printf("\n");
  return 0;
}
