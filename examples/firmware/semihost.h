/*===- semihost.h - Arm semihosting: text out and exit, nothing else ------===*
 *
 * The firmware examples and the Cortex-M tests print through semihosting
 * (qemu-system-arm -semihosting-config enable=on,target=native): no UART
 * driver, no libc stdio.
 *
 *===----------------------------------------------------------------------===*/
#ifndef QCC_FW_SEMIHOST_H
#define QCC_FW_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

/* Writes a NUL-terminated string to the host's console (SYS_WRITE0). */
void sh_puts(const char *s);
/* Writes n bytes as 2n lowercase hex digits. */
void sh_put_hex(const void *p, size_t n);
/* Writes v in decimal. */
void sh_put_u32(uint32_t v);
void sh_put_u64(uint64_t v);
/* Ends the program (SYS_EXIT): qemu exits with status 0 when ok, else 1. */
void sh_exit(int ok) __attribute__((noreturn));

#endif /* QCC_FW_SEMIHOST_H */
