/*
 * Generic C driver for qcc-compiled models (end-to-end tests).
 *
 * Build (the harness does this):
 *   cc -std=c99 -O2 -Wall -Werror -I<dir of model.h> -DQCC_HEADER=\"model.h\" \
 *      driver.c model.o -o run
 *
 * The model must have been compiled with `qcc compile ... --name model`, so
 * only MODEL_* macros, the model_inputN_t / model_outputN_t typedefs and
 * model_run() are used.  Up to 4 inputs and 4 outputs.
 *
 * Usage:
 *   ./run in0.bin [in1.bin ...] out0.bin [out1.bin ...]
 *   ./run --info     print the I/O description from the header
 *
 * Each input file must hold exactly MODEL_INPUTi_BYTES bytes.  The arena
 * and output buffers are filled with a 0xA5 pattern before model_run so that
 * a model which reads uninitialized arena memory or leaves part of an output
 * unwritten gives a visible and deterministic difference.
 */
#define _ISOC11_SOURCE 1 /* aligned_alloc() under -std=c99 (glibc) */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef QCC_HEADER
#error "compile with -DQCC_HEADER=\"model.h\""
#endif
#include QCC_HEADER

#define QCC_MAX_IO 4
#define QCC_ALIGN 64
#define QCC_FILL 0xA5

#if !defined(MODEL_NUM_INPUTS) || !defined(MODEL_NUM_OUTPUTS) || \
    !defined(MODEL_ARENA_BYTES)
#error "model.h lacks MODEL_NUM_INPUTS / MODEL_NUM_OUTPUTS / MODEL_ARENA_BYTES"
#endif
#if MODEL_NUM_INPUTS > QCC_MAX_IO || MODEL_NUM_OUTPUTS > QCC_MAX_IO
#error "driver.c supports at most 4 inputs and 4 outputs"
#endif
#if MODEL_NUM_OUTPUTS < 1
#error "model has no outputs"
#endif

/* Compile-time checks of the header: BYTES == ELEMENTS * sizeof(type). */
#define QCC_CHECK(name, cond) typedef char name[(cond) ? 1 : -1]
#define QCC_IO_CHECK(PFX, pfx, i)                                              \
  QCC_CHECK(qcc_check_##pfx##i,                                               \
            (unsigned long long)PFX##i##_BYTES ==                              \
                (unsigned long long)PFX##i##_ELEMENTS * sizeof(pfx##i##_t))

/* One descriptor per input/output, built from the MODEL_* macros. */
typedef struct {
  const char *name;
  const char *dtype;
  size_t bytes;
  size_t elements;
  size_t elem_size;
  int rank;
  const long long *shape;
} io_desc;

#define QCC_SHAPE(PFX, pfx, i)                                                 \
  static const long long qcc_##pfx##i##_shape[PFX##i##_RANK > 0 ? PFX##i##_RANK : 1] = \
      PFX##i##_SHAPE;
#define QCC_DESC(PFX, pfx, i)                                                  \
  {PFX##i##_NAME,           PFX##i##_DTYPE,       (size_t)PFX##i##_BYTES,      \
   (size_t)PFX##i##_ELEMENTS, sizeof(pfx##i##_t), PFX##i##_RANK,             \
   qcc_##pfx##i##_shape}

#if MODEL_NUM_INPUTS > 0
QCC_IO_CHECK(MODEL_INPUT, model_input, 0);
QCC_SHAPE(MODEL_INPUT, model_input, 0)
#endif
#if MODEL_NUM_INPUTS > 1
QCC_IO_CHECK(MODEL_INPUT, model_input, 1);
QCC_SHAPE(MODEL_INPUT, model_input, 1)
#endif
#if MODEL_NUM_INPUTS > 2
QCC_IO_CHECK(MODEL_INPUT, model_input, 2);
QCC_SHAPE(MODEL_INPUT, model_input, 2)
#endif
#if MODEL_NUM_INPUTS > 3
QCC_IO_CHECK(MODEL_INPUT, model_input, 3);
QCC_SHAPE(MODEL_INPUT, model_input, 3)
#endif

QCC_IO_CHECK(MODEL_OUTPUT, model_output, 0);
QCC_SHAPE(MODEL_OUTPUT, model_output, 0)
#if MODEL_NUM_OUTPUTS > 1
QCC_IO_CHECK(MODEL_OUTPUT, model_output, 1);
QCC_SHAPE(MODEL_OUTPUT, model_output, 1)
#endif
#if MODEL_NUM_OUTPUTS > 2
QCC_IO_CHECK(MODEL_OUTPUT, model_output, 2);
QCC_SHAPE(MODEL_OUTPUT, model_output, 2)
#endif
#if MODEL_NUM_OUTPUTS > 3
QCC_IO_CHECK(MODEL_OUTPUT, model_output, 3);
QCC_SHAPE(MODEL_OUTPUT, model_output, 3)
#endif

static const io_desc inputs_desc[QCC_MAX_IO] = {
#if MODEL_NUM_INPUTS > 0
    QCC_DESC(MODEL_INPUT, model_input, 0),
#else
    {0, 0, 0, 0, 0, 0, 0},
#endif
#if MODEL_NUM_INPUTS > 1
    QCC_DESC(MODEL_INPUT, model_input, 1),
#endif
#if MODEL_NUM_INPUTS > 2
    QCC_DESC(MODEL_INPUT, model_input, 2),
#endif
#if MODEL_NUM_INPUTS > 3
    QCC_DESC(MODEL_INPUT, model_input, 3),
#endif
};

static const io_desc outputs_desc[QCC_MAX_IO] = {
    QCC_DESC(MODEL_OUTPUT, model_output, 0),
#if MODEL_NUM_OUTPUTS > 1
    QCC_DESC(MODEL_OUTPUT, model_output, 1),
#endif
#if MODEL_NUM_OUTPUTS > 2
    QCC_DESC(MODEL_OUTPUT, model_output, 2),
#endif
#if MODEL_NUM_OUTPUTS > 3
    QCC_DESC(MODEL_OUTPUT, model_output, 3),
#endif
};

static size_t dtype_size(const char *dtype) {
  if (strcmp(dtype, "float32") == 0 || strcmp(dtype, "int32") == 0) return 4;
  if (strcmp(dtype, "uint8") == 0 || strcmp(dtype, "int8") == 0) return 1;
  return 0;
}

/* Runtime consistency checks of one descriptor; returns 0 if fine. */
static int check_desc(const char *kind, int i, const io_desc *d) {
  unsigned long long prod = 1;
  int r;
  if (d->rank < 0) {
    fprintf(stderr, "run: %s%d: negative rank %d\n", kind, i, d->rank);
    return 1;
  }
  for (r = 0; r < d->rank; ++r) {
    if (d->shape[r] < 0) {
      fprintf(stderr, "run: %s%d: negative dim %lld\n", kind, i, d->shape[r]);
      return 1;
    }
    prod *= (unsigned long long)d->shape[r];
  }
  if (prod != (unsigned long long)d->elements) {
    fprintf(stderr, "run: %s%d (%s): shape product %llu != ELEMENTS %lu\n",
            kind, i, d->name, prod, (unsigned long)d->elements);
    return 1;
  }
  if (dtype_size(d->dtype) != d->elem_size) {
    fprintf(stderr, "run: %s%d (%s): dtype '%s' does not match sizeof(type)=%lu\n",
            kind, i, d->name, d->dtype, (unsigned long)d->elem_size);
    return 1;
  }
  return 0;
}

static void print_desc(const char *kind, int i, const io_desc *d) {
  int r;
  printf("%s %d name=%s dtype=%s bytes=%lu elements=%lu shape=", kind, i,
         d->name, d->dtype, (unsigned long)d->bytes, (unsigned long)d->elements);
  for (r = 0; r < d->rank; ++r) printf(r ? ",%lld" : "%lld", d->shape[r]);
  printf("\n");
}

static size_t round_up(size_t n, size_t a) { return (n + a - 1) / a * a; }

static void *alloc_aligned(size_t bytes) {
  size_t n = round_up(bytes ? bytes : 1, QCC_ALIGN);
  void *p = aligned_alloc(QCC_ALIGN, n);
  if (p) memset(p, QCC_FILL, n);
  return p;
}

static int read_file(const char *path, void *buf, size_t bytes) {
  FILE *f = fopen(path, "rb");
  long size;
  if (!f) {
    fprintf(stderr, "run: cannot open input %s\n", path);
    return 1;
  }
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0) {
    fprintf(stderr, "run: cannot determine the size of %s\n", path);
    fclose(f);
    return 1;
  }
  if ((unsigned long)size != (unsigned long)bytes) {
    fprintf(stderr, "run: input %s has %ld bytes, expected %lu\n", path, size,
            (unsigned long)bytes);
    fclose(f);
    return 1;
  }
  if (bytes && fread(buf, 1, bytes, f) != bytes) {
    fprintf(stderr, "run: short read on %s\n", path);
    fclose(f);
    return 1;
  }
  fclose(f);
  return 0;
}

static int write_file(const char *path, const void *buf, size_t bytes) {
  FILE *f = fopen(path, "wb");
  if (!f) {
    fprintf(stderr, "run: cannot create output %s\n", path);
    return 1;
  }
  if (bytes && fwrite(buf, 1, bytes, f) != bytes) {
    fprintf(stderr, "run: short write on %s\n", path);
    fclose(f);
    return 1;
  }
  if (fclose(f) != 0) {
    fprintf(stderr, "run: error closing %s\n", path);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  const void *ins[QCC_MAX_IO] = {0, 0, 0, 0};
  void *outs[QCC_MAX_IO] = {0, 0, 0, 0};
  void *in_bufs[QCC_MAX_IO] = {0, 0, 0, 0};
  void *arena;
  int i, rc, status = 1;
  clock_t t0, t1;

  for (i = 0; i < MODEL_NUM_INPUTS; ++i)
    if (check_desc("input", i, &inputs_desc[i])) return 1;
  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i)
    if (check_desc("output", i, &outputs_desc[i])) return 1;

  if (argc == 2 && strcmp(argv[1], "--info") == 0) {
    printf("arena %lu\n", (unsigned long)MODEL_ARENA_BYTES);
    for (i = 0; i < MODEL_NUM_INPUTS; ++i) print_desc("input", i, &inputs_desc[i]);
    for (i = 0; i < MODEL_NUM_OUTPUTS; ++i) print_desc("output", i, &outputs_desc[i]);
    return 0;
  }
  if (argc != 1 + MODEL_NUM_INPUTS + MODEL_NUM_OUTPUTS) {
    fprintf(stderr,
            "usage: %s IN0.bin.. OUT0.bin..   (%d input file(s), %d output file(s))\n"
            "       %s --info\n",
            argv[0], MODEL_NUM_INPUTS, MODEL_NUM_OUTPUTS, argv[0]);
    return 2;
  }

  arena = alloc_aligned((size_t)MODEL_ARENA_BYTES);
  if (!arena) {
    fprintf(stderr, "run: cannot allocate the %lu-byte arena\n",
            (unsigned long)MODEL_ARENA_BYTES);
    return 1;
  }
  for (i = 0; i < MODEL_NUM_INPUTS; ++i) {
    in_bufs[i] = alloc_aligned(inputs_desc[i].bytes);
    if (!in_bufs[i]) {
      fprintf(stderr, "run: out of memory\n");
      goto done;
    }
    if (read_file(argv[1 + i], in_bufs[i], inputs_desc[i].bytes)) goto done;
    ins[i] = in_bufs[i];
  }
  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i) {
    outs[i] = alloc_aligned(outputs_desc[i].bytes);
    if (!outs[i]) {
      fprintf(stderr, "run: out of memory\n");
      goto done;
    }
  }

  t0 = clock();
  rc = model_run(arena, ins, outs);
  t1 = clock();
  if (rc != 0) {
    fprintf(stderr, "run: model_run returned %d\n", rc);
    goto done;
  }
  fprintf(stderr, "run: model_run ok (%.3f ms cpu)\n",
          1000.0 * (double)(t1 - t0) / (double)CLOCKS_PER_SEC);

  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i)
    if (write_file(argv[1 + MODEL_NUM_INPUTS + i], outs[i], outputs_desc[i].bytes))
      goto done;
  status = 0;

done:
  for (i = 0; i < QCC_MAX_IO; ++i) {
    free(in_bufs[i]);
    free(outs[i]);
  }
  free(arena);
  return status;
}
