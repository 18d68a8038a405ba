/*===- requant_inline.h - the requantization, inlined into kernels -------===*
 *
 * The fixed-point requantization of qcc_uk_requant_row_i8 (contract in
 * qcc_ukernel.h) as inline functions, for that kernel and for the kernels
 * that requantize their own accumulators (qcc_uk_dwconv2d_requant_i8).
 * Internal to lib/Runtime/ukernel.
 *
 *===----------------------------------------------------------------------===*/
#ifndef QCC_REQUANT_INLINE_H
#define QCC_REQUANT_INLINE_H

#include <stdint.h>

#ifndef QCC_ALWAYS_INLINE
#define QCC_ALWAYS_INLINE static inline __attribute__((always_inline))
#endif

/* The requantization of one accumulator, as the generated code computes it:
 * round half to even as one biased shift, (p + 2^(s-1) - 1 + odd) >> s
 * with odd the parity of floor(p / 2^s). */
QCC_ALWAYS_INLINE int32_t requant1(int32_t a, int32_t m, int32_t s, int32_t zp,
                                   int32_t lo, int32_t hi) {
  int64_t p = (int64_t)a * m;
#if defined(__arm__)
  /* 32-bit Arm (Cortex-M): 64-bit shifts by a variable amount take a dozen
   * instructions. For s >= 33 (the usual case: mult is normalized to
   * [2^30, 2^31)) everything after the one SMULL is 32-bit: t =
   * floor(p / 2^(s-1)) is the high word shifted, its low bit is the half,
   * and "sticky" says whether any bit below the half is set (the high
   * word's low s - 33 bits, or the low word). Round half to even: up when
   * the half is set and (sticky or the quotient is odd). |p| < 2^62, so
   * the quotient fits 30 bits. */
  if (s >= 33) {
    int32_t ph = (int32_t)(p >> 32);
    uint32_t pl = (uint32_t)p;
    int32_t k = s - 33;
    int32_t t = ph >> k;
    uint32_t sticky = pl | ((uint32_t)ph << (31 - k) << 1);
    int32_t q = t >> 1;
    int32_t r = q + ((t & 1) & ((sticky != 0) | (q & 1))) + zp;
    return r < lo ? lo : r > hi ? hi : r;
  }
#endif
  int64_t odd = (p >> s) & 1;
  int64_t r = ((p + (((int64_t)1 << (s - 1)) - 1) + odd) >> s) + zp;
  return (int32_t)(r < lo ? lo : r > hi ? hi : r);
}

#if defined(__x86_64__)
#include <immintrin.h>

#ifndef QCC_AVX2
#define QCC_AVX2 __attribute__((always_inline, target("avx2")))
#endif

/* Eight lanes' parameters: the accumulator bounds, mult * 2^-shift as
 * double (lanes 0-3 and 4-7), zero point and output bounds. */
struct rq8 {
  __m256i amin, amax, zp, lo, hi;
  __m256d r0, r1;
};

/* mult * 2^-shift, exact: a 31-bit integer times a power of two. */
QCC_ALWAYS_INLINE double ratio_of(int32_t mult, int32_t shift) {
  union {
    uint64_t u;
    double d;
  } p2 = {(uint64_t)(1023 - shift) << 52};
  return (double)mult * p2.d;
}

/* The parameters of channels f .. f + 7, or (uniform) of channel f in
 * every lane. */
static inline QCC_AVX2 struct rq8 rq8_params(const int32_t *p, int64_t F,
                                             int64_t f, const int uniform) {
  struct rq8 k;
  if (uniform) {
    k.amin = _mm256_set1_epi32(p[5 * F + f]);
    k.amax = _mm256_set1_epi32(p[6 * F + f]);
    k.zp = _mm256_set1_epi32(p[2 * F + f]);
    k.lo = _mm256_set1_epi32(p[3 * F + f]);
    k.hi = _mm256_set1_epi32(p[4 * F + f]);
    k.r0 = k.r1 = _mm256_set1_pd(ratio_of(p[f], p[F + f]));
    return k;
  }
#define QCC_LOAD8(i) _mm256_loadu_si256((const __m256i *)(const void *)(p + (i) * F + f))
  k.amin = QCC_LOAD8(5), k.amax = QCC_LOAD8(6), k.zp = QCC_LOAD8(2);
  k.lo = QCC_LOAD8(3), k.hi = QCC_LOAD8(4);
#undef QCC_LOAD8
  double r[8];
  for (int j = 0; j < 8; ++j)
    r[j] = ratio_of(p[f + j], p[F + f + j]);
  k.r0 = _mm256_loadu_pd(r), k.r1 = _mm256_loadu_pd(r + 4);
  return k;
}

/* Four lanes' rhe(a * ratio) as int32. */
static inline QCC_AVX2 __m128i scale4(__m128i a, __m256d ratio) {
  __m256d v = _mm256_mul_pd(_mm256_cvtepi32_pd(a), ratio);
  v = _mm256_round_pd(v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  return _mm256_cvttpd_epi32(v);
}

/* Eight requantized values (as int32 in [lo, hi]). */
static inline QCC_AVX2 __m256i requant8(__m256i a, const struct rq8 *k) {
  a = _mm256_min_epi32(_mm256_max_epi32(a, k->amin), k->amax);
  __m256i q = _mm256_inserti128_si256(
      _mm256_castsi128_si256(scale4(_mm256_castsi256_si128(a), k->r0)),
      scale4(_mm256_extracti128_si256(a, 1), k->r1), 1);
  q = _mm256_add_epi32(q, k->zp);
  return _mm256_min_epi32(_mm256_max_epi32(q, k->lo), k->hi);
}

/* The low bytes of eight int32 values in [-128, 255], as 8 bytes in the
 * low half. */
static inline QCC_AVX2 __m128i bytes8(__m256i v) {
  __m128i w = _mm_packs_epi32(_mm256_castsi256_si128(v),
                              _mm256_extracti128_si256(v, 1));
  return _mm_packus_epi16(_mm_and_si128(w, _mm_set1_epi16(0xff)), w);
}

#endif

#endif
