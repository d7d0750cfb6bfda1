/*
 * ELF image checking for obol_spawn (spec/spawn.md).  Pure code, no
 * syscalls (user/lib/elf.c), so the host tests run it on real and corrupted
 * images.  Freestanding: includes only abi.h.
 */
#ifndef OBOL_ELF_H
#define OBOL_ELF_H

#include <obol/abi.h>

/* Where obol_spawn puts a child's stack: OBOL_SPAWN_STACK_SIZE bytes ending
 * one page (a gap) below OBOL_USER_TOP.  A loadable image must lie wholly
 * in [OBOL_USER_BASE, OBOL_SPAWN_STACK_BOTTOM).                           */
#define OBOL_SPAWN_STACK_SIZE    (64ul * 1024)
#define OBOL_SPAWN_STACK_TOP     (OBOL_USER_TOP - OBOL_PAGE_SIZE)
#define OBOL_SPAWN_STACK_BOTTOM  (OBOL_SPAWN_STACK_TOP - OBOL_SPAWN_STACK_SIZE)

#define OBOL_ELF_MAX_SEGMENTS    8u     /* PT_LOAD segments accepted */
#define OBOL_ELF_MAX_PHDRS       64u    /* program headers accepted */

/* One PT_LOAD segment.  The region that backs it covers the whole pages
 * [map_va, map_va + map_size); the file bytes [offset, offset + filesz)
 * go to vaddr, the rest is zero.                                          */
struct obol_elf_segment {
    unsigned long vaddr;      /* p_vaddr */
    unsigned long memsz;      /* p_memsz (> 0) */
    unsigned long offset;     /* p_offset */
    unsigned long filesz;     /* p_filesz (<= memsz) */
    unsigned long map_va;     /* vaddr rounded down to a page */
    unsigned long map_size;   /* page-rounded size from map_va to vaddr + memsz */
    unsigned int prot;        /* OBOL_RIGHT_READ/WRITE/EXECUTE from p_flags */
};

struct obol_elf_image {
    unsigned long entry;                     /* e_entry */
    unsigned int nsegments;                  /* PT_LOADs with p_memsz > 0 */
    struct obol_elf_segment seg[OBOL_ELF_MAX_SEGMENTS];  /* ascending vaddr */
};

/* Check `elf` (len bytes) and describe its loadable segments.  Accepts only
 * an ELF64 little-endian RISC-V ET_EXEC with well-formed program headers
 * whose PT_LOADs:
 *   - lie inside the file (p_offset + p_filesz <= len, no overflow),
 *   - have p_filesz <= p_memsz and p_flags among R, W, X, at least R or X,
 *     never both W and X,
 *   - lie in [OBOL_USER_BASE, OBOL_SPAWN_STACK_BOTTOM), ascending and not
 *     sharing a page with one another,
 * and whose entry point lies in an executable segment.  Segments with
 * p_memsz == 0 are skipped.  Returns 0, or OBOL_ERR_INVALID_ARGS for
 * anything else (then *out is unspecified).                              */
int obol_elf_parse(const void *elf, unsigned long len, struct obol_elf_image *out);

#endif /* OBOL_ELF_H */
