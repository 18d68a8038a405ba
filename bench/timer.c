/*
 * Timing harness for a qcc-compiled model (bench/run.py builds and runs it).
 *
 * Build:
 *   cc -std=c11 -O2 -I<dir of model.h> -DQCC_HEADER=\"model.h\" \
 *      bench/timer.c model.o -o timer
 *
 * The model must have been compiled with `qcc compile ... --name model`, so
 * only the MODEL_* macros and model_run() are used.  Up to 4 inputs.
 *
 * Usage:
 *   ./timer [--iters N] [--warmup W] [--out FILE] in0.bin [in1.bin ...]
 *
 * Reads the inputs, allocates the arena and the outputs once, runs
 * model_run W times untimed, then N times, timing each call with
 * clock_gettime(CLOCK_MONOTONIC).  Optionally writes output 0 to FILE (for
 * the cross-check against ONNX Runtime).  Prints one JSON object to stdout:
 * per-iteration statistics in nanoseconds and the process's peak RSS, both
 * at the start of main() and at the end: getrusage ru_maxrss and VmHWM from
 * /proc/self/status (see proc_status_kb for why both).
 * Exits non-zero only on a usage, I/O or model_run error.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#ifndef QCC_HEADER
#error "compile with -DQCC_HEADER=\"model.h\""
#endif
#include QCC_HEADER

#define MAX_IN 4

#if MODEL_NUM_INPUTS > MAX_IN
#error "timer.c supports at most 4 inputs"
#endif
#if MODEL_NUM_OUTPUTS < 1 || MODEL_NUM_OUTPUTS > 4
#error "timer.c supports 1 to 4 outputs"
#endif

static const size_t in_bytes[MAX_IN + 1] = {
#if MODEL_NUM_INPUTS > 0
    MODEL_INPUT0_BYTES,
#endif
#if MODEL_NUM_INPUTS > 1
    MODEL_INPUT1_BYTES,
#endif
#if MODEL_NUM_INPUTS > 2
    MODEL_INPUT2_BYTES,
#endif
#if MODEL_NUM_INPUTS > 3
    MODEL_INPUT3_BYTES,
#endif
    0};

static const size_t out_bytes[4] = {
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

static void die(const char *msg, const char *arg) {
  fprintf(stderr, "timer: error: %s%s%s\n", msg, arg ? " " : "", arg ? arg : "");
  exit(1);
}

static long maxrss_kb(void) {
  struct rusage ru;
  if (getrusage(RUSAGE_SELF, &ru) != 0) return -1;
  return ru.ru_maxrss; /* kilobytes on Linux */
}

/* A "Vm...:  N kB" line of /proc/self/status, or -1.  Unlike ru_maxrss,
   which Linux carries over from the parent across fork and execve (so a
   timer started by a big Python process reports Python's peak), VmHWM is
   the peak of this process image only. */
static long proc_status_kb(const char *key) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long v = -1;
  size_t n = strlen(key);
  while (fgets(line, sizeof line, f)) {
    if (!strncmp(line, key, n) && line[n] == ':') {
      v = atol(line + n + 1);
      break;
    }
  }
  fclose(f);
  return v;
}

static long long now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void *xalloc(size_t bytes) {
  /* aligned_alloc needs a size that is a multiple of the alignment; the
     + 64 also keeps it positive for 0-byte buffers. */
  void *p = aligned_alloc(64, (bytes + 64) / 64 * 64);
  if (!p) die("out of memory", NULL);
  return p;
}

static void read_file(const char *path, void *dst, size_t bytes) {
  FILE *f = fopen(path, "rb");
  if (!f) die("cannot open", path);
  if (fread(dst, 1, bytes, f) != bytes) die("short input file", path);
  char extra;
  if (fread(&extra, 1, 1, f) != 0) die("input file too long", path);
  fclose(f);
}

static int cmp_ll(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted t[0..n). */
static long long pct(const long long *t, long n, double p) {
  long i = (long)(p / 100.0 * (double)(n - 1) + 0.5);
  if (i < 0) i = 0;
  if (i >= n) i = n - 1;
  return t[i];
}

int main(int argc, char **argv) {
  long rss_start_kb = maxrss_kb();
  long hwm_start_kb = proc_status_kb("VmHWM");
  long iters = 100, warmup = 10;
  const char *out_path = NULL;
  const char *in_paths[MAX_IN];
  int nin = 0;

  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--iters") && i + 1 < argc) {
      iters = atol(argv[++i]);
    } else if (!strcmp(argv[i], "--warmup") && i + 1 < argc) {
      warmup = atol(argv[++i]);
    } else if (!strcmp(argv[i], "--out") && i + 1 < argc) {
      out_path = argv[++i];
    } else if (argv[i][0] == '-') {
      die("unknown option", argv[i]);
    } else {
      if (nin >= MAX_IN) die("too many input files", NULL);
      in_paths[nin++] = argv[i];
    }
  }
  if (nin != MODEL_NUM_INPUTS) die("wrong number of input files", NULL);
  if (iters < 1 || warmup < 0) die("bad --iters / --warmup", NULL);

  const void *inputs[MAX_IN + 1] = {0};
  void *outputs[4] = {0};
  for (int i = 0; i < nin; i++) {
    void *p = xalloc(in_bytes[i]);
    read_file(in_paths[i], p, in_bytes[i]);
    inputs[i] = p;
  }
  for (int i = 0; i < MODEL_NUM_OUTPUTS; i++) {
    outputs[i] = xalloc(out_bytes[i]);
    memset(outputs[i], 0, out_bytes[i]);
  }
  void *arena = xalloc(MODEL_ARENA_BYTES);
  memset(arena, 0, (MODEL_ARENA_BYTES + 64) / 64 * 64);
  long long *t = malloc(sizeof(long long) * (size_t)iters);
  if (!t) die("out of memory", NULL);

  for (long i = 0; i < warmup; i++) {
    int rc = model_run(arena, inputs, outputs);
    if (rc != 0) {
      fprintf(stderr, "timer: error: model_run returned %d\n", rc);
      return 1;
    }
  }
  long long total0 = now_ns();
  for (long i = 0; i < iters; i++) {
    long long t0 = now_ns();
    int rc = model_run(arena, inputs, outputs);
    t[i] = now_ns() - t0;
    if (rc != 0) {
      fprintf(stderr, "timer: error: model_run returned %d\n", rc);
      return 1;
    }
  }
  long long total = now_ns() - total0;
  long rss_end_kb = maxrss_kb();
  long hwm_end_kb = proc_status_kb("VmHWM");

  if (out_path) {
    FILE *f = fopen(out_path, "wb");
    if (!f || fwrite(outputs[0], 1, out_bytes[0], f) != out_bytes[0] || fclose(f) != 0)
      die("cannot write", out_path);
  }

  double sum = 0;
  for (long i = 0; i < iters; i++) sum += (double)t[i];
  qsort(t, (size_t)iters, sizeof(long long), cmp_ll);
  printf("{\"runner\": \"qcc\", \"iters\": %ld, \"warmup\": %ld, "
         "\"median_ns\": %lld, \"min_ns\": %lld, \"mean_ns\": %.1f, "
         "\"p10_ns\": %lld, \"p90_ns\": %lld, \"max_ns\": %lld, "
         "\"total_ns\": %lld, \"arena_bytes\": %lld, "
         "\"maxrss_start_kb\": %ld, \"maxrss_end_kb\": %ld, "
         "\"vmhwm_start_kb\": %ld, \"vmhwm_end_kb\": %ld}\n",
         iters, warmup, pct(t, iters, 50), t[0], sum / (double)iters,
         pct(t, iters, 10), pct(t, iters, 90), t[iters - 1], total,
         (long long)MODEL_ARENA_BYTES, rss_start_kb, rss_end_kb, hwm_start_kb,
         hwm_end_kb);
  free(t);
  return 0;
}
