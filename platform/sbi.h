/* SBI calls to OpenSBI (RISC-V SBI spec v1.0: Base, TIME, HSM, SRST). */
#ifndef PLATFORM_SBI_H
#define PLATFORM_SBI_H
#include <stdint.h>

#define SBI_EXT_BASE   0x10
#define SBI_EXT_TIME   0x54494D45
#define SBI_EXT_HSM    0x48534D
#define SBI_EXT_SRST   0x53525354

#define SBI_HSM_STARTED        0
#define SBI_HSM_STOPPED        1
#define SBI_HSM_START_PENDING  2
#define SBI_HSM_STOP_PENDING   3
#define SBI_HSM_SUSPENDED      4

#define SBI_SRST_SHUTDOWN      0
#define SBI_SRST_REASON_NONE   0
#define SBI_SRST_REASON_FAIL   1

struct sbiret { long error; long value; };

struct sbiret sbi_call(long ext, long fid, long a0, long a1, long a2);
long sbi_spec_version(void);
int  sbi_probe(long ext);                   /* nonzero if the extension exists */
void sbi_legacy_putchar(int c);             /* early console, before the UART */
void sbi_set_timer(uint64_t stime_value);
long sbi_hart_status(unsigned long hartid); /* SBI_HSM_* or a negative SBI error */
void sbi_hart_stop(void);
void sbi_system_reset(long type, long reason);
#endif
