/*===- ukernel_bench.c - microbenchmarks of qcc's kernels and of the peak ---===*
 *
 * Prints JSON lines: the peak int8 multiply-accumulate rate of this core
 * for an exact instruction sequence (AVX2 vpmaddwd + vpaddd with 12
 * independent accumulators; AVX-512 VNNI vpdpbusd when the CPU has it), and
 * the rate of each variant of qcc_uk_conv2d_row_i8 on ResNet-18's
 * convolution shapes and of qcc_uk_dwconv2d_row_i8 on MobileNetV2's
 * depthwise ones (one output row at a time, as generated code calls them).
 * Rates are G MAC/s (10^9 multiply-accumulates a second), one thread.
 *
 *   cc -O2 -Ilib/Runtime/ukernel bench/ukernel_bench.c \
 *      lib/Runtime/ukernel/conv2d_row_i8.c lib/Runtime/ukernel/dwconv2d_row_i8.c -o /tmp/ukb && /tmp/ukb
 *
 * bench/run.py builds it (with clang when it finds one, else --cc), runs it
 * with --peak and reports each model's achieved rate against that peak.
 *
 *===----------------------------------------------------------------------===*/
#define _POSIX_C_SOURCE 199309L
#include "qcc_ukernel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

#if defined(__x86_64__)
#include <immintrin.h>

/* 12 independent vpmaddwd + vpaddd chains: 16 MACs an instruction. Each
 * step is inline assembly, so no compiler merges the 12 identical
 * multiplies into one; the accumulators are named variables, kept in
 * registers. */
#define QCC_PEAK_STEP(a)                                                       \
  __asm__ volatile("vpmaddwd %2, %1, %%ymm15\n\tvpaddd %%ymm15, %0, %0"      \
                   : "+x"(a)                                                   \
                   : "x"(x), "x"(w)                                            \
                   : "xmm15")
__attribute__((target("avx2"), noinline)) static int32_t
peak_avx2(int64_t iters) {
  __m256i x = _mm256_set1_epi32(0x00030001), w = _mm256_set1_epi16(2);
  __m256i a0 = _mm256_set1_epi32(0), a1 = a0, a2 = a0, a3 = a0, a4 = a0,
          a5 = a0, a6 = a0, a7 = a0, a8 = a0, a9 = a0, a10 = a0, a11 = a0;
  for (int64_t it = 0; it < iters; ++it) {
    QCC_PEAK_STEP(a0); QCC_PEAK_STEP(a1); QCC_PEAK_STEP(a2); QCC_PEAK_STEP(a3);
    QCC_PEAK_STEP(a4); QCC_PEAK_STEP(a5); QCC_PEAK_STEP(a6); QCC_PEAK_STEP(a7);
    QCC_PEAK_STEP(a8); QCC_PEAK_STEP(a9); QCC_PEAK_STEP(a10); QCC_PEAK_STEP(a11);
    __asm__ volatile("" : "+x"(x), "+x"(w));
  }
  __m256i s = _mm256_add_epi32(
      _mm256_add_epi32(_mm256_add_epi32(a0, a1), _mm256_add_epi32(a2, a3)),
      _mm256_add_epi32(_mm256_add_epi32(a4, a5), _mm256_add_epi32(a6, a7)));
  s = _mm256_add_epi32(s, _mm256_add_epi32(_mm256_add_epi32(a8, a9),
                                           _mm256_add_epi32(a10, a11)));
  return _mm256_extract_epi32(s, 0);
}
#undef QCC_PEAK_STEP

/* 12 independent vpdpbusd chains: 64 MACs an instruction. */
__attribute__((target("avx512f,avx512vnni"), noinline)) static int32_t
peak_vnni(int64_t iters) {
  __m512i a[12], x = _mm512_set1_epi32(0x01010101), w = _mm512_set1_epi8(2);
  for (int i = 0; i < 12; ++i)
    a[i] = _mm512_set1_epi32(i);
  for (int64_t it = 0; it < iters; ++it) {
    for (int i = 0; i < 12; ++i)
      a[i] = _mm512_dpbusd_epi32(a[i], x, w);
    __asm__ volatile("" : "+v"(x), "+v"(w));
  }
  __m512i s = a[0];
  for (int i = 1; i < 12; ++i)
    s = _mm512_add_epi32(s, a[i]);
  return _mm512_reduce_add_epi32(s);
}
#endif

/* The best time of repeated runs of BODY: at least 3, and for `seconds`. */
#define QCC_BEST_TIME(best, seconds, BODY)                                     \
  do {                                                                         \
    int64_t reps_ = 0;                                                         \
    double t0_ = now();                                                        \
    (best) = 1e30;                                                             \
    while (now() - t0_ < (seconds) || reps_ < 3) {                             \
      double a_ = now();                                                       \
      BODY;                                                                    \
      double b_ = now() - a_;                                                  \
      if (b_ < (best))                                                         \
        (best) = b_;                                                           \
      ++reps_;                                                                 \
    }                                                                          \
  } while (0)

/* One JSON line for a kernel's rate on one shape. */
static void report(const char *kernel, const char *variant, const char *shape,
                   double macs, double best) {
  printf("{\"kernel\": \"%s\", \"variant\": \"%s\", \"shape\": \"%s\", "
         "\"ms\": %.3f, \"gmacs\": %.2f}\n",
         kernel, variant, shape, best * 1e3, macs / best * 1e-9);
}

struct shape {
  const char *name;
  int64_t C, F, H, K, s; /* input C x H x H (unpadded), F filters, K x K, stride */
};

/* ResNet-18's convolutions at 224x224 (one of each). */
static const struct shape shapes[] = {
    {"conv1 7x7/2 3->64 @224", 3, 64, 224, 7, 2},
    {"layer1 3x3 64->64 @56", 64, 64, 56, 3, 1},
    {"layer2 3x3 128->128 @28", 128, 128, 28, 3, 1},
    {"layer3 3x3 256->256 @14", 256, 256, 14, 3, 1},
    {"layer4 3x3 512->512 @7", 512, 512, 7, 3, 1},
    {"layer2 1x1/2 64->128 @56", 64, 128, 56, 1, 2},
};

static void bench_conv(const char *variant, qcc_uk_conv2d_row_i8_fn fn, double seconds) {
  for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; ++i) {
    const struct shape *s = &shapes[i];
    int64_t pad = s->K / 2, H = s->H + 2 * pad, W = H;
    int64_t OH = (H - s->K) / s->s + 1, OW = OH;
    int64_t Kp = (s->C + 1) / 2 * s->K * s->K;
    int8_t *x = malloc((size_t)(s->C * H * W));
    int8_t *w = malloc((size_t)(s->F * Kp * 2));
    int32_t *corr = calloc((size_t)s->F, sizeof(int32_t));
    int32_t *out = malloc(sizeof(int32_t) * (size_t)(OW * s->F));
    int32_t *xp = malloc(sizeof(int32_t) * (size_t)(QCC_UK_CONV2D_XPACK_PIXELS * Kp));
    for (int64_t j = 0; j < s->C * H * W; ++j)
      x[j] = (int8_t)(j * 7);
    for (int64_t j = 0; j < s->F * Kp * 2; ++j)
      w[j] = (int8_t)(j * 13);
    double macs = (double)OH * OW * s->F * s->C * s->K * s->K, best;
    QCC_BEST_TIME(best, seconds, for (int64_t oh = 0; oh < OH; ++oh) fn(
        x, 0, H * W, W, 0, s->C, s->K, s->K, s->s, s->s, 1, 1, oh, OW, w, 0,
        s->F, corr, 0, 0, corr, 0, out, 0, xp));
    report("conv2d_row_i8", variant, s->name, macs, best);
    free(x), free(w), free(corr), free(out), free(xp);
  }
}

/* MobileNetV2's depthwise convolutions (3x3, one of each size and stride):
 * every channel plane, one row per call. */
static const struct shape dw_shapes[] = {
    {"dw 3x3 32 @112", 32, 32, 112, 3, 1},
    {"dw 3x3/2 96 @112", 96, 96, 112, 3, 2},
    {"dw 3x3 144 @56", 144, 144, 56, 3, 1},
    {"dw 3x3 192 @28", 192, 192, 28, 3, 1},
    {"dw 3x3 576 @14", 576, 576, 14, 3, 1},
    {"dw 3x3 960 @7", 960, 960, 7, 3, 1},
};

static void bench_dw(const char *variant, qcc_uk_dwconv2d_row_i8_fn fn,
                     double seconds) {
  for (size_t i = 0; i < sizeof dw_shapes / sizeof dw_shapes[0]; ++i) {
    const struct shape *s = &dw_shapes[i];
    int64_t pad = s->K / 2, H = s->H + 2 * pad, W = H;
    int64_t OH = (H - s->K) / s->s + 1, OW = OH;
    int8_t *x = malloc((size_t)(s->C * H * W));
    int8_t *w = malloc((size_t)(s->C * s->K * s->K));
    int32_t *out = malloc(sizeof(int32_t) * (size_t)OW);
    for (int64_t j = 0; j < s->C * H * W; ++j)
      x[j] = (int8_t)(j * 7);
    for (int64_t j = 0; j < s->C * s->K * s->K; ++j)
      w[j] = (int8_t)(j * 13);
    double macs = (double)OH * OW * s->C * s->K * s->K, best;
    QCC_BEST_TIME(best, seconds,
                  for (int64_t c = 0; c < s->C; ++c) for (int64_t oh = 0; oh < OH; ++oh)
                      fn(x, c * H * W, H * W, W, 0, W, 1, s->K, s->K, s->s, s->s, 1, 1,
                         oh, OW, w, c * s->K * s->K, 0, out, 0));
    report("dwconv2d_row_i8", variant, s->name, macs, best);
    free(x), free(w), free(out);
  }
}

/* qcc_uk_dwconv2d_requant_i8 on the same shapes: every channel plane, one
 * call each, requantized to bytes (what qcc calls when the requantization
 * is the fixed-point form). */
static void bench_dw_requant(const char *variant, qcc_uk_dwconv2d_requant_i8_fn fn,
                             double seconds) {
  for (size_t i = 0; i < sizeof dw_shapes / sizeof dw_shapes[0]; ++i) {
    const struct shape *s = &dw_shapes[i];
    int64_t pad = s->K / 2, H = s->H + 2 * pad, W = H;
    int64_t OH = (H - s->K) / s->s + 1, OW = OH;
    int8_t *x = malloc((size_t)(s->C * H * W));
    int8_t *w = malloc((size_t)(s->C * s->K * s->K));
    int8_t *out = malloc((size_t)(OH * OW));
    int32_t *scratch = malloc(sizeof(int32_t) * (size_t)OW);
    int32_t p[7] = {1518500250, 40, 3, 0, 255,
                    (int32_t)(-(3LL << 40) / 1518500250 - 1),
                    (int32_t)((252LL << 40) / 1518500250 + 1)};
    for (int64_t j = 0; j < s->C * H * W; ++j)
      x[j] = (int8_t)(j * 7);
    for (int64_t j = 0; j < s->C * s->K * s->K; ++j)
      w[j] = (int8_t)(j * 13);
    double macs = (double)OH * OW * s->C * s->K * s->K, best;
    QCC_BEST_TIME(best, seconds,
                  for (int64_t c = 0; c < s->C; ++c)
                      fn(x, c * H * W, H * W, W, 0, W, 1, s->K, s->K, s->s, s->s, 1, 1,
                         OH, OW, w, c * s->K * s->K, 0, p, 0, 1, out, 0, OW, scratch));
    report("dwconv2d_requant_i8", variant, s->name, macs, best);
    free(x), free(w), free(out), free(scratch);
  }
}

/* qcc_uk_requant_row_i8 on MobileNetV2-like rows: every row of a layer's
 * output, Fg channels per call (Fg = 1: a depthwise row per call); the
 * rate is in G values per second (reported in the gmacs field). */
static const struct {
  const char *name;
  int64_t Fg, OW, rows;
} rq_shapes[] = {
    {"requant 32 ch @112", 32, 112, 112},
    {"requant 144 ch @56", 144, 56, 56},
    {"requant 1 ch @112 (dw)", 1, 112, 112 * 32},
    {"requant 1 ch @14 (dw)", 1, 14, 14 * 576},
};

static void bench_requant(const char *variant, qcc_uk_requant_row_i8_fn fn,
                          double seconds) {
  for (size_t i = 0; i < sizeof rq_shapes / sizeof rq_shapes[0]; ++i) {
    int64_t Fg = rq_shapes[i].Fg, OW = rq_shapes[i].OW, rows = rq_shapes[i].rows;
    int32_t *acc = malloc(sizeof(int32_t) * (size_t)(OW * Fg));
    int32_t *p = malloc(sizeof(int32_t) * (size_t)(7 * Fg));
    int8_t *out = malloc((size_t)(Fg * OW));
    for (int64_t j = 0; j < OW * Fg; ++j)
      acc[j] = (int32_t)(j * 7919 % 40000) - 20000;
    for (int64_t f = 0; f < Fg; ++f) {
      p[f] = 1518500250, p[Fg + f] = 40, p[2 * Fg + f] = 3;
      p[3 * Fg + f] = 0, p[4 * Fg + f] = 255;
      /* amin/amax as qcc computes them: (lo - zp) 2^40 / mult, rounded out. */
      p[5 * Fg + f] = (int32_t)(-(3LL << 40) / 1518500250 - 1);
      p[6 * Fg + f] = (int32_t)((252LL << 40) / 1518500250 + 1);
    }
    double best;
    QCC_BEST_TIME(best, seconds, for (int64_t r = 0; r < rows; ++r)
                                     fn(acc, 0, OW, Fg, p, 0, Fg, out, 0, OW));
    report("requant_row_i8", variant, rq_shapes[i].name,
           (double)rows * OW * Fg, best);
    free(acc), free(p), free(out);
  }
}

int main(int argc, char **argv) {
  int peak_only = argc > 1 && !strcmp(argv[1], "--peak");
#if defined(__x86_64__)
  __builtin_cpu_init();
  const int64_t iters = 50000000;
  if (__builtin_cpu_supports("avx2")) {
    double best = 1e30;
    for (int r = 0; r < 3; ++r) {
      double a = now();
      volatile int32_t sink = peak_avx2(iters);
      (void)sink;
      double b = now() - a;
      best = b < best ? b : best;
    }
    printf("{\"peak\": \"avx2 vpmaddwd\", \"gmacs\": %.2f}\n",
           12.0 * 16 * (double)iters / best * 1e-9);
  }
  if (__builtin_cpu_supports("avx512vnni")) {
    double best = 1e30;
    for (int r = 0; r < 3; ++r) {
      double a = now();
      volatile int32_t sink = peak_vnni(iters / 2);
      (void)sink;
      double b = now() - a;
      best = b < best ? b : best;
    }
    printf("{\"peak\": \"avx512 vnni vpdpbusd\", \"gmacs\": %.2f}\n",
           12.0 * 64 * (double)(iters / 2) / best * 1e-9);
  }
#endif
  if (peak_only)
    return 0;
  bench_conv("portable", qcc_uk_conv2d_row_i8, 0.3);
  bench_dw("portable", qcc_uk_dwconv2d_row_i8, 0.3);
  bench_requant("portable", qcc_uk_requant_row_i8, 0.3);
  bench_dw_requant("portable", qcc_uk_dwconv2d_requant_i8, 0.3);
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2")) {
    bench_conv("avx2", qcc_uk_conv2d_row_i8_avx2, 0.3);
    bench_dw("avx2", qcc_uk_dwconv2d_row_i8_avx2, 0.3);
    bench_requant("avx2", qcc_uk_requant_row_i8_avx2, 0.3);
    bench_dw_requant("avx2", qcc_uk_dwconv2d_requant_i8_avx2, 0.3);
  }
#endif
#if defined(__aarch64__)
  bench_conv("neon", qcc_uk_conv2d_row_i8_neon, 0.3);
  bench_dw("neon", qcc_uk_dwconv2d_row_i8_neon, 0.3);
  bench_dw_requant("neon", qcc_uk_dwconv2d_requant_i8_neon, 0.3);
#endif
  return 0;
}
