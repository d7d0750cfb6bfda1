/*
 * Syscall fuzzer, run as init (init=fuzz, or init=fuzz_short for the short
 * run; spec/fuzzing.md).  Boot argument initarg=SEED[,N] sets the seed and
 * the number of syscalls (defaults: seed 1; N 1,000,000, short 50,000).
 *
 * It spawns FUZZ_RANDOM workers (user/apps/fuzz_worker) issuing random
 * syscalls and one churn worker creating and destroying processes, each with
 * its own seed derived from SEED, and a stats page mapped in all of them.
 * Each worker also gets descriptors to every worker's process with random
 * rights (FUZZ_PEER_SLOT), the processes its desc_dup_from calls name; init
 * puts back those that were closed or moved away while it waits.  When
 * every worker reached its quota (or one made no progress for a while: a
 * hang, reported with the call it is in), it destroys them all, checks that
 * system_info's counts came back to where they were before, and prints
 *     fuzz: N syscalls, seed S, ok
 * and exits 0; the kernel's self-check (selfcheck=1) runs next.  Every
 * failure line says "fuzz: FAILED" and names the seed.
 */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <obol/obol.h>
#include "fuzz_shared.h"

#ifdef FUZZ_SHORT
#define FUZZ_DEFAULT_N 50000ul
#define FUZZ_NAME "fuzz_short"
#else
#define FUZZ_DEFAULT_N 1000000ul
#define FUZZ_NAME "fuzz"
#endif
#define FUZZ_RANDOM (FUZZ_WORKERS - 1u)  /* random workers; one more churns */
#define STALL_SECONDS 20ul

static unsigned long seed;

static unsigned long now_ticks(void)
{
    unsigned long t;
    __asm__ volatile("rdtime %0" : "=r"(t));
    return t;
}
#define TIMEBASE 10000000ul         /* QEMU virt: 10 MHz */

static int failed(const char *what, long v)
{
    printf("fuzz: FAILED: %s (%ld), seed %lu; reproduce with initarg=%lu\n", what, v, seed, seed);
    return 1;
}

/* Rights of a worker's descriptor to a worker's process: a random subset,
 * EXTRACT, OPEN and DUPLICATE each three times in four, so that
 * desc_dup_from is allowed often and refused often (no EXTRACT on the
 * source, no OPEN on the target, no DUPLICATE on a peer descriptor copied). */
static unsigned long peer_draws;
static unsigned peer_rights(void)
{
    uint64_t b = fuzz_mix(seed * 0x10001ull + peer_draws++);
    unsigned r = 0;
    if (b & 3) r |= OBOL_RIGHT_EXTRACT;
    if (b & 0xc) r |= OBOL_RIGHT_OPEN;
    if (b & 0x30) r |= OBOL_RIGHT_DUPLICATE;
    if (b & 0x40) r |= OBOL_RIGHT_TRANSFER;
    if (b & 0x80) r |= OBOL_RIGHT_INSPECT;
    if (b & 0x100) r |= OBOL_RIGHT_DESTROY;
    return r;
}

/* Into each worker i, at FUZZ_PEER_SLOT + j, a descriptor to worker j's
 * process, unless that slot is in use.  Only init holds the owners, so any
 * error but "slot in use" or "worker gone" is a kernel fault: returned. */
static unsigned long peers_minted;
static int mint_peers(const struct obol_spawn_result *child, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = 0; j < n; j++) {
            int rc = obol_desc_mint(child[j].process, child[i].process, FUZZ_PEER_SLOT + j, peer_rights(), j, NULL);
            if (rc == OBOL_OK)
                peers_minted++;
            else if (rc != OBOL_ERR_ALREADY_EXISTS && rc != OBOL_ERR_OBJECT_DESTROYED)
                return rc;
        }
    return OBOL_OK;
}

static int same_counts(const struct obol_system_info *a, const struct obol_system_info *b)
{
    return a->frames_free == b->frames_free && a->objects_free == b->objects_free &&
           a->tables_free == b->tables_free && a->mappings == b->mappings;
}

int fuzz_main(unsigned long arg_seed, unsigned long arg_n);
int fuzz_main(unsigned long arg_seed, unsigned long arg_n)
{
    seed = arg_seed ? arg_seed : 1;
    unsigned long n = arg_n ? arg_n : FUZZ_DEFAULT_N;
    const void *archive = (const void *)obol_start_arg0;
    unsigned long archive_size = obol_start_arg1;
    struct obol_system_info before, after;
    int rc;

    printf("fuzz: seed %lu, %lu syscalls, %u random workers + 1 churn worker\n", seed, n, FUZZ_RANDOM);
    if ((rc = obol_system_info(&before)) != OBOL_OK)
        return failed("system_info", rc);

    const void *elf;
    unsigned long elf_len;
    if (obol_archive_find(archive, archive_size, "fuzz_worker", &elf, &elf_len) != 0)
        return failed("no fuzz_worker in the boot archive", 0);

    obol_desc_t stats;
    if ((rc = obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &stats)) != OBOL_OK ||
        (rc = obol_region_map(stats, OBOL_INIT_SELF, FUZZ_STATS_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE)) != OBOL_OK)
        return failed("stats page", rc);
    struct fuzz_slot *slots = (struct fuzz_slot *)FUZZ_STATS_VA;

    unsigned nworkers = FUZZ_RANDOM + 1;
    struct obol_spawn_result child[FUZZ_RANDOM + 1];
    unsigned long quota[FUZZ_RANDOM + 1];
    /* Load them all first: each gets descriptors to all of them. */
    for (unsigned i = 0; i < nworkers; i++) {
        if ((rc = obol_spawn_load(OBOL_INIT_SELF, elf, elf_len, &child[i])) != OBOL_OK)
            return failed("spawn_load fuzz_worker", rc);
        if ((rc = obol_region_map(stats, child[i].process, FUZZ_STATS_VA,
                                  OBOL_RIGHT_READ | OBOL_RIGHT_WRITE)) != OBOL_OK)
            return failed("map the stats page into a worker", rc);
    }
    if ((rc = mint_peers(child, nworkers)) != OBOL_OK)
        return failed("mint the peer descriptors", rc);
    unsigned long first_peers = peers_minted;
    for (unsigned i = 0; i < nworkers; i++) {
        int churn = i == FUZZ_RANDOM;
        quota[i] = churn ? n / 10 : (n - n / 10) / FUZZ_RANDOM;
        uint32_t wseed = (uint32_t)fuzz_mix(seed * 16 + i);
        if ((rc = obol_spawn_start(&child[i], FUZZ_ARG(wseed, i, churn, quota[i]))) != OBOL_OK)
            return failed("spawn_start fuzz_worker", rc);
    }

    /* Wait: yield until every worker is done, watching for a stall, and
     * every 10 ms put back the peer descriptors workers lost. */
    unsigned long start = now_ticks(), last_total = ~0ul, last_change = start, last_mint = start;
    int stuck = -1, mint_rc = OBOL_OK;
    for (;;) {
        unsigned long total = 0;
        unsigned done = 0;
        for (unsigned i = 0; i < nworkers; i++) {
            total += slots[i].count;
            done += slots[i].done ? 1 : 0;
        }
        if (done == nworkers)
            break;
        unsigned long t = now_ticks();
        if (t - last_mint > TIMEBASE / 100) {
            last_mint = t;
            if ((mint_rc = mint_peers(child, nworkers)) != OBOL_OK) {
                failed("put back a peer descriptor", mint_rc);
                break;
            }
        }
        if (total != last_total) {
            last_total = total;
            last_change = t;
        } else if (t - last_change > STALL_SECONDS * TIMEBASE) {
            for (unsigned i = 0; i < nworkers; i++)
                if (!slots[i].done) {
                    stuck = (int)i;
                    break;
                }
            break;
        }
        obol_thread_yield();
    }
    unsigned long total = 0;
    for (unsigned i = 0; i < nworkers; i++)
        total += slots[i].count;
    unsigned long secs10 = (now_ticks() - start) / (TIMEBASE / 10);
    unsigned long churn_iter = slots[FUZZ_RANDOM].iter;
    unsigned long copies = 0, closes = 0, refused = 0;      /* desc_dup_from's outcomes */
    for (unsigned i = 0; i < nworkers; i++) {
        copies += slots[i].df_copies;
        closes += slots[i].df_closes;
        refused += slots[i].df_refused;
    }
    if (stuck >= 0) {
        volatile struct fuzz_slot *s = &slots[stuck];
        printf("fuzz: FAILED: worker %d (%s, seed %lu) made no progress for %lus after %lu syscalls; "
               "in syscall %lu (0x%lx, 0x%lx, 0x%lx, 0x%lx, 0x%lx, 0x%lx); seed %lu, reproduce with "
               "initarg=%lu,%lu\n",
               stuck, stuck == (int)FUZZ_RANDOM ? "churn" : "random", (unsigned long)(uint32_t)fuzz_mix(seed * 16 + (unsigned)stuck),
               STALL_SECONDS, (unsigned long)s->count, (unsigned long)s->last_nr,
               (unsigned long)s->last_args[0], (unsigned long)s->last_args[1], (unsigned long)s->last_args[2],
               (unsigned long)s->last_args[3], (unsigned long)s->last_args[4], (unsigned long)s->last_args[5],
               seed, seed, n);
    }

    /* Destroy every worker (this stops whatever they are doing), then the
     * stats page; the counts must come back. */
    for (unsigned i = 0; i < nworkers; i++) {
        /* a worker that exited has been destroyed already */
        rc = obol_desc_destroy(child[i].process);
        if (rc == OBOL_ERR_OBJECT_DESTROYED)
            rc = obol_desc_close(child[i].process);
        if (rc != OBOL_OK) {
            failed("destroy a worker process", rc);
            stuck = 99;
        }
        if (obol_desc_destroy(child[i].thread) != OBOL_OK)
            obol_desc_close(child[i].thread);
    }
    obol_region_unmap(OBOL_INIT_SELF, FUZZ_STATS_VA);
    obol_desc_destroy(stats);
    int back = 0;
    for (int tries = 0; tries < 100 && !back; tries++) {
        obol_thread_yield();
        if (obol_system_info(&after) == OBOL_OK && same_counts(&before, &after))
            back = 1;
    }
    if (!back) {
        printf("fuzz: FAILED: counts did not come back: frames %llu -> %llu, objects %u -> %u, "
               "tables %u -> %u, mappings %u -> %u; seed %lu\n",
               before.frames_free, after.frames_free, before.objects_free, after.objects_free,
               before.tables_free, after.tables_free, before.mappings, after.mappings, seed);
        return 1;
    }
    if (stuck >= 0 || mint_rc != OBOL_OK)
        return 1;
    printf("fuzz: dup_from %lu copies, %lu remote closes, %lu refused; %lu peer descriptors, %lu put back\n",
           copies, closes, refused, first_peers, peers_minted - first_peers);
    printf("fuzz: %lu syscalls, seed %lu, ok (%lu.%lus, %lu churn iterations)\n", total, seed, secs10 / 10,
           secs10 % 10, churn_iter);
    return 0;
}
