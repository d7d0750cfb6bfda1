/*
 * User task entry.  The kernel (for init) or obol_spawn (for the rest)
 * starts the first thread here with:
 *   pc = e_entry = _start, sp = top of a stack (any value; aligned down to
 *   16 here), a0 = start argument 0, a1 = start argument 1; other registers
 *   unspecified.  The image's memory is zero where the ELF has no file bytes
 *   (regions are zero-filled); .bss is cleared again here all the same.
 *
 * The very first instruction reads instret (into t2, which the code below
 * leaves alone) and it is stored, after .bss is cleared, in
 * obol_start_instret (<obol/obol.h>): the benchmark's boot_to_init.
 *
 * _start: set gp (for linker relaxation) and tp (picolibc's TLS: the
 * template in .tdata/.tbss serves as the first thread's block, RISC-V TLS
 * variant I with tp at the block's start), zero .bss, save a0/a1 in
 * obol_start_arg0/1, run constructors, call int main(void), then exit()
 * with its value: picolibc runs atexit handlers and destructors and calls
 * _exit (user/lib/stdio.c), which flushes stdout and calls
 * obol_process_exit.
 */
    .section .text.start, "ax", @progbits
    .globl _start
    .type _start, @function
_start:
    rdinstret t2                    /* first: instret at the task's first instruction */
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    la      tp, __tls_base
    andi    sp, sp, -16
    li      ra, 0
    li      s0, 0

    /* Zero [__bss_start, __bss_end): .tbss, .sbss, .bss (not the heap). */
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sb      zero, 0(t0)
    addi    t0, t0, 1
    j       1b
2:
    la      t0, obol_start_instret
    sd      t2, 0(t0)
    la      t0, obol_start_arg0
    sd      a0, 0(t0)
    la      t0, obol_start_arg1
    sd      a1, 0(t0)

    call    __libc_init_array
    call    main
    call    exit
3:  j       3b
    .size _start, . - _start

    .section .sbss.obol_start_instret, "aw", @nobits
    .balign 8
    .globl obol_start_instret
    .type obol_start_instret, @object
obol_start_instret:
    .zero 8
    .size obol_start_instret, 8
