/* Shared between the syscall fuzzer's init (user/apps/fuzz) and its workers
 * (user/apps/fuzz_worker): the stats page and the start argument
 * (spec/fuzzing.md). */
#ifndef FUZZ_SHARED_H
#define FUZZ_SHARED_H

#include <stdint.h>

/* init maps one read-write page here in itself and in every worker. */
#define FUZZ_STATS_VA   0x0000002800000000ul
/* Workers map and unmap their own regions only in this window. */
#define FUZZ_WINDOW_VA  0x0000001000000000ul
#define FUZZ_WINDOW_PAGES 64u
#define FUZZ_MAX_WORKERS 8u
#define FUZZ_WORKERS    4u          /* 3 random workers + 1 churn worker */

/* Sources and targets of desc_dup_from: init mints into every worker, at
 * slot FUZZ_PEER_SLOT + j, a descriptor to worker j's process (its own
 * included) with a random subset of EXTRACT, OPEN, DUPLICATE, TRANSFER,
 * INSPECT and DESTROY (badge j), and puts back the ones a worker lost. */
#define FUZZ_PEER_SLOT  240u

struct fuzz_slot {
    volatile uint64_t count;        /* syscalls issued so far */
    volatile uint64_t done;         /* 1: quota reached (then the worker exits) */
    volatile uint64_t last_nr;      /* the syscall in flight / last issued */
    volatile uint64_t last_args[6];
    volatile uint64_t iter;         /* churn worker: iterations */
    volatile uint64_t df_copies;    /* desc_dup_from: duplicates made */
    volatile uint64_t df_closes;    /*   remote closes done */
    volatile uint64_t df_refused;   /*   calls refused (any error) */
};

/* Worker start argument: seed << 32 | slot << 28 | churn << 27 | quota (27 bits). */
#define FUZZ_ARG(seed, slot, churn, quota) \
    (((uint64_t)(uint32_t)(seed) << 32) | ((uint64_t)((slot) & 15u) << 28) | \
     ((uint64_t)((churn) ? 1 : 0) << 27) | ((uint64_t)(quota) & 0x7ffffffu))
#define FUZZ_ARG_SEED(a)  ((uint32_t)((a) >> 32))
#define FUZZ_ARG_SLOT(a)  ((unsigned)(((a) >> 28) & 15u))
#define FUZZ_ARG_CHURN(a) ((unsigned)(((a) >> 27) & 1u))
#define FUZZ_ARG_QUOTA(a) ((uint32_t)((a) & 0x7ffffffu))

static inline uint64_t fuzz_mix(uint64_t x)
{
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

#endif
