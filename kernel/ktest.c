/*
 * Kernel test payloads for the in-QEMU harness (tests/qemu/boot.tests).
 * Each either returns (the kernel then shuts down with status 0) or ends in
 * a panic whose text and exit status the harness checks.
 */
#include "ktest.h"
#include "kernel.h"
#include "mm/frame.h"
#include "lib/string.h"
#include "riscv/csr.h"
#include "riscv/timer.h"
#include "riscv/vm.h"

/* Held in a variable so the compiler cannot see the address is bogus. */
static volatile uint64_t unmapped_address = 0x10;

/* noinline: the panic's backtrace must name these functions. */
__attribute__((noinline)) static void ktest_fault(void)
{
    volatile uint64_t *unmapped = (volatile uint64_t *)unmapped_address;
    kprintf("ktest: loading from unmapped address %p\n", (void *)unmapped);
    (void)*unmapped;
}

__attribute__((noinline)) static void ktest_write_text(void)
{
    volatile uint32_t *text = (volatile uint32_t *)(void *)ktest_fault;
    kprintf("ktest: writing to kernel text at %p\n", (void *)text);
    *text = 0;
}

static uint32_t data_word = 0x00008067;   /* "ret", in a writable, non-executable page */

__attribute__((noinline)) static void ktest_exec_data(void)
{
    void (*fn)(void) = (void (*)(void))(void *)&data_word;
    kprintf("ktest: jumping into kernel data at %p\n", (void *)fn);
    fn();
}

__attribute__((noinline)) static void ktest_panic(void)
{
    panic("deliberate panic from ktest (%d)", 42);
}

static void ktest_timer(void)
{
    const uint64_t want = 20;
    uint64_t t0 = rdtime(), k0 = timer_ticks;
    while (timer_ticks - k0 < want)
        wfi();
    uint64_t elapsed = rdtime() - t0, expect = want * timer_interval();
    kprintf("ktest: %lu ticks in %lu timebase units (expected about %lu)\n",
            timer_ticks - k0, elapsed, expect);
    /* The first tick may come up to one interval early; allow one interval of slack each way. */
    if (elapsed + timer_interval() < expect || elapsed > expect + 2 * timer_interval())
        panic("timer: tick period wrong");
    kprintf("ktest: timer ok\n");
}

static void ktest_frames(void)
{
    uint64_t before = frame_free_count(), n = 0, pa, first = 0;
    while (frame_alloc(&pa) == 0) {
        if (n++ == 0)
            first = pa;
        memset(pa_to_va(pa), 0xA5, 8);   /* every handed-out frame is usable RAM */
    }
    kprintf("ktest: allocated %lu frames until exhaustion (free count was %lu)\n", n, before);
    if (n != before || frame_free_count() != 0)
        panic("frames: exhaustion count wrong");
    if (frame_free(first) != 0 || frame_free(first) != FRAME_ERR_DOUBLE_FREE)
        panic("frames: double free not refused");
    kprintf("ktest: double free refused\n");
    kprintf("ktest: frames ok\n");
}

static int streq(const char *a, const char *b)
{
    return strcmp(a, b) == 0;
}

void ktest_run(const char *name)
{
    kprintf("ktest: running %s\n", name);
    if (streq(name, "fault"))
        ktest_fault();
    else if (streq(name, "write-text"))
        ktest_write_text();
    else if (streq(name, "exec-data"))
        ktest_exec_data();
    else if (streq(name, "panic"))
        ktest_panic();
    else if (streq(name, "timer"))
        ktest_timer();
    else if (streq(name, "frames"))
        ktest_frames();
    else if (streq(name, "boot"))
        ;
    else
        panic("unknown ktest '%s'", name);
    kprintf("ktest: %s passed\n", name);
}
