/* main for the fuzzer's init: the kernel puts initarg=SEED,N in s2 and s3
 * (kernel/init.c) and user/crt0.S leaves callee-saved registers alone, so
 * they are still there when crt0 calls main. */
    .text
    .globl main
    .type main, @function
main:
    mv      a0, s2
    mv      a1, s3
    tail    fuzz_main
    .size main, . - main
