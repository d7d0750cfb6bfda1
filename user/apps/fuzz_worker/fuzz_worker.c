/*
 * Syscall fuzzer worker (spec/fuzzing.md), spawned by user/apps/fuzz.
 * Start argument (fuzz_shared.h): its seed, its stats slot, churn mode and
 * its quota of syscalls.
 *
 * Random mode: raw ecalls with random numbers (valid, 0, past the last one
 * up to 40, huge), descriptors (mostly small, sometimes huge or ANY), rights,
 * options and
 * pointers (NULL, kernel, unmapped, unaligned, spanning OBOL_USER_TOP,
 * read-only text, a scratch buffer).  What it keeps away from, so that it
 * neither kills nor blocks itself: process_exit and thread_exit; region_unmap
 * outside its window (FUZZ_WINDOW_VA); thread_start anywhere but a few
 * faulting addresses or fuzz_child_entry; and the blocking calls (ipc_send,
 * recv, call, reply_recv, notify_wait) on an endpoint or notification (or a
 * descriptor it cannot inspect): those get a descriptor that fails fast.
 * desc_dup_from names the workers' processes through the descriptors init
 * minted at FUZZ_PEER_SLOT + j (random rights: with or without EXTRACT on
 * the source, OPEN on the target), or anything else: third-party DUP from
 * one worker's table into another's, and remote close in another's.
 *
 * Churn mode: creates processes with threads (started at faulting
 * addresses or not at all), regions mapped into them, minted descriptors,
 * copies out of their tables and remote closes in them (desc_dup_from
 * through the owner, which has EXTRACT), then destroys or closes them; and
 * threads in itself.
 *
 * Every syscall is recorded in the stats slot before it is issued, so that
 * init can name the call a stuck worker is in.
 */
#include <stdint.h>
#include <string.h>
#include <obol/obol.h>
#include <obol/syscall.h>
#include "../fuzz/fuzz_shared.h"

void fuzz_child_entry(void);

static uint64_t rs;
static uint64_t rnd(void)
{
    rs ^= rs << 13;
    rs ^= rs >> 7;
    rs ^= rs << 17;
    return rs;
}
static uint64_t below(uint64_t n) { return rnd() % n; }

static struct fuzz_slot *slot;
static _Alignas(64) unsigned char scratch[8192];
static const char dots[16] = "................";

static long sc(unsigned long nr, unsigned long a0, unsigned long a1, unsigned long a2,
               unsigned long a3, unsigned long a4, unsigned long a5, unsigned long *value)
{
    slot->last_nr = nr;
    slot->last_args[0] = a0; slot->last_args[1] = a1; slot->last_args[2] = a2;
    slot->last_args[3] = a3; slot->last_args[4] = a4; slot->last_args[5] = a5;
    struct obol_sysret r = obol_syscall6(nr, a0, a1, a2, a3, a4, a5);
    slot->count++;
    if (value)
        *value = r.value;
    return r.status;
}

/* ipc_reply_recv: its endpoint goes in a6. */
static void sc7(unsigned long a0_, unsigned long a1_, unsigned long a2_, unsigned long a3_,
                unsigned long a4_, unsigned long a5_, unsigned long a6_)
{
    slot->last_nr = OBOL_SYS_IPC_REPLY_RECV;
    slot->last_args[0] = a0_; slot->last_args[1] = a1_; slot->last_args[2] = a2_;
    slot->last_args[3] = a3_; slot->last_args[4] = a4_; slot->last_args[5] = a6_;
    register unsigned long a0 __asm__("a0") = a0_;
    register unsigned long a1 __asm__("a1") = a1_;
    register unsigned long a2 __asm__("a2") = a2_;
    register unsigned long a3 __asm__("a3") = a3_;
    register unsigned long a4 __asm__("a4") = a4_;
    register unsigned long a5 __asm__("a5") = a5_;
    register unsigned long a6 __asm__("a6") = a6_;
    register unsigned long a7 __asm__("a7") = OBOL_SYS_IPC_REPLY_RECV;
    __asm__ volatile("ecall"
                     : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a6), "+r"(a7)
                     :
                     : OBOL_ECALL_CLOBBERS);
    slot->count++;
}

static unsigned long desc(void)
{
    uint64_t r = below(100);
    if (r < 70) return below(12);
    if (r < 85) return below(256);
    if (r < 90) return OBOL_DESC_ANY;
    if (r < 95) return 256 + below(1000);
    return rnd();
}

/* A descriptor init minted: to one of the workers' processes (or a slot
 * where one was). */
static unsigned long peer(void)
{
    return FUZZ_PEER_SLOT + below(FUZZ_WORKERS);
}

static unsigned long dest(void)
{
    return below(3) == 0 ? desc() : OBOL_DESC_ANY;
}

static unsigned long rights(void)
{
    switch (below(6)) {
    case 0: return OBOL_SAME_RIGHTS;
    case 1: return 0;
    case 2: return (uint32_t)rnd();
    case 3: return rnd();
    default: return rnd() & 0x1fff;
    }
}

/* A pointer the kernel might read or write (writes land only in scratch). */
static unsigned long ptr(void)
{
    switch (below(12)) {
    case 0: return 0;
    case 1: return 0xffffffc080200000ul;
    case 2: return 0x0000005000000000ul;                 /* above OBOL_USER_TOP */
    case 3: return 0x0000001800000000ul + below(1 << 20); /* unmapped user */
    case 4: return OBOL_USER_TOP - 8 - below(16);        /* spans the top */
    case 5: return (unsigned long)scratch + 1 + below(sizeof scratch - 128); /* unaligned */
    case 6: return (unsigned long)(uintptr_t)&fuzz_child_entry;  /* read-only text */
    case 7: return rnd();
    case 8: return OBOL_USER_BASE - 8;
    default: return (unsigned long)scratch + 8 * below((sizeof scratch - 128) / 8);
    }
}

static unsigned long len(void)
{
    switch (below(8)) {
    case 0: return 0;
    case 1: return 1 + below(8);
    case 2: return 1ul << 40;
    case 3: return ~0ul;
    case 4: return OBOL_PAGE_SIZE + below(3);
    default: return below(300);
    }
}

static unsigned long size(void)
{
    switch (below(8)) {
    case 0: return 0;
    case 1: return 1ul << 40;
    case 2: return ~0ul - below(4096);
    case 3: return 1 + below(4 << 20);
    default: return 1 + below(16384);
    }
}

static unsigned long va(int for_unmap)
{
    uint64_t r = below(16);
    if (r == 0) return 0;
    if (r == 1) return 0xffffffc080200000ul;
    if (r == 2) return OBOL_USER_TOP - OBOL_PAGE_SIZE * below(2);
    if (r == 3) return FUZZ_WINDOW_VA + 1 + below(4095);  /* unaligned */
    if (r == 4 && !for_unmap) return OBOL_USER_BASE;      /* over our own text */
    if (r == 5 && !for_unmap) return rnd() & ~0xffful;
    return FUZZ_WINDOW_VA + OBOL_PAGE_SIZE * below(FUZZ_WINDOW_PAGES);
}

/* Random words, with pointer-ish fields, for the kernel to read as a message. */
static void fill_scratch(void)
{
    unsigned long *w = (unsigned long *)scratch;
    for (int i = 0; i < 16; i++)
        w[i] = below(3) == 0 ? ptr() : below(2) ? below(300) : rnd();
}

/* A descriptor number that does not make a blocking call wait. */
static unsigned long nonblocking(unsigned long d)
{
    struct obol_desc_info info;
    if (d < 4096 && obol_desc_info((obol_desc_t)d, &info) == OBOL_OK &&
        info.type != OBOL_TYPE_ENDPOINT && info.type != OBOL_TYPE_NOTIFICATION)
        return d;
    static const unsigned long fast[] = { 300, 0xffffffffu, 0xfffffffeu, 1ul << 40 };
    return fast[below(4)];
}

static void one_random(void)
{
    unsigned long nr, a[6];
    uint64_t r = below(100);
    if (r < 92) {
        nr = 1 + below(OBOL_SYSCALL_MAX);
    } else {
        /* numbers past the last syscall, and odd ones */
        static const unsigned long odd[] = { 0, OBOL_SYSCALL_MAX + 1, OBOL_SYSCALL_MAX + 2, 31, 40, 1000,
                                             0x80000000ul, ~0ul };
        nr = r < 97 ? OBOL_SYSCALL_MAX + 1 + below(40 - OBOL_SYSCALL_MAX) : odd[below(8)];
    }
    for (int i = 0; i < 6; i++)
        a[i] = below(4) == 0 ? rnd() : below(2) ? desc() : ptr();
    int raw = below(5) == 0;        /* keep the arbitrary arguments */
    switch (nr) {
    case OBOL_SYS_DEBUG_WRITE:
        if (below(4) == 0) { a[0] = (unsigned long)dots; a[1] = below(4); }
        else { a[0] = below(2) ? ptr() : (unsigned long)dots + below(8); a[1] = len(); }
        if (a[0] >= (unsigned long)scratch && a[0] < (unsigned long)scratch + sizeof scratch)
            a[1] = 0;               /* scratch holds binary data */
        if (a[0] == (unsigned long)(uintptr_t)&fuzz_child_entry || (a[0] & ~0xffffful) == 0)
            a[1] = 0;
        if (a[0] == (unsigned long)dots + 0 || a[0] < (unsigned long)dots + 16)
            if (a[0] >= (unsigned long)dots && a[1] > 16 - (a[0] - (unsigned long)dots) && a[1] < 0x100000)
                a[1] = 0;           /* past dots: rodata with our own messages */
        break;
    case OBOL_SYS_PROCESS_EXIT:
    case OBOL_SYS_THREAD_EXIT:
        nr = OBOL_SYS_THREAD_YIELD;
        break;
    case OBOL_SYS_PROCESS_CREATE:
    case OBOL_SYS_ENDPOINT_CREATE:
    case OBOL_SYS_NOTIFICATION_CREATE:
        if (!raw) a[0] = dest();
        break;
    case OBOL_SYS_THREAD_CREATE:
        if (!raw) { a[0] = desc(); a[1] = dest(); }
        break;
    case OBOL_SYS_THREAD_START: {
        static const unsigned long pcs[] = { 0, 0xffffffc080200000ul, 0x0000001800000000ul, 2 };
        a[0] = desc();
        a[1] = below(2) ? (unsigned long)(uintptr_t)&fuzz_child_entry : pcs[below(4)];
        a[2] = below(2) ? rnd() : (unsigned long)scratch + sizeof scratch;
        break;
    }
    case OBOL_SYS_REGION_CREATE:
        if (!raw) { a[0] = size(); a[1] = dest(); }
        break;
    case OBOL_SYS_REGION_MAP:
        if (!raw) { a[0] = desc(); a[1] = desc(); a[2] = va(0); a[3] = below(4) ? rnd() & 0x1c : rnd(); }
        if (a[2] == OBOL_USER_BASE && below(2)) a[2] = va(0);
        break;
    case OBOL_SYS_REGION_UNMAP:
        a[0] = desc();
        a[1] = va(1);
        break;
    case OBOL_SYS_DESC_MINT:
        if (!raw) { a[0] = desc(); a[1] = desc(); a[2] = dest(); a[3] = rights(); a[4] = rnd(); }
        break;
    case OBOL_SYS_DESC_DUP:
        if (!raw) { a[0] = desc(); a[1] = desc(); a[2] = dest(); a[3] = rights();
                    a[4] = below(3) ? below(2) : rnd(); }
        break;
    case OBOL_SYS_DESC_DUP_FROM:
        if (!raw) {
            /* source process: mostly a worker's (EXTRACT or not), sometimes
             * our own slot 0 (no EXTRACT) or anything */
            a[0] = below(8) ? peer() : below(2) ? 0 : desc();
            if (below(3) == 0) {            /* remote close of any slot there */
                a[1] = below(8) ? desc() : peer();
                a[2] = OBOL_DESC_NONE;
                a[5] = below(8) ? OBOL_DUP_CLOSE_SOURCE : below(2) ? 0 : rnd();
                a[3] = dest();
            } else {
                /* src: what a worker's table surely holds that can be
                 * copied (its slot 0, its peer descriptors), or anything;
                 * into a worker (OPEN or not), ourselves, anything; half
                 * the time with dest, rights and options that are valid */
                int tidy = below(2);
                a[1] = below(4) == 0 ? 0 : below(2) ? peer() : desc();
                a[2] = below(4) ? peer() : below(2) ? 0 : desc();
                a[3] = tidy ? OBOL_DESC_ANY : dest();
                a[4] = tidy ? (below(2) ? OBOL_SAME_RIGHTS : 0) : rights();
                a[5] = tidy ? below(2) : below(8) ? below(2) : rnd();
            }
        }
        break;
    case OBOL_SYS_DESC_CLOSE:
    case OBOL_SYS_DESC_DESTROY:
    case OBOL_SYS_DESC_REVOKE:
        if (!raw) a[0] = desc();
        break;
    case OBOL_SYS_DESC_INFO:
        if (!raw) { a[0] = desc(); a[1] = ptr(); }
        break;
    case OBOL_SYS_SYSTEM_INFO:
        if (!raw) a[0] = ptr();
        break;
    case OBOL_SYS_IPC_SEND:
    case OBOL_SYS_IPC_RECV:
    case OBOL_SYS_IPC_CALL:
    case OBOL_SYS_NOTIFY_WAIT:
        if (!raw) { a[0] = desc(); a[1] = ptr(); }
        a[0] = nonblocking(a[0]);
        break;
    case OBOL_SYS_IPC_REPLY_RECV: {
        /* the endpoint is in a6: one that does not block */
        unsigned long e = nonblocking(desc());
        if (!raw) { a[0] = below(2) ? 0 : rnd(); a[1] = ptr(); }
        if (a[1] >= (unsigned long)scratch && a[1] < (unsigned long)scratch + sizeof scratch)
            fill_scratch();
        sc7(a[0], a[1], a[2], a[3], a[4], a[5], e);
        return;
    }
    case OBOL_SYS_IPC_REPLY:
        if (!raw) { a[0] = below(2) ? 0 : rnd(); a[1] = ptr(); }
        break;
    case OBOL_SYS_NOTIFY_SIGNAL:
        if (!raw) { a[0] = desc(); a[1] = rnd(); }
        break;
    default:
        break;
    }
    if (a[1] >= (unsigned long)scratch && a[1] < (unsigned long)scratch + sizeof scratch)
        fill_scratch();
    long st = sc(nr, a[0], a[1], a[2], a[3], a[4], a[5], 0);
    if (nr == OBOL_SYS_DESC_DUP_FROM) {
        if (st != OBOL_OK)
            slot->df_refused++;
        else if (a[2] == OBOL_DESC_NONE)
            slot->df_closes++;
        else
            slot->df_copies++;
    }
}

/* One process with threads, regions and descriptors, then gone again. */
static void one_churn(void)
{
    unsigned long p, t, r, d;
    if (sc(OBOL_SYS_PROCESS_CREATE, OBOL_DESC_ANY, 0, 0, 0, 0, 0, &p) != OBOL_OK) {
        /* full: clear out our table (keeps slot 0 and the stats region) */
        for (unsigned long s = 1; s < 64; s++)
            sc(OBOL_SYS_DESC_DESTROY, s, 0, 0, 0, 0, 0, 0);
        for (unsigned long s = 1; s < 64; s++)
            sc(OBOL_SYS_DESC_CLOSE, s, 0, 0, 0, 0, 0, 0);
        return;
    }
    unsigned nthreads = (unsigned)below(4);
    for (unsigned i = 0; i < nthreads; i++) {
        if (sc(OBOL_SYS_THREAD_CREATE, p, OBOL_DESC_ANY, 0, 0, 0, 0, &t) != OBOL_OK)
            break;
        if (below(8) == 0)      /* faults at once: one console line */
            sc(OBOL_SYS_THREAD_START, t, below(2) ? 0 : 0xffffffc080200000ul, 0, 0, 0, 0, 0);
        if (below(2))
            sc(OBOL_SYS_DESC_CLOSE, t, 0, 0, 0, 0, 0, 0);
    }
    if (sc(OBOL_SYS_REGION_CREATE, 1 + below(3 * OBOL_PAGE_SIZE), OBOL_DESC_ANY, 0, 0, 0, 0, &r) == OBOL_OK) {
        sc(OBOL_SYS_REGION_MAP, r, p, 0x100000 + OBOL_PAGE_SIZE * below(4), OBOL_RIGHT_READ | OBOL_RIGHT_WRITE,
           0, 0, 0);
        sc(OBOL_SYS_DESC_MINT, r, p, OBOL_DESC_ANY, OBOL_RIGHT_READ, below(100), 0, 0);
        if (below(2))
            sc(OBOL_SYS_DESC_CLOSE, r, 0, 0, 0, 0, 0, 0);
        else
            sc(OBOL_SYS_DESC_DESTROY, r, 0, 0, 0, 0, 0, 0);
    }
    unsigned long x = ~0ul;
    if (sc(OBOL_SYS_DESC_MINT, p, p, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, 0, &d) == OBOL_OK) {
        /* out of p's table through the owner: a copy of p's self
         * descriptor into ours (moved now and then), or a remote close */
        switch (below(4)) {
        case 0:
        case 1:
            if (sc(OBOL_SYS_DESC_DUP_FROM, p, d, 0, OBOL_DESC_ANY, below(2) ? OBOL_SAME_RIGHTS : OBOL_RIGHT_OPEN,
                   below(2) ? OBOL_DUP_CLOSE_SOURCE : 0, &x) != OBOL_OK)
                x = ~0ul;
            break;
        case 2:
            sc(OBOL_SYS_DESC_DUP_FROM, p, d, OBOL_DESC_NONE, 0, 0, OBOL_DUP_CLOSE_SOURCE, 0);
            break;
        default:
            break;
        }
    }
    /* a thread of our own that yields once and exits */
    if (below(4) == 0 && sc(OBOL_SYS_THREAD_CREATE, 0, OBOL_DESC_ANY, 0, 0, 0, 0, &t) == OBOL_OK) {
        sc(OBOL_SYS_THREAD_START, t, (unsigned long)(uintptr_t)&fuzz_child_entry, 0, 0, 0, 0, 0);
        sc(OBOL_SYS_DESC_CLOSE, t, 0, 0, 0, 0, 0, 0);
    }
    switch (below(4)) {
    case 0: sc(OBOL_SYS_DESC_CLOSE, p, 0, 0, 0, 0, 0, 0); break;
    case 1: sc(OBOL_SYS_DESC_REVOKE, p, 0, 0, 0, 0, 0, 0); /* fallthrough */
    default: sc(OBOL_SYS_DESC_DESTROY, p, 0, 0, 0, 0, 0, 0); break;
    }
    if (x != ~0ul)                  /* the copy goes too: our table must not fill up */
        sc(OBOL_SYS_DESC_CLOSE, x, 0, 0, 0, 0, 0, 0);
    slot->iter++;
}

int main(void)
{
    uint64_t arg = obol_start_arg0;
    slot = &((struct fuzz_slot *)FUZZ_STATS_VA)[FUZZ_ARG_SLOT(arg)];
    rs = fuzz_mix(FUZZ_ARG_SEED(arg) * 0x100000001ull + FUZZ_ARG_SLOT(arg)) | 1;
    uint32_t quota = FUZZ_ARG_QUOTA(arg);
    int churn = FUZZ_ARG_CHURN(arg);
    memset(scratch, 0, sizeof scratch);
    while (slot->count < quota) {
        if (churn)
            one_churn();
        else
            one_random();
    }
    slot->done = 1;
    obol_process_exit(0);
}
