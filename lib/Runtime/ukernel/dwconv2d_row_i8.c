/*===- dwconv2d_row_i8.c - one output row of a depthwise convolution ------===*
 *
 * qcc_uk_dwconv2d_row_i8 and its ISA variants; the contract is in
 * qcc_ukernel.h. The vector variants (AVX2, NEON) compute 16 (then 8)
 * output pixels at a time: the inputs of each tap widened to int16 (for
 * stride 2, the even bytes of twice as many), multiplied by the tap's
 * weight (|x| <= 255 and |w| <= 128: exact in int16 for AVX2, widened to
 * int32 by NEON's vmlal) and added into int32 accumulators; a last block
 * of 8 may overlap the previous one. Pixels the blocks cannot read in
 * bounds and rows narrower than 8 (MobileNet's and EfficientNet's 7x7
 * stage) take a block of 8 over a copy of each input row's tail in a
 * 64-byte buffer, of which only the pixels in the row are stored; strides
 * above 2 and taps reaching past that buffer take the scalar loop.
 *
 *===----------------------------------------------------------------------===*/
#include "qcc_ukernel.h"

#define QCC_ALWAYS_INLINE static inline __attribute__((always_inline))
#include "requant_inline.h"

/* The parameters of qcc_uk_dwconv2d_row_i8_t (qcc_ukernel.h), for the
 * variants' definitions, and the arguments passing them on. */
#define QCC_DW_ROW_PARAMS                                                      \
  const int8_t *x, int64_t x_off, int64_t x_cstride, int64_t x_rstride,       \
      int64_t x_signed, int64_t W, int64_t Cg, int64_t KH, int64_t KW,        \
      int64_t sh, int64_t sw, int64_t dh, int64_t dw, int64_t oh, int64_t OW, \
      const int8_t *w, int64_t w_off, int32_t init, int32_t *out,             \
      int64_t out_off
#define QCC_DW_ARGS                                                            \
  x, x_off, x_cstride, x_rstride, x_signed, W, Cg, KH, KW, sh, sw, dh, dw,    \
      oh, OW, w, w_off, init, out, out_off

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

void qcc_uk_dwconv2d_row_i8(QCC_DW_ROW_PARAMS) {
  (void)W;
  dw_scalar(x + x_off, x_cstride, x_rstride, x_signed, Cg, KH, KW, sw, dh, dw,
            oh * sh, 0, OW, w + w_off, init, out + out_off);
}

/* Targets with a vector variant (below); elsewhere (Cortex-M) only the
 * portable kernels above and the requantizing driver are built. */
#if defined(__x86_64__) || defined(__aarch64__)
#define QCC_DW_VECTOR 1
#endif

#ifdef QCC_DW_VECTOR
/* --- the vector variants' row ---------------------------------------------
 *
 * A block computes output pixels [ow, ow + P) (P = 16 or 8, P * s input
 * bytes a tap). With `tail` (P = 8) it reads copies of the rows (see
 * copy_small) and stores only the n < 8 pixels [ow, ow + n). */
enum { kMaxTapPairs = 32 };

/* What a variant's blocks may use besides their arguments (or NULL):
 * - where a requantized row goes (qcc_uk_dwconv2d_requant_i8): the bytes,
 *   the channel's parameters (p[i * F], as in qcc_uk_requant_row_i8) and
 *   their vector form (struct rq8 for AVX2); with out NULL, blocks store
 *   the int32 accumulators to their `out`;
 * - the taps in pairs (AVX2): npairs pairs (0: none), pair j the taps at
 *   input offsets off[2j] and off[2j + 1] from a block's first pixel with
 *   the weights in wpair[j] as two int16 (an odd last tap paired with
 *   itself and a zero weight). */
struct dw_ctx {
  int8_t *out;
  const int32_t *p;
  int64_t F;
  const void *vec;
  int64_t npairs;
  int64_t off[2 * kMaxTapPairs];
  int32_t wpair[kMaxTapPairs];
};

#if defined(__x86_64__)
/* The taps of a filter in pairs, when there are at most 2 kMaxTapPairs. */
QCC_ALWAYS_INLINE void dw_tap_pairs(struct dw_ctx *ctx, int64_t cs,
                                    int64_t rs, int64_t Cg, int64_t KH,
                                    int64_t KW, int64_t dh, int64_t dw,
                                    const int8_t *w) {
  const int64_t T = Cg * KH * KW;
  ctx->npairs = 0;
  if (T > 2 * kMaxTapPairs)
    return;
  int64_t t = 0;
  for (int64_t c = 0; c < Cg; ++c)
    for (int64_t kh = 0; kh < KH; ++kh)
      for (int64_t kw = 0; kw < KW; ++kw, ++t)
        ctx->off[t] = c * cs + kh * dh * rs + kw * dw;
  for (int64_t j = 0; 2 * j < T; ++j) {
    const int has2 = 2 * j + 1 < T;
    if (!has2)
      ctx->off[2 * j + 1] = ctx->off[2 * j];
    ctx->wpair[j] = (int32_t)((uint32_t)(uint16_t)(int16_t)w[2 * j] |
                              (uint32_t)(uint16_t)(int16_t)(has2 ? w[2 * j + 1] : 0)
                                  << 16);
  }
  ctx->npairs = (T + 1) / 2;
}
#endif

typedef void (*dw_block_fn)(const int8_t *x, int64_t cs, int64_t rs, int xs,
                            int64_t Cg, int64_t KH, int64_t KW, int s,
                            int64_t dh, int64_t dw, int64_t ih0, int64_t ow,
                            int P, const int8_t *w, int32_t init, int32_t *out,
                            int tail, int64_t W, int64_t n,
                            const struct dw_ctx *rq);

enum { kTailBytes = 64 };

/* dst[0, n) = src[0, n) for n <= kTailBytes, as two overlapping copies of
 * the largest power of two <= n; fixed-size copies, which LLVM expands to
 * loads and stores (no memcpy call: the object's only libc reference is
 * memset). */
QCC_ALWAYS_INLINE void copy_small(int8_t *dst, const int8_t *src, int64_t n) {
#define QCC_COPY2(k)                                                           \
  do {                                                                         \
    int8_t a[k], b[k];                                                         \
    __builtin_memcpy(a, src, k);                                               \
    __builtin_memcpy(b, src + n - k, k);                                       \
    __builtin_memcpy(dst, a, k);                                               \
    __builtin_memcpy(dst + n - k, b, k);                                       \
  } while (0)
  if (n >= 32)
    QCC_COPY2(32);
  else if (n >= 16)
    QCC_COPY2(16);
  else if (n >= 8)
    QCC_COPY2(8);
  else if (n >= 4)
    QCC_COPY2(4);
  else {
    if (n > 0)
      dst[0] = src[0];
    if (n > 1)
      dst[1] = src[1];
    if (n > 2)
      dst[2] = src[2];
  }
#undef QCC_COPY2
}

/* Where a block at ow reads row ih of channel c: in place, or with `tail`
 * from `buf` (zeroed by the caller), into which the row's W - s * ow bytes
 * from s * ow on are copied (as many for every row: the zeros after them
 * stay). The constant-size memset that zeroes `buf` is expanded inline. */
QCC_ALWAYS_INLINE const int8_t *block_row(const int8_t *x, int64_t cs,
                                          int64_t rs, int64_t c, int64_t ih,
                                          const int s, int64_t ow,
                                          const int tail, int64_t W,
                                          int8_t *buf) {
  const int8_t *row = x + c * cs + ih * rs + s * ow;
  if (!tail)
    return row;
  copy_small(buf, row, W - s * ow);
  return buf;
}

/* A block's loop over its taps: runs the statement after it with `tap`,
 * where the block's first pixel reads the tap (in the row or its copy),
 * and `wv`, the tap's weight. Uses the block's arguments by name. */
#define QCC_DW_FOR_EACH_TAP(...)                                               \
  int8_t buf[kTailBytes];                                                      \
  if (tail)                                                                    \
    __builtin_memset(buf, 0, sizeof buf);                                      \
  for (int64_t c = 0; c < Cg; ++c)                                             \
    for (int64_t kh = 0; kh < KH; ++kh) {                                      \
      const int8_t *row =                                                      \
          block_row(x, cs, rs, c, ih0 + kh * dh, s, ow, tail, W, buf);         \
      for (int64_t kw = 0; kw < KW; ++kw) {                                    \
        const int8_t *tap = row + kw * dw;                                     \
        const int16_t wv = w[(c * KH + kh) * KW + kw];                         \
        __VA_ARGS__                                                            \
      }                                                                        \
    }

/* The vector blocks of a row; returns the first pixel they leave to the
 * scalar loop. A block [ow, ow + P) reads input bytes up to
 * s * ow + P * s - 1 + (KW - 1) * dw, which must be < W. The last block
 * may overlap the one before it (it rewrites the same values), so with
 * stride 1 no pixel is left once OW >= 8; the rest go 8 at a time over
 * copies of the rows' tails. */
QCC_ALWAYS_INLINE int64_t dw_row(const int8_t *x, int64_t cs, int64_t rs,
                                 const int xs, int64_t W, int64_t Cg,
                                 int64_t KH, int64_t KW, const int s,
                                 int64_t dh, int64_t dw, int64_t ih0,
                                 int64_t OW, const int8_t *w, int32_t init,
                                 int32_t *out, dw_block_fn block,
                                 const struct dw_ctx *rq) {
#define QCC_DW_FITS(ow, P) (s * (ow) + (P) * s - 1 + (KW - 1) * dw < W)
#define QCC_DW_BLOCK(ow, P, tail, n)                                           \
  block(x, cs, rs, xs, Cg, KH, KW, s, dh, dw, ih0, ow, P, w, init, out, tail, \
        W, n, rq)
  int64_t ow = 0;
  for (; ow + 16 <= OW && QCC_DW_FITS(ow, 16); ow += 16)
    QCC_DW_BLOCK(ow, 16, 0, 16);
  for (; ow + 8 <= OW && QCC_DW_FITS(ow, 8); ow += 8)
    QCC_DW_BLOCK(ow, 8, 0, 8);
  if (ow < OW && OW >= 8 && QCC_DW_FITS(OW - 8, 8)) {
    QCC_DW_BLOCK(OW - 8, 8, 0, 8);
    ow = OW;
  }
  /* A tail block at ow reads bytes s * ow .. s * ow + 8 s - 1 +
   * (KW - 1) * dw of a row, from its copy at s * ow. */
  if (8 * s + (KW - 1) * dw <= kTailBytes && W - s * ow <= kTailBytes)
    for (; ow < OW; ow += 8)
      QCC_DW_BLOCK(ow, 8, 1, OW - ow < 8 ? OW - ow : 8);
#undef QCC_DW_BLOCK
#undef QCC_DW_FITS
  return ow;
}

/* A vector variant: strides 1 and 2 (signed or unsigned input, as
 * constants) in blocks, the rest in the scalar loop (into `out`, then
 * requantized one by one when there is `rq`). */
QCC_ALWAYS_INLINE void
dw_vector(const int8_t *x, int64_t x_off, int64_t x_cstride,
          int64_t x_rstride, int64_t x_signed, int64_t W, int64_t Cg,
          int64_t KH, int64_t KW, int64_t sh, int64_t sw, int64_t dh,
          int64_t dw, int64_t oh, int64_t OW, const int8_t *w, int64_t w_off,
          int32_t init, int32_t *out, int64_t out_off, dw_block_fn block,
          const struct dw_ctx *rq) {
  x += x_off, w += w_off, out += out_off;
  const int64_t ih0 = oh * sh;
  int64_t done = 0;
#define QCC_DW_ROW(xs, s)                                                      \
  dw_row(x, x_cstride, x_rstride, xs, W, Cg, KH, KW, s, dh, dw, ih0, OW, w,   \
         init, out, block, rq)
  if (sw == 1)
    done = x_signed ? QCC_DW_ROW(1, 1) : QCC_DW_ROW(0, 1);
  else if (sw == 2)
    done = x_signed ? QCC_DW_ROW(1, 2) : QCC_DW_ROW(0, 2);
#undef QCC_DW_ROW
  dw_scalar(x, x_cstride, x_rstride, x_signed, Cg, KH, KW, sw, dh, dw, ih0,
            done, OW, w, init, out);
  if (rq && rq->out) {
    const int32_t *p = rq->p;
    const int64_t F = rq->F;
    for (int64_t ow = done; ow < OW; ++ow)
      rq->out[ow] = (int8_t)requant1(out[ow], p[0], p[F], p[2 * F], p[3 * F],
                                     p[4 * F]);
  }
}

#endif /* QCC_DW_VECTOR */

/* Every row of one filter, requantized: the row kernel `row` into
 * `scratch`, then qcc_uk_requant_row_i8 of it. */
#define QCC_DW_REQUANT_ROWS(row)                                               \
  for (int64_t oh = 0; oh < OH; ++oh) {                                        \
    row(x, x_off, x_cstride, x_rstride, x_signed, W, Cg, KH, KW, sh, sw, dh,   \
        dw, oh, OW, w, w_off, init, scratch, 0);                               \
    qcc_uk_requant_row_i8(scratch, 0, OW, 1, p, p_off, F, out,                 \
                          out_off + oh * out_rstride, 0);                      \
  }

void qcc_uk_dwconv2d_requant_i8(
    const int8_t *x, int64_t x_off, int64_t x_cstride, int64_t x_rstride,
    int64_t x_signed, int64_t W, int64_t Cg, int64_t KH, int64_t KW,
    int64_t sh, int64_t sw, int64_t dh, int64_t dw, int64_t OH, int64_t OW,
    const int8_t *w, int64_t w_off, int32_t init, const int32_t *p,
    int64_t p_off, int64_t F, int8_t *out, int64_t out_off,
    int64_t out_rstride, int32_t *scratch) {
  QCC_DW_REQUANT_ROWS(qcc_uk_dwconv2d_row_i8)
}

/* --- x86-64 AVX2 ---------------------------------------------------------- */
#if defined(__x86_64__)
#include "widen_avx2.h"

static inline QCC_AVX2 void
dw_block_avx2(const int8_t *x, int64_t cs, int64_t rs, const int xs,
              int64_t Cg, int64_t KH, int64_t KW, const int s, int64_t dh,
              int64_t dw, int64_t ih0, int64_t ow, const int P,
              const int8_t *w, int32_t init, int32_t *out, const int tail,
              int64_t W, int64_t n, const struct dw_ctx *rq) {
  __m256i lo = _mm256_set1_epi32(init), hi = lo;
  if (!tail && rq && rq->npairs) {
    /* Two taps a vpmaddwd: the pixels of both interleaved as int16 pairs
     * (per 128-bit lane, so the low product holds pixels 0-3 and 8-11,
     * the high one 4-7 and 12-15), times the pair's two weights. */
    const int8_t *base = x + ih0 * rs + s * ow;
    __m256i a = _mm256_setzero_si256(), b = a;
    for (int64_t j = 0; j < rq->npairs; ++j) {
      const int8_t *p0 = base + rq->off[2 * j], *p1 = base + rq->off[2 * j + 1];
      __m256i wv = _mm256_set1_epi32(rq->wpair[j]);
      if (P == 16) {
        __m256i u = load16_avx2(p0, xs, s), v = load16_avx2(p1, xs, s);
        a = _mm256_add_epi32(a, _mm256_madd_epi16(_mm256_unpacklo_epi16(u, v), wv));
        b = _mm256_add_epi32(b, _mm256_madd_epi16(_mm256_unpackhi_epi16(u, v), wv));
      } else {
        __m128i u = load8_avx2(p0, xs, s), v = load8_avx2(p1, xs, s);
        __m256i uv = _mm256_inserti128_si256(
            _mm256_castsi128_si256(_mm_unpacklo_epi16(u, v)),
            _mm_unpackhi_epi16(u, v), 1);
        a = _mm256_add_epi32(a, _mm256_madd_epi16(uv, wv));
      }
    }
    if (P == 16) {
      lo = _mm256_add_epi32(lo, _mm256_permute2x128_si256(a, b, 0x20));
      hi = _mm256_add_epi32(hi, _mm256_permute2x128_si256(a, b, 0x31));
    } else {
      lo = _mm256_add_epi32(lo, a);
    }
  } else {
  QCC_DW_FOR_EACH_TAP({
    if (P == 16) {
      __m256i p = _mm256_mullo_epi16(load16_avx2(tap, xs, s),
                                     _mm256_set1_epi16(wv));
      lo = _mm256_add_epi32(lo, _mm256_cvtepi16_epi32(_mm256_castsi256_si128(p)));
      hi = _mm256_add_epi32(hi, _mm256_cvtepi16_epi32(_mm256_extracti128_si256(p, 1)));
    } else {
      __m128i p = _mm_mullo_epi16(load8_avx2(tap, xs, s), _mm_set1_epi16(wv));
      lo = _mm256_add_epi32(lo, _mm256_cvtepi16_epi32(p));
    }
  });
  }
  if (rq && rq->out) {
    const struct rq8 *k = (const struct rq8 *)rq->vec;
    __m128i b = bytes8(requant8(lo, k));
    if (tail) {
      int8_t r[16];
      _mm_storeu_si128((__m128i *)(void *)r, b);
      for (int64_t i = 0; i < n; ++i)
        rq->out[ow + i] = r[i];
      return;
    }
    _mm_storel_epi64((__m128i *)(void *)(rq->out + ow), b);
    if (P == 16)
      _mm_storel_epi64((__m128i *)(void *)(rq->out + ow + 8),
                       bytes8(requant8(hi, k)));
    return;
  }
  if (tail) {
    int32_t r[8];
    _mm256_storeu_si256((__m256i *)(void *)r, lo);
    for (int64_t i = 0; i < n; ++i)
      out[ow + i] = r[i];
    return;
  }
  _mm256_storeu_si256((__m256i *)(void *)(out + ow), lo);
  if (P == 16)
    _mm256_storeu_si256((__m256i *)(void *)(out + ow + 8), hi);
}

__attribute__((target("avx2"))) void qcc_uk_dwconv2d_requant_i8_avx2(
    const int8_t *x, int64_t x_off, int64_t x_cstride, int64_t x_rstride,
    int64_t x_signed, int64_t W, int64_t Cg, int64_t KH, int64_t KW,
    int64_t sh, int64_t sw, int64_t dh, int64_t dw, int64_t OH, int64_t OW,
    const int8_t *w, int64_t w_off, int32_t init, const int32_t *p,
    int64_t p_off, int64_t F, int8_t *out, int64_t out_off,
    int64_t out_rstride, int32_t *scratch) {
  const struct rq8 k = rq8_params(p + p_off, F, 0, 1);
  struct dw_ctx rq = {0, p + p_off, F, &k, 0, {0}, {0}};
  dw_tap_pairs(&rq, x_cstride, x_rstride, Cg, KH, KW, dh, dw, w + w_off);
  for (int64_t oh = 0; oh < OH; ++oh) {
    rq.out = out + out_off + oh * out_rstride;
    dw_vector(x, x_off, x_cstride, x_rstride, x_signed, W, Cg, KH, KW, sh, sw,
              dh, dw, oh, OW, w, w_off, init, scratch, 0, dw_block_avx2, &rq);
  }
}

__attribute__((target("avx2"))) void
qcc_uk_dwconv2d_row_i8_avx2(QCC_DW_ROW_PARAMS) {
  /* One row: the taps are not worth pairing for it (the plane kernel
   * pairs them once for all its rows). */
  dw_vector(QCC_DW_ARGS, dw_block_avx2, 0);
}
#endif

/* --- AArch64 NEON ---------------------------------------------------------- */
#if defined(__aarch64__)
#include <arm_neon.h>

/* The 8 inputs x[iw + s * j], j < 8, as int16 (s = 1 or 2; s = 2 reads 16
 * bytes and keeps the even ones). */
QCC_ALWAYS_INLINE int16x8_t load8_neon(const int8_t *p, const int xs,
                                       const int s) {
  if (xs)
    return vmovl_s8(s == 1 ? vld1_s8(p) : vld2_s8(p).val[0]);
  const uint8_t *u = (const uint8_t *)p;
  return vreinterpretq_s16_u16(
      vmovl_u8(s == 1 ? vld1_u8(u) : vld2_u8(u).val[0]));
}

QCC_ALWAYS_INLINE void
dw_block_neon(const int8_t *x, int64_t cs, int64_t rs, const int xs,
              int64_t Cg, int64_t KH, int64_t KW, const int s, int64_t dh,
              int64_t dw, int64_t ih0, int64_t ow, const int P,
              const int8_t *w, int32_t init, int32_t *out, const int tail,
              int64_t W, int64_t n, const struct dw_ctx *rq) {
  (void)rq; /* the NEON variant requantizes through qcc_uk_requant_row_i8 */
  int32x4_t a0 = vdupq_n_s32(init), a1 = a0, a2 = a0, a3 = a0;
  QCC_DW_FOR_EACH_TAP({
    int16x8_t v = load8_neon(tap, xs, s);
    a0 = vmlal_n_s16(a0, vget_low_s16(v), wv);
    a1 = vmlal_high_n_s16(a1, v, wv);
    if (P == 16) {
      int16x8_t u = load8_neon(tap + 8 * s, xs, s);
      a2 = vmlal_n_s16(a2, vget_low_s16(u), wv);
      a3 = vmlal_high_n_s16(a3, u, wv);
    }
  });
  if (tail) {
    int32_t r[8];
    vst1q_s32(r, a0);
    vst1q_s32(r + 4, a1);
    for (int64_t i = 0; i < n; ++i)
      out[ow + i] = r[i];
    return;
  }
  vst1q_s32(out + ow, a0);
  vst1q_s32(out + ow + 4, a1);
  if (P == 16) {
    vst1q_s32(out + ow + 8, a2);
    vst1q_s32(out + ow + 12, a3);
  }
}

void qcc_uk_dwconv2d_row_i8_neon(QCC_DW_ROW_PARAMS) {
  dw_vector(QCC_DW_ARGS, dw_block_neon, 0);
}

void qcc_uk_dwconv2d_requant_i8_neon(
    const int8_t *x, int64_t x_off, int64_t x_cstride, int64_t x_rstride,
    int64_t x_signed, int64_t W, int64_t Cg, int64_t KH, int64_t KW,
    int64_t sh, int64_t sw, int64_t dh, int64_t dw, int64_t OH, int64_t OW,
    const int8_t *w, int64_t w_off, int32_t init, const int32_t *p,
    int64_t p_off, int64_t F, int8_t *out, int64_t out_off,
    int64_t out_rstride, int32_t *scratch) {
  QCC_DW_REQUANT_ROWS(qcc_uk_dwconv2d_row_i8_neon)
}
#endif

/* --- Arm M-profile DSP extension (Cortex-M4, M7, M33, M55) ---------------- */
#if defined(__ARM_FEATURE_DSP) && !defined(__aarch64__)
#include "widen_dsp.h"

/* 3-wide filters at stride 1 and dilation 1 (the depthwise layers of
 * MobileNet and DS-CNN), one input channel: two output pixels at a time.
 * Per filter row, one 4-byte load holds x0..x3 of the pair; SXTB16 /
 * UXTB16 (and rotated by 8) make the int16 pairs (x0, x2) and (x1, x3),
 * and with the weights as (w0, w2) and w1:
 *   out[ow]     = SMLAD((x0, x2), (w0, w2)) + SMLABB(x1, w1),
 *   out[ow + 1] = SMLAD((x1, x3), (w0, w2)) + SMLATB(x2, w1):
 * 4 multiply instructions for 6 multiply-adds. The load reads x[ow + 3],
 * inside the row (W >= OW + 2). An odd last pixel goes through
 * dw_scalar, other shapes through the portable kernel. */

QCC_ALWAYS_INLINE void dw3_dsp(const int8_t *x, int32_t rs, const int xs,
                               int32_t KH, int32_t ih0, int32_t OW,
                               const int8_t *w, int32_t init, int32_t *out) {
  int32_t ow = 0;
  for (; ow + 2 <= OW; ow += 2) {
    int32_t a0 = init, a1 = init;
    for (int32_t kh = 0; kh < KH; ++kh) {
      const int8_t *q = x + (ih0 + kh) * rs + ow;
      const int8_t *wk = w + kh * 3;
      uint32_t v;
      __builtin_memcpy(&v, q, 4);
      int16x2_t e = (int16x2_t)widen_even_dsp(v, xs); /* x0, x2 */
      int16x2_t o = (int16x2_t)widen_odd_dsp(v, xs);  /* x1, x3 */
      int16x2_t w02 = (int16x2_t)((uint32_t)(uint16_t)wk[0] |
                                  ((uint32_t)(uint16_t)wk[2] << 16));
      int16x2_t w1 = (int16x2_t)(uint32_t)(uint16_t)wk[1];
      a0 = __smlad(e, w02, a0);
      a0 = __smlabb(o, w1, a0);
      a1 = __smlad(o, w02, a1);
      a1 = __smlatb(e, w1, a1);
    }
    out[ow] = a0, out[ow + 1] = a1;
  }
  dw_scalar(x, 0, rs, xs, 1, KH, 3, 1, 1, 1, ih0, ow, OW, w, init, out);
}

void qcc_uk_dwconv2d_row_i8_dsp(QCC_DW_ROW_PARAMS) {
  if (Cg == 1 && KW == 3 && sw == 1 && dw == 1 && dh == 1) {
    if (x_signed)
      dw3_dsp(x + x_off, (int32_t)x_rstride, 1, (int32_t)KH,
              (int32_t)(oh * sh), (int32_t)OW, w + w_off, init, out + out_off);
    else
      dw3_dsp(x + x_off, (int32_t)x_rstride, 0, (int32_t)KH,
              (int32_t)(oh * sh), (int32_t)OW, w + w_off, init, out + out_off);
    return;
  }
  qcc_uk_dwconv2d_row_i8(QCC_DW_ARGS);
}
#endif
