/*
 * Register-level checks of the syscall ABI (spec/syscalls/README.md,
 * "Calling convention"), for utest_proc.c.
 */
    .text

/* void utest_ecall_regs(unsigned long a0, unsigned long number,
 *                       unsigned long out[32])
 * One ecall with ra, t0..t6, s0..s11 and a1..a6 set to 0x5a00 + their
 * register number (a0 and a7 from the arguments), then every register as
 * the ecall left it in out[n] (out[0] and out[2], sp, are not written). */
    .globl utest_ecall_regs
    .type utest_ecall_regs, @function
utest_ecall_regs:
    addi    sp, sp, -128
    sd      ra, 0(sp)
    sd      s0, 8(sp)
    sd      s1, 16(sp)
    .irp n, 18,19,20,21,22,23,24,25,26,27
    sd      x\n, (\n - 15) * 8(sp)
    .endr
    sd      a2, 104(sp)
    mv      a7, a1
    .irp n, 1,5,6,7,8,9,11,12,13,14,15,16,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    li      x\n, 0x5a00 + \n
    .endr
    ecall
    sd      t0, 112(sp)
    ld      t0, 104(sp)
    .irp n, 1,3,4,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd      x\n, \n * 8(t0)
    .endr
    ld      t1, 112(sp)
    sd      t1, 5 * 8(t0)
    ld      ra, 0(sp)
    ld      s0, 8(sp)
    ld      s1, 16(sp)
    .irp n, 18,19,20,21,22,23,24,25,26,27
    ld      x\n, (\n - 15) * 8(sp)
    .endr
    addi    sp, sp, 128
    ret
    .size utest_ecall_regs, . - utest_ecall_regs

/* void utest_treg_spinner(struct { unsigned long rounds, bad; } *s)
 * A thread that never calls the kernel: each round sets t0..t6, spins,
 * and checks them, then counts the round; a changed register sets bad and
 * stops the counting.  Only the timer interrupt takes the CPU from it, so
 * the rounds it counts are the interrupts' registers kept. */
    .globl utest_treg_spinner
    .type utest_treg_spinner, @function
utest_treg_spinner:
1:  .irp n, 5,6,7,28,29,30,31
    li      x\n, 0x7700 + \n
    .endr
    li      a1, 2000
2:  addi    a1, a1, -1
    bnez    a1, 2b
    .irp n, 5,6,7,28,29,30,31
    li      a2, 0x7700 + \n
    bne     x\n, a2, 3f
    .endr
    ld      a2, 0(a0)
    addi    a2, a2, 1
    sd      a2, 0(a0)
    j       1b
3:  li      a2, 1
    sd      a2, 8(a0)
4:  j       4b
    .size utest_treg_spinner, . - utest_treg_spinner
