/*
 * Trap vector (stvec, direct mode).  Frame: 32 regs, sepc, sstatus, scause,
 * stval (struct trapframe in trap.h).
 *
 * sscratch is 0 while the kernel runs and points at the current thread's
 * trap frame while user code runs.  A trap from U-mode saves the user
 * registers straight into that frame and, on the top of the kernel stack,
 * calls the syscall table's entry for an ecall, trap_user for anything
 * else; the kernel never blocks, so nothing on that stack survives the
 * return to user mode.  A trap from S-mode saves a frame on the current
 * kernel stack and returns to the kernel.
 */
#include "trap.h"
#include "csr.h"

#define TF_SIZE (36 * 8)

/* x1 and x3..x31 to/from the frame at \base (x2, sp, is handled apart). */
.macro SAVE_GPRS base
    sd      x1, 1*8(\base)
    .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd      x\n, \n*8(\base)
    .endr
.endm

.macro LOAD_GPRS base
    ld      x1, 1*8(\base)
    .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld      x\n, \n*8(\base)
    .endr
.endm

/* A user trap splits the registers: those C may clobber (ra, gp, tp,
 * t0..t6, a0..a7) and those it preserves (s0..s11). */
.macro SAVE_CALLER_GPRS base
    .irp n, 1,3,4,5,6,7,10,11,12,13,14,15,16,17,28,29,30,31
    sd      x\n, \n*8(\base)
    .endr
.endm

.macro LOAD_CALLER_GPRS_BUT_A0 base
    .irp n, 1,3,4,5,6,7,11,12,13,14,15,16,17,28,29,30,31
    ld      x\n, \n*8(\base)
    .endr
.endm

.macro SAVE_CALLEE_GPRS base
    .irp n, 8,9,18,19,20,21,22,23,24,25,26,27
    sd      x\n, \n*8(\base)
    .endr
.endm

.macro LOAD_CALLEE_GPRS base
    .irp n, 8,9,18,19,20,21,22,23,24,25,26,27
    ld      x\n, \n*8(\base)
    .endr
.endm

    .section .text
    .balign 4
    .globl trap_vector
trap_vector:
    csrrw   sp, sscratch, sp
    bnez    sp, trap_from_user
    csrrw   sp, sscratch, sp        /* from the kernel: sp back, sscratch 0 */
    addi    sp, sp, -TF_SIZE
    SAVE_GPRS sp
    addi    t0, sp, TF_SIZE
    sd      t0, 2*8(sp)
    csrr    t0, sepc
    sd      t0, 32*8(sp)
    csrr    t0, sstatus
    sd      t0, 33*8(sp)
    csrr    t0, scause
    sd      t0, 34*8(sp)
    csrr    t0, stval
    sd      t0, 35*8(sp)

    mv      a0, sp
    call    trap_kernel

    ld      t0, 32*8(sp)
    csrw    sepc, t0
    ld      t0, 33*8(sp)
    csrw    sstatus, t0
    LOAD_GPRS sp
    addi    sp, sp, TF_SIZE
    sret

trap_from_user:
    /* sp = the thread's trap frame, sscratch = user sp.  Only the registers
     * C code may clobber are saved; s0..s11 keep the user's values through
     * the kernel (the C calling convention preserves them) unless the CPU
     * switches threads, and then they are saved below. */
    SAVE_CALLER_GPRS sp
    csrrw   t0, sscratch, zero
    sd      t0, 2*8(sp)
    csrr    t0, sepc
    csrr    t1, scause
    mv      tp, sp                  /* the trapping thread's frame: kernel C never uses tp */
    mv      a0, sp                  /* and the first argument of every C entry below */
    .option push
    .option norelax
    la      gp, __global_pointer$   /* the kernel's small data (platform/kernel.ld) */
    .option pop
    la      sp, boot_stack_top
    li      t2, EXC_ECALL_U
    bne     t1, t2, trap_not_ecall
    addi    t0, t0, 4               /* resume after the ecall */
    sd      t0, 32*8(tp)
    /* A syscall: a7 is its number, still in the register.  The entry's
     * fast path first (the frame to resume, or 0), then its handler.  The
     * fast path also gets the caller's a1..a5, still in their registers. */
    srli    t1, a7, SYSCALL_TABLE_SHIFT
    la      t2, syscall_table
    bnez    t1, 1f                  /* past the table: entry 0, which has nothing */
    slli    t1, a7, SYSCALL_ENTRY_SHIFT
    add     t2, t2, t1
1:  ld      t1, 0(t2)
    beqz    t1, syscall_handler
    jalr    t1
    bnez    a0, trap_resume
    ld      a7, 17*8(tp)            /* not taken: back to the entry */
    slli    t1, a7, SYSCALL_ENTRY_SHIFT
    la      t2, syscall_table
    add     t2, t2, t1
    mv      a0, tp
syscall_handler:
    ld      t1, 8(t2)
    beqz    t1, syscall_none
    jalr    t1
    mv      a0, tp
    /* trap_syscall_done's first test, inline: nothing left to clean up
     * (cap_reap_head and run_head/current: NONE is 0xFFFFFFFF, -1 once
     * loaded), and the trapping thread still the one to run. */
    lw      t0, cap_reap_head
    li      t1, -1
    bne     t0, t1, 2f
    lw      t0, descs_dropped
    bnez    t0, 2f
    lw      t0, run_head
    lw      t2, current
    bne     t0, t2, 2f
    bne     t0, t1, resume_caller_saved
2:  call    trap_syscall_done
    j       trap_resume
syscall_none:
    call    syscall_bad             /* nothing can need cleaning up or a switch */
    j       resume_caller_saved
trap_not_ecall:
    sd      t0, 32*8(tp)
    mv      a1, t1                  /* trap_user(tf, scause) */
    call    trap_user
trap_resume:                        /* a0 = the frame to resume */
    beq     a0, tp, resume_caller_saved
    ld      a1, trap_save_frame     /* another thread: keep this one's s0..s11 */
    SAVE_CALLEE_GPRS a1
    LOAD_CALLEE_GPRS a0
    .globl resume_caller_saved
resume_caller_saved:
    /* sstatus needs no restoring: a trap from U-mode left SPP = U and
     * SPIE = 1, and nothing in the kernel changes them for long. */
    ld      t0, 32*8(a0)
    csrw    sepc, t0
    csrw    sscratch, a0
    LOAD_CALLER_GPRS_BUT_A0 a0
    ld      x2, 2*8(a0)
    ld      x10, 10*8(a0)
    sret

/* trap_resume_full(tf): start or resume a thread from its frame alone,
 * every register included; does not return. */
    .globl trap_resume_full
trap_resume_full:
    ld      t0, 33*8(a0)
    csrw    sstatus, t0
    LOAD_CALLEE_GPRS a0
    j       resume_caller_saved
