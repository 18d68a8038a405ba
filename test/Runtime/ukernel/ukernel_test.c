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
                 out[out_off + ow * Fg + f], (long long)want);
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

/* qcc_uk_dwconv2d_row_i8: `cases` random cases; returns 1 on a mismatch. */
static int check_dw(const char *name, qcc_uk_dwconv2d_row_i8_fn fn, int cases) {
  for (int t = 0; t < cases; ++t) {
    int64_t Cg = rnd(1, 3), KH = rnd(1, 5), KW = rnd(1, 5);
    int64_t sh = rnd(1, 2), sw = rnd(1, 3), dh = rnd(1, 2), dw = rnd(1, 2);
    int64_t OW = rnd(1, 70), OH = rnd(1, 3), xs = rnd(0, 1);
    int64_t H = (OH - 1) * sh + (KH - 1) * dh + 1 + rnd(0, 2);
    int64_t W = (OW - 1) * sw + (KW - 1) * dw + 1 + rnd(0, 3);
    /* The last row of the last plane ends the buffer: reads past W fault
     * under a sanitizer and are caught by the reference check otherwise. */
    int64_t rs = W + rnd(0, 3), cs = H * rs + rnd(0, 5), x_off = rnd(0, 7);
    int64_t w_off = rnd(0, 3), out_off = rnd(0, 3);
    int64_t xbytes = x_off + (Cg - 1) * cs + (H - 1) * rs + W;
    int8_t *x = malloc((size_t)xbytes);
    int8_t *w = malloc((size_t)(w_off + Cg * KH * KW));
    int32_t *out = malloc(sizeof(int32_t) * (size_t)(out_off + OW));
    for (int64_t i = 0; i < xbytes; ++i)
      x[i] = (int8_t)rnd(-128, 127);
    for (int64_t i = 0; i < w_off + Cg * KH * KW; ++i)
      w[i] = (int8_t)rnd(-128, 127);
    int32_t init = (int32_t)rnd(-100000, 100000);
    int64_t oh = rnd(0, OH - 1);
    fn(x, x_off, cs, rs, xs, W, Cg, KH, KW, sh, sw, dh, dw, oh, OW, w, w_off,
       init, out, out_off);
    int failed = 0;
    for (int64_t ow = 0; ow < OW && !failed; ++ow) {
      int64_t want = init;
      for (int64_t c = 0; c < Cg; ++c)
        for (int64_t kh = 0; kh < KH; ++kh)
          for (int64_t kw = 0; kw < KW; ++kw) {
            int8_t v = x[x_off + c * cs + (oh * sh + kh * dh) * rs + ow * sw +
                         kw * dw];
            want += (xs ? v : (uint8_t)v) * (int64_t)w[w_off + (c * KH + kh) * KW + kw];
          }
      if (out[out_off + ow] != (int32_t)want) {
        printf("%s: case %d (Cg=%lld K=%lldx%lld s=%lld,%lld d=%lld,%lld "
               "OW=%lld W=%lld xs=%lld): out[%lld] = %d, want %lld\n",
               name, t, (long long)Cg, (long long)KH, (long long)KW,
               (long long)sh, (long long)sw, (long long)dh, (long long)dw,
               (long long)OW, (long long)W, (long long)xs, (long long)ow,
               out[out_off + ow], (long long)want);
        failed = 1;
      }
    }
    free(x), free(w), free(out);
    if (failed)
      return 1;
  }
  printf("%s: %d cases match the reference\n", name, cases);
  return 0;
}

int main(void) {
  int failed = check_conv("conv2d_row_i8 portable", qcc_uk_conv2d_row_i8, 400);
  failed |= check_dw("dwconv2d_row_i8 portable", qcc_uk_dwconv2d_row_i8, 400);
#if defined(__x86_64__)
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2")) {
    failed |= check_conv("conv2d_row_i8 avx2", qcc_uk_conv2d_row_i8_avx2, 400);
    failed |= check_dw("dwconv2d_row_i8 avx2", qcc_uk_dwconv2d_row_i8_avx2, 400);
  } else {
    printf("avx2: not run, this CPU has no AVX2\n");
  }
#endif
#if defined(__aarch64__)
  failed |= check_conv("conv2d_row_i8 neon", qcc_uk_conv2d_row_i8_neon, 400);
  failed |= check_dw("dwconv2d_row_i8 neon", qcc_uk_dwconv2d_row_i8_neon, 400);
#endif
  return failed;
}
