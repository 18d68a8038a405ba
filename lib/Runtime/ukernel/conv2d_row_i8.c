/*===- conv2d_row_i8.c - one output row of an 8-bit convolution -----------===*
 *
 * qcc_uk_conv2d_row_i8 and its ISA variants; the contract and the packed
 * weight layout are in qcc_ukernel.h.
 *
 * Both variants work on blocks of R <= 6 output pixels: the block's inputs
 * are first gathered into `xpack` as one int32 per (pixel, channel pair,
 * kh, kw) holding the two channels' values as int16 (so a block's inputs
 * are read once for all Fg filters), then every panel of filters is
 * accumulated over the block. The AVX2 variant keeps R x 16 accumulators
 * in 2R ymm registers and multiplies with vpmaddwd: int16 x int16 products
 * summed in pairs into int32, exact for 8-bit operands (no saturation,
 * unlike vpmaddubsw).
 *
 *===----------------------------------------------------------------------===*/
#include "qcc_ukernel.h"

#include <stddef.h>

#define QCC_ALWAYS_INLINE static inline __attribute__((always_inline))

enum { kMaxBlock = 6 };

/* One tap's R pixels, q[r * sw] and (with has1) q[r * sw + cs], into
 * xp[r] as an int16 pair. */
QCC_ALWAYS_INLINE void pack_tap(const int8_t *q, int64_t cs, const int xs,
                                const int has1, int64_t sw, int64_t R,
                                int32_t *xp) {
  for (int64_t r = 0; r < R; ++r) {
    int32_t a = xs ? (int32_t)q[r * sw] : (int32_t)(uint8_t)q[r * sw];
    int32_t b = 0;
    if (has1)
      b = xs ? (int32_t)q[r * sw + cs] : (int32_t)(uint8_t)q[r * sw + cs];
    xp[r] = (int32_t)((uint32_t)(uint16_t)a | ((uint32_t)(uint16_t)b << 16));
  }
}

/* The inputs of pixels ow0 .. ow0 + R - 1 as xp[kp * R + r]: channel 2cp
 * in the low 16 bits, channel 2cp + 1 (0 past Cg) in the high 16 bits. */
QCC_ALWAYS_INLINE void pack_block(const int8_t *x, int64_t cs, int64_t rs,
                                  const int xs, int64_t Cg, int64_t KH,
                                  int64_t KW, int64_t sw, int64_t dh,
                                  int64_t dw, int64_t ih0, int64_t ow0,
                                  int64_t R, int32_t *xp) {
  int64_t kp = 0;
  for (int64_t c = 0; c < Cg; c += 2) {
    const int8_t *p0 = x + c * cs;
    const int has1 = c + 1 < Cg;
    for (int64_t kh = 0; kh < KH; ++kh) {
      const int8_t *row = p0 + (ih0 + kh * dh) * rs + ow0 * sw;
      for (int64_t kw = 0; kw < KW; ++kw, ++kp)
        pack_tap(row + kw * dw, cs, xs, has1, sw, R, xp + kp * R);
    }
  }
}

QCC_ALWAYS_INLINE void pack(const int8_t *x, int64_t cs, int64_t rs,
                            int64_t xs, int64_t Cg, int64_t KH, int64_t KW,
                            int64_t sw, int64_t dh, int64_t dw, int64_t ih0,
                            int64_t ow0, int64_t R, int32_t *xp) {
  if (xs)
    pack_block(x, cs, rs, 1, Cg, KH, KW, sw, dh, dw, ih0, ow0, R, xp);
  else
    pack_block(x, cs, rs, 0, Cg, KH, KW, sw, dh, dw, ih0, ow0, R, xp);
}

/* The size of block `i` of `n` blocks covering OW pixels as evenly as
 * possible (sizes differ by at most one). */
QCC_ALWAYS_INLINE int64_t block_size(int64_t OW, int64_t n, int64_t i) {
  return OW / n + (i < OW % n ? 1 : 0);
}

QCC_ALWAYS_INLINE int32_t init_of(const int32_t *bias, int64_t has_bias,
                                  const int32_t *corr, int64_t f) {
  return (has_bias ? bias[f] : 0) + corr[f];
}

/* Computes the row block by block: gathers each block's inputs into xpack
 * with `pack_block` (the arguments of pack, plus Wmin, the number of bytes
 * every row is known to have: (OW - 1) * sw + (KW - 1) * dw + 1), then
 * `block(xpack, Kp, w, bias, has_bias, corr, out + ow0 * Fg, Fg, R)`
 * accumulates every filter over it. */
typedef void (*block_fn)(const int32_t *, int64_t, const int8_t *,
                         const int32_t *, int64_t, const int32_t *, int32_t *,
                         int64_t, int64_t);
typedef void (*pack_fn)(const int8_t *x, int64_t cs, int64_t rs, int64_t xs,
                        int64_t Cg, int64_t KH, int64_t KW, int64_t sw,
                        int64_t dh, int64_t dw, int64_t ih0, int64_t ow0,
                        int64_t R, int64_t Wmin, int32_t *xp);

static void pack_portable(const int8_t *x, int64_t cs, int64_t rs, int64_t xs,
                          int64_t Cg, int64_t KH, int64_t KW, int64_t sw,
                          int64_t dh, int64_t dw, int64_t ih0, int64_t ow0,
                          int64_t R, int64_t Wmin, int32_t *xp) {
  (void)Wmin;
  pack(x, cs, rs, xs, Cg, KH, KW, sw, dh, dw, ih0, ow0, R, xp);
}

QCC_ALWAYS_INLINE void
conv_row(const int8_t *x, int64_t x_off, int64_t x_cstride, int64_t x_rstride,
         int64_t x_signed, int64_t Cg, int64_t KH, int64_t KW, int64_t sh,
         int64_t sw, int64_t dh, int64_t dw, int64_t oh, int64_t OW,
         const int8_t *w, int64_t w_off, int64_t Fg, const int32_t *bias,
         int64_t bias_off, int64_t has_bias, const int32_t *corr,
         int64_t corr_off, int32_t *out, int64_t out_off, int32_t *xpack,
         pack_fn pack_block, block_fn block) {
  const int64_t Kp = (Cg + 1) / 2 * KH * KW;
  const int64_t Wmin = (OW - 1) * sw + (KW - 1) * dw + 1;
  const int64_t nblocks = (OW + kMaxBlock - 1) / kMaxBlock;
  x += x_off, w += w_off, bias += bias_off, corr += corr_off, out += out_off;
  int64_t ow0 = 0;
  for (int64_t bi = 0; bi < nblocks; ++bi) {
    const int64_t R = block_size(OW, nblocks, bi);
    pack_block(x, x_cstride, x_rstride, x_signed, Cg, KH, KW, sw, dh, dw,
               oh * sh, ow0, R, Wmin, xpack);
    block(xpack, Kp, w, bias, has_bias, corr, out + ow0 * Fg, Fg, R);
    ow0 += R;
  }
}

/* The body of a variant's block_ISA_any: calls block(..., R) with R
 * (<= kMaxBlock) a constant in each case, so that the accumulators live in
 * registers. block_ISA_any is noinline: inlined into the row loop (as LLVM
 * does when it optimizes a model), its 6 x 16 case spilled accumulators
 * to the stack. */
#define QCC_BLOCK_WITH_CONSTANT_R(block)                                       \
  switch (R) {                                                                 \
  case 1: block(xp, Kp, w, bias, has_bias, corr, out, Fg, 1); break;           \
  case 2: block(xp, Kp, w, bias, has_bias, corr, out, Fg, 2); break;           \
  case 3: block(xp, Kp, w, bias, has_bias, corr, out, Fg, 3); break;           \
  case 4: block(xp, Kp, w, bias, has_bias, corr, out, Fg, 4); break;           \
  case 5: block(xp, Kp, w, bias, has_bias, corr, out, Fg, 5); break;           \
  default: block(xp, Kp, w, bias, has_bias, corr, out, Fg, 6); break;          \
  }

/* The parameters of qcc_uk_conv2d_row_i8_t (qcc_ukernel.h), for the
 * variants' definitions, and the arguments passing them on. */
#define QCC_CONV_ROW_PARAMS                                                    \
  const int8_t *x, int64_t x_off, int64_t x_cstride, int64_t x_rstride,       \
      int64_t x_signed, int64_t Cg, int64_t KH, int64_t KW, int64_t sh,       \
      int64_t sw, int64_t dh, int64_t dw, int64_t oh, int64_t OW,             \
      const int8_t *w, int64_t w_off, int64_t Fg, const int32_t *bias,        \
      int64_t bias_off, int64_t has_bias, const int32_t *corr,                \
      int64_t corr_off, int32_t *out, int64_t out_off, int32_t *xpack
#define QCC_CONV_ROW_ARGS                                                      \
  x, x_off, x_cstride, x_rstride, x_signed, Cg, KH, KW, sh, sw, dh, dw, oh,   \
      OW, w, w_off, Fg, bias, bias_off, has_bias, corr, corr_off, out,        \
      out_off, xpack

/* --- portable ------------------------------------------------------------ */
#ifndef QCC_UK_MVE_ONLY

static void block_portable(const int32_t *xp, int64_t Kp, const int8_t *w,
                           const int32_t *bias, int64_t has_bias,
                           const int32_t *corr, int32_t *out, int64_t Fg,
                           int64_t R) {
  for (int64_t p = 0; p < Fg / 8; ++p) {
    const int8_t *wp = w + p * Kp * 16;
    int32_t acc[kMaxBlock][8];
    for (int64_t r = 0; r < R; ++r)
      for (int64_t f = 0; f < 8; ++f)
        acc[r][f] = init_of(bias, has_bias, corr, p * 8 + f);
    for (int64_t kp = 0; kp < Kp; ++kp)
      for (int64_t r = 0; r < R; ++r) {
        uint32_t v = (uint32_t)xp[kp * R + r];
        int32_t a = (int16_t)(uint16_t)v, b = (int16_t)(uint16_t)(v >> 16);
        for (int64_t f = 0; f < 8; ++f)
          acc[r][f] += a * wp[kp * 16 + 2 * f] + b * wp[kp * 16 + 2 * f + 1];
      }
    for (int64_t r = 0; r < R; ++r)
      for (int64_t f = 0; f < 8; ++f)
        out[r * Fg + p * 8 + f] = acc[r][f];
  }
}

void qcc_uk_conv2d_row_i8(QCC_CONV_ROW_PARAMS) {
  conv_row(QCC_CONV_ROW_ARGS, pack_portable, block_portable);
}
#endif

/* --- x86-64 AVX2 ---------------------------------------------------------- */
#if defined(__x86_64__)
#include "widen_avx2.h"

/* Filters f0 .. f0 + 8 J - 1 (J panels of 8, J = 1 or 2) over R pixels. */
static inline QCC_AVX2 void panels_avx2(const int32_t *xp, int64_t Kp,
                                        const int8_t *w0, const int8_t *w1,
                                        __m256i i0, __m256i i1, int32_t *out,
                                        int64_t Fg, const int R, const int J) {
  __m256i a0[kMaxBlock], a1[kMaxBlock];
  for (int r = 0; r < R; ++r)
    a0[r] = i0, a1[r] = i1;
  for (int64_t kp = 0; kp < Kp; ++kp) {
    __m256i v0 = _mm256_cvtepi8_epi16(
        _mm_loadu_si128((const __m128i *)(const void *)(w0 + kp * 16)));
    __m256i v1 = v0;
    if (J == 2)
      v1 = _mm256_cvtepi8_epi16(
          _mm_loadu_si128((const __m128i *)(const void *)(w1 + kp * 16)));
    for (int r = 0; r < R; ++r) {
      __m256i xb = _mm256_set1_epi32(xp[kp * R + r]);
      a0[r] = _mm256_add_epi32(a0[r], _mm256_madd_epi16(xb, v0));
      if (J == 2)
        a1[r] = _mm256_add_epi32(a1[r], _mm256_madd_epi16(xb, v1));
    }
  }
  for (int r = 0; r < R; ++r) {
    _mm256_storeu_si256((__m256i *)(void *)(out + r * Fg), a0[r]);
    if (J == 2)
      _mm256_storeu_si256((__m256i *)(void *)(out + r * Fg + 8), a1[r]);
  }
}

/* pack for strides 1 and 2 (s): each tap's R <= 6 pixels of a channel
 * pair as one 8-byte (s = 1) or 16-byte (s = 2) load per channel, while
 * the row is known to have those bytes, interleaved into int16 pairs and
 * stored as 8 int32 (the 2 past R land in the next tap's slots, rewritten
 * after; xpack has room: see QCC_UK_CONV2D_XPACK_PIXELS). The taps of a
 * row's last pixels go through the portable loop. */
static inline QCC_AVX2 void pack_strided_avx2(const int8_t *x, int64_t cs,
                                              int64_t rs, const int xs,
                                              int64_t Cg, int64_t KH,
                                              int64_t KW, const int s,
                                              int64_t dh, int64_t dw,
                                              int64_t ih0, int64_t ow0,
                                              int64_t R, int64_t Wmin,
                                              int32_t *xp) {
  int64_t kp = 0;
  for (int64_t c = 0; c < Cg; c += 2) {
    const int8_t *p0 = x + c * cs;
    const int has1 = c + 1 < Cg;
    for (int64_t kh = 0; kh < KH; ++kh) {
      const int8_t *row = p0 + (ih0 + kh * dh) * rs + ow0 * s;
      for (int64_t kw = 0; kw < KW; ++kw, ++kp) {
        const int8_t *q = row + kw * dw;
        int32_t *dst = xp + kp * R;
        if (s == 1 && ow0 + kw * dw + 8 <= Wmin) {
          __m128i a = _mm_loadl_epi64((const __m128i *)(const void *)q);
          __m128i b = has1 ? _mm_loadl_epi64((const __m128i *)(const void *)(q + cs))
                           : _mm_setzero_si128();
          __m128i ab = _mm_unpacklo_epi8(a, b);
          _mm256_storeu_si256((__m256i *)(void *)dst,
                              xs ? _mm256_cvtepi8_epi16(ab)
                                 : _mm256_cvtepu8_epi16(ab));
        } else if (s == 2 && 2 * ow0 + kw * dw + 16 <= Wmin) {
          __m128i a = load8_avx2(q, xs, 2);
          __m128i b = has1 ? load8_avx2(q + cs, xs, 2) : _mm_setzero_si128();
          _mm_storeu_si128((__m128i *)(void *)dst, _mm_unpacklo_epi16(a, b));
          _mm_storeu_si128((__m128i *)(void *)(dst + 4),
                           _mm_unpackhi_epi16(a, b));
        } else {
          pack_tap(q, cs, xs, has1, s, R, dst);
        }
      }
    }
  }
}

__attribute__((target("avx2"), noinline)) static void
pack_avx2(const int8_t *x, int64_t cs, int64_t rs, int64_t xs, int64_t Cg,
          int64_t KH, int64_t KW, int64_t sw, int64_t dh, int64_t dw,
          int64_t ih0, int64_t ow0, int64_t R, int64_t Wmin, int32_t *xp) {
#define QCC_PACK_STRIDED(xs, s)                                                \
  pack_strided_avx2(x, cs, rs, xs, Cg, KH, KW, s, dh, dw, ih0, ow0, R, Wmin, xp)
  if (sw == 1)
    xs ? QCC_PACK_STRIDED(1, 1) : QCC_PACK_STRIDED(0, 1);
  else if (sw == 2)
    xs ? QCC_PACK_STRIDED(1, 2) : QCC_PACK_STRIDED(0, 2);
  else
    pack(x, cs, rs, xs, Cg, KH, KW, sw, dh, dw, ih0, ow0, R, xp);
#undef QCC_PACK_STRIDED
}

static inline QCC_AVX2 __m256i init_avx2(const int32_t *bias, int64_t has_bias,
                                         const int32_t *corr) {
  __m256i c = _mm256_loadu_si256((const __m256i *)(const void *)corr);
  if (!has_bias)
    return c;
  return _mm256_add_epi32(
      c, _mm256_loadu_si256((const __m256i *)(const void *)bias));
}

/* One block: every panel pair, then the odd panel; R a constant. */
static inline QCC_AVX2 void block_avx2(const int32_t *xp, int64_t Kp,
                                       const int8_t *w, const int32_t *bias,
                                       int64_t has_bias, const int32_t *corr,
                                       int32_t *out, int64_t Fg, const int R) {
  int64_t f = 0;
  for (; f + 16 <= Fg; f += 16)
    panels_avx2(xp, Kp, w + f / 8 * Kp * 16, w + (f / 8 + 1) * Kp * 16,
                init_avx2(bias + f, has_bias, corr + f),
                init_avx2(bias + f + 8, has_bias, corr + f + 8), out + f, Fg,
                R, 2);
  if (f < Fg) {
    __m256i i0 = init_avx2(bias + f, has_bias, corr + f);
    panels_avx2(xp, Kp, w + f / 8 * Kp * 16, w, i0, i0, out + f, Fg, R, 1);
  }
}

__attribute__((target("avx2"), noinline)) static void
block_avx2_any(const int32_t *xp, int64_t Kp, const int8_t *w,
               const int32_t *bias, int64_t has_bias, const int32_t *corr,
               int32_t *out, int64_t Fg, int64_t R) {
  QCC_BLOCK_WITH_CONSTANT_R(block_avx2);
}

__attribute__((target("avx2"))) void
qcc_uk_conv2d_row_i8_avx2(QCC_CONV_ROW_PARAMS) {
  conv_row(QCC_CONV_ROW_ARGS, pack_avx2, block_avx2_any);
}
#endif

/* --- AArch64 NEON ---------------------------------------------------------- */
#if defined(__aarch64__)
#include <arm_neon.h>

/* Filters f0 .. f0 + 8 J - 1 (J panels of 8, J = 1 or 2) over R pixels,
 * with the portable packing: a panel's 16 bytes for one kp are filter
 * pairs (w[f][2cp], w[f][2cp + 1]); widened to int16 and multiplied by
 * the broadcast pixel pair (|x| <= 255, |w| <= 128: exact in int16), then
 * summed in pairs into int32 by vpadal (what vpmaddwd does on x86). */
QCC_ALWAYS_INLINE void panels_neon(const int32_t *xp, int64_t Kp,
                                   const int8_t *w0, const int8_t *w1,
                                   const int32_t *init0, const int32_t *init1,
                                   int32_t *out, int64_t Fg, const int R,
                                   const int J) {
  int32x4_t a[kMaxBlock][4];
  for (int r = 0; r < R; ++r) {
    a[r][0] = vld1q_s32(init0), a[r][1] = vld1q_s32(init0 + 4);
    a[r][2] = vld1q_s32(init1), a[r][3] = vld1q_s32(init1 + 4);
  }
  for (int64_t kp = 0; kp < Kp; ++kp) {
    int8x16_t v0 = vld1q_s8(w0 + kp * 16);
    int16x8_t w00 = vmovl_s8(vget_low_s8(v0)), w01 = vmovl_high_s8(v0);
    int16x8_t w10 = w00, w11 = w01;
    if (J == 2) {
      int8x16_t v1 = vld1q_s8(w1 + kp * 16);
      w10 = vmovl_s8(vget_low_s8(v1)), w11 = vmovl_high_s8(v1);
    }
    for (int r = 0; r < R; ++r) {
      int16x8_t xb = vreinterpretq_s16_s32(vdupq_n_s32(xp[kp * R + r]));
      a[r][0] = vpadalq_s16(a[r][0], vmulq_s16(xb, w00));
      a[r][1] = vpadalq_s16(a[r][1], vmulq_s16(xb, w01));
      if (J == 2) {
        a[r][2] = vpadalq_s16(a[r][2], vmulq_s16(xb, w10));
        a[r][3] = vpadalq_s16(a[r][3], vmulq_s16(xb, w11));
      }
    }
  }
  for (int r = 0; r < R; ++r) {
    vst1q_s32(out + r * Fg, a[r][0]);
    vst1q_s32(out + r * Fg + 4, a[r][1]);
    if (J == 2) {
      vst1q_s32(out + r * Fg + 8, a[r][2]);
      vst1q_s32(out + r * Fg + 12, a[r][3]);
    }
  }
}

/* One block: every panel pair, then the odd panel; R a constant. The
 * starting values init[f] = bias[f] + corr[f] go through a small buffer. */
QCC_ALWAYS_INLINE void block_neon(const int32_t *xp, int64_t Kp,
                                  const int8_t *w, const int32_t *bias,
                                  int64_t has_bias, const int32_t *corr,
                                  int32_t *out, int64_t Fg, const int R) {
  int64_t f = 0;
  int32_t init[16];
  for (; f < Fg; f += 16) {
    const int J = f + 16 <= Fg ? 2 : 1;
    for (int i = 0; i < 8 * J; ++i)
      init[i] = init_of(bias + f, has_bias, corr + f, i);
    if (J == 2)
      panels_neon(xp, Kp, w + f / 8 * Kp * 16, w + (f / 8 + 1) * Kp * 16,
                  init, init + 8, out + f, Fg, R, 2);
    else
      panels_neon(xp, Kp, w + f / 8 * Kp * 16, w, init, init, out + f, Fg, R,
                  1);
  }
}

__attribute__((noinline)) static void block_neon_any(const int32_t *xp, int64_t Kp, const int8_t *w,
                           const int32_t *bias, int64_t has_bias,
                           const int32_t *corr, int32_t *out, int64_t Fg,
                           int64_t R) {
  QCC_BLOCK_WITH_CONSTANT_R(block_neon);
}

void qcc_uk_conv2d_row_i8_neon(QCC_CONV_ROW_PARAMS) {
  conv_row(QCC_CONV_ROW_ARGS, pack_portable, block_neon_any);
}
#endif

/* --- Arm M-profile DSP extension (Cortex-M4, M7, M33, M55) ---------------- */
#if defined(__ARM_FEATURE_DSP) && !defined(__aarch64__) && !defined(QCC_UK_MVE_ONLY)
#include "widen_dsp.h"

/* With the portable packing, one 32-bit word of a panel holds filters f and
 * f + 1 for a channel pair: bytes (w[f][2cp], w[f][2cp+1], w[f+1][2cp],
 * w[f+1][2cp+1]). SXTB16 sign-extends bytes 0 and 2 (and, rotated by 8,
 * 1 and 3) into int16 pairs; PKHBT / PKHTB regroup them by filter, and
 * SMLAD adds both products of a filter's pair with the pixel's channel
 * pair (xp: int16 pairs) to its accumulator: 2 + 2 + 2R instructions for
 * 4R multiply-adds. The products are exact (|x| <= 255, |w| <= 128) and
 * the sums wrap as the portable kernel's do. */
QCC_ALWAYS_INLINE void pair_dsp(const int32_t *xp, int64_t Kp,
                                const int8_t *w, int32_t ia, int32_t ib,
                                int32_t *out, int64_t Fg, const int S,
                                const int C) {
  int32_t a[3], b[3];
  for (int r = 0; r < C; ++r)
    a[r] = ia, b[r] = ib;
  /* 32-bit counters and walking pointers: int64 arithmetic costs two
   * instructions an operation on these cores. */
  const int32_t *xk = xp;
  for (int32_t n = (int32_t)Kp; n > 0; --n, w += 16, xk += S) {
    uint32_t word;
    __builtin_memcpy(&word, w, 4);
    uint32_t lo = widen_even_dsp(word, 1), hi = widen_odd_dsp(word, 1);
    int16x2_t wa = (int16x2_t)((lo & 0xFFFFu) | (hi << 16));
    int16x2_t wb = (int16x2_t)((hi & 0xFFFF0000u) | (lo >> 16));
    for (int r = 0; r < C; ++r) {
      int16x2_t x = (int16x2_t)xk[r];
      a[r] = __smlad(x, wa, a[r]);
      b[r] = __smlad(x, wb, b[r]);
    }
  }
  for (int r = 0; r < C; ++r)
    out[r * Fg] = a[r], out[r * Fg + 1] = b[r];
}

/* One block: the filter pairs of every panel, over the block's pixels in
 * runs of at most 3 (6 accumulators: more would spill, the cores having 13
 * general registers); R a constant. */
QCC_ALWAYS_INLINE void block_dsp(const int32_t *xp, int64_t Kp,
                                 const int8_t *w, const int32_t *bias,
                                 int64_t has_bias, const int32_t *corr,
                                 int32_t *out, int64_t Fg, const int R) {
  const int32_t nf = (int32_t)Fg, kp = (int32_t)Kp;
  const int C0 = R <= 3 ? R : (R + 1) / 2, C1 = R - C0;
  for (int32_t f = 0; f < nf; f += 2) {
    const int8_t *wf = w + (f >> 3) * kp * 16 + (f & 7) * 2;
    int32_t ia = init_of(bias, has_bias, corr, f);
    int32_t ib = init_of(bias, has_bias, corr, f + 1);
    pair_dsp(xp, kp, wf, ia, ib, out + f, nf, R, C0);
    if (C1 > 0)
      pair_dsp(xp + C0, kp, wf, ia, ib, out + C0 * nf + f, nf, R, C1);
  }
}

__attribute__((noinline)) static void
block_dsp_any(const int32_t *xp, int64_t Kp, const int8_t *w,
              const int32_t *bias, int64_t has_bias, const int32_t *corr,
              int32_t *out, int64_t Fg, int64_t R) {
  QCC_BLOCK_WITH_CONSTANT_R(block_dsp);
}

/* Four pixels of a channel pair at stride 1 from two 4-byte loads:
 * (S|U)XTB16 make (a0, a2), (a1, a3), (b0, b2), (b1, b3); PKHBT / PKHTB
 * pair them by pixel, (a_r, b_r): 2 loads, 4 extends, 4 packs, 4 stores
 * for 4 values. */
QCC_ALWAYS_INLINE void pack4_dsp(const int8_t *q, int64_t cs, const int xs,
                                 const int has1, int32_t *dst) {
  uint32_t a, b = 0;
  __builtin_memcpy(&a, q, 4);
  if (has1)
    __builtin_memcpy(&b, q + cs, 4);
  uint32_t ae = widen_even_dsp(a, xs), ao = widen_odd_dsp(a, xs);
  uint32_t be = widen_even_dsp(b, xs), bo = widen_odd_dsp(b, xs);
  dst[0] = (int32_t)((ae & 0xFFFFu) | (be << 16));
  dst[1] = (int32_t)((ao & 0xFFFFu) | (bo << 16));
  dst[2] = (int32_t)((be & 0xFFFF0000u) | (ae >> 16));
  dst[3] = (int32_t)((bo & 0xFFFF0000u) | (ao >> 16));
}

/* pack for stride 1: each tap's R <= 6 pixels with 4-byte loads (one
 * group of 4 for R <= 4, two for more) while the row is known to hold the
 * bytes (Wmin, as for AVX2); up to 8 values are stored per tap, the ones
 * past R landing in the next tap's slots (rewritten after) or in xpack's
 * spare room (QCC_UK_CONV2D_XPACK_PIXELS). Other taps and strides take the
 * portable loop. */
QCC_ALWAYS_INLINE void pack_s1_dsp(const int8_t *x, int64_t cs, int64_t rs,
                                   const int xs, int64_t Cg, int64_t KH,
                                   int64_t KW, int64_t dh, int64_t dw,
                                   int64_t ih0, int64_t ow0, int64_t R,
                                   int64_t Wmin, int32_t *xp) {
  const int32_t need = R <= 4 ? 4 : 8;
  int32_t kp = 0;
  for (int32_t c = 0; c < (int32_t)Cg; c += 2) {
    const int8_t *p0 = x + c * cs;
    const int has1 = c + 1 < Cg;
    for (int32_t kh = 0; kh < (int32_t)KH; ++kh) {
      const int8_t *row = p0 + (ih0 + kh * dh) * rs + ow0;
      for (int32_t kw = 0; kw < (int32_t)KW; ++kw, ++kp) {
        const int8_t *q = row + kw * dw;
        int32_t *dst = xp + kp * R;
        if (ow0 + kw * dw + need <= Wmin) {
          pack4_dsp(q, cs, xs, has1, dst);
          if (need == 8)
            pack4_dsp(q + 4, cs, xs, has1, dst + 4);
        } else {
          pack_tap(q, cs, xs, has1, 1, R, dst);
        }
      }
    }
  }
}

__attribute__((noinline)) static void
pack_dsp(const int8_t *x, int64_t cs, int64_t rs, int64_t xs, int64_t Cg,
         int64_t KH, int64_t KW, int64_t sw, int64_t dh, int64_t dw,
         int64_t ih0, int64_t ow0, int64_t R, int64_t Wmin, int32_t *xp) {
  if (sw == 1 && xs)
    pack_s1_dsp(x, cs, rs, 1, Cg, KH, KW, dh, dw, ih0, ow0, R, Wmin, xp);
  else if (sw == 1)
    pack_s1_dsp(x, cs, rs, 0, Cg, KH, KW, dh, dw, ih0, ow0, R, Wmin, xp);
  else
    pack(x, cs, rs, xs, Cg, KH, KW, sw, dh, dw, ih0, ow0, R, xp);
}

void qcc_uk_conv2d_row_i8_dsp(QCC_CONV_ROW_PARAMS) {
  conv_row(QCC_CONV_ROW_ARGS, pack_dsp, block_dsp_any);
}
#endif

/* --- Arm Helium (MVE, Cortex-M55) -------------------------------------------
 * Built from this file a second time for armv8.1-m.main+mve with
 * QCC_UK_MVE_ONLY (lib/Runtime/CMakeLists.txt), which leaves out every
 * other public function. One 16-byte row of a panel is 8 filters x a
 * channel pair: VMOVLB/VMOVLT.S8 split it by channel, VMOVLB/VMOVLT.S16 by
 * even and odd filter, and VMLA (vector x scalar, int32, wrapping) adds
 * each channel's weights times the pixel's value: 4 VMLA per pixel for 8
 * filters x 2 channels. VLD2/VST2 (de)interleave the even and odd
 * filters' accumulators. Pixel runs of 2: 4 accumulators and 4 weight
 * vectors fill the 8 Q registers. */
#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>

QCC_ALWAYS_INLINE void panel_mve(const int32_t *xp, int32_t Kp,
                                 const int8_t *w, const int32_t *init,
                                 int32_t *out, int32_t Fg, const int S,
                                 const int C) {
  int32x4x2_t i2 = vld2q_s32(init);
  int32x4_t ae[2], ao[2];
  for (int r = 0; r < C; ++r)
    ae[r] = i2.val[0], ao[r] = i2.val[1];
  const int32_t *xk = xp;
  for (int32_t n = Kp; n > 0; --n, w += 16, xk += S) {
    int8x16_t v = vld1q_s8(w);
    int16x8_t c0 = vmovlbq_s8(v), c1 = vmovltq_s8(v);
    int32x4_t c0e = vmovlbq_s16(c0), c0o = vmovltq_s16(c0);
    int32x4_t c1e = vmovlbq_s16(c1), c1o = vmovltq_s16(c1);
    for (int r = 0; r < C; ++r) {
      int32_t xv = xk[r];
      int32_t x0 = (int16_t)(uint16_t)(uint32_t)xv, x1 = xv >> 16;
      ae[r] = vmlaq_n_s32(ae[r], c0e, x0);
      ao[r] = vmlaq_n_s32(ao[r], c0o, x0);
      ae[r] = vmlaq_n_s32(ae[r], c1e, x1);
      ao[r] = vmlaq_n_s32(ao[r], c1o, x1);
    }
  }
  for (int r = 0; r < C; ++r) {
    int32x4x2_t t = {{ae[r], ao[r]}};
    vst2q_s32(out + r * Fg, t);
  }
}

/* One block: every panel over the block's pixels in runs of 2; R a
 * constant. */
QCC_ALWAYS_INLINE void block_mve(const int32_t *xp, int64_t Kp,
                                 const int8_t *w, const int32_t *bias,
                                 int64_t has_bias, const int32_t *corr,
                                 int32_t *out, int64_t Fg, const int R) {
  const int32_t nf = (int32_t)Fg, kp = (int32_t)Kp;
  int32_t init[8];
  for (int32_t f = 0; f < nf; f += 8) {
    for (int i = 0; i < 8; ++i)
      init[i] = init_of(bias, has_bias, corr, f + i);
    const int8_t *wp = w + (f >> 3) * kp * 16;
    int r0 = 0;
    for (; r0 + 2 <= R; r0 += 2)
      panel_mve(xp + r0, kp, wp, init, out + r0 * nf + f, nf, R, 2);
    if (r0 < R)
      panel_mve(xp + r0, kp, wp, init, out + r0 * nf + f, nf, R, 1);
  }
}

__attribute__((noinline)) static void
block_mve_any(const int32_t *xp, int64_t Kp, const int8_t *w,
              const int32_t *bias, int64_t has_bias, const int32_t *corr,
              int32_t *out, int64_t Fg, int64_t R) {
  QCC_BLOCK_WITH_CONSTANT_R(block_mve);
}

void qcc_uk_conv2d_row_i8_mve(QCC_CONV_ROW_PARAMS) {
  conv_row(QCC_CONV_ROW_ARGS, pack_portable, block_mve_any);
}
#endif
