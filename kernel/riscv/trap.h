/* Trap frame and trap entry points. */
#ifndef RISCV_TRAP_H
#define RISCV_TRAP_H
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

void trap_init(void);
const char *trap_cause_name(uint64_t scause);
void trap_kernel(struct trapframe *tf);

/* Handle a trap from U-mode; returns the frame to resume.  When that is
 * another thread's, trapentry.S first stores the s0..s11 the trapping
 * thread left in the registers at trap_save_frame. */
struct trapframe *trap_user(struct trapframe *tf, uint64_t scause);
extern struct trapframe *trap_save_frame;
#endif
