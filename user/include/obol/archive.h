/*
 * The boot archive (spec/boot-archive.md): a flat, read-only bundle of named
 * files that the kernel hands to init.  This header is the one definition of
 * the format; it is freestanding (it includes only abi.h) so that the host packer
 * (user/tools/mkarchive.c), the host tests and the user runtime share it.
 *
 * Layout, all integers little-endian, the archive's start 8-byte aligned:
 *
 *   offset 0   header  { u32 magic "OBAR"; u32 version = 1; u32 count;
 *                        u32 reserved = 0; u64 total_size }            24 bytes
 *   offset 24  count x entry { char name[32]; u64 offset; u64 size }   48 bytes each
 *   then       payloads, each at an 8-byte-aligned offset, zero padding between
 *
 * name is 1..31 bytes followed by NUL padding; names are unique.  offset is
 * from the start of the archive.  total_size is the archive's length in bytes
 * (a multiple of 8); the memory holding it may be longer (page rounding).
 */
#ifndef OBOL_ARCHIVE_H
#define OBOL_ARCHIVE_H

#include <obol/abi.h>

#define OBOL_ARCHIVE_MAGIC        0x5241424Fu   /* bytes 'O' 'B' 'A' 'R' */
#define OBOL_ARCHIVE_VERSION      1u
#define OBOL_ARCHIVE_HEADER_SIZE  24ul
#define OBOL_ARCHIVE_ENTRY_SIZE   48ul
#define OBOL_ARCHIVE_NAME_MAX     32ul          /* including the NUL */
#define OBOL_ARCHIVE_ALIGN        8ul
#define OBOL_ARCHIVE_MAX_ENTRIES  1024u

/* One entry, as the reader returns it.  name points into the archive and is
 * NUL-terminated; data/size lie inside the archive. */
struct obol_archive_entry {
    const char *name;
    const void *data;
    unsigned long size;
};

/* Check the header and every entry against `size` (the bytes readable at
 * `base`).  Returns the entry count (>= 0) or OBOL_ERR_INVALID_ARGS. */
int obol_archive_check(const void *base, unsigned long size);

/* Entry `index` (0-based).  0, or OBOL_ERR_INVALID_ARGS if the archive is
 * corrupt or the index out of range. */
int obol_archive_get(const void *base, unsigned long size, unsigned long index,
                     struct obol_archive_entry *out);

/* Iterator: start with *cursor = 0.  Returns 1 and fills *out while entries
 * remain, 0 at the end, OBOL_ERR_INVALID_ARGS if the archive is corrupt.
 *     unsigned long c = 0; struct obol_archive_entry e;
 *     while (obol_archive_next(base, size, &c, &e) > 0) ...              */
int obol_archive_next(const void *base, unsigned long size, unsigned long *cursor,
                      struct obol_archive_entry *out);

/* The entry called `name`: 0 with *data and *len set when found, 1 when the
 * archive is sound but holds no such name, OBOL_ERR_INVALID_ARGS (-4) when
 * it is corrupt or name is NULL.  data and len may be NULL.              */
int obol_archive_find(const void *base, unsigned long size, const char *name,
                      const void **data, unsigned long *len);

#endif /* OBOL_ARCHIVE_H */
