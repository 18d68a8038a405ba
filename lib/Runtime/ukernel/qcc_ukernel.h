/*===- qcc_ukernel.h - qcc's microkernels ---------------------------------===*
 *
 * Plain C kernels (IREE's ukernel model): compiled to LLVM bitcode for each
 * target architecture when qcc is built, embedded in qcc, and linked into
 * every generated module that calls them, before LLVM optimizes it. Each
 * kernel has a portable variant (`qcc_uk_NAME`) and may have ISA variants
 * (`qcc_uk_NAME_avx2`, `qcc_uk_NAME_neon`, ...) with the same arguments
 * and the same results, bit for bit; qcc picks the variant the target's features allow when it
 * links the runtime (lib/Runtime/RuntimeLibrary.cpp).
 *
 * Freestanding C99: no libc, no heap, no global mutable state. Every kernel
 * has a unit test against a scalar reference (test/Runtime) and a
 * microbenchmark (bench/ukernel_bench.c).
 *
 *===----------------------------------------------------------------------===*/
#ifndef QCC_UKERNEL_H
#define QCC_UKERNEL_H

#include <stdint.h>

/* --- qcc_uk_conv2d_row_i8 ---------------------------------------------------
 *
 * One output row of one group of a 2-D convolution with 8-bit inputs and
 * 8-bit weights, accumulated exactly in int32:
 *
 *   out[ow * Fg + f] = init[f] + sum over c < Cg, kh < KH, kw < KW of
 *                      x[c, oh * sh + kh * dh, ow * sw + kw * dw] * w'[f, c, kh, kw]
 *
 * for ow < OW and f < Fg, where
 *   - x is read at x + x_off + c * x_cstride + ih * x_rstride + iw (the input
 *     already padded: every read is in bounds), as int8 if x_signed, else
 *     as uint8. The input zero point is not subtracted here: it is folded
 *     into `corr` (the padding holds the zero point, so the correction is
 *     the same for every pixel);
 *   - w' = w - zw, the weights minus their zero point, must fit int8; they
 *     are packed at compile time (see below);
 *   - init[f] = (has_bias ? bias[bias_off + f] : 0) + corr[corr_off + f],
 *     where qcc sets corr[f] = fill - zx * sum over c, kh, kw of w'[f, c, kh, kw].
 *
 * Packed weights (w + w_off): Fg / 8 panels of 8 filters (Fg must be a
 * multiple of 8), panel p holding Kp = ceil(Cg / 2) * KH * KW groups of
 * 8 x 2 int8:
 *
 *   w[w_off + (p * Kp + kp) * 16 + 2 * f + j] = w'[8 p + f, 2 cp + j, kh, kw]
 *   with kp = (cp * KH + kh) * KW + kw, and 0 where 2 cp + j >= Cg.
 *
 * `xpack` is scratch of at least QCC_UK_CONV2D_XPACK_PIXELS * Kp int32.
 */
#define QCC_UK_CONV2D_XPACK_PIXELS 8

/* The function type every variant has; tests and benchmarks iterate over
 * variants through qcc_uk_conv2d_row_i8_fn. */
typedef void qcc_uk_conv2d_row_i8_t(
    const int8_t *x, int64_t x_off, int64_t x_cstride, int64_t x_rstride,
    int64_t x_signed, int64_t Cg, int64_t KH, int64_t KW, int64_t sh,
    int64_t sw, int64_t dh, int64_t dw, int64_t oh, int64_t OW,
    const int8_t *w, int64_t w_off, int64_t Fg, const int32_t *bias,
    int64_t bias_off, int64_t has_bias, const int32_t *corr, int64_t corr_off,
    int32_t *out, int64_t out_off, int32_t *xpack);
typedef qcc_uk_conv2d_row_i8_t *qcc_uk_conv2d_row_i8_fn;

qcc_uk_conv2d_row_i8_t qcc_uk_conv2d_row_i8;
#if defined(__x86_64__)
qcc_uk_conv2d_row_i8_t qcc_uk_conv2d_row_i8_avx2;
#endif
#if defined(__aarch64__)
qcc_uk_conv2d_row_i8_t qcc_uk_conv2d_row_i8_neon;
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(__aarch64__)
qcc_uk_conv2d_row_i8_t qcc_uk_conv2d_row_i8_dsp; /* SMLAD: Cortex-M4/M7/M33/M55 */
#endif
#if defined(__ARM_FEATURE_MVE)
qcc_uk_conv2d_row_i8_t qcc_uk_conv2d_row_i8_mve; /* Helium: Cortex-M55 */
#endif

/* --- qcc_uk_dwconv2d_row_i8 -------------------------------------------------
 *
 * One output row of one filter of a grouped convolution with few filters
 * per group (depthwise: one input channel, one filter), 8-bit input and
 * weights, exact in int32:
 *
 *   out[ow] = init + sum over c < Cg, kh < KH, kw < KW of
 *             x[c, oh * sh + kh * dh, ow * sw + kw * dw] * w[(c * KH + kh) * KW + kw]
 *
 * for ow < OW; x read as for qcc_uk_conv2d_row_i8 (padded, int8 if
 * x_signed else uint8, every row at least W bytes long with
 * W >= (OW - 1) * sw + (KW - 1) * dw + 1); w (+ w_off) holds the filter's
 * weights minus their zero point, which must fit int8; init is the start
 * (fill or bias) plus qcc's zero-point correction -zx * sum(w).
 * out (+ out_off) receives OW int32.
 */
typedef void qcc_uk_dwconv2d_row_i8_t(
    const int8_t *x, int64_t x_off, int64_t x_cstride, int64_t x_rstride,
    int64_t x_signed, int64_t W, int64_t Cg, int64_t KH, int64_t KW,
    int64_t sh, int64_t sw, int64_t dh, int64_t dw, int64_t oh, int64_t OW,
    const int8_t *w, int64_t w_off, int32_t init, int32_t *out,
    int64_t out_off);
typedef qcc_uk_dwconv2d_row_i8_t *qcc_uk_dwconv2d_row_i8_fn;

qcc_uk_dwconv2d_row_i8_t qcc_uk_dwconv2d_row_i8;
#if defined(__x86_64__)
qcc_uk_dwconv2d_row_i8_t qcc_uk_dwconv2d_row_i8_avx2;
#endif
#if defined(__aarch64__)
qcc_uk_dwconv2d_row_i8_t qcc_uk_dwconv2d_row_i8_neon;
#endif
#if defined(__ARM_FEATURE_DSP) && !defined(__aarch64__)
qcc_uk_dwconv2d_row_i8_t qcc_uk_dwconv2d_row_i8_dsp; /* SMLAD: 3-wide, stride 1 */
#endif

/* --- qcc_uk_dwconv2d_requant_i8 ---------------------------------------------
 *
 * Every output row oh < OH of one filter of qcc_uk_dwconv2d_row_i8 (same
 * input, weights and init), requantized as qcc_uk_requant_row_i8 does with
 * the parameters of channel p_off (p, F as there) and stored as bytes at
 * out + out_off + oh * out_rstride + ow: one call a channel plane instead
 * of two a row. `scratch` holds OW int32 (variants may not use it).
 */
typedef void qcc_uk_dwconv2d_requant_i8_t(
    const int8_t *x, int64_t x_off, int64_t x_cstride, int64_t x_rstride,
    int64_t x_signed, int64_t W, int64_t Cg, int64_t KH, int64_t KW,
    int64_t sh, int64_t sw, int64_t dh, int64_t dw, int64_t OH, int64_t OW,
    const int8_t *w, int64_t w_off, int32_t init, const int32_t *p,
    int64_t p_off, int64_t F, int8_t *out, int64_t out_off,
    int64_t out_rstride, int32_t *scratch);
typedef qcc_uk_dwconv2d_requant_i8_t *qcc_uk_dwconv2d_requant_i8_fn;

qcc_uk_dwconv2d_requant_i8_t qcc_uk_dwconv2d_requant_i8;
#if defined(__x86_64__)
qcc_uk_dwconv2d_requant_i8_t qcc_uk_dwconv2d_requant_i8_avx2;
#endif
#if defined(__aarch64__)
qcc_uk_dwconv2d_requant_i8_t qcc_uk_dwconv2d_requant_i8_neon;
#endif

/* --- qcc_uk_requant_row_i8 -------------------------------------------------
 *
 * Requantizes one output row of Fg channels from their int32 accumulators,
 * as qcc's fixed-point requantization does (lib/Conversion/QNNToLinalg):
 *
 *   out[f * out_fstride + ow] = clamp(zp[f] + rhe(acc[ow * Fg + f] *
 *                                     mult[f] / 2^shift[f]), lo[f], hi[f])
 *
 * stored as its low byte, for f < Fg and ow < OW (acc + acc_off,
 * out + out_off), where rhe rounds half to even and the parameters are
 * p[p_off + i * F + f] for i = 0 (mult), 1 (shift), 2 (zp), 3 (lo), 4 (hi),
 * 5 (amin), 6 (amax), F being the parameter arrays' length. They must
 * satisfy 0 <= mult < 2^31, 1 <= shift <= 61, -128 <= lo <= hi <= 255,
 * |zp| <= 2^16, amin <= amax such that clamping acc to [amin, amax]
 * changes no result (qcc uses amin = floor((lo - zp) 2^shift / mult) and
 * amax = ceil((hi - zp) 2^shift / mult), within int32), and
 * max(|amin|, |amax|) * mult < 2^53: acc * mult * 2^-shift is then exact
 * in double, which the vector variants use.
 */
typedef void qcc_uk_requant_row_i8_t(const int32_t *acc, int64_t acc_off,
                                     int64_t OW, int64_t Fg, const int32_t *p,
                                     int64_t p_off, int64_t F, int8_t *out,
                                     int64_t out_off, int64_t out_fstride);
typedef qcc_uk_requant_row_i8_t *qcc_uk_requant_row_i8_fn;

qcc_uk_requant_row_i8_t qcc_uk_requant_row_i8;
#if defined(__x86_64__)
qcc_uk_requant_row_i8_t qcc_uk_requant_row_i8_avx2;
#endif

#endif
