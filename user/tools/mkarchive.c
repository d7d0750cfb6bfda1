/*
 * mkarchive: pack files into an Obol boot archive (spec/boot-archive.md).
 *
 *     mkarchive OUT NAME=FILE [NAME=FILE...]
 *
 * Entries keep the order given (the build puts init first).  Names are
 * 1..31 bytes of [A-Za-z0-9._-] and must be unique.  The output depends only
 * on the inputs (no timestamps), so builds are reproducible.  Host tool.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <obol/archive.h>

static void put32(unsigned char *p, unsigned long v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *p, unsigned long long v)
{
    for (int i = 0; i < 8; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static int valid_name(const char *s, size_t n)
{
    if (n == 0 || n >= OBOL_ARCHIVE_NAME_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return 0;
    }
    return 1;
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            if (ferror(f)) {
                free(buf);
                buf = NULL;
            }
            break;
        }
        unsigned char *nb = realloc(buf, cap * 2);
        if (!nb) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = nb;
        cap *= 2;
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s OUT NAME=FILE [NAME=FILE...]\n", argv[0]);
        return 2;
    }
    unsigned long count = (unsigned long)(argc - 2);
    if (count > OBOL_ARCHIVE_MAX_ENTRIES) {
        fprintf(stderr, "mkarchive: more than %u entries\n", OBOL_ARCHIVE_MAX_ENTRIES);
        return 1;
    }
    unsigned char **data = calloc(count, sizeof *data);
    size_t *len = calloc(count, sizeof *len);
    unsigned long long *off = calloc(count, sizeof *off);
    if (!data || !len || !off) {
        fprintf(stderr, "mkarchive: out of memory\n");
        return 1;
    }
    unsigned long long pos = OBOL_ARCHIVE_HEADER_SIZE + count * OBOL_ARCHIVE_ENTRY_SIZE;
    for (unsigned long i = 0; i < count; i++) {
        const char *arg = argv[i + 2];
        const char *eq = strchr(arg, '=');
        if (!eq || !valid_name(arg, (size_t)(eq - arg))) {
            fprintf(stderr, "mkarchive: bad entry '%s' (want NAME=FILE, NAME 1..%lu of [A-Za-z0-9._-])\n",
                    arg, OBOL_ARCHIVE_NAME_MAX - 1);
            return 1;
        }
        for (unsigned long j = 0; j < i; j++) {
            const char *prev = argv[j + 2];
            size_t pn = (size_t)(strchr(prev, '=') - prev);
            if (pn == (size_t)(eq - arg) && memcmp(prev, arg, pn) == 0) {
                fprintf(stderr, "mkarchive: duplicate name '%.*s'\n", (int)pn, arg);
                return 1;
            }
        }
        data[i] = read_file(eq + 1, &len[i]);
        if (!data[i]) {
            fprintf(stderr, "mkarchive: %s: %s\n", eq + 1, strerror(errno ? errno : EIO));
            return 1;
        }
        pos = (pos + OBOL_ARCHIVE_ALIGN - 1) & ~(unsigned long long)(OBOL_ARCHIVE_ALIGN - 1);
        off[i] = pos;
        pos += len[i];
    }
    unsigned long long total =
        (pos + OBOL_ARCHIVE_ALIGN - 1) & ~(unsigned long long)(OBOL_ARCHIVE_ALIGN - 1);
    unsigned char *out = calloc(1, (size_t)total);
    if (!out) {
        fprintf(stderr, "mkarchive: out of memory\n");
        return 1;
    }
    put32(out, OBOL_ARCHIVE_MAGIC);
    put32(out + 4, OBOL_ARCHIVE_VERSION);
    put32(out + 8, count);
    put32(out + 12, 0);
    put64(out + 16, total);
    for (unsigned long i = 0; i < count; i++) {
        unsigned char *e = out + OBOL_ARCHIVE_HEADER_SIZE + i * OBOL_ARCHIVE_ENTRY_SIZE;
        const char *arg = argv[i + 2];
        memcpy(e, arg, (size_t)(strchr(arg, '=') - arg));
        put64(e + 32, off[i]);
        put64(e + 40, len[i]);
        if (len[i])
            memcpy(out + off[i], data[i], len[i]);
    }
    if (obol_archive_check(out, (unsigned long)total) != (int)count) {
        fprintf(stderr, "mkarchive: internal error: output fails the reader's check\n");
        return 1;
    }
    FILE *f = fopen(argv[1], "wb");
    if (!f || fwrite(out, 1, (size_t)total, f) != total || fclose(f) != 0) {
        fprintf(stderr, "mkarchive: cannot write %s\n", argv[1]);
        remove(argv[1]);
        return 1;
    }
    for (unsigned long i = 0; i < count; i++)
        free(data[i]);
    free(data);
    free(len);
    free(off);
    free(out);
    return 0;
}
