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
 * t0..t6, a0..a7) and those it preserves (s0..s11).  An ecall keeps
 * t0..t6 out of it: the ABI returns them as 0 (spec/syscalls/README.md). */
.macro SAVE_ECALL_GPRS base
    .irp n, 1,3,4,10,11,12,13,14,15,16,17
    sd      x\n, \n*8(\base)
    .endr
.endm

.macro SAVE_TEMP_GPRS base
    .irp n, 5,6,7,28,29,30,31
    sd      x\n, \n*8(\base)
    .endr
.endm

.macro ZERO_TEMP_SLOTS base
    .irp n, 5,6,7,28,29,30,31
    sd      zero, \n*8(\base)
    .endr
.endm

/* What an ecall's end hands back: SAVE_ECALL_GPRS's registers but a0 (the
 * last load), and t0..t6 as 0. */
.macro LOAD_ECALL_GPRS_BUT_A0 base
    .irp n, 1,3,4,11,12,13,14,15,16,17
    ld      x\n, \n*8(\base)
    .endr
    .irp n, 5,6,7,28,29,30,31
    li      x\n, 0
    .endr
.endm

/* Into the kernel from U-mode, once the frame at sp is saved: tp and a0
 * the frame (kernel C never uses tp), the kernel's gp and stack. */
.macro ENTER_KERNEL_FROM_USER
    mv      tp, sp
    mv      a0, sp
    .option push
    .option norelax
    la      gp, __global_pointer$   /* the kernel's small data (platform/kernel.ld) */
    .option pop
    la      sp, boot_stack_top
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
     * switches threads, and then they are saved below.  ra is saved first
     * and is the scratch register until the cause is known; t0..t6 are
     * saved only when the trap is not an ecall. */
    SAVE_ECALL_GPRS sp
    csrr    ra, scause
    addi    ra, ra, -EXC_ECALL_U
    bnez    ra, trap_not_ecall
    csrrw   ra, sscratch, zero
    sd      ra, 2*8(sp)
    csrr    ra, sepc
    addi    ra, ra, 4               /* resume after the ecall */
    sd      ra, 32*8(sp)
    ENTER_KERNEL_FROM_USER          /* a0 = tp: the first argument of every C entry below */
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
    bnez    a0, syscall_resume
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
    bne     t0, t1, resume_syscall
2:  call    trap_syscall_done
    j       syscall_resume
syscall_none:
    call    syscall_bad             /* nothing can need cleaning up or a switch */
    j       resume_syscall
trap_not_ecall:
    SAVE_TEMP_GPRS sp
    csrrw   t0, sscratch, zero
    sd      t0, 2*8(sp)
    csrr    t0, sepc
    sd      t0, 32*8(sp)
    csrr    a1, scause              /* trap_user(tf, scause) */
    ENTER_KERNEL_FROM_USER
    call    trap_user
trap_resume:                        /* a0 = the frame to resume */
    beq     a0, tp, resume_caller_saved
    ld      a1, trap_save_frame     /* another thread: keep this one's s0..s11 */
    SAVE_CALLEE_GPRS a1
switch_to:
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

/* The end of an ecall: as trap_resume, but the caller's t0..t6 were never
 * saved.  They come back as 0; a thread switched away keeps 0 in their
 * slots, for when it resumes. */
syscall_resume:                     /* a0 = the frame to resume */
    beq     a0, tp, resume_syscall
    ld      a1, trap_save_frame
    SAVE_CALLEE_GPRS a1
    ZERO_TEMP_SLOTS a1
    j       switch_to
resume_syscall:
    ld      t0, 32*8(a0)
    csrw    sepc, t0
    csrw    sscratch, a0
    LOAD_ECALL_GPRS_BUT_A0 a0
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
