/*===- requant_row_i8.c - requantize one output row to 8 bits -------------===*
 *
 * qcc_uk_requant_row_i8 and its ISA variants; the contract is in
 * qcc_ukernel.h. The portable variant computes the fixed-point rounding in
 * int64. The AVX2 variant clamps the accumulators to [amin, amax] (which
 * changes no result), so that acc * mult needs at most 53 bits and
 * acc * (mult * 2^-shift) is exact in double; rounds it half to even with
 * vroundpd (whatever MXCSR says), converts, adds the zero point and clamps
 * in int32. It does 8 channels x 8 pixels at a time, packed to bytes and
 * transposed in registers so that each channel's 8 pixels are one 8-byte
 * store; a row of one channel (depthwise) goes 8 pixels at a time.
 *
 *===----------------------------------------------------------------------===*/
#include "qcc_ukernel.h"
#include "requant_inline.h"

/* Channels [f0, f1) of the row, one value at a time. */
QCC_ALWAYS_INLINE void requant_scalar(const int32_t *acc, int64_t OW,
                                      int64_t Fg, const int32_t *p, int64_t F,
                                      int8_t *out, int64_t fs, int64_t f0,
                                      int64_t f1) {
  for (int64_t f = f0; f < f1; ++f)
    for (int64_t ow = 0; ow < OW; ++ow)
      out[f * fs + ow] = (int8_t)requant1(acc[ow * Fg + f], p[f], p[F + f],
                                          p[2 * F + f], p[3 * F + f],
                                          p[4 * F + f]);
}

void qcc_uk_requant_row_i8(const int32_t *acc, int64_t acc_off, int64_t OW,
                           int64_t Fg, const int32_t *p, int64_t p_off,
                           int64_t F, int8_t *out, int64_t out_off,
                           int64_t out_fstride) {
  requant_scalar(acc + acc_off, OW, Fg, p + p_off, F, out + out_off,
                 out_fstride, 0, Fg);
}

/* --- x86-64 AVX2 ---------------------------------------------------------- */
#if defined(__x86_64__)
/* Channels f .. f + 7, pixels ow .. ow + 7. Eight vectors of 8 channels
 * (one a pixel) are packed to bytes four pixels at a time, which leaves
 * 4 x 4 blocks (pixel-major) in each 32-bit group of 4 channels; one byte
 * shuffle makes them channel-major and one interleave of the two halves
 * of the row block joins each channel's 8 pixels. */
static inline QCC_AVX2 void block8x8(const int32_t *acc, int64_t Fg,
                                     const struct rq8 *k, int8_t *out,
                                     int64_t fs, int64_t f, int64_t ow) {
  const __m256i ff = _mm256_set1_epi16(0xff);
  /* Within each 16 bytes: pixel j's channel c at 4 c + j after the pack
   * and the shuffle. */
  const __m256i tr = _mm256_setr_epi8(0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14,
                                      3, 7, 11, 15, 0, 4, 8, 12, 1, 5, 9, 13,
                                      2, 6, 10, 14, 3, 7, 11, 15);
  __m256i half[2];
  for (int h = 0; h < 2; ++h) {
    __m256i r[4];
    for (int j = 0; j < 4; ++j)
      r[j] = requant8(_mm256_loadu_si256((const __m256i *)(const void *)(
                          acc + (ow + 4 * h + j) * Fg + f)),
                      k);
    /* Bytes, per 128-bit lane (channels 0-3 | 4-7): pixel j's 4 channels
     * at 4 j. */
    __m256i a = _mm256_and_si256(_mm256_packs_epi32(r[0], r[1]), ff);
    __m256i b = _mm256_and_si256(_mm256_packs_epi32(r[2], r[3]), ff);
    __m256i v = _mm256_packus_epi16(a, b);
    /* packs interleaves its operands per lane: [r0 r1] [r2 r3] gives
     * pixel order 0, 1, 2, 3 in 4-byte groups (r0 c0-3, r1 c0-3, r2 c0-3,
     * r3 c0-3). The shuffle makes each 4-byte group one channel's 4
     * pixels. */
    half[h] = _mm256_shuffle_epi8(v, tr);
  }
  /* Channel c (lane c / 4, group c % 4): pixels 0-3 from half 0, 4-7 from
   * half 1. */
  __m256i lo = _mm256_unpacklo_epi32(half[0], half[1]); /* c0, c1 | c4, c5 */
  __m256i hi = _mm256_unpackhi_epi32(half[0], half[1]); /* c2, c3 | c6, c7 */
  int8_t *o = out + f * fs + ow;
  __m128i l0 = _mm256_castsi256_si128(lo), l1 = _mm256_extracti128_si256(lo, 1);
  __m128i h0 = _mm256_castsi256_si128(hi), h1 = _mm256_extracti128_si256(hi, 1);
  _mm_storel_epi64((__m128i *)(void *)o, l0);
  _mm_storeh_pd((double *)(void *)(o + fs), _mm_castsi128_pd(l0));
  _mm_storel_epi64((__m128i *)(void *)(o + 2 * fs), h0);
  _mm_storeh_pd((double *)(void *)(o + 3 * fs), _mm_castsi128_pd(h0));
  _mm_storel_epi64((__m128i *)(void *)(o + 4 * fs), l1);
  _mm_storeh_pd((double *)(void *)(o + 5 * fs), _mm_castsi128_pd(l1));
  _mm_storel_epi64((__m128i *)(void *)(o + 6 * fs), h1);
  _mm_storeh_pd((double *)(void *)(o + 7 * fs), _mm_castsi128_pd(h1));
}

__attribute__((target("avx2"))) void
qcc_uk_requant_row_i8_avx2(const int32_t *acc, int64_t acc_off, int64_t OW,
                           int64_t Fg, const int32_t *p, int64_t p_off,
                           int64_t F, int8_t *out, int64_t out_off,
                           int64_t out_fstride) {
  acc += acc_off, p += p_off, out += out_off;
  const int64_t fs = out_fstride;
  if (OW < 8) {
    requant_scalar(acc, OW, Fg, p, F, out, fs, 0, Fg);
    return;
  }
  if (Fg == 1) {
    /* One channel: 8 contiguous pixels a time, the last block overlapping
     * the one before. */
    struct rq8 k = rq8_params(p, F, 0, 1);
    for (int64_t ow = 0; ow < OW; ow += 8) {
      int64_t o = ow + 8 <= OW ? ow : OW - 8;
      __m256i v = requant8(
          _mm256_loadu_si256((const __m256i *)(const void *)(acc + o)), &k);
      _mm_storel_epi64((__m128i *)(void *)(out + o), bytes8(v));
    }
    return;
  }
  int64_t f = 0;
  for (; f + 8 <= Fg; f += 8) {
    struct rq8 k = rq8_params(p, F, f, 0);
    for (int64_t ow = 0; ow < OW; ow += 8)
      block8x8(acc, Fg, &k, out, fs, f, ow + 8 <= OW ? ow : OW - 8);
  }
  requant_scalar(acc, OW, Fg, p, F, out, fs, f, Fg);
}
#endif
