/* SBI calls: ecall into OpenSBI running in M-mode. */
#include "sbi.h"

struct sbiret sbi_call(long ext, long fid, long a0, long a1, long a2)
{
    register long r_a0 asm("a0") = a0;
    register long r_a1 asm("a1") = a1;
    register long r_a2 asm("a2") = a2;
    register long r_a6 asm("a6") = fid;
    register long r_a7 asm("a7") = ext;
    asm volatile("ecall"
                 : "+r"(r_a0), "+r"(r_a1)
                 : "r"(r_a2), "r"(r_a6), "r"(r_a7)
                 : "memory");
    return (struct sbiret){ r_a0, r_a1 };
}

long sbi_spec_version(void)
{
    return sbi_call(SBI_EXT_BASE, 0, 0, 0, 0).value;
}

int sbi_probe(long ext)
{
    struct sbiret r = sbi_call(SBI_EXT_BASE, 3, ext, 0, 0);
    return r.error == 0 && r.value != 0;
}

void sbi_legacy_putchar(int c)
{
    sbi_call(0x01, 0, c, 0, 0);
}

void sbi_set_timer(uint64_t stime_value)
{
    sbi_call(SBI_EXT_TIME, 0, (long)stime_value, 0, 0);
}

long sbi_hart_status(unsigned long hartid)
{
    struct sbiret r = sbi_call(SBI_EXT_HSM, 2, (long)hartid, 0, 0);
    return r.error ? r.error : r.value;
}

void sbi_hart_stop(void)
{
    sbi_call(SBI_EXT_HSM, 1, 0, 0, 0);
}

void sbi_system_reset(long type, long reason)
{
    sbi_call(SBI_EXT_SRST, 0, type, reason, 0);
}
