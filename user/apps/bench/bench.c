/*
 * The benchmark task (spec/bench.md), run as init: `make bench` boots it
 * with BOOTARGS="init=bench" under qemu -icount shift=0, where instret
 * counts executed guest instructions exactly.
 *
 * Every figure is a number of instructions, read with rdinstret around the
 * operation (the "window"), minus the cost of reading the counter (the
 * minimum over 100 pairs of back-to-back reads: `overhead`).  Each
 * operation runs WARMUP times unmeasured, then ITERS times measured; we
 * report min, median (the lower middle sample) and max.  Setup and teardown
 * of each sample (making what the operation needs, closing what it made)
 * stay outside the window.  Nothing else is runnable during a window except
 * where an operation says so (the IPC server, the yield partner, the
 * child of process_lifecycle), so no idle wfi lands in one.
 *
 * Output, one line each, collected by tests/bench/bench.sh into
 * build/bench.json:
 *   BENCH <key> <min> <median> <max> n=<samples>
 *   BENCH <key> null null null note=<why>        (no figure: the operation failed)
 *   SCALE <dup|lookup|revoke> <used slots or descendants> <median>
 *   INFO <name> <value>
 *   BENCH done errors=<count of failed operations>
 *
 * Short mode (user/apps/bench_short, the same source with BENCH_SHORT=1):
 * fewer iterations, for `make test-bench`.
 *
 * Operations (each key's exact window; "stub" = the runtime's obol_<name>
 * function from user/lib/syscall.c, whose call is inside the window):
 *   null_syscall     ecall with a7 = OBOL_SYSCALL_MAX + 1 (BAD_SYSCALL); the
 *                    window is exactly the ecall (registers set before).
 *   yield_alone      the same with a7 = THREAD_YIELD, no other thread runnable.
 *   mint             obol_desc_mint(region owner -> slot 0 (own process),
 *                    ANY, READ); the new descriptor is closed afterwards.
 *   dup              obol_desc_dup(a minted non-owner with READ|DUPLICATE|
 *                    INSPECT -> own process, ANY, SAME_RIGHTS, no options).
 *   close            obol_desc_close of such a dup (made before the window).
 *   dup_close        the two in one window.
 *   dup_third_party  obol_desc_dup_from(process A, a dup of `minted` in A's
 *                    table -> process B, ANY, SAME_RIGHTS, no options), by
 *                    this process holding both owners (A and B made with
 *                    obol_process_create, no threads); the copy is closed in
 *                    B by a remote close after the window.
 *   info             obol_desc_info on the minted descriptor (has INSPECT).
 *   revoke_N         obol_desc_revoke(a region owner with N minted
 *                    descendants, READ), the descendants minted into child
 *                    processes made with obol_process_create, 128 per child;
 *                    children made before and destroyed after the window.
 *   ipc_call_reply_0 obol_ipc_call through a SEND descriptor with all words 0
 *                    to bench_server (BS_ECHO: recv -> reply, words only on
 *                    both sides); the round trip as the client sees it.
 *   ipc_call_reply_4 the same with all four words set (echoed back).
 *   ipc_call_reply_4_desc  4 words and one descriptor (OBOL_XFER_DUP of a
 *                    region descriptor with TRANSFER|DUPLICATE|READ) to
 *                    bench_server BS_ECHO_DESC (recv with room for
 *                    descriptors, reply, close what arrived).  The
 *                    descriptor is delivered each time (a probe call must
 *                    succeed, or the key is null and the run fails).
 *   ipc_call_queued  obol_ipc_call with all words 0 to bench_server
 *                    BS_ECHO_QUEUED, which yields after each reply: the
 *                    call finds no receiver and blocks in the endpoint's
 *                    queue, the server's recv takes it from there.  The
 *                    endpoint's owner is closed first: only the server
 *                    holds RECEIVE.  The round trip as the client sees it
 *                    (both switches in).
 *   yield_switch     bench and bench_server (another process, another
 *                    address space) yield to each other; one sample is one
 *                    switch: from just before one side's obol_thread_yield
 *                    (instret read, then stored to the shared page: one
 *                    store in the window) to just after the other side's
 *                    obol_thread_yield returns.  Samples from both sides.
 *   map_unmap        obol_region_map(1-page region, own process, READ|WRITE)
 *                    + obol_region_unmap.
 *   process_lifecycle obol_process_create + map a code page READ|EXECUTE
 *                    into it + obol_thread_create + obol_thread_start, then
 *                    obol_desc_info on the owner / obol_thread_yield until
 *                    it reports OBJECT_DESTROYED (the child ran
 *                    li a0,0; li a7,PROCESS_EXIT; ecall).  Owners closed
 *                    after the window.
 *   boot_to_init     obol_start_instret (crt0's first instruction) minus
 *                    system_info's boot_instret: one sample.
 * Scaling: dup and info medians with the table at 3 occupancies (filled
 * with dups), revoke medians for 1, 16, 64, 256 descendants.
 */
#include <stdio.h>
#include <string.h>
#include <obol/obol.h>
#include <obol/syscall.h>
#include "bench_shared.h"

#ifndef BENCH_SHORT
#define BENCH_SHORT 0
#endif

#if BENCH_SHORT
#define ITERS   12
#define WARMUP  3
#else
#define ITERS   1000
#define WARMUP  20
#endif

#define SELF        OBOL_INIT_SELF
#define MAP_VA      0x0000001100000000ul   /* map_unmap's page */
#define FILL_VA     0x0000001200000000ul   /* where the code page is filled */
#define CODE_VA     0x0000000000100000ul   /* the code page in the child */
#define PER_CHILD   128u

static unsigned long samples[ITERS];
static unsigned long overhead;
static unsigned errors;
static const void *archive;
static unsigned long archive_size;

#define rd() bench_rdinstret()

static void fail(const char *what, int r)
{
    errors++;
    printf("bench: ERROR %s: %s\n", what, obol_strerror(r));
}

static void expect(int r, int want, const char *what)
{
    if (r != want)
        fail(what, r);
}

static void sort(unsigned long *a, unsigned n)
{
    for (unsigned i = 1; i < n; i++) {
        unsigned long v = a[i];
        unsigned j = i;
        for (; j > 0 && a[j - 1] > v; j--)
            a[j] = a[j - 1];
        a[j] = v;
    }
}

/* Sorts s; returns the median (lower middle). */
static unsigned long report(const char *key, unsigned long *s, unsigned n)
{
    sort(s, n);
    unsigned long med = s[(n - 1) / 2];
    printf("BENCH %s %lu %lu %lu n=%u\n", key, s[0], med, s[n - 1], n);
    return med;
}

static void report_null(const char *key, const char *note)
{
    printf("BENCH %s null null null note=%s\n", key, note);
}

/* WARMUP + ITERS runs of SETUP; window(OP); TEARDOWN.  OP and the rest may
 * use `i_` (the run number).  Leaves the sorted samples and the median. */
#define MEASURE(key, SETUP, OP, TEARDOWN)                                                  \
    ({                                                                                     \
        for (unsigned i_ = 0; i_ < WARMUP + ITERS; i_++) {                                 \
            SETUP;                                                                         \
            unsigned long t0_ = rd();                                                      \
            OP;                                                                            \
            unsigned long t1_ = rd();                                                      \
            TEARDOWN;                                                                      \
            if (i_ >= WARMUP)                                                              \
                samples[i_ - WARMUP] = t1_ - t0_ - overhead;                               \
        }                                                                                  \
        report(key, samples, ITERS);                                                       \
    })

static void measure_overhead(void)
{
    overhead = ~0ul;
    for (int i = 0; i < 100; i++) {
        unsigned long a = rd();
        unsigned long b = rd();
        if (b - a < overhead)
            overhead = b - a;
    }
    printf("INFO counter_overhead %lu\n", overhead);
}

/* The window is the ecall alone: a0..a7 are set before the first read. */
static unsigned long raw_ecall(unsigned long number, long *status)
{
    register unsigned long a0 __asm__("a0") = 0;
    register unsigned long a1 __asm__("a1") = 0;
    register unsigned long a2 __asm__("a2") = 0;
    register unsigned long a3 __asm__("a3") = 0;
    register unsigned long a4 __asm__("a4") = 0;
    register unsigned long a5 __asm__("a5") = 0;
    register unsigned long a7 __asm__("a7") = number;
    unsigned long t0, t1;
    __asm__ volatile("rdinstret %0\n\tecall\n\trdinstret %1"
                     : "=&r"(t0), "=&r"(t1), "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4),
                       "+r"(a5), "+r"(a7)
                     :
                     : OBOL_ECALL_CLOBBERS);
    *status = (long)a0;
    return t1 - t0 - overhead;
}

static void bench_raw(const char *key, unsigned long number, long want)
{
    long st = 0;
    for (unsigned i = 0; i < WARMUP + ITERS; i++) {
        unsigned long c = raw_ecall(number, &st);
        if (st != want)
            fail(key, (int)st);
        if (i >= WARMUP)
            samples[i - WARMUP] = c;
    }
    report(key, samples, ITERS);
}

/* ---- descriptors ----------------------------------------------------------- */

static obol_desc_t region;   /* owner of a 1-page region: mint's source */
static obol_desc_t minted;   /* READ|DUPLICATE|INSPECT non-owner: dup's source, info's target */

static unsigned long bench_dup_once(const char *key)
{
    obol_desc_t d = 0;
    int r = 0;
    return MEASURE(key, , r = obol_desc_dup(minted, SELF, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &d),
                   expect(r, OBOL_OK, key); obol_desc_close(d));
}

static unsigned long bench_info_once(const char *key)
{
    struct obol_desc_info info;
    int r = 0;
    return MEASURE(key, , r = obol_desc_info(minted, &info), expect(r, OBOL_OK, key));
}

static void bench_descriptors(void)
{
    obol_desc_t d = 0;
    int r = 0, r2 = 0;
    expect(obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &region), OBOL_OK, "region_create");
    expect(obol_desc_mint(region, SELF, OBOL_DESC_ANY,
                          OBOL_RIGHT_READ | OBOL_RIGHT_DUPLICATE | OBOL_RIGHT_INSPECT, 0, &minted),
           OBOL_OK, "mint source");

    MEASURE("mint", , r = obol_desc_mint(region, SELF, OBOL_DESC_ANY, OBOL_RIGHT_READ, 0, &d),
            expect(r, OBOL_OK, "mint"); obol_desc_close(d));
    bench_dup_once("dup");
    MEASURE("close", expect(obol_desc_dup(minted, SELF, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &d),
                            OBOL_OK, "dup for close"),
            r = obol_desc_close(d), expect(r, OBOL_OK, "close"));
    MEASURE("dup_close", ,
            r = obol_desc_dup(minted, SELF, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &d);
            r2 = obol_desc_close(d), expect(r, OBOL_OK, "dup_close dup"); expect(r2, OBOL_OK, "dup_close close"));
    bench_info_once("info");
}

/* Third-party DUP: `minted` DUPed into process A, then copied from A's
 * table straight into B's by this process, which holds both owners (EXTRACT
 * on A, OPEN on B).  The copy is closed in B (a remote close) after the
 * window. */
static void bench_dup_third_party(void)
{
    obol_desc_t a = 0, b = 0, in_a = 0, d = 0;
    int r = 0;
    expect(obol_process_create(OBOL_DESC_ANY, &a), OBOL_OK, "dup_third_party: process A");
    expect(obol_process_create(OBOL_DESC_ANY, &b), OBOL_OK, "dup_third_party: process B");
    expect(obol_desc_dup(minted, a, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &in_a), OBOL_OK,
           "dup_third_party: dup into A");
    MEASURE("dup_third_party", ,
            r = obol_desc_dup_from(a, in_a, b, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &d),
            expect(r, OBOL_OK, "dup_third_party");
            expect(obol_desc_dup_from(b, d, OBOL_DESC_NONE, 0, 0, OBOL_DUP_CLOSE_SOURCE, 0), OBOL_OK,
                   "dup_third_party: remote close"));
    obol_desc_destroy(b);
    obol_desc_destroy(a);
}

/* Table occupancy: slots 0..2 (init's), region, minted = 5 used; fill with
 * dups of `minted` to 128 and to 254 used (the measured dup takes the lowest
 * free slot: 5, 128, 254). */
static void bench_scaling(void)
{
    static obol_desc_t fill[256];
    const unsigned used[3] = { 5, 128, 254 };
    unsigned long dup_med[3], info_med[3];
    unsigned nfill = 0;
    for (int k = 0; k < 3; k++) {
        while (5 + nfill < used[k]) {
            int r = obol_desc_dup(minted, SELF, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &fill[nfill]);
            if (r != OBOL_OK) {
                fail("fill table", r);
                break;
            }
            nfill++;
        }
        char key[40];
        snprintf(key, sizeof key, "scaling_dup_%u", used[k]);
        dup_med[k] = bench_dup_once(key);
        snprintf(key, sizeof key, "scaling_lookup_%u", used[k]);
        info_med[k] = bench_info_once(key);
    }
    for (unsigned i = 0; i < nfill; i++)
        obol_desc_close(fill[i]);
    for (int k = 0; k < 3; k++)
        printf("SCALE dup %u %lu\n", used[k], dup_med[k]);
    for (int k = 0; k < 3; k++)
        printf("SCALE lookup %u %lu\n", used[k], info_med[k]);
}

/* ---- revoke ----------------------------------------------------------------- */

static void revoke_setup(obol_desc_t owner, unsigned n, obol_desc_t *child, unsigned *nchild)
{
    *nchild = (n + PER_CHILD - 1) / PER_CHILD;
    for (unsigned c = 0; c < *nchild; c++)
        expect(obol_process_create(OBOL_DESC_ANY, &child[c]), OBOL_OK, "revoke: process_create");
    for (unsigned k = 0; k < n; k++) {
        obol_desc_t x;
        int r = obol_desc_mint(owner, child[k / PER_CHILD], OBOL_DESC_ANY, OBOL_RIGHT_READ, 0, &x);
        if (r != OBOL_OK)
            fail("revoke: mint descendant", r);
    }
}

static void revoke_teardown(obol_desc_t *child, unsigned nchild)
{
    for (unsigned c = 0; c < nchild; c++) {
        /* destroy frees the owner's slot too */
        expect(obol_desc_destroy(child[c]), OBOL_OK, "revoke: destroy child");
    }
}

static void bench_revoke(void)
{
    static const unsigned ns[4] = { 1, 16, 64, 256 };
    unsigned long med[4];
    obol_desc_t owner, child[4];
    unsigned nchild = 0;
    int r = 0;
    expect(obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &owner), OBOL_OK, "revoke region");
    for (int k = 0; k < 4; k++) {
        char key[24];
        snprintf(key, sizeof key, ns[k] == 64 ? "scaling_revoke_%u" : "revoke_%u", ns[k]);
        med[k] = MEASURE(key, revoke_setup(owner, ns[k], child, &nchild), r = obol_desc_revoke(owner),
                         expect(r, OBOL_OK, key); revoke_teardown(child, nchild));
    }
    obol_desc_close(owner);
    for (int k = 0; k < 4; k++)
        printf("SCALE revoke %u %lu\n", ns[k], med[k]);
}

/* ---- processes: the server, waiting for exit ---------------------------------- */

static void wait_exit(obol_desc_t process)
{
    struct obol_desc_info info;
    for (int i = 0; i < 10000; i++) {
        if (obol_desc_info(process, &info) != OBOL_OK)
            return;
        obol_thread_yield();
    }
    fail("a child did not exit", OBOL_ERR_BAD_STATE);
}

static int load_server(struct obol_spawn_result *c)
{
    const void *elf;
    unsigned long len;
    if (obol_archive_find(archive, archive_size, "bench_server", &elf, &len) != 0)
        return OBOL_ERR_INVALID_ARGS;
    return obol_spawn_load(SELF, elf, len, c);
}

static void server_done(struct obol_spawn_result *c)
{
    wait_exit(c->process);
    obol_desc_close(c->thread);
    obol_desc_close(c->process);
}

/* A server in `mode` receiving on a new endpoint; *send: a SEND descriptor. */
static int start_echo(unsigned long mode, struct obol_spawn_result *c, obol_desc_t *ep, obol_desc_t *send)
{
    obol_desc_t slot;
    int r = obol_endpoint_create(OBOL_DESC_ANY, ep);
    if (r == OBOL_OK)
        r = load_server(c);
    if (r == OBOL_OK)
        r = obol_desc_mint(*ep, c->process, 1, OBOL_RIGHT_RECEIVE, 0, &slot);
    if (r == OBOL_OK)
        r = obol_desc_mint(*ep, SELF, OBOL_DESC_ANY, OBOL_RIGHT_SEND, 0xBE7C, send);
    if (r == OBOL_OK)
        r = obol_spawn_start(c, mode);
    return r;
}

static void stop_echo(struct obol_spawn_result *c, obol_desc_t ep, obol_desc_t send)
{
    struct obol_msg m = { .words = { BS_STOP_W0, BS_STOP_W1 } };
    expect(obol_ipc_call(send, &m), OBOL_OK, "stop server");
    server_done(c);
    obol_desc_close(send);
    if (ep != OBOL_DESC_ANY)        /* ANY: the owner is already closed */
        obol_desc_close(ep);
}

static void bench_ipc(void)
{
    struct obol_spawn_result c;
    obol_desc_t ep, send;
    struct obol_msg m;
    int r = 0;
    int st = start_echo(BS_ECHO, &c, &ep, &send);
    if (st != OBOL_OK) {
        fail("start bench_server", st);
        return;
    }
    MEASURE("ipc_call_reply_0", memset(&m, 0, sizeof m), r = obol_ipc_call(send, &m),
            expect(r, OBOL_OK, "ipc_call_reply_0"));
    MEASURE("ipc_call_reply_4", memset(&m, 0, sizeof m);
            m.words[0] = i_ + 1; m.words[1] = 2; m.words[2] = 3; m.words[3] = 4,
            r = obol_ipc_call(send, &m),
            expect(r, OBOL_OK, "ipc_call_reply_4");
            if (m.words[0] != i_ + 1 || m.words[3] != 4) fail("ipc_call_reply_4 echo", 0));
    stop_echo(&c, ep, send);

    /* As a server is usually set up: RECEIVE only in the server's table
     * (the owner closed), so that finding a receiver looks past this one. */
    st = start_echo(BS_ECHO_QUEUED, &c, &ep, &send);
    if (st == OBOL_OK)
        st = obol_desc_close(ep);
    if (st != OBOL_OK) {
        fail("start bench_server (queued)", st);
        return;
    }
    MEASURE("ipc_call_queued", memset(&m, 0, sizeof m), r = obol_ipc_call(send, &m),
            expect(r, OBOL_OK, "ipc_call_queued"));
    stop_echo(&c, OBOL_DESC_ANY, send);

    /* One descriptor: decided by what the kernel answers. */
    obol_desc_t page, xfer;
    struct obol_msg_desc xd;
    st = start_echo(BS_ECHO_DESC, &c, &ep, &send);
    if (st != OBOL_OK) {
        fail("start bench_server (desc)", st);
        return;
    }
    expect(obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &page), OBOL_OK, "desc region");
    expect(obol_desc_mint(page, SELF, OBOL_DESC_ANY,
                          OBOL_RIGHT_TRANSFER | OBOL_RIGHT_DUPLICATE | OBOL_RIGHT_READ, 0, &xfer),
           OBOL_OK, "desc mint");
#define DESC_MSG()                                                                                   \
    do {                                                                                             \
        memset(&m, 0, sizeof m);                                                                     \
        m.words[0] = 1; m.words[1] = 2; m.words[2] = 3; m.words[3] = 4;                              \
        xd = (struct obol_msg_desc){ .desc = xfer, .op = OBOL_XFER_DUP, .rights = OBOL_SAME_RIGHTS }; \
        m.desc = &xd;                                                                                \
        m.ndesc = 1;                                                                                 \
    } while (0)
    DESC_MSG();
    int probe = obol_ipc_call(send, &m);
    if (probe == OBOL_OK) {
        MEASURE("ipc_call_reply_4_desc", DESC_MSG(), r = obol_ipc_call(send, &m),
                expect(r, OBOL_OK, "ipc_call_reply_4_desc"));
    } else {
        char note[64];
        snprintf(note, sizeof note, "call failed with %s", obol_strerror(probe));
        report_null("ipc_call_reply_4_desc", note);
        fail("ipc_call_reply_4_desc probe", probe);
    }
    stop_echo(&c, ep, send);
    obol_desc_close(xfer);
    obol_desc_close(page);
}

static void bench_yield_switch(void)
{
    struct obol_spawn_result c;
    obol_desc_t shared;
    int r = obol_region_create(BENCH_SHARED_SIZE, OBOL_DESC_ANY, &shared);
    if (r == OBOL_OK)
        r = obol_region_map(shared, SELF, BENCH_SHARED_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE);
    if (r == OBOL_OK)
        r = load_server(&c);
    if (r == OBOL_OK)
        r = obol_region_map(shared, c.process, BENCH_SHARED_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE);
    if (r == OBOL_OK)
        r = obol_spawn_start(&c, BS_YIELD);
    if (r != OBOL_OK) {
        fail("yield_switch setup", r);
        return;
    }
    struct bench_yield_page *p = (struct bench_yield_page *)BENCH_SHARED_VA;
    while (p->n < WARMUP + ITERS)
        bench_yield_step(p, BENCH_SIDE_BENCH);
    p->stop = 1;
    server_done(&c);
    for (unsigned i = 0; i < ITERS; i++)
        samples[i] = p->samples[WARMUP + i] - overhead;
    report("yield_switch", samples, ITERS);
    obol_region_unmap(SELF, BENCH_SHARED_VA);
    obol_desc_close(shared);
}

static void bench_map_unmap(void)
{
    obol_desc_t page;
    int r = 0, r2 = 0;
    expect(obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &page), OBOL_OK, "map region");
    MEASURE("map_unmap", ,
            r = obol_region_map(page, SELF, MAP_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE);
            r2 = obol_region_unmap(SELF, MAP_VA),
            expect(r, OBOL_OK, "map"); expect(r2, OBOL_OK, "unmap"));
    obol_desc_close(page);
}

/* The child's whole program: li a0,0; li a7,PROCESS_EXIT; ecall; j . */
static void bench_process_lifecycle(void)
{
    obol_desc_t code, p = 0, t = 0;
    struct obol_desc_info info;
    int r = 0, last = 0;
    expect(obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &code), OBOL_OK, "code region");
    expect(obol_region_map(code, SELF, FILL_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE), OBOL_OK, "code map");
    volatile unsigned int *w = (volatile unsigned int *)FILL_VA;
    w[0] = 0x00000513u;                                           /* addi a0, zero, 0 */
    w[1] = 0x00000893u | ((unsigned)OBOL_SYS_PROCESS_EXIT << 20); /* addi a7, zero, N */
    w[2] = 0x00000073u;                                           /* ecall */
    w[3] = 0x0000006fu;                                           /* j . */
    expect(obol_region_unmap(SELF, FILL_VA), OBOL_OK, "code unmap");
    MEASURE("process_lifecycle", ,
            r = obol_process_create(OBOL_DESC_ANY, &p);
            if (r == OBOL_OK) r = obol_region_map(code, p, CODE_VA, OBOL_RIGHT_READ | OBOL_RIGHT_EXECUTE);
            if (r == OBOL_OK) r = obol_thread_create(p, OBOL_DESC_ANY, &t);
            if (r == OBOL_OK) r = obol_thread_start(t, CODE_VA, CODE_VA + OBOL_PAGE_SIZE, 0);
            if (r == OBOL_OK) while ((last = obol_desc_info(p, &info)) == OBOL_OK) obol_thread_yield(),
            expect(r, OBOL_OK, "process_lifecycle");
            expect(last, OBOL_ERR_OBJECT_DESTROYED, "process_lifecycle exit");
            obol_desc_close(t); obol_desc_close(p));
    obol_desc_close(code);
}

int main(void)
{
    struct obol_system_info si, end;
    int r = obol_system_info(&si);            /* first: memory in use once init runs */
    unsigned long boot = obol_start_instret - si.boot_instret;
    archive = (const void *)obol_start_arg0;
    archive_size = obol_start_arg1;
    printf("bench: %s mode, %u iterations after %u warm-up\n", BENCH_SHORT ? "short" : "full",
           ITERS, WARMUP);
    if (r != OBOL_OK)
        fail("system_info", r);
    printf("INFO iterations %u\nINFO warmup %u\n", ITERS, WARMUP);
    printf("INFO frames_total %llu\nINFO frames_free %llu\n", si.frames_total, si.frames_free);
    printf("INFO phys_in_use_bytes %llu\n", (si.frames_total - si.frames_free) * 4096ull);
    printf("INFO boot_instret %llu\nINFO init_start_instret %lu\n", si.boot_instret, obol_start_instret);
    printf("BENCH boot_to_init %lu %lu %lu n=1\n", boot, boot, boot);
    measure_overhead();

    /* Alone: nothing else exists yet. */
    bench_raw("null_syscall", OBOL_SYSCALL_MAX + 1, OBOL_ERR_BAD_SYSCALL);
    bench_raw("yield_alone", OBOL_SYS_THREAD_YIELD, OBOL_OK);
    bench_descriptors();
    bench_dup_third_party();
    bench_scaling();
    bench_map_unmap();
    bench_revoke();
    bench_process_lifecycle();
    bench_ipc();
    bench_yield_switch();

    obol_system_info(&end);
    printf("INFO leaked_frames %lld\nINFO leaked_objects %d\n",
           (long long)si.frames_free - (long long)end.frames_free,
           (int)si.objects_free - (int)end.objects_free);
    printf("BENCH done errors=%u\n", errors);
    return errors ? 1 : 0;
}
