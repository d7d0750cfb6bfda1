/*
 * The raw system call (spec: user/include/obol/abi.h, "Syscalls").
 * Only the runtime's stubs (user/lib/syscall.c) use this; tasks call the
 * obol_<name> functions declared in <obol/obol.h>.
 *
 * ecall with the number in a7 and up to six arguments in a0..a5; the kernel
 * returns the status in a0 (OBOL_OK or a negative OBOL_ERR_*) and a value in
 * a1, and t0..t6 as 0 (it does not save them: spec/syscalls/README.md).  It
 * preserves every other register; a2..a5 and a7 are nevertheless declared
 * as possibly changed, which costs nothing here and keeps user code correct
 * if a handler ever uses them as scratch.
 */
#ifndef OBOL_SYSCALL_H
#define OBOL_SYSCALL_H

#include <obol/abi.h>

/* What every ecall's asm must list as clobbered. */
#define OBOL_ECALL_CLOBBERS "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory"

struct obol_sysret {
    long status;            /* a0 */
    unsigned long value;    /* a1 */
};

static inline struct obol_sysret
obol_syscall6(unsigned long number, unsigned long arg0, unsigned long arg1,
              unsigned long arg2, unsigned long arg3, unsigned long arg4,
              unsigned long arg5)
{
    register unsigned long a0 __asm__("a0") = arg0;
    register unsigned long a1 __asm__("a1") = arg1;
    register unsigned long a2 __asm__("a2") = arg2;
    register unsigned long a3 __asm__("a3") = arg3;
    register unsigned long a4 __asm__("a4") = arg4;
    register unsigned long a5 __asm__("a5") = arg5;
    register unsigned long a7 __asm__("a7") = number;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a7)
                     :
                     : OBOL_ECALL_CLOBBERS);
    struct obol_sysret r = { (long)a0, a1 };
    return r;
}

/* The same with one argument: a1..a5 go in as they are (the kernel does
 * not read them) instead of being zeroed. */
static inline struct obol_sysret
obol_syscall1(unsigned long number, unsigned long arg0)
{
    register unsigned long a0 __asm__("a0") = arg0;
    register unsigned long a1 __asm__("a1");
    register unsigned long a7 __asm__("a7") = number;
    __asm__ volatile("ecall"
                     : "+r"(a0), "=r"(a1), "+r"(a7)
                     :
                     : "a2", "a3", "a4", "a5", OBOL_ECALL_CLOBBERS);
    struct obol_sysret r = { (long)a0, a1 };
    return r;
}

#endif /* OBOL_SYSCALL_H */
