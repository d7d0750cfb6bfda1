/*
 * Boot archive reader (format: user/include/obol/archive.h,
 * spec/boot-archive.md).  Pure code, no syscalls: it also builds for the
 * host tests.  Every field is read byte by byte (no alignment or
 * endianness assumption about `base`) and checked against `size` before
 * use, so a corrupt archive is rejected, never read out of bounds.
 */
#include <obol/archive.h>

static unsigned long rd32(const unsigned char *p)
{
    return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
           (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

static unsigned long long rd64(const unsigned char *p)
{
    return (unsigned long long)rd32(p) | (unsigned long long)rd32(p + 4) << 32;
}

/* The archive's count and total size, after checking the header. */
static int check_header(const unsigned char *b, unsigned long size,
                        unsigned long *count, unsigned long long *total)
{
    if (b == 0 || size < OBOL_ARCHIVE_HEADER_SIZE)
        return OBOL_ERR_INVALID_ARGS;
    if (rd32(b) != OBOL_ARCHIVE_MAGIC || rd32(b + 4) != OBOL_ARCHIVE_VERSION ||
        rd32(b + 12) != 0)
        return OBOL_ERR_INVALID_ARGS;
    unsigned long n = rd32(b + 8);
    unsigned long long t = rd64(b + 16);
    if (n > OBOL_ARCHIVE_MAX_ENTRIES || t > size || t % OBOL_ARCHIVE_ALIGN != 0)
        return OBOL_ERR_INVALID_ARGS;
    /* n <= 1024, so this cannot overflow. */
    if (OBOL_ARCHIVE_HEADER_SIZE + n * OBOL_ARCHIVE_ENTRY_SIZE > t)
        return OBOL_ERR_INVALID_ARGS;
    *count = n;
    *total = t;
    return 0;
}

/* Entry i of an archive whose header passed check_header. */
static int check_entry(const unsigned char *b, unsigned long count,
                       unsigned long long total, unsigned long i,
                       struct obol_archive_entry *out)
{
    const unsigned char *e = b + OBOL_ARCHIVE_HEADER_SIZE + i * OBOL_ARCHIVE_ENTRY_SIZE;
    unsigned long len = 0;
    while (len < OBOL_ARCHIVE_NAME_MAX && e[len] != 0)
        len++;
    if (len == 0 || len == OBOL_ARCHIVE_NAME_MAX)
        return OBOL_ERR_INVALID_ARGS;          /* empty or unterminated */
    for (unsigned long k = len; k < OBOL_ARCHIVE_NAME_MAX; k++)
        if (e[k] != 0)
            return OBOL_ERR_INVALID_ARGS;      /* padding must be NUL */
    unsigned long long off = rd64(e + 32);
    unsigned long long sz = rd64(e + 40);
    unsigned long long table_end = OBOL_ARCHIVE_HEADER_SIZE + count * OBOL_ARCHIVE_ENTRY_SIZE;
    if (off % OBOL_ARCHIVE_ALIGN != 0 || off < table_end || off > total ||
        sz > total - off)
        return OBOL_ERR_INVALID_ARGS;
    if (out) {
        out->name = (const char *)e;
        out->data = b + off;
        out->size = (unsigned long)sz;
    }
    return 0;
}

int obol_archive_check(const void *base, unsigned long size)
{
    const unsigned char *b = base;
    unsigned long n;
    unsigned long long total;
    int r = check_header(b, size, &n, &total);
    if (r < 0)
        return r;
    for (unsigned long i = 0; i < n; i++) {
        r = check_entry(b, n, total, i, 0);
        if (r < 0)
            return r;
    }
    return (int)n;
}

int obol_archive_get(const void *base, unsigned long size, unsigned long index,
                     struct obol_archive_entry *out)
{
    const unsigned char *b = base;
    unsigned long n;
    unsigned long long total;
    int r = check_header(b, size, &n, &total);
    if (r < 0)
        return r;
    if (index >= n)
        return OBOL_ERR_INVALID_ARGS;
    return check_entry(b, n, total, index, out);
}

int obol_archive_next(const void *base, unsigned long size, unsigned long *cursor,
                      struct obol_archive_entry *out)
{
    const unsigned char *b = base;
    unsigned long n;
    unsigned long long total;
    if (cursor == 0)
        return OBOL_ERR_INVALID_ARGS;
    int r = check_header(b, size, &n, &total);
    if (r < 0)
        return r;
    if (*cursor >= n)
        return 0;
    r = check_entry(b, n, total, *cursor, out);
    if (r < 0)
        return r;
    (*cursor)++;
    return 1;
}

static int name_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

int obol_archive_find(const void *base, unsigned long size, const char *name,
                      const void **data, unsigned long *len)
{
    const unsigned char *b = base;
    unsigned long n;
    unsigned long long total;
    if (name == 0)
        return OBOL_ERR_INVALID_ARGS;
    int r = obol_archive_check(b, size);   /* a corrupt archive finds nothing */
    if (r < 0)
        return r;
    r = check_header(b, size, &n, &total);
    if (r < 0)
        return r;
    for (unsigned long i = 0; i < n; i++) {
        struct obol_archive_entry e;
        r = check_entry(b, n, total, i, &e);
        if (r < 0)
            return r;
        if (name_eq(e.name, name)) {
            if (data)
                *data = e.data;
            if (len)
                *len = e.size;
            return 0;
        }
    }
    return 1;
}
