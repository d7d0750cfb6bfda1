/* The periodic tick, programmed through the SBI TIME extension. */
#ifndef RISCV_TIMER_H
#define RISCV_TIMER_H
#include <stdint.h>

#ifndef OBOL_TICK_HZ
#define OBOL_TICK_HZ 100
#endif

void timer_init(uint64_t timebase_hz, uint64_t tick_hz);
void timer_interrupt(void);
uint64_t timer_interval(void);     /* timebase ticks per kernel tick */
#endif
