/* Periodic timer tick: each tick re-arms the SBI timer one interval ahead. */
#include "timer.h"
#include "csr.h"
#include "sbi.h"
#include "kernel.h"
#include "object.h"

volatile uint64_t timer_ticks;
static uint64_t interval;
static uint64_t next_deadline;

void timer_init(uint64_t timebase_hz, uint64_t tick_hz)
{
    interval = timebase_hz / tick_hz;
    if (interval == 0)
        interval = 1;
    next_deadline = rdtime() + interval;
    sbi_set_timer(next_deadline);
    csr_set(sie, SIE_STIE);
}

uint64_t timer_interval(void)
{
    return interval;
}

void timer_interrupt(void)
{
    timer_ticks++;
    notify_timers_tick(timer_ticks);
    /* Keep a steady period; skip deadlines already missed rather than storm. */
    uint64_t now = rdtime();
    next_deadline += interval;
    if (next_deadline <= now)
        next_deadline = now + interval;
    sbi_set_timer(next_deadline);
}
