/* Trap frame and trap entry points. */
#ifndef RISCV_TRAP_H
#define RISCV_TRAP_H

/* The syscall table (kernel/syscall.c) has 1 << SYSCALL_TABLE_SHIFT
 * entries of two pointers, indexed by number by trapentry.S; a number past
 * the table uses entry 0 (no syscall has number 0). */
#define SYSCALL_TABLE_SHIFT 5
#define SYSCALL_ENTRY_SHIFT 4

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Saved by kernel/riscv/trapentry.S; layout fixed by the TF_* offsets there. */
struct trapframe {
    uint64_t regs[32];      /* x0..x31; regs[0] unused, regs[2] is the trapped sp */
    uint64_t sepc;
    uint64_t sstatus;
    uint64_t scause;
    uint64_t stval;
};
#define TF_RA 1
#define TF_SP 2
#define TF_S0 8

/* One syscall number: `fast` answers it at once and returns the frame to
 * resume, or returns 0 to leave it to `handler`, after which the trap's
 * common end (trap_syscall_done) runs.  Either may be 0.  `fast` also gets
 * the caller's a1..a5 as they are in the frame (trapentry.S leaves them in
 * their registers), so that it need not load them. */
#define FAST_ENTRY_PARAMS(tf)                                                  \
    struct trapframe *tf, uint64_t a1 __attribute__((unused)),                 \
    uint64_t a2 __attribute__((unused)), uint64_t a3 __attribute__((unused)),  \
    uint64_t a4 __attribute__((unused)), uint64_t a5 __attribute__((unused))
struct syscall_entry {
    struct trapframe *(*fast)(FAST_ENTRY_PARAMS(tf));
    void (*handler)(struct trapframe *tf);
};
extern const struct syscall_entry syscall_table[1 << SYSCALL_TABLE_SHIFT];

void trap_init(void);
const char *trap_cause_name(uint64_t scause);
void trap_kernel(struct trapframe *tf);

/* trapentry.S calls syscall_table's entries for an ecall from U-mode, and
 * then trap_syscall_done, or trap_user for any other trap from U-mode.
 * Each returns the frame to resume.  When that is another thread's,
 * trapentry.S first stores the s0..s11 the trapping thread left in the
 * registers at trap_save_frame. */
struct trapframe *trap_user(struct trapframe *tf, uint64_t scause);
struct trapframe *trap_syscall_done(struct trapframe *tf);
struct trapframe *syscall_bad(struct trapframe *tf);    /* a number with no handler */
extern struct trapframe *trap_save_frame;
#endif
#endif
