/* Trap dispatch: interrupts are handled, kernel-mode exceptions panic. */
#include "trap.h"
#include "csr.h"
#include "timer.h"
#include "kernel.h"
#include "object.h"

extern char trap_vector[];

static const char *const exception_names[] = {
    [EXC_INST_MISALIGNED] = "instruction address misaligned",
    [EXC_INST_ACCESS] = "instruction access fault",
    [EXC_ILLEGAL_INST] = "illegal instruction",
    [EXC_BREAKPOINT] = "breakpoint",
    [EXC_LOAD_MISALIGNED] = "load address misaligned",
    [EXC_LOAD_ACCESS] = "load access fault",
    [EXC_STORE_MISALIGNED] = "store/AMO address misaligned",
    [EXC_STORE_ACCESS] = "store/AMO access fault",
    [EXC_ECALL_U] = "environment call from U-mode",
    [EXC_ECALL_S] = "environment call from S-mode",
    [11] = "environment call from M-mode",
    [EXC_INST_PAGE_FAULT] = "instruction page fault",
    [EXC_LOAD_PAGE_FAULT] = "load page fault",
    [EXC_STORE_PAGE_FAULT] = "store/AMO page fault",
    [18] = "software check",
    [19] = "hardware error",
};

static const char *const interrupt_names[] = {
    [IRQ_S_SOFT] = "supervisor software interrupt",
    [IRQ_S_TIMER] = "supervisor timer interrupt",
    [IRQ_S_EXT] = "supervisor external interrupt",
    [13] = "counter-overflow interrupt",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *trap_cause_name(uint64_t scause)
{
    uint64_t code = scause & ~SCAUSE_INTERRUPT;
    const char *name = 0;
    if (scause & SCAUSE_INTERRUPT) {
        if (code < COUNT(interrupt_names))
            name = interrupt_names[code];
        return name ? name : "unknown interrupt";
    }
    if (code < COUNT(exception_names))
        name = exception_names[code];
    return name ? name : "unknown exception";
}

void trap_init(void)
{
    csr_write(sscratch, 0);
    csr_write(stvec, (uint64_t)trap_vector);
}

void trap_kernel(struct trapframe *tf)
{
    if (tf->scause & SCAUSE_INTERRUPT) {
        uint64_t code = tf->scause & ~SCAUSE_INTERRUPT;
        if (code == IRQ_S_TIMER) {
            timer_interrupt();
            return;
        }
        kprintf("obol: ignoring %s (scause 0x%lx)\n", trap_cause_name(tf->scause), tf->scause);
        return;
    }
    panic_trap(tf);
}

/* A fault in user code stops the thread that made it; the rest goes on. */
static void user_fault(struct trapframe *tf, uint64_t scause, uint64_t stval)
{
    struct thread *t = thread_of(current);
    kprintf("obol: user fault: process %lu thread %lu: %s at pc 0x%lx, address 0x%lx; thread stopped\n",
            cap_obj_koid(t->proc), cap_obj_koid(current), trap_cause_name(scause), tf->sepc, stval);
    proc_of(t->proc)->exit_status = EXIT_FAULT;
    thread_kill(current);
}

/* Work a trap may leave behind: objects to free, senders whose last
 * receiver went away. */
__attribute__((noinline)) static void trap_cleanup(void)
{
    /* Exiting and freeing processes drop descriptors in turn: repeat until
     * nothing moves (bounded: each round ends a process or frees objects). */
    for (;;) {
        if (descs_dropped) {
            descs_dropped = 0;
            proc_collect_unreachable();
            ipc_check_peers();
        } else if (cap_reap_head != CAP_NONE) {
            reap_objects();
        } else {
            break;
        }
    }
}

struct trapframe *trap_save_frame;

/* Switching threads: the registers still hold the trapping thread's
 * s0..s11; they go to its frame, or to a scratch frame if it is dead (its
 * frame may belong to a freed object). */
__attribute__((noinline)) static struct trapframe *trap_switch(struct trapframe *tf)
{
    static struct trapframe discard;
    uint32_t entry = (uint32_t)((union kobject *)(void *)tf - kobj);    /* tf is its thread's first member */
    uint32_t next = sched_next();
    trap_save_frame = thread_of(entry)->state == THREAD_DEAD ? &discard : &thread_of(entry)->tf;
    return &thread_of(next)->tf;
}

/* The end of every trap from U-mode but the fast paths': what it left
 * to clean up, then the thread to run.  current changes only when it dies
 * (NONE) or trap_switch picks anew, so the first test is "the trapping
 * thread is still the one to run".  trapentry.S makes the first two
 * tests itself and calls this only when one fails. */
_Static_assert(CAP_NONE == 0xFFFFFFFFu && NONE == CAP_NONE, "trapentry.S tests NONE as -1");

struct trapframe *trap_syscall_done(struct trapframe *tf)
{
    if (trap_cleanup_due())
        trap_cleanup();
    if (run_head == current && run_head != NONE)
        return tf;
    return trap_switch(tf);
}

/* Interrupts and faults: every trap from U-mode but an ecall. */
struct trapframe *trap_user(struct trapframe *tf, uint64_t scause)
{
    uint64_t stval = csr_read(stval);   /* nothing has trapped since: still this trap's */
    if (scause == (SCAUSE_INTERRUPT | IRQ_S_TIMER)) {
        timer_interrupt();
        sched_yield();              /* preemption: round robin on every tick */
    } else if (scause & SCAUSE_INTERRUPT) {
        kprintf("obol: ignoring %s (scause 0x%lx)\n", trap_cause_name(scause), scause);
    } else {
        user_fault(tf, scause, stval);
    }
    return trap_syscall_done(tf);
}
