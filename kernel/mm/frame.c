/*
 * Physical frame allocator: a bitmap, one bit per 4 KiB frame, set = free.
 * See mm/frame.h for the contract.
 *
 * Besides the bitmap we remember the RAM ranges and the reservations (in
 * frame numbers), so frame_free can tell a frame it handed out from one
 * that was never its to give (a hole, the kernel image, the dtb).
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mm/frame.h"

#define WORD_BITS 64
#define BITMAP_WORDS ((FRAME_MAX_FRAMES + WORD_BITS - 1) / WORD_BITS)

struct span {
    uint64_t first, end;   /* frame numbers, [first, end) */
};

static uint64_t bitmap[BITMAP_WORDS];
static uint64_t window_first;     /* frame number of bit 0: the lowest RAM frame */
static uint64_t words_in_use;     /* bitmap words that may have bits set */
static uint64_t hint;             /* word to start the next search at */

static struct span ranges[FRAME_MAX_RANGES];
static uint32_t range_count;
static struct span reserved[FRAME_MAX_RESERVED];
static uint32_t reserved_count;

static uint64_t free_frames, used_frames, ignored_frames;

/* Own bit helpers: on rv64imac gcc turns __builtin_ctzll/popcount into
   libgcc calls, and the kernel links no libgcc. */
static unsigned ctz64(uint64_t x)
{
    unsigned n = 0;
    if (!(x & 0xffffffffu)) { n += 32; x >>= 32; }
    if (!(x & 0xffffu))     { n += 16; x >>= 16; }
    if (!(x & 0xffu))       { n += 8;  x >>= 8; }
    if (!(x & 0xfu))        { n += 4;  x >>= 4; }
    if (!(x & 0x3u))        { n += 2;  x >>= 2; }
    if (!(x & 0x1u))        { n += 1; }
    return n;
}

static unsigned popcount64(uint64_t x)
{
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

static bool in_span(const struct span *s, uint64_t f)
{
    return f >= s->first && f < s->end;
}

static bool is_reserved(uint64_t f)
{
    uint32_t i;
    for (i = 0; i < reserved_count; i++)
        if (in_span(&reserved[i], f))
            return true;
    return false;
}

static bool in_ranges(uint64_t f)
{
    uint32_t i;
    for (i = 0; i < range_count; i++)
        if (in_span(&ranges[i], f))
            return true;
    return false;
}

/* Clip [first, end) to the bitmap window; false if nothing is left. */
static bool clip_to_window(uint64_t *first, uint64_t *end)
{
    uint64_t wend = window_first + FRAME_MAX_FRAMES;
    if (*first < window_first)
        *first = window_first;
    if (*end > wend)
        *end = wend;
    return *first < *end;
}

/* Set (free) or clear the bits of window frames [first, end); returns how
   many bits actually changed. */
static uint64_t mark(uint64_t first, uint64_t end, bool set)
{
    uint64_t changed = 0, i;

    if (!clip_to_window(&first, &end))
        return 0;
    for (i = first - window_first; i < end - window_first;) {
        uint64_t w = i / WORD_BITS, bit = i % WORD_BITS;
        uint64_t n = WORD_BITS - bit;            /* bits left in this word */
        uint64_t mask;
        if (n > end - window_first - i)
            n = end - window_first - i;
        mask = (n == WORD_BITS ? ~0ull : ((1ull << n) - 1)) << bit;
        if (set) {
            changed += popcount64(mask & ~bitmap[w]);
            bitmap[w] |= mask;
        } else {
            changed += popcount64(mask & bitmap[w]);
            bitmap[w] &= ~mask;
        }
        i += n;
    }
    if (set && (end - window_first + WORD_BITS - 1) / WORD_BITS > words_in_use)
        words_in_use = (end - window_first + WORD_BITS - 1) / WORD_BITS;
    return changed;
}

/* Put one RAM range into the bitmap, minus every reservation. */
static void load_range(const struct span *r)
{
    uint64_t first = r->first, end = r->end;
    uint32_t i;

    if (clip_to_window(&first, &end))
        ignored_frames += (r->end - r->first) - (end - first);
    else
        ignored_frames += r->end - r->first;
    free_frames += mark(r->first, r->end, true);
    for (i = 0; i < reserved_count; i++) {
        uint64_t f = reserved[i].first > r->first ? reserved[i].first : r->first;
        uint64_t e = reserved[i].end < r->end ? reserved[i].end : r->end;
        if (f < e)
            free_frames -= mark(f, e, false);
    }
}

static void clear_bitmap(void)
{
    uint64_t w;
    for (w = 0; w < words_in_use; w++)
        bitmap[w] = 0;
    words_in_use = 0;
    hint = 0;
    free_frames = 0;
    ignored_frames = 0;
}

void frame_init(void)
{
    clear_bitmap();
    window_first = 0;
    range_count = 0;
    reserved_count = 0;
    used_frames = 0;
}

int frame_add_range(uint64_t base, uint64_t size)
{
    struct span r;
    uint32_t i;

    if (size == 0)
        return 0;
    if (base + size < base)
        return -1;
    r.first = (base >> FRAME_SHIFT) + ((base & (FRAME_SIZE - 1)) != 0);  /* inward */
    r.end = (base + size) >> FRAME_SHIFT;
    if (r.first >= r.end)
        return 0;
    for (i = 0; i < range_count; i++)
        if (r.first < ranges[i].end && ranges[i].first < r.end)
            return -1;
    if (range_count == FRAME_MAX_RANGES)
        return -1;

    if (range_count > 0 && r.first >= window_first) {
        ranges[range_count++] = r;
        load_range(&r);
        return 0;
    }
    /* New lowest range: the window moves down, so rebuild the bitmap.
       Only possible while nothing is handed out. */
    if (used_frames > 0)
        return -1;
    ranges[range_count++] = r;
    clear_bitmap();
    window_first = r.first;
    for (i = 0; i < range_count; i++)
        load_range(&ranges[i]);
    return 0;
}

void frame_reserve(uint64_t base, uint64_t size)
{
    struct span s;
    uint64_t last;

    if (size == 0)
        return;
    last = base + size - 1;
    if (last < base)
        last = ~0ull;                        /* saturate at the top */
    s.first = base >> FRAME_SHIFT;           /* outward */
    s.end = (last >> FRAME_SHIFT) + 1;

    if (reserved_count < FRAME_MAX_RESERVED) {
        reserved[reserved_count++] = s;
    } else {
        /* Out of slots: grow the reservation that needs the least growth
           to cover this one.  Frames in between become reserved too:
           wasteful, but nothing reserved is ever handed out. */
        uint32_t i, best = 0;
        uint64_t best_cost = ~0ull;
        for (i = 0; i < FRAME_MAX_RESERVED; i++) {
            uint64_t f = reserved[i].first < s.first ? reserved[i].first : s.first;
            uint64_t e = reserved[i].end > s.end ? reserved[i].end : s.end;
            uint64_t cost = (e - f) - (reserved[i].end - reserved[i].first);
            if (cost < best_cost) {
                best_cost = cost;
                best = i;
            }
        }
        if (s.first > reserved[best].first)
            s.first = reserved[best].first;
        if (s.end < reserved[best].end)
            s.end = reserved[best].end;
        reserved[best] = s;
    }
    if (range_count > 0)
        free_frames -= mark(s.first, s.end, false);
}

int frame_alloc(uint64_t *pa)
{
    uint64_t n, w;

    if (free_frames == 0)
        return FRAME_ERR_EXHAUSTED;
    /* Start at the hint and wrap once: everything below the hint was
       full when we last looked, unless a free moved the hint back. */
    for (n = 0; n < words_in_use; n++) {
        w = hint + n;
        if (w >= words_in_use)
            w -= words_in_use;
        if (bitmap[w]) {
            unsigned bit = ctz64(bitmap[w]);
            bitmap[w] &= ~(1ull << bit);
            free_frames--;
            used_frames++;
            hint = w;
            *pa = (window_first + w * WORD_BITS + bit) << FRAME_SHIFT;
            return 0;
        }
    }
    return FRAME_ERR_EXHAUSTED;   /* unreachable while free_frames is right */
}

int frame_free(uint64_t pa)
{
    uint64_t f = pa >> FRAME_SHIFT, i;

    if (pa & (FRAME_SIZE - 1))
        return FRAME_ERR_MISALIGNED;
    if (!in_ranges(f) || f < window_first || f - window_first >= FRAME_MAX_FRAMES ||
        is_reserved(f))
        return FRAME_ERR_NOT_MANAGED;
    i = f - window_first;
    if (bitmap[i / WORD_BITS] & (1ull << (i % WORD_BITS)))
        return FRAME_ERR_DOUBLE_FREE;
    bitmap[i / WORD_BITS] |= 1ull << (i % WORD_BITS);
    free_frames++;
    used_frames--;
    if (i / WORD_BITS < hint)
        hint = i / WORD_BITS;   /* reuse low frames first */
    return 0;
}

uint64_t frame_free_count(void)
{
    return free_frames;
}

uint64_t frame_total_count(void)
{
    return free_frames + used_frames;
}

uint64_t frame_ignored_count(void)
{
    return ignored_frames;
}
