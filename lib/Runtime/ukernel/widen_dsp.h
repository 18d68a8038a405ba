/*===- widen_dsp.h - bytes to int16 pairs with the Arm DSP extension ------===*
 *
 * SXTB16 / UXTB16 of a word of 4 bytes: the even bytes (0 and 2) or, rotated
 * by 8, the odd bytes (1 and 3) as two int16, sign-extended when `xs`
 * (int8 data) and zero-extended otherwise (uint8). Internal to
 * lib/Runtime/ukernel (the DSP variants of the conv and depthwise kernels).
 *
 *===----------------------------------------------------------------------===*/
#ifndef QCC_WIDEN_DSP_H
#define QCC_WIDEN_DSP_H

#include <arm_acle.h>
#include <stdint.h>

static inline __attribute__((always_inline)) uint32_t
widen_even_dsp(uint32_t v, const int xs) {
  return xs ? __sxtb16(v) : __uxtb16(v);
}

static inline __attribute__((always_inline)) uint32_t
widen_odd_dsp(uint32_t v, const int xs) {
  return widen_even_dsp(__ror(v, 8), xs);
}

#endif
