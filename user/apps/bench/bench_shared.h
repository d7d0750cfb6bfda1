/*
 * What user/apps/bench and user/apps/bench_server agree on (spec/bench.md):
 * the server's modes, the stop message, and the page both map for the
 * yield_switch measurement.
 */
#ifndef BENCH_SHARED_H
#define BENCH_SHARED_H

#include <obol/obol.h>

/* bench_server's start argument. */
#define BS_ECHO       1ul
#define BS_ECHO_DESC  2ul
#define BS_YIELD      3ul
#define BS_ECHO_QUEUED 4ul

/* A call with these two first words stops an echo server (after its reply). */
#define BS_STOP_W0    0xB57095ul
#define BS_STOP_W1    0x5709ul

/* The shared page: mapped read-write at this address in both processes. */
#define BENCH_SHARED_VA   0x0000001000000000ul   /* 64 GiB */
#define BENCH_YIELD_MAX   1800u

#define BENCH_SIDE_BENCH  1ul
#define BENCH_SIDE_SERVER 2ul

struct bench_yield_page {
    volatile unsigned long from;     /* the side that yielded last */
    volatile unsigned long t0;       /* instret just before that yield */
    volatile unsigned long n;        /* samples recorded */
    volatile unsigned long stop;     /* bench: the server may leave */
    volatile unsigned long samples[BENCH_YIELD_MAX];  /* raw: t1 - t0, counter cost included */
};
#define BENCH_SHARED_SIZE \
    ((sizeof(struct bench_yield_page) + OBOL_PAGE_SIZE - 1) & ~(OBOL_PAGE_SIZE - 1))

static inline __attribute__((always_inline)) unsigned long bench_rdinstret(void)
{
    unsigned long v;
    __asm__ volatile("rdinstret %0" : "=r"(v) : : "memory");
    return v;
}

/* One step of the ping-pong: yield; if the other side ran in between (it
 * yielded last), the switch that brought us back is one sample: from just
 * before its obol_thread_yield (t0, read then stored: the store is the one
 * instruction of the window that is not the switch) to just after ours
 * returned. */
static inline __attribute__((always_inline)) void bench_yield_step(struct bench_yield_page *p,
                                                                   unsigned long side)
{
    p->from = side;
    p->t0 = bench_rdinstret();
    obol_thread_yield();
    unsigned long t1 = bench_rdinstret();
    if (p->from != side && p->n < BENCH_YIELD_MAX)
        p->samples[p->n++] = t1 - p->t0;
}

#endif
