/* QEMU virt under OpenSBI: device tree, console, harts and shutdown. */
#include "platform.h"
#include "sbi.h"
#include "uart.h"
#include "kernel.h"
#include "riscv/vm.h"

/* QEMU's test finisher (sifive,test0): what a write of these values means. */
#define FINISHER_FAIL 0x3333
#define FINISHER_PASS 0x5555

static struct platform_info info;
static uint64_t boot_hart;
static int have_uart;

/* Largest blob we accept; the header's totalsize is checked against it. */
#define DTB_MAX_SIZE (1u << 20)

void platform_console_putc(char c)
{
    if (c == '\n')
        platform_console_putc('\r');
    if (have_uart)
        uart_putc(c);
    else
        sbi_legacy_putchar(c);
}

void platform_init(uint64_t boot_hartid, uint64_t dtb_pa)
{
    const char *err = "no device tree passed in a1";
    boot_hart = boot_hartid;
    /* The boot page table direct-maps the low 256 GiB, so the blob is reachable. */
    if (dtb_pa == 0 || dtb_pa >= (256ul << 30) || fdt_parse(pa_to_va(dtb_pa), DTB_MAX_SIZE, &info, &err) != 0)
        panic("device tree at 0x%lx unusable: %s", dtb_pa, err);
    info.dtb_base = dtb_pa;     /* the parser saw only the direct-map view */
    if (info.uart_base) {
        uart_init(pa_to_va(info.uart_base));
        have_uart = 1;
    }
}

const struct platform_info *platform_info(void)
{
    return &info;
}

void platform_report_harts(void)
{
    kprintf("harts:   %u (boot hart %lu", info.hart_count, boot_hart);
    for (uint32_t i = 0; i < info.hart_count; i++) {
        uint64_t id = info.hart_ids[i];
        if (id == boot_hart)
            continue;
        long st = sbi_hart_status(id);
        kprintf("; hart %lu %s", id, st == SBI_HSM_STOPPED ? "parked (HSM stopped)" :
                                    st == SBI_HSM_STARTED ? "STARTED" : "state unknown");
    }
    kprintf(")\n");
}

void platform_exit(int status)
{
    volatile uint32_t *finisher = info.test_base ? pa_to_va(info.test_base) : 0;
    if (status == 0) {
        sbi_system_reset(SBI_SRST_SHUTDOWN, SBI_SRST_REASON_NONE);
        if (finisher)
            *finisher = FINISHER_PASS;
    } else {
        /* SBI SRST carries no exit status; QEMU's finisher does. */
        if (finisher)
            *finisher = FINISHER_FAIL | ((uint32_t)status << 16);
        sbi_system_reset(SBI_SRST_SHUTDOWN, SBI_SRST_REASON_FAIL);
    }
    for (;;)
        asm volatile("wfi");
}
