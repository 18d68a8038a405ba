/* Runs ukernel_test.c (compiled with -Dmain=ukernel_test_main) as Cortex-M
 * firmware: examples/firmware/startup.c calls main; newlib's stdio goes
 * to the semihosting console (librdimon), opened here as its crt0 would. */
#include <stdio.h>

void initialise_monitor_handles(void);
int ukernel_test_main(void);

int main(void) {
  initialise_monitor_handles();
  int rc = ukernel_test_main();
  fflush(stdout);
  return rc;
}
