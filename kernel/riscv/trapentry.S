/*
 * Trap vector (stvec, direct mode).  Frame: 32 regs, sepc, sstatus, scause,
 * stval (struct trapframe in trap.h).
 *
 * sscratch is 0 while the kernel runs and points at the current thread's
 * trap frame while user code runs.  A trap from U-mode saves the user
 * registers straight into that frame and calls trap_user(tf) on the top of
 * the kernel stack; the kernel never blocks, so nothing on that stack
 * survives a return to user mode (trap_return_user).  A trap from S-mode
 * saves a frame on the current kernel stack and returns to the kernel.
 */
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

/* Every register from the frame at a0, a0 itself last. */
.macro LOAD_USER_GPRS
    .irp n, 1,2,3,4,5,6,7,8,9,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld      x\n, \n*8(a0)
    .endr
    ld      x10, 10*8(a0)
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
    /* sp = the thread's trap frame, sscratch = user sp */
    SAVE_GPRS sp
    csrrw   t0, sscratch, zero
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
    la      sp, boot_stack_top
    li      s0, 0                   /* ends kernel backtraces here */
    call    trap_user               /* does not return */
1:  j       1b

/* trap_return_user(tf): resume user code from tf; does not return. */
    .globl trap_return_user
trap_return_user:
    ld      t0, 32*8(a0)
    csrw    sepc, t0
    ld      t0, 33*8(a0)
    csrw    sstatus, t0
    csrw    sscratch, a0
    LOAD_USER_GPRS
    sret
