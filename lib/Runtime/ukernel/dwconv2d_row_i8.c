/*===- dwconv2d_row_i8.c - one output row of a depthwise convolution ------===*
 *
 * qcc_uk_dwconv2d_row_i8 and its ISA variants; the contract is in
 * qcc_ukernel.h. The AVX2 variant computes 16 (then 8) output pixels at a
 * time: the inputs of each tap widened to int16 (for stride 2, the even
 * bytes of twice as many), multiplied by the tap's weight in int16
 * (|x| <= 255 and |w| <= 128: exact), and added into ymm of int32; a last
 * block of 8 may overlap the previous one. Pixels the blocks cannot read
 * in bounds, rows narrower than 8 and strides above 2 take the scalar
 * loop.
 *
 *===----------------------------------------------------------------------===*/
#include "qcc_ukernel.h"

#define QCC_ALWAYS_INLINE static inline __attribute__((always_inline))

/* out[ow] for ow in [from, OW), one pixel at a time. */
QCC_ALWAYS_INLINE void dw_scalar(const int8_t *x, int64_t cs, int64_t rs,
                                 int64_t xs, int64_t Cg, int64_t KH,
                                 int64_t KW, int64_t sw, int64_t dh,
                                 int64_t dw, int64_t ih0, int64_t from,
                                 int64_t OW, const int8_t *w, int32_t init,
                                 int32_t *out) {
  for (int64_t ow = from; ow < OW; ++ow) {
    int32_t acc = init;
    for (int64_t c = 0; c < Cg; ++c)
      for (int64_t kh = 0; kh < KH; ++kh) {
        const int8_t *row = x + c * cs + (ih0 + kh * dh) * rs + ow * sw;
        for (int64_t kw = 0; kw < KW; ++kw) {
          int8_t v = row[kw * dw];
          acc += (xs ? (int32_t)v : (int32_t)(uint8_t)v) *
                 (int32_t)w[(c * KH + kh) * KW + kw];
        }
      }
    out[ow] = acc;
  }
}

void qcc_uk_dwconv2d_row_i8(const int8_t *x, int64_t x_off, int64_t x_cstride,
                            int64_t x_rstride, int64_t x_signed, int64_t W,
                            int64_t Cg, int64_t KH, int64_t KW, int64_t sh,
                            int64_t sw, int64_t dh, int64_t dw, int64_t oh,
                            int64_t OW, const int8_t *w, int64_t w_off,
                            int32_t init, int32_t *out, int64_t out_off) {
  (void)W;
  dw_scalar(x + x_off, x_cstride, x_rstride, x_signed, Cg, KH, KW, sw, dh, dw,
            oh * sh, 0, OW, w + w_off, init, out + out_off);
}

#if defined(__x86_64__)
#include <immintrin.h>

#define QCC_AVX2 __attribute__((always_inline, target("avx2")))

/* The 16 inputs x[iw + s * j], j < 16, as int16 (s = 1 or 2). */
static inline QCC_AVX2 __m256i load16_avx2(const int8_t *p, const int xs,
                                           const int s) {
  if (s == 1) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    return xs ? _mm256_cvtepi8_epi16(v) : _mm256_cvtepu8_epi16(v);
  }
  __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)p);
  return xs ? _mm256_srai_epi16(_mm256_slli_epi16(v, 8), 8)
            : _mm256_and_si256(v, _mm256_set1_epi16(0xff));
}

/* The 8 inputs x[iw + s * j], j < 8, as int16 (s = 1 or 2). */
static inline QCC_AVX2 __m128i load8_avx2(const int8_t *p, const int xs,
                                          const int s) {
  if (s == 1) {
    __m128i v = _mm_loadl_epi64((const __m128i *)(const void *)p);
    return xs ? _mm_cvtepi8_epi16(v) : _mm_cvtepu8_epi16(v);
  }
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  return xs ? _mm_srai_epi16(_mm_slli_epi16(v, 8), 8)
            : _mm_and_si128(v, _mm_set1_epi16(0xff));
}

/* Output pixels [ow, ow + P) (P = 16 or 8), P * s input bytes a tap. */
static inline QCC_AVX2 void dw_block_avx2(const int8_t *x, int64_t cs,
                                          int64_t rs, const int xs, int64_t Cg,
                                          int64_t KH, int64_t KW, const int s,
                                          int64_t dh, int64_t dw, int64_t ih0,
                                          int64_t ow, const int P,
                                          const int8_t *w, int32_t init,
                                          int32_t *out) {
  __m256i lo = _mm256_set1_epi32(init), hi = lo;
  for (int64_t c = 0; c < Cg; ++c)
    for (int64_t kh = 0; kh < KH; ++kh) {
      const int8_t *row = x + c * cs + (ih0 + kh * dh) * rs + s * ow;
      const int8_t *wk = w + (c * KH + kh) * KW;
      for (int64_t kw = 0; kw < KW; ++kw) {
        if (P == 16) {
          __m256i p = _mm256_mullo_epi16(load16_avx2(row + kw * dw, xs, s),
                                         _mm256_set1_epi16(wk[kw]));
          lo = _mm256_add_epi32(lo, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(p)));
          hi = _mm256_add_epi32(hi, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(p, 1)));
        } else {
          __m128i p = _mm_mullo_epi16(load8_avx2(row + kw * dw, xs, s),
                                      _mm_set1_epi16(wk[kw]));
          lo = _mm256_add_epi32(lo, _mm256_cvtepi16_epi32(p));
        }
      }
    }
  _mm256_storeu_si256((__m256i *)(void *)(out + ow), lo);
  if (P == 16)
    _mm256_storeu_si256((__m256i *)(void *)(out + ow + 8), hi);
}

/* The vector blocks of a row; returns the first pixel they leave to the
 * scalar loop. A block [ow, ow + P) reads input bytes up to
 * s * ow + P * s - 1 + (KW - 1) * dw, which must be < W. The last block
 * may overlap the one before it (it rewrites the same values), so with
 * stride 1 no pixel is left once OW >= 8. */
static inline QCC_AVX2 int64_t dw_row_avx2(const int8_t *x, int64_t cs,
                                           int64_t rs, const int xs, int64_t W,
                                           int64_t Cg, int64_t KH, int64_t KW,
                                           const int s, int64_t dh, int64_t dw,
                                           int64_t ih0, int64_t OW,
                                           const int8_t *w, int32_t init,
                                           int32_t *out) {
#define QCC_DW_FITS(ow, P) (s * (ow) + (P) * s - 1 + (KW - 1) * dw < W)
#define QCC_DW_BLOCK(ow, P)                                                    \
  dw_block_avx2(x, cs, rs, xs, Cg, KH, KW, s, dh, dw, ih0, ow, P, w, init, out)
  int64_t ow = 0;
  for (; ow + 16 <= OW && QCC_DW_FITS(ow, 16); ow += 16)
    QCC_DW_BLOCK(ow, 16);
  for (; ow + 8 <= OW && QCC_DW_FITS(ow, 8); ow += 8)
    QCC_DW_BLOCK(ow, 8);
  if (ow < OW && OW >= 8 && QCC_DW_FITS(OW - 8, 8)) {
    QCC_DW_BLOCK(OW - 8, 8);
    ow = OW;
  }
#undef QCC_DW_BLOCK
#undef QCC_DW_FITS
  return ow;
}

__attribute__((target("avx2"))) void qcc_uk_dwconv2d_row_i8_avx2(
    const int8_t *x, int64_t x_off, int64_t x_cstride, int64_t x_rstride,
    int64_t x_signed, int64_t W, int64_t Cg, int64_t KH, int64_t KW,
    int64_t sh, int64_t sw, int64_t dh, int64_t dw, int64_t oh, int64_t OW,
    const int8_t *w, int64_t w_off, int32_t init, int32_t *out,
    int64_t out_off) {
  x += x_off, w += w_off, out += out_off;
  const int64_t ih0 = oh * sh;
  int64_t done = 0;
  if (sw == 1)
    done = x_signed ? dw_row_avx2(x, x_cstride, x_rstride, 1, W, Cg, KH, KW,
                                     1, dh, dw, ih0, OW, w, init, out)
                    : dw_row_avx2(x, x_cstride, x_rstride, 0, W, Cg, KH, KW,
                                     1, dh, dw, ih0, OW, w, init, out);
  else if (sw == 2)
    done = x_signed ? dw_row_avx2(x, x_cstride, x_rstride, 1, W, Cg, KH, KW,
                                     2, dh, dw, ih0, OW, w, init, out)
                    : dw_row_avx2(x, x_cstride, x_rstride, 0, W, Cg, KH, KW,
                                     2, dh, dw, ih0, OW, w, init, out);
  dw_scalar(x, x_cstride, x_rstride, x_signed, Cg, KH, KW, sw, dh, dw, ih0,
            done, OW, w, init, out);
}
#endif
