/*
 * Physical frame allocator: hands out 4 KiB frames of RAM, one at a time.
 *
 * One static bitmap (1 bit per frame, set = free) covers a window of
 * FRAME_MAX_FRAMES frames starting at the lowest RAM base added.  RAM
 * beyond the window is ignored and counted (frame_ignored_count).
 * Frame contents are never touched: callers zero what they need.
 *
 * Intended use: frame_init, frame_add_range for each RAM bank,
 * frame_reserve for the kernel image, firmware and the dtb, then
 * frame_alloc / frame_free.  Ranges and reservations may come in any
 * order before the first allocation.
 */
#ifndef OBOL_MM_FRAME_H
#define OBOL_MM_FRAME_H

#include <stdint.h>

#define FRAME_SIZE  4096u
#define FRAME_SHIFT 12

#ifndef FRAME_MAX_FRAMES
#define FRAME_MAX_FRAMES (1u << 20)   /* 4 GiB of RAM, 128 KiB of bitmap */
#endif
#define FRAME_MAX_RANGES   16         /* RAM banks */
#define FRAME_MAX_RESERVED 32         /* carve-outs remembered for frame_free checks */

#define FRAME_ERR_EXHAUSTED   (-1)
#define FRAME_ERR_DOUBLE_FREE (-2)
#define FRAME_ERR_NOT_MANAGED (-3)
#define FRAME_ERR_MISALIGNED  (-4)

void     frame_init(void);                               /* empty allocator */
/* Add usable RAM, rounded inward to whole frames.  0, or -1 if it wraps,
   overlaps a range already added, there are too many ranges, or it lies
   below the bitmap window after allocation has started.  A range too small
   to hold a frame adds nothing and returns 0. */
int      frame_add_range(uint64_t base, uint64_t size);
/* Carve out [base, base+size), rounded outward: never handed out, and
   frame_free refuses it.  Meant for before allocation starts. */
void     frame_reserve(uint64_t base, uint64_t size);
int      frame_alloc(uint64_t *pa);                      /* 0, or FRAME_ERR_EXHAUSTED */
/* 0, or FRAME_ERR_MISALIGNED / FRAME_ERR_NOT_MANAGED (outside the added RAM,
   reserved, or beyond the window) / FRAME_ERR_DOUBLE_FREE. */
int      frame_free(uint64_t pa);
uint64_t frame_free_count(void);
uint64_t frame_total_count(void);     /* managed frames: free + handed out */
uint64_t frame_ignored_count(void);   /* frames of added RAM beyond the window */

#endif
