/*===- qcc_runtime.c - the tiny runtime linked into every qcc object ------===*
 *
 * Compiled to LLVM bitcode for every target architecture when qcc is built,
 * embedded in qcc, and linked into each generated object with internal
 * linkage (so several models link into one program without clashes).
 * Freestanding C99: no libc, no heap, no global mutable state.
 *
 *===----------------------------------------------------------------------===*/
#include <stddef.h>
#include <stdint.h>

/* Return codes of NAME_run (see docs/ABI.md). */
enum { QCC_OK = 0, QCC_ERR_NULL = 1, QCC_ERR_ALIGN = 2 };

/* Checks the arguments of NAME_run before any byte is written. */
int32_t qcc_rt_check_args(const void *arena, int64_t arena_bytes,
                          const void *const *inputs, int64_t num_inputs,
                          void *const *outputs, int64_t num_outputs) {
  if (!inputs || !outputs || (arena_bytes > 0 && !arena))
    return QCC_ERR_NULL;
  for (int64_t i = 0; i < num_inputs; ++i)
    if (!inputs[i])
      return QCC_ERR_NULL;
  for (int64_t i = 0; i < num_outputs; ++i)
    if (!outputs[i])
      return QCC_ERR_NULL;
  if (((uintptr_t)arena & 63u) != 0)
    return QCC_ERR_ALIGN;
  return QCC_OK;
}

/* Whether this x86-64 CPU (and its OS) runs x86-64-v3 code: everything
 * the x86-64-v3 level implies (the v2 features SSE3, SSSE3, SSE4.1,
 * SSE4.2, POPCNT, CMPXCHG16B, LAHF/SAHF, and AVX, AVX2, BMI1, BMI2, F16C,
 * FMA, LZCNT, MOVBE), and YMM state saved by the OS (OSXSAVE, XCR0 bits 1
 * and 2). Asked on every call (CPUID, no cached global): an object for a
 * plain x86-64 target carries a baseline and an x86-64-v3 version of the
 * model and NAME_run picks one with this. */
int32_t qcc_rt_x86_has_v3(void) {
#if defined(__x86_64__)
  uint32_t a, b, c, d;
  __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
  if (a < 7)
    return 0;
  __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
  const uint32_t leaf1 = (1u << 0) /* SSE3 */ | (1u << 9) /* SSSE3 */ |
                         (1u << 12) /* FMA */ | (1u << 13) /* CX16 */ |
                         (1u << 19) /* SSE4.1 */ | (1u << 20) /* SSE4.2 */ |
                         (1u << 22) /* MOVBE */ | (1u << 23) /* POPCNT */ |
                         (1u << 27) /* OSXSAVE */ | (1u << 28) /* AVX */ |
                         (1u << 29) /* F16C */;
  if ((c & leaf1) != leaf1)
    return 0;
  uint32_t xcr0, xcr0_hi;
  __asm__ volatile("xgetbv" : "=a"(xcr0), "=d"(xcr0_hi) : "c"(0));
  if ((xcr0 & 6u) != 6u)
    return 0;
  __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
  const uint32_t leaf7 = (1u << 3) /* BMI1 */ | (1u << 5) /* AVX2 */ |
                         (1u << 8) /* BMI2 */;
  if ((b & leaf7) != leaf7)
    return 0;
  __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000000u), "c"(0));
  if (a < 0x80000001u)
    return 0;
  __asm__ volatile("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0x80000001u), "c"(0));
  const uint32_t ext1 = (1u << 0) /* LAHF/SAHF */ | (1u << 5) /* LZCNT */;
  return (c & ext1) == ext1;
#else
  return 0;
#endif
}
