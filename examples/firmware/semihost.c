/*===- semihost.c - Arm semihosting calls on M-profile cores --------------===*/
#include "semihost.h"

enum {
  SYS_WRITE0 = 0x04,
  SYS_EXIT = 0x18,
  ADP_STOPPED_APPLICATION_EXIT = 0x20026,
  ADP_STOPPED_RUN_TIME_ERROR = 0x20023,
};

/* M-profile semihosting: BKPT 0xAB with the operation in r0 and its
 * argument in r1; the result comes back in r0. */
static uint32_t semihost(uint32_t op, const void *arg) {
  register uint32_t r0 __asm__("r0") = op;
  register const void *r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void sh_puts(const char *s) { semihost(SYS_WRITE0, s); }

void sh_put_hex(const void *p, size_t n) {
  static const char digits[] = "0123456789abcdef";
  const uint8_t *b = p;
  char buf[129];
  while (n) {
    size_t k = n < 64 ? n : 64;
    for (size_t i = 0; i < k; ++i) {
      buf[2 * i] = digits[b[i] >> 4];
      buf[2 * i + 1] = digits[b[i] & 15];
    }
    buf[2 * k] = 0;
    sh_puts(buf);
    b += k;
    n -= k;
  }
}

void sh_put_u32(uint32_t v) { sh_put_u64(v); }

void sh_put_u64(uint64_t v) {
  char buf[21];
  int i = 20;
  buf[i] = 0;
  do {
    buf[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  sh_puts(buf + i);
}

void sh_exit(int ok) {
  /* On 32-bit Arm SYS_EXIT takes the reason code itself, not a block. */
  semihost(SYS_EXIT, (const void *)(uintptr_t)(ok ? ADP_STOPPED_APPLICATION_EXIT
                                                  : ADP_STOPPED_RUN_TIME_ERROR));
  for (;;) {
  }
}
