/*
 * Makes one kind of user fault, chosen by its start argument, so that
 * utest_proc can check the kernel stops it, reports it and goes on.
 * Kinds: 0 load from an unmapped address, 1 store to its own (read-only)
 * text, 2 jump into its (non-executable) data, 3 illegal instruction,
 * 4 read kernel memory, 5 write kernel memory, 6 misaligned atomic,
 * 7 jump into kernel text; 8 no fault: yield forever (a process to kill).
 */
#include <stdio.h>
#include <obol/obol.h>

static unsigned int data_ret = 0x00008067;          /* "ret", in a data page */
static volatile unsigned long kernel_va = 0xffffffc080200000ul;
static volatile unsigned long unmapped_va = 0x7000000ul;

int main(void)
{
    unsigned long kind = obol_start_arg0;
    printf("faulter: making fault kind %lu\n", kind);
    switch (kind) {
    case 0: (void)*(volatile unsigned long *)unmapped_va; break;
    case 1: *(volatile unsigned int *)(void *)main = 0; break;
    case 2: ((void (*)(void))(void *)&data_ret)(); break;
    case 3: __asm__ volatile(".word 0x00000000"); break;
    case 4: (void)*(volatile unsigned long *)kernel_va; break;
    case 5: *(volatile unsigned long *)kernel_va = 1; break;
    case 6: {
        static unsigned long words[2];
        unsigned long v = 1, *odd = (unsigned long *)((char *)words + 1);
        __asm__ volatile("amoadd.d %0, %0, (%1)" : "+r"(v) : "r"(odd) : "memory");
        break;
    }
    case 7: ((void (*)(void))kernel_va)(); break;
    case 8:
        for (;;)
            obol_thread_yield();
    }
    printf("faulter: still running after fault kind %lu\n", kind);
    return 1;
}
