/*===- ukernel_test.c - qcc's microkernels against scalar references ------===*
 *
 * Random shapes (odd channel counts, strides, dilations, both input
 * signednesses, with and without bias, row widths that leave every block
 * size), weights packed as qcc_ukernel.h documents, each variant of each
 * kernel the CPU can run compared element by element with the convolution
 * computed from its definition. Prints one line per kernel and variant;
 * exits 1 on a mismatch.
 *
 *===----------------------------------------------------------------------===*/
#include "qcc_ukernel.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15ull;
static int64_t rnd(int64_t lo, int64_t hi) { /* in [lo, hi] */
  state ^= state << 13, state ^= state >> 7, state ^= state << 17;
  return lo + (int64_t)(state % (uint64_t)(hi - lo + 1));
}

/* Runs `cases` random cases through `fn`; returns the number that failed. */
static int check_conv(const char *name, qcc_uk_conv2d_row_i8_fn fn, int cases) {
  int failed = 0;
  for (int t = 0; t < cases; ++t) {
    int64_t Cg = rnd(1, 19), KH = rnd(1, 3), KW = rnd(1, 3);
    int64_t sh = rnd(1, 2), sw = rnd(1, 2), dh = rnd(1, 2), dw = rnd(1, 2);
    int64_t Fg = 8 * rnd(1, 5), OW = rnd(1, 29), OH = rnd(1, 3);
    int64_t xs = rnd(0, 1), has_bias = rnd(0, 1);
    int64_t H = (OH - 1) * sh + (KH - 1) * dh + 1 + rnd(0, 2);
    int64_t W = (OW - 1) * sw + (KW - 1) * dw + 1 + rnd(0, 2);
    /* Pad the planes and rows so that the strides are not the sizes. */
    int64_t rs = W + rnd(0, 3), cs = H * rs + rnd(0, 5), x_off = rnd(0, 7);
    int64_t Kp = (Cg + 1) / 2 * KH * KW;
    /* The last row of the last plane ends the buffer: a read past W
     * faults under AddressSanitizer. */
    int64_t xbytes = x_off + (Cg - 1) * cs + (H - 1) * rs + W;
    int8_t *x = malloc((size_t)xbytes);
    int8_t *wd = malloc((size_t)(Fg * Cg * KH * KW)); /* w'[f][c][kh][kw] */
    int64_t w_off = rnd(0, 3), bias_off = rnd(0, 3), corr_off = rnd(0, 3);
    int64_t out_off = rnd(0, 3);
    int8_t *wp = calloc((size_t)(w_off + Fg * Kp * 2), 1);
    int32_t *bias = malloc(sizeof(int32_t) * (size_t)(bias_off + Fg));
    int32_t *corr = malloc(sizeof(int32_t) * (size_t)(corr_off + Fg));
    int32_t *out = malloc(sizeof(int32_t) * (size_t)(out_off + OW * Fg));
    int32_t *xpack =
        malloc(sizeof(int32_t) * (size_t)(QCC_UK_CONV2D_XPACK_PIXELS * Kp));
    for (int64_t i = 0; i < xbytes; ++i)
      x[i] = (int8_t)rnd(-128, 127);
    for (int64_t i = 0; i < Fg * Cg * KH * KW; ++i)
      wd[i] = (int8_t)rnd(-128, 127);
    for (int64_t i = 0; i < bias_off + Fg; ++i)
      bias[i] = (int32_t)rnd(-100000, 100000);
    for (int64_t i = 0; i < corr_off + Fg; ++i)
      corr[i] = (int32_t)rnd(-100000, 100000);
    /* Pack as documented in qcc_ukernel.h. */
    for (int64_t f = 0; f < Fg; ++f)
      for (int64_t c = 0; c < Cg; ++c)
        for (int64_t kh = 0; kh < KH; ++kh)
          for (int64_t kw = 0; kw < KW; ++kw) {
            int64_t kp = ((c / 2) * KH + kh) * KW + kw;
            wp[w_off + ((f / 8) * Kp + kp) * 16 + 2 * (f % 8) + c % 2] =
                wd[((f * Cg + c) * KH + kh) * KW + kw];
          }
    int64_t oh = rnd(0, OH - 1);
    fn(x, x_off, cs, rs, xs, Cg, KH, KW, sh, sw, dh, dw, oh, OW, wp, w_off, Fg,
       bias, bias_off, has_bias, corr, corr_off, out, out_off, xpack);
    for (int64_t ow = 0; ow < OW && !failed; ++ow)
      for (int64_t f = 0; f < Fg; ++f) {
        int64_t want = (has_bias ? bias[bias_off + f] : 0) + corr[corr_off + f];
        for (int64_t c = 0; c < Cg; ++c)
          for (int64_t kh = 0; kh < KH; ++kh)
            for (int64_t kw = 0; kw < KW; ++kw) {
              int8_t v = x[x_off + c * cs + (oh * sh + kh * dh) * rs +
                           ow * sw + kw * dw];
              int64_t xv = xs ? v : (uint8_t)v;
              want += xv * wd[((f * Cg + c) * KH + kh) * KW + kw];
            }
        if (out[out_off + ow * Fg + f] != (int32_t)want) {
          printf("%s: case %d (Cg=%lld K=%lldx%lld s=%lld,%lld d=%lld,%lld "
                 "Fg=%lld OW=%lld xs=%lld bias=%lld): out[%lld][%lld] = %d, "
                 "want %lld\n",
                 name, t, (long long)Cg, (long long)KH, (long long)KW,
                 (long long)sh, (long long)sw, (long long)dh, (long long)dw,
                 (long long)Fg, (long long)OW, (long long)xs,
                 (long long)has_bias, (long long)ow, (long long)f,
                 (int)out[out_off + ow * Fg + f], (long long)want);
          failed = 1;
          break;
        }
      }
    free(x), free(wd), free(wp), free(bias), free(corr), free(out), free(xpack);
    if (failed)
      return 1;
  }
  printf("%s: %d cases match the reference\n", name, cases);
  return 0;
}

/* A random depthwise (small-group) case: shapes, padded input, weights and
 * start, as qcc_uk_dwconv2d_row_i8's contract allows. The last row of the
 * last plane ends the input buffer: reads past W fault under a sanitizer
 * and are caught by the reference check otherwise. */
struct dw_case {
  int64_t Cg, KH, KW, sh, sw, dh, dw, OW, OH, xs, W, rs, cs, x_off, w_off;
  int8_t *x, *w;
  int32_t init;
};

static struct dw_case draw_dw_case(int64_t max_ow, int64_t max_oh) {
  struct dw_case d;
  d.Cg = rnd(1, 3), d.KH = rnd(1, 5), d.KW = rnd(1, 5);
  d.sh = rnd(1, 2), d.sw = rnd(1, 3), d.dh = rnd(1, 2), d.dw = rnd(1, 2);
  if (rnd(0, 2) == 0) /* MobileNet's and DS-CNN's: the DSP fast path */
    d.Cg = 1, d.KH = d.KW = 3, d.dh = d.dw = 1, d.sw = d.sh = rnd(1, 2);
  d.OW = rnd(1, max_ow), d.OH = rnd(1, max_oh), d.xs = rnd(0, 1);
  int64_t H = (d.OH - 1) * d.sh + (d.KH - 1) * d.dh + 1 + rnd(0, 2);
  d.W = (d.OW - 1) * d.sw + (d.KW - 1) * d.dw + 1 + rnd(0, 3);
  d.rs = d.W + rnd(0, 3), d.cs = H * d.rs + rnd(0, 5), d.x_off = rnd(0, 7);
  d.w_off = rnd(0, 3);
  int64_t xbytes = d.x_off + (d.Cg - 1) * d.cs + (H - 1) * d.rs + d.W;
  int64_t wbytes = d.w_off + d.Cg * d.KH * d.KW;
  d.x = malloc((size_t)xbytes);
  d.w = malloc((size_t)wbytes);
  for (int64_t i = 0; i < xbytes; ++i)
    d.x[i] = (int8_t)rnd(-128, 127);
  for (int64_t i = 0; i < wbytes; ++i)
    d.w[i] = (int8_t)rnd(-128, 127);
  d.init = (int32_t)rnd(-100000, 100000);
  return d;
}

/* The exact accumulator of output pixel (oh, ow). */
static int64_t dw_ref(const struct dw_case *d, int64_t oh, int64_t ow) {
  int64_t acc = d->init;
  for (int64_t c = 0; c < d->Cg; ++c)
    for (int64_t kh = 0; kh < d->KH; ++kh)
      for (int64_t kw = 0; kw < d->KW; ++kw) {
        int8_t v = d->x[d->x_off + c * d->cs + (oh * d->sh + kh * d->dh) * d->rs +
                        ow * d->sw + kw * d->dw];
        acc += (d->xs ? v : (uint8_t)v) *
               (int64_t)d->w[d->w_off + (c * d->KH + kh) * d->KW + kw];
      }
  return acc;
}

/* qcc_uk_dwconv2d_row_i8: `cases` random cases; returns 1 on a mismatch. */
static int check_dw(const char *name, qcc_uk_dwconv2d_row_i8_fn fn, int cases) {
  for (int t = 0; t < cases; ++t) {
    struct dw_case d = draw_dw_case(70, 3);
    int64_t out_off = rnd(0, 3), oh = rnd(0, d.OH - 1);
    int32_t *out = malloc(sizeof(int32_t) * (size_t)(out_off + d.OW));
    fn(d.x, d.x_off, d.cs, d.rs, d.xs, d.W, d.Cg, d.KH, d.KW, d.sh, d.sw, d.dh,
       d.dw, oh, d.OW, d.w, d.w_off, d.init, out, out_off);
    int failed = 0;
    for (int64_t ow = 0; ow < d.OW && !failed; ++ow) {
      int64_t want = dw_ref(&d, oh, ow);
      if (out[out_off + ow] != (int32_t)want) {
        printf("%s: case %d (Cg=%lld K=%lldx%lld s=%lld,%lld d=%lld,%lld "
               "OW=%lld W=%lld xs=%lld): out[%lld] = %d, want %lld\n",
               name, t, (long long)d.Cg, (long long)d.KH, (long long)d.KW,
               (long long)d.sh, (long long)d.sw, (long long)d.dh,
               (long long)d.dw, (long long)d.OW, (long long)d.W,
               (long long)d.xs, (long long)ow, (int)out[out_off + ow],
               (long long)want);
        failed = 1;
      }
    }
    free(d.x), free(d.w), free(out);
    if (failed)
      return 1;
  }
  printf("%s: %d cases match the reference\n", name, cases);
  return 0;
}

/* Draws channel f's requantization parameters (prm[p_off + i * F + f]) within
 * qcc_uk_requant_row_i8's contract; returns 0 when the draw falls outside
 * it (draw again). */
static int draw_requant(int32_t *prm, int64_t p_off, int64_t F, int64_t f) {
  /* Small shifts, any, and >= 33 (the 32-bit Arm fast path). */
  int64_t s = rnd(0, 2) == 0 ? rnd(1, 12) : rnd(0, 1) ? rnd(1, 44) : rnd(33, 50);
  /* A power-of-two multiplier makes ties; others are any < 2^31. */
  int64_t m = rnd(0, 3) == 0 ? (int64_t)1 << rnd(0, 30)
                             : (rnd(0, 32767) << 16 | rnd(0, 65535));
  int64_t lo = rnd(-128, 255), hi = rnd(-128, 255);
  if (lo > hi) {
    int64_t tmp = lo;
    lo = hi, hi = tmp;
  }
  if (rnd(0, 1))
    lo = rnd(0, 1) ? -128 : 0, hi = lo + 255 - (rnd(0, 1) ? 128 : 0);
  prm[p_off + f] = (int32_t)m;
  prm[p_off + F + f] = (int32_t)s;
  prm[p_off + 2 * F + f] = (int32_t)rnd(-128, 255);
  prm[p_off + 3 * F + f] = (int32_t)lo;
  prm[p_off + 4 * F + f] = (int32_t)hi;
  /* The accumulator bounds as qcc computes them (qcc_ukernel.h). */
  int64_t zp = prm[p_off + 2 * F + f], amin = INT32_MIN, amax = INT32_MAX;
  if (m > 0) {
    /* |lo - zp|, |hi - zp| <= 383 and s <= 44: exact in int64 (no
     * __int128, so that 32-bit targets build the test too). */
    int64_t a = (lo - zp) * ((int64_t)1 << s), b = (hi - zp) * ((int64_t)1 << s);
    int64_t qa = a / m - (a % m < 0), qb = b / m + (b % m > 0);
    amin = qa < INT32_MIN ? INT32_MIN : qa > INT32_MAX ? INT32_MAX : (int64_t)qa;
    amax = qb < INT32_MIN ? INT32_MIN : qb > INT32_MAX ? INT32_MAX : (int64_t)qb;
  }
  int64_t big = (amax > -amin ? amax : -amin); /* <= 2^31, m < 2^31 */
  if (big * m >= ((int64_t)1 << 53)) { /* outside the contract: redraw */
    return 0;
  }
  prm[p_off + 5 * F + f] = (int32_t)amin;
  prm[p_off + 6 * F + f] = (int32_t)amax;
  return 1;
}

/* The requantization of `acc` with channel f's parameters, exactly: the
 * floor, then up past the half or at the half of an odd floor. */
static int8_t ref_requant(int64_t acc, const int32_t *prm, int64_t p_off,
                          int64_t F, int64_t f) {
  int64_t m = prm[p_off + f], s = prm[p_off + F + f];
  int64_t zp = prm[p_off + 2 * F + f], lo = prm[p_off + 3 * F + f],
          hi = prm[p_off + 4 * F + f];
  int64_t prod = acc * m;
  int64_t q = prod >> s, rem = prod - q * ((int64_t)1 << s);
  int64_t half = (int64_t)1 << (s - 1);
  if (rem > half || (rem == half && (q & 1)))
    ++q;
  q += zp;
  q = q < lo ? lo : q > hi ? hi : q;
  return (int8_t)q;
}

/* qcc_uk_requant_row_i8: `cases` random rows against the exact rounding
 * (floor, then up past the half or at the half of an odd floor); bytes
 * outside the row's channels and pixels must stay untouched. */
static int check_requant(const char *name, qcc_uk_requant_row_i8_fn fn,
                         int cases) {
  for (int t = 0; t < cases; ++t) {
    int64_t Fg = rnd(0, 3) == 0 ? 1 : rnd(1, 40), OW = rnd(1, 40);
    int64_t p_off = rnd(0, 3), F = p_off + Fg + rnd(0, 3);
    int64_t acc_off = rnd(0, 3), out_off = rnd(0, 3), fs = OW + rnd(0, 5);
    int32_t *acc = malloc(sizeof(int32_t) * (size_t)(acc_off + OW * Fg));
    int32_t *prm = malloc(sizeof(int32_t) * (size_t)(7 * F));
    int64_t obytes = out_off + (Fg - 1) * fs + OW + 8;
    int8_t *out = malloc((size_t)obytes);
    for (int64_t i = 0; i < 7 * F; ++i)
      prm[i] = 0;
    for (int64_t f = 0; f < Fg; ++f)
      while (!draw_requant(prm, p_off, F, f))
        ;
    for (int64_t i = 0; i < acc_off + OW * Fg; ++i)
      acc[i] = rnd(0, 2) == 0 ? (int32_t)(rnd(0, 65535) << 16 | rnd(0, 65535))
                              : (int32_t)rnd(-5000, 5000);
    for (int64_t i = 0; i < obytes; ++i)
      out[i] = 0x5a;
    fn(acc, acc_off, OW, Fg, prm, p_off, F, out, out_off, fs);
    int failed = 0;
    for (int64_t i = 0; i < obytes && !failed; ++i) {
      int64_t rel = i - out_off, f = rel / fs, ow = rel % fs;
      int inside = rel >= 0 && f < Fg && ow < OW;
      int8_t want = 0x5a;
      if (inside)
        want = ref_requant(acc[acc_off + ow * Fg + f], prm, p_off, F, f);
      if (out[i] != want) {
        printf("%s: case %d (Fg=%lld OW=%lld): byte %lld (channel %lld, "
               "pixel %lld%s) = %d, want %d\n",
               name, t, (long long)Fg, (long long)OW, (long long)i,
               (long long)f, (long long)ow, inside ? "" : ", outside",
               (int)out[i], (int)want);
        failed = 1;
      }
    }
    free(acc), free(prm), free(out);
    if (failed)
      return 1;
  }
  printf("%s: %d cases match the reference\n", name, cases);
  return 0;
}

/* qcc_uk_dwconv2d_requant_i8: `cases` random channel planes against the
 * depthwise reference and ref_requant; bytes outside the plane's rows
 * must stay untouched. */
static int check_dw_requant(const char *name, qcc_uk_dwconv2d_requant_i8_fn fn,
                            int cases) {
  for (int t = 0; t < cases; ++t) {
    struct dw_case d = draw_dw_case(40, 4);
    int64_t p_off = rnd(0, 3), F = p_off + 1 + rnd(0, 3);
    int64_t out_off = rnd(0, 3), ors = d.OW + rnd(0, 4);
    int64_t obytes = out_off + (d.OH - 1) * ors + d.OW + 8;
    int32_t *prm = calloc((size_t)(7 * F), sizeof(int32_t));
    int8_t *out = malloc((size_t)obytes);
    int32_t *scratch = malloc(sizeof(int32_t) * (size_t)d.OW);
    for (int64_t i = 0; i < obytes; ++i)
      out[i] = 0x5a;
    while (!draw_requant(prm, p_off, F, 0))
      ;
    fn(d.x, d.x_off, d.cs, d.rs, d.xs, d.W, d.Cg, d.KH, d.KW, d.sh, d.sw, d.dh,
       d.dw, d.OH, d.OW, d.w, d.w_off, d.init, prm, p_off, F, out, out_off,
       ors, scratch);
    int failed = 0;
    for (int64_t i = 0; i < obytes && !failed; ++i) {
      int64_t rel = i - out_off, oh = rel / ors, ow = rel % ors;
      int inside = rel >= 0 && oh < d.OH && ow < d.OW;
      int8_t want = 0x5a;
      if (inside)
        want = ref_requant((int32_t)dw_ref(&d, oh, ow), prm, p_off, F, 0);
      if (out[i] != want) {
        printf("%s: case %d (Cg=%lld K=%lldx%lld s=%lld,%lld OH=%lld "
               "OW=%lld): byte %lld (row %lld, pixel %lld%s) = %d, want %d\n",
               name, t, (long long)d.Cg, (long long)d.KH, (long long)d.KW,
               (long long)d.sh, (long long)d.sw, (long long)d.OH,
               (long long)d.OW, (long long)i, (long long)oh, (long long)ow,
               inside ? "" : ", outside", (int)out[i], (int)want);
        failed = 1;
      }
    }
    free(d.x), free(d.w), free(prm), free(out), free(scratch);
    if (failed)
      return 1;
  }
  printf("%s: %d cases match the reference\n", name, cases);
  return 0;
}

int main(void) {
  int failed = check_conv("conv2d_row_i8 portable", qcc_uk_conv2d_row_i8, 400);
  failed |= check_dw("dwconv2d_row_i8 portable", qcc_uk_dwconv2d_row_i8, 400);
  failed |= check_requant("requant_row_i8 portable", qcc_uk_requant_row_i8, 400);
  failed |= check_dw_requant("dwconv2d_requant_i8 portable",
                             qcc_uk_dwconv2d_requant_i8, 400);
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) {
    failed |= check_conv("conv2d_row_i8 avx2", qcc_uk_conv2d_row_i8_avx2, 400);
    failed |= check_dw("dwconv2d_row_i8 avx2", qcc_uk_dwconv2d_row_i8_avx2, 400);
    failed |= check_requant("requant_row_i8 avx2", qcc_uk_requant_row_i8_avx2, 400);
    failed |= check_dw_requant("dwconv2d_requant_i8 avx2",
                               qcc_uk_dwconv2d_requant_i8_avx2, 400);
  } else {
    printf("avx2: not run, this CPU has no AVX2\n");
  }
#endif
#if defined(__aarch64__)
  failed |= check_conv("conv2d_row_i8 neon", qcc_uk_conv2d_row_i8_neon, 400);
  failed |= check_dw("dwconv2d_row_i8 neon", qcc_uk_dwconv2d_row_i8_neon, 400);
  failed |= check_dw_requant("dwconv2d_requant_i8 neon",
                             qcc_uk_dwconv2d_requant_i8_neon, 400);
#endif
#if defined(__ARM_FEATURE_MVE)
  failed |= check_conv("conv2d_row_i8 mve", qcc_uk_conv2d_row_i8_mve, 400);
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(__aarch64__)
  failed |= check_conv("conv2d_row_i8 dsp", qcc_uk_conv2d_row_i8_dsp, 400);
  failed |= check_dw("dwconv2d_row_i8 dsp", qcc_uk_dwconv2d_row_i8_dsp, 400);
#endif
  return failed;
}
