/*===- startup.c - reset handler and vector table for the QEMU boards -----===*
 *
 * Minimal Cortex-M start-up: the vector table (initial stack pointer, reset
 * and fault handlers), .data copied from its load address, .bss zeroed,
 * the FPU (and MVE) enabled, then main(). What main returns is the exit
 * status reported through semihosting. The symbols come from the board's
 * linker script (boards/sections.ld).
 *
 *===----------------------------------------------------------------------===*/
#include <stdint.h>

#include "semihost.h"

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_top[];
int main(void);

__attribute__((noreturn)) void Reset_Handler(void) {
  for (uint32_t *s = __data_load, *d = __data_start; d < __data_end;)
    *d++ = *s++;
  for (uint32_t *d = __bss_start; d < __bss_end;)
    *d++ = 0;
#if !defined(__ARM_ARCH_6M__) && !defined(__ARM_ARCH_8M_BASE__)
  /* CPACR: full access to CP10 and CP11 (FPU, and MVE on Cortex-M55).
   * Write-ignored where the core has no FPU. The generated object may use
   * the FPU of its -mcpu whatever the firmware's float ABI. */
  volatile uint32_t *cpacr = (volatile uint32_t *)0xE000ED88u;
  *cpacr |= 0xFu << 20;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
  sh_exit(main() == 0);
}

static __attribute__((noreturn)) void Fault_Handler(void) {
  sh_puts("firmware: fault exception\n");
  sh_exit(0);
}

/* A program that enables the SysTick interrupt defines its own handler. */
static void Unexpected_Handler(void) { Fault_Handler(); }
void SysTick_Handler(void) __attribute__((weak, alias("Unexpected_Handler")));

typedef void (*vector_t)(void);

__attribute__((section(".vectors"), used)) const vector_t qcc_fw_vectors[16] = {
    (vector_t)(uintptr_t)__stack_top, /* initial SP */
    Reset_Handler,
    Fault_Handler, /* NMI */
    Fault_Handler, /* HardFault */
    Fault_Handler, /* MemManage */
    Fault_Handler, /* BusFault */
    Fault_Handler, /* UsageFault */
    Fault_Handler, /* SecureFault (v8-M) */
    0,             /* reserved */
    0,
    0,
    Fault_Handler, /* SVCall */
    Fault_Handler, /* DebugMonitor */
    0,             /* reserved */
    Fault_Handler, /* PendSV */
    SysTick_Handler,
};
