/* Kernel-wide declarations: console, panic, image layout. */
#ifndef KERNEL_H
#define KERNEL_H
#include <stdint.h>
#include <stddef.h>

#ifndef OBOL_VERSION
#define OBOL_VERSION "0.0.0"
#endif

/* Image layout, from platform/kernel.ld. */
extern char _kernel_start[], _text_end[], _rodata_end[], _bss_start[], _bss_end[], _kernel_end[];
extern char boot_stack[], boot_stack_top[];

void console_write(const char *s, size_t n);
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

struct trapframe;
_Noreturn void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void panic_trap(const struct trapframe *tf);

/* instret at the kernel's first instruction (platform/entry.S). */
extern uint64_t boot_instret;

/* Ticks since the timer started (kernel/riscv/timer.c). */
extern volatile uint64_t timer_ticks;
#endif
