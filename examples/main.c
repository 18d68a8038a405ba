/*
 * Runs a model compiled by qcc: the bundled tiny_cnn example.
 *
 *   qcc compile examples/tiny_cnn/model.onnx -target x86_64 -o out/tiny_cnn.o
 *   cc -std=c11 -O2 -Iout examples/main.c out/tiny_cnn.o -o out/tiny_cnn
 *   out/tiny_cnn examples/tiny_cnn/input0.bin
 *
 * qcc writes tiny_cnn.h next to tiny_cnn.o; everything this program needs to
 * know about the model (sizes, shapes, element types) comes from its macros.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tiny_cnn.h"

#ifndef TINY_CNN_ARENA_ALIGN
#define TINY_CNN_ARENA_ALIGN 64
#endif

/* Reads exactly `bytes` bytes of `path` into `buf`; returns 0 on success. */
static int read_input(const char *path, void *buf, size_t bytes) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "cannot open %s\n", path);
    return 1;
  }
  size_t got = fread(buf, 1, bytes, f);
  int extra = fgetc(f) != EOF; /* the file must not be longer either */
  fclose(f);
  if (got != bytes || extra) {
    fprintf(stderr, "%s: expected exactly %zu bytes (%s, shape of input '%s')\n",
            path, bytes, TINY_CNN_INPUT0_DTYPE, TINY_CNN_INPUT0_NAME);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s INPUT.bin   (%d bytes of %s)\n", argv[0],
            TINY_CNN_INPUT0_BYTES, TINY_CNN_INPUT0_DTYPE);
    return 2;
  }

  /* The arena is the model's scratch memory: one aligned block, sized at
   * compile time. aligned_alloc wants a multiple of the alignment. */
  size_t align = TINY_CNN_ARENA_ALIGN;
  size_t arena_size = (TINY_CNN_ARENA_BYTES + align - 1) / align * align;
  void *arena = aligned_alloc(align, arena_size ? arena_size : align);

  static tiny_cnn_input0_t input[TINY_CNN_INPUT0_ELEMENTS];
  static tiny_cnn_output0_t output[TINY_CNN_OUTPUT0_ELEMENTS];
  if (!arena) {
    fprintf(stderr, "cannot allocate the %d-byte arena\n", TINY_CNN_ARENA_BYTES);
    return 1;
  }
  if (read_input(argv[1], input, sizeof input)) {
    free(arena);
    return 1;
  }

  const void *const inputs[TINY_CNN_NUM_INPUTS] = {input};
  void *const outputs[TINY_CNN_NUM_OUTPUTS] = {output};
  int rc = tiny_cnn_run(arena, inputs, outputs);
  free(arena);
  if (rc != 0) {
    fprintf(stderr, "tiny_cnn_run failed with %d\n", rc);
    return 1;
  }

  int best = 0;
  for (int i = 0; i < TINY_CNN_OUTPUT0_ELEMENTS; ++i) {
    printf("%s[%d] = %f\n", TINY_CNN_OUTPUT0_NAME, i, (double)output[i]);
    if (output[i] > output[best])
      best = i;
  }
  printf("argmax = %d\n", best);
  return 0;
}
