/*===- widen_avx2.h - 8-bit pixels widened to int16, AVX2 ------------------===*
 *
 * Loads of 8 or 16 pixels x[s * j] of one row (stride s = 1 or 2; stride 2
 * reads twice the bytes and keeps the even ones) as int16, signed or
 * unsigned, shared by the AVX2 conv and depthwise kernels. Internal to
 * lib/Runtime/ukernel.
 *
 *===----------------------------------------------------------------------===*/
#ifndef QCC_WIDEN_AVX2_H
#define QCC_WIDEN_AVX2_H

#include <immintrin.h>
#include <stdint.h>

#ifndef QCC_AVX2
#define QCC_AVX2 __attribute__((always_inline, target("avx2")))
#endif

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

#endif
