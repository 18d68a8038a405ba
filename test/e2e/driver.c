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
 *
 * Guard pages.  The arena, every input and every output get a mapping of
 * their own: whole pages, readable and writable, between two PROT_NONE guard
 * pages:
 *
 *     [ guard ][ page .. page ][ guard ]
 *
 * and model_run is called twice, with fresh mappings each time:
 *
 *   1. "upper": every buffer ends exactly where the upper guard page starts,
 *      so the first byte past its end faults (overflow, read or write).
 *      Inputs and outputs are placed flush: a buffer of N bytes starts at
 *      (upper guard - N), which keeps the element type's natural alignment
 *      because N is a multiple of the element size and the guard is
 *      page-aligned.  The arena must stay MODEL_ARENA_ALIGN (64) byte aligned
 *      (the ABI; model_run returns 2 otherwise), so it starts at
 *      (upper guard - round_up(MODEL_ARENA_BYTES, 64)): flush when
 *      MODEL_ARENA_BYTES is a multiple of 64, otherwise the 1..63 bytes
 *      between its end and the guard are a canary (still 0xA5 after the
 *      call, or the run fails), so an overflowing write is caught there too.
 *   2. "lower": every buffer starts exactly at the end of the lower guard
 *      page (page-aligned, so 64-aligned too), so the byte before it faults
 *      (underflow).  The bytes after its end, up to the next page, are a
 *      canary checked after the call.
 *
 * Both runs must give bit-identical outputs; the outputs of run 1 are
 * written.  Inputs are made read-only (PROT_READ) after they are filled: the
 * ABI says they are only read, so a write into an input faults too.
 * A 0-byte arena is a valid, non-NULL pointer to the upper guard page itself
 * (nothing may be accessed through it).  A fault kills the driver with
 * SIGSEGV (nonzero exit status; e2e.py reports the signal).  Under
 * qemu-aarch64 the same holds: qemu-user honours mprotect and delivers
 * SIGSEGV to the guest, which then dies of it.
 *
 * Self-test (test/e2e/guard-selftest.test): compiled with
 * -DQCC_GUARD_SELFTEST, the driver accepts a first argument --selftest=KIND,
 * and after each successful model_run (of the placement the probe needs)
 * reads or writes one byte just out of (or, for the controls, just inside)
 * a buffer, as out-of-bounds generated code would; see selftest_probe().
 */
#define _DEFAULT_SOURCE 1 /* MAP_ANONYMOUS, sysconf under -std=c99 (glibc) */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#ifndef QCC_HEADER
#error "compile with -DQCC_HEADER=\"model.h\""
#endif
#include QCC_HEADER

#define QCC_MAX_IO 4
/* The arena's alignment: the header's MODEL_ARENA_ALIGN (64 today). */
#ifdef MODEL_ARENA_ALIGN
#define QCC_ALIGN MODEL_ARENA_ALIGN
#else
#define QCC_ALIGN 64
#endif
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

/* Compile-time checks of the header: BYTES == ceil(ELEMENTS * ELEMENT_BITS
 * / 8), and ELEMENT_BITS is the type's (or 4, packed int4/uint4 in a
 * uint8_t buffer). */
#define QCC_CHECK(name, cond) typedef char name[(cond) ? 1 : -1]
#define QCC_IO_CHECK(PFX, pfx, i)                                              \
  QCC_CHECK(qcc_check_##pfx##i,                                               \
            (unsigned long long)PFX##i##_BYTES ==                              \
                ((unsigned long long)PFX##i##_ELEMENTS * PFX##i##_ELEMENT_BITS \
                 + 7) / 8 &&                                                   \
            (PFX##i##_ELEMENT_BITS == 8 * sizeof(pfx##i##_t) ||               \
             (PFX##i##_ELEMENT_BITS == 4 && sizeof(pfx##i##_t) == 1)))

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
  if (strcmp(dtype, "int64") == 0) return 8;
  if (strcmp(dtype, "float32") == 0 || strcmp(dtype, "int32") == 0) return 4;
  if (strcmp(dtype, "uint16") == 0 || strcmp(dtype, "int16") == 0 ||
      strcmp(dtype, "float16") == 0) return 2;
  if (strcmp(dtype, "uint8") == 0 || strcmp(dtype, "int8") == 0) return 1;
  /* packed two a byte in uint8_t buffers */
  if (strcmp(dtype, "uint4") == 0 || strcmp(dtype, "int4") == 0) return 1;
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

/* ---- guarded buffers --------------------------------------------------- */

enum { PLACE_UPPER = 0, PLACE_LOWER = 1 };
static const char *const place_name[2] = {"upper", "lower"};

/* One buffer of `bytes` bytes in a mapping of its own:
 *   [guard page][span = round_up(bytes, page) bytes, RW][guard page]
 * `ptr` is where the buffer starts; [ptr, ptr + bytes) is the buffer and the
 * rest of the span ([span start, ptr) and [ptr + bytes, span end)) is slack
 * filled with QCC_FILL and checked after the call. */
typedef struct {
  unsigned char *map;  /* the whole mapping */
  size_t map_bytes;
  unsigned char *span; /* first accessible byte */
  size_t span_bytes;
  unsigned char *ptr;  /* the buffer */
  size_t bytes;
} guarded;

static size_t page_size(void) {
  long p = sysconf(_SC_PAGESIZE);
  return p > 0 ? (size_t)p : 4096;
}

/* Maps a guarded buffer.  align: required alignment of ptr (1 for none).
 * PLACE_UPPER: ptr = span end - round_up(bytes, align) (flush when bytes is a
 * multiple of align); PLACE_LOWER: ptr = span start.  The span is filled with
 * QCC_FILL.  Returns 0 on success. */
static int guard_map(guarded *g, size_t bytes, size_t align, int place) {
  size_t pg = page_size();
  memset(g, 0, sizeof *g);
  g->bytes = bytes;
  g->span_bytes = round_up(bytes, pg);
  g->map_bytes = g->span_bytes + 2 * pg;
  g->map = (unsigned char *)mmap(NULL, g->map_bytes, PROT_NONE,
                                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (g->map == (unsigned char *)MAP_FAILED) {
    g->map = NULL;
    fprintf(stderr, "run: mmap of %lu bytes failed\n", (unsigned long)g->map_bytes);
    return 1;
  }
  g->span = g->map + pg;
  if (g->span_bytes &&
      mprotect(g->span, g->span_bytes, PROT_READ | PROT_WRITE) != 0) {
    fprintf(stderr, "run: mprotect failed\n");
    return 1;
  }
  memset(g->span, QCC_FILL, g->span_bytes);
  if (place == PLACE_UPPER)
    g->ptr = g->span + g->span_bytes - round_up(bytes, align);
  else
    g->ptr = g->span;
  return 0;
}

/* Makes an input read-only once it is filled. */
static int guard_protect_ro(guarded *g) {
  if (g->span_bytes && mprotect(g->span, g->span_bytes, PROT_READ) != 0) {
    fprintf(stderr, "run: mprotect(PROT_READ) failed\n");
    return 1;
  }
  return 0;
}

/* The slack around the buffer must still hold QCC_FILL: a write just out of
 * bounds that the guard pages cannot see (alignment slack, or the tail of
 * the last page) is caught here.  Returns 0 if intact. */
static int guard_check_slack(const guarded *g, const char *what, int place) {
  const unsigned char *p;
  for (p = g->span; p < g->span + g->span_bytes; ++p) {
    if (p >= g->ptr && p < g->ptr + g->bytes) {
      p = g->ptr + g->bytes - 1;
      continue;
    }
    if (*p != QCC_FILL) {
      fprintf(stderr,
              "run: %s placement: %s was written out of bounds: byte %ld "
              "(relative to its start) is 0x%02x, not 0x%02x\n",
              place_name[place], what, (long)(p - g->ptr), *p, QCC_FILL);
      return 1;
    }
  }
  return 0;
}

static void guard_unmap(guarded *g) {
  if (g->map) munmap(g->map, g->map_bytes);
  g->map = NULL;
}

#ifdef QCC_GUARD_SELFTEST
/* One out-of-bounds (or, for the control, in-bounds) access after a
 * successful model_run, as generated code with an indexing bug would make
 * it.  --selftest=KIND:
 *   KIND                     placement  access
 *   read-past-output         upper      read  output0[BYTES]      -> SIGSEGV
 *   write-past-output        upper      write output0[BYTES]      -> SIGSEGV
 *   read-past-input          upper      read  input0[BYTES]       -> SIGSEGV
 *   write-input              upper      write input0[0]           -> SIGSEGV (read-only)
 *   read-past-arena          upper      read  arena[round_up(BYTES, 64)] -> SIGSEGV
 *   write-past-arena         upper      write arena[BYTES]: SIGSEGV if BYTES % 64 == 0,
 *                                       else the slack canary fails the run
 *   read-before-output       lower      read  output0[-1]         -> SIGSEGV
 *   write-before-output      lower      write output0[-1]         -> SIGSEGV
 *   read-before-input        lower      read  input0[-1]          -> SIGSEGV
 *   read-before-arena        lower      read  arena[-1]           -> SIGSEGV
 *   write-past-output-slack  lower      write output0[BYTES] (inside the last
 *                                       page when BYTES % page != 0): canary fails the run
 *   in-bounds                both       read the first and last byte of output0,
 *                                       input0 and the arena: must succeed */
static volatile unsigned char selftest_sink;
static const char *selftest_kind;

enum { ST_ARENA, ST_IN, ST_OUT };
enum { ST_BEFORE, ST_FIRST, ST_PAST, ST_PAST_ALIGNED };
static const struct {
  const char *kind;
  int place, buf, where, write;
} selftests[] = {
    {"read-past-output", PLACE_UPPER, ST_OUT, ST_PAST, 0},
    {"write-past-output", PLACE_UPPER, ST_OUT, ST_PAST, 1},
    {"read-past-input", PLACE_UPPER, ST_IN, ST_PAST, 0},
    {"write-input", PLACE_UPPER, ST_IN, ST_FIRST, 1},
    {"read-past-arena", PLACE_UPPER, ST_ARENA, ST_PAST_ALIGNED, 0},
    {"write-past-arena", PLACE_UPPER, ST_ARENA, ST_PAST, 1},
    {"read-before-output", PLACE_LOWER, ST_OUT, ST_BEFORE, 0},
    {"write-before-output", PLACE_LOWER, ST_OUT, ST_BEFORE, 1},
    {"read-before-input", PLACE_LOWER, ST_IN, ST_BEFORE, 0},
    {"read-before-arena", PLACE_LOWER, ST_ARENA, ST_BEFORE, 0},
    {"write-past-output-slack", PLACE_LOWER, ST_OUT, ST_PAST, 1},
};

static int selftest_known(const char *k) {
  size_t i;
  if (!strcmp(k, "in-bounds")) return 1;
  for (i = 0; i < sizeof selftests / sizeof selftests[0]; ++i)
    if (!strcmp(k, selftests[i].kind)) return 1;
  return 0;
}

static void selftest_touch_ends(const guarded *g) {
  if (!g->bytes) return;
  selftest_sink = ((volatile unsigned char *)g->ptr)[0];
  selftest_sink = ((volatile unsigned char *)g->ptr)[g->bytes - 1];
}

static void selftest_probe(int place, guarded *arena, guarded *ins, guarded *outs) {
  const char *k = selftest_kind;
  size_t i;
  if (!k) return;
  if (!strcmp(k, "in-bounds")) {
    selftest_touch_ends(&outs[0]);
    if (MODEL_NUM_INPUTS > 0) selftest_touch_ends(&ins[0]);
    selftest_touch_ends(arena);
    return;
  }
  for (i = 0; i < sizeof selftests / sizeof selftests[0]; ++i) {
    const guarded *g;
    volatile unsigned char *p;
    if (strcmp(k, selftests[i].kind) || selftests[i].place != place) continue;
    g = selftests[i].buf == ST_ARENA ? arena
        : selftests[i].buf == ST_IN  ? &ins[0]
                                     : &outs[0];
    p = (volatile unsigned char *)g->ptr;
    switch (selftests[i].where) {
    case ST_BEFORE: p -= 1; break;
    case ST_FIRST: break;
    case ST_PAST: p += g->bytes; break;
    default: p += round_up(g->bytes, QCC_ALIGN); break;
    }
    fprintf(stderr, "run: selftest %s: %s byte at offset %ld of a %lu-byte buffer\n",
            k, selftests[i].write ? "writing the" : "reading the", (long)(p - g->ptr),
            (unsigned long)g->bytes);
    if (selftests[i].write)
      *p = 0x5A;
    else
      selftest_sink = *p;
    fprintf(stderr, "run: selftest %s: no fault\n", k);
  }
}
#endif

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

/* One call of model_run with every buffer in a fresh guarded mapping placed
 * as `place` says.  in_data: the input files' contents.  got[i]: receives
 * output i (malloc'd by the caller).  Returns 0 on success. */
static int run_once(int place, unsigned char *const in_data[], unsigned char *got[],
                    double *ms) {
  guarded arena, ins[QCC_MAX_IO], outs[QCC_MAX_IO];
  const void *in_ptrs[QCC_MAX_IO] = {0, 0, 0, 0};
  void *out_ptrs[QCC_MAX_IO] = {0, 0, 0, 0};
  int i, rc, status = 1;
  clock_t t0, t1;

  memset(&arena, 0, sizeof arena);
  memset(ins, 0, sizeof ins);
  memset(outs, 0, sizeof outs);
  if (guard_map(&arena, (size_t)MODEL_ARENA_BYTES, QCC_ALIGN, place)) goto done;
  for (i = 0; i < MODEL_NUM_INPUTS; ++i) {
    if (guard_map(&ins[i], inputs_desc[i].bytes, 1, place)) goto done;
    if (inputs_desc[i].bytes) memcpy(ins[i].ptr, in_data[i], inputs_desc[i].bytes);
    if (guard_protect_ro(&ins[i])) goto done;
    in_ptrs[i] = ins[i].ptr;
  }
  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i) {
    if (guard_map(&outs[i], outputs_desc[i].bytes, 1, place)) goto done;
    out_ptrs[i] = outs[i].ptr;
  }

  t0 = clock();
  rc = model_run(arena.ptr, in_ptrs, out_ptrs);
  t1 = clock();
  *ms = 1000.0 * (double)(t1 - t0) / (double)CLOCKS_PER_SEC;
  if (rc != 0) {
    fprintf(stderr, "run: %s placement: model_run returned %d\n", place_name[place], rc);
    goto done;
  }
#ifdef QCC_GUARD_SELFTEST
  selftest_probe(place, &arena, ins, outs);
#endif
  if (guard_check_slack(&arena, "the arena", place)) goto done;
  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i) {
    char what[32];
    sprintf(what, "output %d", i);
    if (guard_check_slack(&outs[i], what, place)) goto done;
    if (outputs_desc[i].bytes) memcpy(got[i], outs[i].ptr, outputs_desc[i].bytes);
  }
  status = 0;

done:
  guard_unmap(&arena);
  for (i = 0; i < QCC_MAX_IO; ++i) {
    guard_unmap(&ins[i]);
    guard_unmap(&outs[i]);
  }
  return status;
}

int main(int argc, char **argv) {
  unsigned char *in_data[QCC_MAX_IO] = {0, 0, 0, 0};
  unsigned char *got[2][QCC_MAX_IO] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
  int i, place, status = 1;
  double ms[2] = {0, 0};

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
#ifdef QCC_GUARD_SELFTEST
  if (argc > 1 && strncmp(argv[1], "--selftest=", 11) == 0) {
    selftest_kind = argv[1] + 11;
    if (!selftest_known(selftest_kind)) {
      fprintf(stderr, "run: unknown --selftest kind '%s'\n", selftest_kind);
      return 2;
    }
    --argc;
    ++argv;
  }
#endif
  if (argc != 1 + MODEL_NUM_INPUTS + MODEL_NUM_OUTPUTS) {
    fprintf(stderr,
            "usage: %s IN0.bin.. OUT0.bin..   (%d input file(s), %d output file(s))\n"
            "       %s --info\n",
            argv[0], MODEL_NUM_INPUTS, MODEL_NUM_OUTPUTS, argv[0]);
    return 2;
  }

  for (i = 0; i < MODEL_NUM_INPUTS; ++i) {
    in_data[i] = (unsigned char *)malloc(inputs_desc[i].bytes + 1);
    if (!in_data[i]) {
      fprintf(stderr, "run: out of memory\n");
      goto done;
    }
    if (read_file(argv[1 + i], in_data[i], inputs_desc[i].bytes)) goto done;
  }
  for (place = 0; place < 2; ++place)
    for (i = 0; i < MODEL_NUM_OUTPUTS; ++i)
      if (!(got[place][i] = (unsigned char *)malloc(outputs_desc[i].bytes + 1))) {
        fprintf(stderr, "run: out of memory\n");
        goto done;
      }

  for (place = PLACE_UPPER; place <= PLACE_LOWER; ++place)
    if (run_once(place, in_data, got[place], &ms[place])) goto done;
  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i)
    if (memcmp(got[PLACE_UPPER][i], got[PLACE_LOWER][i], outputs_desc[i].bytes)) {
      fprintf(stderr, "run: output %d differs between the upper and the lower "
                      "placement of the buffers\n", i);
      goto done;
    }
  fprintf(stderr, "run: model_run ok between guard pages, upper and lower "
                  "placement (%.3f ms cpu)\n", ms[PLACE_UPPER]);

  for (i = 0; i < MODEL_NUM_OUTPUTS; ++i)
    if (write_file(argv[1 + MODEL_NUM_INPUTS + i], got[PLACE_UPPER][i],
                   outputs_desc[i].bytes))
      goto done;
  status = 0;

done:
  for (i = 0; i < QCC_MAX_IO; ++i) {
    free(in_data[i]);
    free(got[0][i]);
    free(got[1][i]);
  }
  return status;
}
