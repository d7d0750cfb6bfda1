/* What the generic kernel asks of the platform (QEMU virt under OpenSBI). */
#ifndef PLATFORM_H
#define PLATFORM_H
#include <stdint.h>
#include "fdt.h"

#define PLATFORM_NAME "QEMU virt (OpenSBI)"

/* Parse the device tree at dtb_pa and bring up the console.  A missing or
 * malformed device tree panics with the parser's reason. */
void platform_init(uint64_t boot_hartid, uint64_t dtb_pa);
const struct platform_info *platform_info(void);

void platform_console_putc(char c);

/* End the machine: status 0 is a clean shutdown (QEMU exits 0); anything
 * else makes QEMU exit with that status through the test finisher. */
_Noreturn void platform_exit(int status);

/* Print the boot hart and the SBI HSM state of every other hart. */
void platform_report_harts(void);
#endif
