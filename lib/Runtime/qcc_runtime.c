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
