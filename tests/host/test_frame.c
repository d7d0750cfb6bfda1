/*
 * Host tests for kernel/mm/frame.c, built with FRAME_MAX_FRAMES=4096
 * (a 16 MiB window) so the window limit is cheap to reach.
 *
 * The allocator only does bookkeeping on physical addresses, so the
 * tests use made-up addresses and never touch the memory.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mm/frame.h"

#define MiB (1ull << 20)
#define BASE 0x80000000ull

#include "check.h"

/* Allocate until exhausted; returns the count, stores frames in out. */
static uint64_t drain(uint64_t *out, uint64_t max)
{
    uint64_t n = 0, pa;
    while (n < max && frame_alloc(&pa) == 0)
        out[n++] = pa;
    return n;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* Sorted, distinct, aligned, and all inside [lo, hi)? */
static int frames_ok(uint64_t *f, uint64_t n, uint64_t lo, uint64_t hi)
{
    qsort(f, n, sizeof *f, cmp_u64);
    for (uint64_t i = 0; i < n; i++) {
        if (f[i] % FRAME_SIZE || f[i] < lo || f[i] >= hi)
            return 0;
        if (i && f[i] == f[i - 1])
            return 0;
    }
    return 1;
}

static uint64_t frames[FRAME_MAX_FRAMES + 16];

static void test_empty(void)
{
    uint64_t pa = 123;
    frame_init();
    check("frame_empty_counts", frame_free_count() == 0 && frame_total_count() == 0, "free=%llu",
          (unsigned long long)frame_free_count());
    check("frame_empty_alloc_exhausted", frame_alloc(&pa) == FRAME_ERR_EXHAUSTED && pa == 123,
          "pa=%llx", (unsigned long long)pa);
    check("frame_empty_free_not_managed", frame_free(BASE) == FRAME_ERR_NOT_MANAGED, "");
}

static void test_exhaust_and_reuse(void)
{
    uint64_t n, pa, again;
    int r;

    frame_init();
    r = frame_add_range(BASE, 1 * MiB);
    check("frame_add_range_ok", r == 0 && frame_total_count() == 256 && frame_free_count() == 256,
          "r=%d total=%llu", r, (unsigned long long)frame_total_count());
    n = drain(frames, 1000);
    check("frame_alloc_until_exhausted", n == 256 && frame_free_count() == 0 &&
          frame_total_count() == 256, "got %llu", (unsigned long long)n);
    check("frame_alloc_exhausted_error", frame_alloc(&pa) == FRAME_ERR_EXHAUSTED, "");
    check("frame_alloc_distinct_in_range", frames_ok(frames, n, BASE, BASE + MiB), "");

    r = frame_free(frames[100]);
    check("frame_free_ok", r == 0 && frame_free_count() == 1, "r=%d", r);
    r = frame_alloc(&again);
    check("frame_freed_frame_reused", r == 0 && again == frames[100], "got %llx want %llx",
          (unsigned long long)again, (unsigned long long)frames[100]);
    frame_free(again);
    check("frame_double_free_refused", frame_free(again) == FRAME_ERR_DOUBLE_FREE &&
          frame_free_count() == 1, "free=%llu", (unsigned long long)frame_free_count());
    check("frame_misaligned_refused", frame_free(frames[5] + 8) == FRAME_ERR_MISALIGNED, "");
    check("frame_unmanaged_below_refused", frame_free(BASE - FRAME_SIZE) == FRAME_ERR_NOT_MANAGED, "");
    check("frame_unmanaged_above_refused", frame_free(BASE + MiB) == FRAME_ERR_NOT_MANAGED, "");
    check("frame_unmanaged_zero_refused", frame_free(0) == FRAME_ERR_NOT_MANAGED, "");
    check("frame_unmanaged_top_refused", frame_free(~0ull & ~0xfffull) == FRAME_ERR_NOT_MANAGED, "");

    for (uint64_t i = 0; i < n; i++)
        if (i != 100)
            frame_free(frames[i]);
    check("frame_all_freed", frame_free_count() == 256 && frame_total_count() == 256, "free=%llu",
          (unsigned long long)frame_free_count());
    check("frame_drain_again", drain(frames, 1000) == 256, "");
}

static void test_rounding(void)
{
    frame_init();
    /* [BASE+1, BASE+3 pages+5): inward rounding leaves pages 1 and 2. */
    frame_add_range(BASE + 1, 3 * FRAME_SIZE + 4);
    uint64_t n = drain(frames, 10);
    check("frame_add_rounds_inward", n == 2 && frames_ok(frames, n, BASE + FRAME_SIZE,
          BASE + 3 * FRAME_SIZE), "n=%llu", (unsigned long long)n);
    check("frame_unaligned_range_start_not_managed",
          frame_free(BASE) == FRAME_ERR_NOT_MANAGED, "");

    frame_init();
    check("frame_add_subpage_adds_nothing", frame_add_range(BASE + 1, 100) == 0 &&
          frame_total_count() == 0, "");
    check("frame_add_zero_size", frame_add_range(BASE, 0) == 0 && frame_total_count() == 0, "");
    check("frame_add_wrapping_refused", frame_add_range(~0ull - FRAME_SIZE, 4 * FRAME_SIZE) == -1, "");

    frame_init();
    frame_add_range(BASE, 16 * FRAME_SIZE);
    /* one byte in each of two frames: outward rounding reserves both */
    frame_reserve(BASE + 3 * FRAME_SIZE + 4095, 2);
    check("frame_reserve_rounds_outward", frame_total_count() == 14, "total=%llu",
          (unsigned long long)frame_total_count());
    n = drain(frames, 100);
    int hit = 0;
    for (uint64_t i = 0; i < n; i++)
        hit |= frames[i] == BASE + 3 * FRAME_SIZE || frames[i] == BASE + 4 * FRAME_SIZE;
    check("frame_reserved_never_handed_out", n == 14 && !hit, "n=%llu hit=%d",
          (unsigned long long)n, hit);
    check("frame_free_of_reserved_refused",
          frame_free(BASE + 3 * FRAME_SIZE) == FRAME_ERR_NOT_MANAGED &&
          frame_free(BASE + 4 * FRAME_SIZE) == FRAME_ERR_NOT_MANAGED, "");
    frame_reserve(~0ull - 10, 100);   /* wraps: saturates, must not crash */
    check("frame_reserve_wrapping_saturates", frame_total_count() == 14, "");
}

static void test_multiple_ranges(void)
{
    frame_init();
    /* Added high first: the window must move down to the lower range. */
    int r1 = frame_add_range(BASE + 8 * MiB, 1 * MiB);
    int r2 = frame_add_range(BASE, 1 * MiB);
    int r3 = frame_add_range(BASE + 4 * MiB, 2 * MiB);
    check("frame_multi_add", r1 == 0 && r2 == 0 && r3 == 0 && frame_total_count() == 1024,
          "r=%d,%d,%d total=%llu", r1, r2, r3, (unsigned long long)frame_total_count());
    check("frame_overlap_refused", frame_add_range(BASE + 512 * 1024, 1 * MiB) == -1 &&
          frame_total_count() == 1024, "");
    /* reserve across the hole and into the second range */
    frame_reserve(BASE + MiB - FRAME_SIZE, 3 * MiB + 2 * FRAME_SIZE);
    check("frame_reserve_across_hole", frame_total_count() == 1022, "total=%llu",
          (unsigned long long)frame_total_count());
    uint64_t n = drain(frames, 2000);
    int bad = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t pa = frames[i];
        int in = (pa >= BASE && pa < BASE + MiB - FRAME_SIZE) ||
                 (pa >= BASE + 4 * MiB + FRAME_SIZE && pa < BASE + 6 * MiB) ||
                 (pa >= BASE + 8 * MiB && pa < BASE + 9 * MiB);
        bad += !in;
    }
    check("frame_multi_only_usable_frames", n == 1022 && !bad && frames_ok(frames, n, BASE,
          BASE + 9 * MiB), "n=%llu bad=%d", (unsigned long long)n, bad);
    check("frame_hole_not_managed", frame_free(BASE + 2 * MiB) == FRAME_ERR_NOT_MANAGED, "");
    for (uint64_t i = 0; i < n; i++)
        frame_free(frames[i]);
    check("frame_multi_all_freed", frame_free_count() == 1022, "free=%llu",
          (unsigned long long)frame_free_count());

    /* After allocation starts, the window cannot move down. */
    uint64_t pa;
    frame_alloc(&pa);
    check("frame_lower_range_after_alloc_refused",
          frame_add_range(BASE - 4 * MiB, MiB) == -1 && frame_total_count() == 1022, "");
    /* but a range inside the window is still welcome */
    check("frame_higher_range_after_alloc", frame_add_range(BASE + 10 * MiB, MiB) == 0 &&
          frame_total_count() == 1022 + 256, "total=%llu", (unsigned long long)frame_total_count());
}

static void test_reserve_before_add(void)
{
    frame_init();
    frame_reserve(BASE, 2 * FRAME_SIZE);          /* firmware, before RAM is known */
    frame_add_range(BASE, 8 * FRAME_SIZE);
    check("frame_reserve_before_add", frame_total_count() == 6, "total=%llu",
          (unsigned long long)frame_total_count());
    /* a new lower range rebuilds the bitmap and must keep the reservation */
    frame_add_range(BASE - 4 * FRAME_SIZE, 4 * FRAME_SIZE);
    uint64_t n = drain(frames, 100);
    int hit = 0;
    for (uint64_t i = 0; i < n; i++)
        hit |= frames[i] < BASE + 2 * FRAME_SIZE && frames[i] >= BASE;
    check("frame_rebuild_keeps_reservations", n == 10 && !hit, "n=%llu", (unsigned long long)n);
}

static void test_window_limit(void)
{
    /* 16 MiB window; add 20 MiB: 1024 frames beyond it are ignored. */
    frame_init();
    int r = frame_add_range(BASE, 20 * MiB);
    check("frame_window_limit_counted", r == 0 && frame_total_count() == FRAME_MAX_FRAMES &&
          frame_ignored_count() == 1024, "total=%llu ignored=%llu",
          (unsigned long long)frame_total_count(), (unsigned long long)frame_ignored_count());
    uint64_t n = drain(frames, FRAME_MAX_FRAMES + 16);
    check("frame_window_all_allocatable", n == FRAME_MAX_FRAMES &&
          frames_ok(frames, n, BASE, BASE + 16 * MiB), "n=%llu", (unsigned long long)n);
    check("frame_beyond_window_not_managed", frame_free(BASE + 17 * MiB) == FRAME_ERR_NOT_MANAGED, "");
}

static void test_reserve_slots_overflow(void)
{
    /* More reservations than slots: they merge, and still nothing
       reserved is ever handed out. */
    frame_init();
    frame_add_range(BASE, 4 * MiB);
    for (int i = 0; i < FRAME_MAX_RESERVED + 8; i++)
        frame_reserve(BASE + (uint64_t)i * 4 * FRAME_SIZE, FRAME_SIZE);
    uint64_t n = drain(frames, FRAME_MAX_FRAMES);
    int hit = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t idx = (frames[i] - BASE) / FRAME_SIZE;
        hit |= idx % 4 == 0 && idx < 4 * (FRAME_MAX_RESERVED + 8);
    }
    check("frame_reserve_overflow_still_safe", !hit && n == frame_total_count() &&
          n <= 1024 - (FRAME_MAX_RESERVED + 8), "n=%llu", (unsigned long long)n);
    int bad = 0;
    for (uint64_t i = 0; i < n; i++)
        bad += frame_free(frames[i]) != 0;
    check("frame_reserve_overflow_frees_ok", !bad && frame_free_count() == n, "bad=%d", bad);
}

/* Random alloc/free against a shadow set. */
static void test_random(void)
{
    static uint8_t held[1024];
    uint64_t count = 0, pa;
    int bad = 0;

    frame_init();
    frame_add_range(BASE, 4 * MiB);
    memset(held, 0, sizeof held);
    srand(7);
    for (int step = 0; step < 200000; step++) {
        if (rand() % 2) {
            int r = frame_alloc(&pa);
            if (count == 1024) {
                bad += r != FRAME_ERR_EXHAUSTED;
                continue;
            }
            uint64_t i = (pa - BASE) / FRAME_SIZE;
            if (r != 0 || i >= 1024 || held[i]) {
                bad++;
                continue;
            }
            held[i] = 1;
            count++;
        } else {
            uint64_t i = (uint64_t)rand() % 1024;
            int r = frame_free(BASE + i * FRAME_SIZE);
            if (held[i]) {
                bad += r != 0;
                held[i] = 0;
                count--;
            } else {
                bad += r != FRAME_ERR_DOUBLE_FREE;
            }
        }
        bad += frame_free_count() != 1024 - count;
    }
    check("frame_random_against_shadow", bad == 0, "%d mismatches", bad);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_empty();
    test_exhaust_and_reuse();
    test_rounding();
    test_multiple_ranges();
    test_reserve_before_add();
    test_window_limit();
    test_reserve_slots_overflow();
    test_random();
    return failures ? 1 : 0;
}
