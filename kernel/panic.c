/* Kernel panic: say what happened and where, then end the machine with a
 * failure status. */
#include <stdarg.h>
#include "kernel.h"
#include "ksyms.h"
#include "platform.h"
#include "lib/fmt.h"
#include "riscv/csr.h"
#include "riscv/trap.h"

#define PANIC_EXIT_STATUS 3
#define BACKTRACE_MAX 24

static const char *const reg_names[32] = {
    "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
    "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

/* Frame #0 is the trapping pc; every other frame is a return address, which
 * is named by the instruction before it (a call to a _Noreturn function may
 * be the last instruction of its caller). */
static void print_frame(int n, uint64_t pc)
{
    uint64_t off = 0;
    const char *name = ksym_lookup(n ? pc - 1 : pc, &off);
    if (name)
        kprintf("  #%d 0x%016lx %s+0x%lx\n", n, pc, name, n ? off + 1 : off);
    else
        kprintf("  #%d 0x%016lx ?\n", n, pc);
}

static int on_stack(uint64_t addr)
{
    return addr >= (uint64_t)boot_stack && addr <= (uint64_t)boot_stack_top && !(addr & 7);
}

static int in_text(uint64_t addr)
{
    return addr >= (uint64_t)_kernel_start && addr < (uint64_t)_text_end;
}

static const char *func_of(uint64_t pc)
{
    uint64_t off;
    return ksym_lookup(pc, &off);
}

/*
 * Walk frame-pointer records: a non-leaf frame keeps ra at fp-8 and the
 * caller's fp at fp-16; GCC's leaf frames keep only the caller's fp, at fp-8.
 * A trapped leaf function may already have restored s0, so its caller is
 * found from the trapped ra instead.
 */
static void backtrace(uint64_t pc, uint64_t ra, uint64_t fp)
{
    int n = 0;
    kprintf("backtrace:\n");
    uint64_t last = pc;
    if (pc)
        print_frame(n++, pc);
    else
        n = 1;      /* panic(): no trapping pc; what follows are return addresses */
    if (in_text(ra) && func_of(ra - 1) != func_of(pc)) {
        print_frame(n++, ra);
        last = ra;
    }
    while (n < BACKTRACE_MAX && on_stack(fp) && fp > (uint64_t)boot_stack + 16) {
        uint64_t slot = ((uint64_t *)fp)[-1];
        if (on_stack(slot)) {           /* leaf record: only the saved fp */
            fp = slot;
            continue;
        }
        if (!in_text(slot))
            break;
        if (slot != last)
            print_frame(n++, slot);
        last = slot;
        uint64_t prev = ((uint64_t *)fp)[-2];
        if (prev <= fp)                 /* frames grow upward as we unwind */
            break;
        fp = prev;
    }
}

static void panic_header(void)
{
    csr_clear(sstatus, SSTATUS_SIE);
    kprintf("\n*** KERNEL PANIC ***\n");
}

void panic(const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    fmt_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    panic_header();
    kprintf("panic: %s\n", msg);
    backtrace(0, (uint64_t)__builtin_return_address(0), (uint64_t)__builtin_frame_address(0));
    platform_exit(PANIC_EXIT_STATUS);
}

void panic_trap(const struct trapframe *tf)
{
    panic_header();
    uint64_t off = 0;
    const char *fn = ksym_lookup(tf->sepc, &off);
    kprintf("panic: %s in kernel mode (scause 0x%lx)\n", trap_cause_name(tf->scause), tf->scause);
    kprintf("  sepc 0x%016lx (%s+0x%lx)  stval 0x%016lx  sstatus 0x%016lx\n",
            tf->sepc, fn ? fn : "?", off, tf->stval, tf->sstatus);
    for (int i = 1; i < 32; i++)
        kprintf("  %-4s 0x%016lx%s", reg_names[i], tf->regs[i], (i % 4 == 3) ? "\n" : "");
    kprintf("\n");
    backtrace(tf->sepc, tf->regs[TF_RA], tf->regs[TF_S0]);
    platform_exit(PANIC_EXIT_STATUS);
}
