/*
 * Boot archive: mkarchive -> reader round trip, the packer's refusals, and
 * the reader against corrupted and truncated archives (under ASan: any
 * out-of-bounds read fails the test).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <obol/archive.h>

#include "check.h"

static void write_file(const char *path, const unsigned char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        printf("FAIL archive/setup cannot write %s\n", path);
        exit(1);
    }
}

static unsigned char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(n > 0 ? (size_t)n : 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return b;
}

static int run(const char *args)
{
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s %s 2>/dev/null", MKARCHIVE, args);
    return system(cmd);
}

#define NFILES 6
static const char *names[NFILES] = { "init", "hello", "empty", "one", "eight", "a.b-c_0123456789012345678901234" };
static const size_t sizes[NFILES] = { 4097, 13, 0, 1, 8, 100 };
static unsigned char *contents[NFILES];

/* Reader over a mutated copy must not crash; whatever it accepts must lie
 * inside the buffer (ASan checks the reads). */
static int probe(const unsigned char *buf, size_t len)
{
    unsigned char *copy = malloc(len ? len : 1);
    memcpy(copy, buf, len);
    int n = obol_archive_check(copy, len);
    unsigned long c = 0;
    struct obol_archive_entry e;
    int r, seen = 0;
    while ((r = obol_archive_next(copy, len, &c, &e)) > 0) {
        if ((const unsigned char *)e.data < copy || (const unsigned char *)e.data + e.size > copy + len ||
            strlen(e.name) >= OBOL_ARCHIVE_NAME_MAX) {
            free(copy);
            return -100;
        }
        volatile unsigned char sink = 0;
        for (unsigned long i = 0; i < e.size; i++)
            sink ^= ((const unsigned char *)e.data)[i];
        (void)sink;
        seen++;
    }
    const void *d;
    unsigned long l;
    obol_archive_find(copy, len, "hello", &d, &l);
    free(copy);
    if (n >= 0 && (r != 0 || seen != n))
        return -101;                 /* check and iteration disagree */
    return n;
}

int main(void)
{
    char path[1024], args[8192];
    mkdir(TMPDIR, 0777);

    /* Inputs of awkward sizes. */
    size_t pos = 0;
    pos += (size_t)snprintf(args, sizeof args, "%s/out.bin", TMPDIR);
    for (int i = 0; i < NFILES; i++) {
        contents[i] = malloc(sizes[i] ? sizes[i] : 1);
        for (size_t k = 0; k < sizes[i]; k++)
            contents[i][k] = (unsigned char)(k * 7 + (size_t)i * 31 + 1);
        snprintf(path, sizeof path, "%s/in%d", TMPDIR, i);
        write_file(path, contents[i], sizes[i]);
        pos += (size_t)snprintf(args + pos, sizeof args - pos, " %s=%s", names[i], path);
    }
    CHECK("archive/pack", run(args) == 0, "mkarchive failed: %s", args);

    snprintf(path, sizeof path, "%s/out.bin", TMPDIR);
    size_t len;
    unsigned char *ar = read_all(path, &len);
    if (!ar) {
        printf("FAIL archive/read cannot read %s\n", path);
        return 1;
    }
    CHECK("archive/check", obol_archive_check(ar, len) == NFILES, "check gave %d",
          obol_archive_check(ar, len));
    CHECK("archive/size-aligned", len % 8 == 0, "size %zu", len);

    /* Round trip: order, names, contents, alignment. */
    int ok = 1;
    unsigned long c = 0;
    struct obol_archive_entry e;
    for (int i = 0; i < NFILES; i++) {
        if (obol_archive_next(ar, len, &c, &e) != 1 || strcmp(e.name, names[i]) != 0 ||
            e.size != sizes[i] || (sizes[i] && memcmp(e.data, contents[i], sizes[i]) != 0) ||
            ((const unsigned char *)e.data - ar) % 8 != 0) {
            printf("FAIL archive/roundtrip entry %d (%s)\n", i, names[i]);
            ok = 0;
            failures++;
        }
    }
    if (ok)
        CHECK("archive/roundtrip", obol_archive_next(ar, len, &c, &e) == 0, "extra entry");
    CHECK("archive/init-first", obol_archive_get(ar, len, 0, &e) == 0 && strcmp(e.name, "init") == 0,
          "entry 0 is not init");
    CHECK("archive/get-range", obol_archive_get(ar, len, NFILES, &e) == OBOL_ERR_INVALID_ARGS,
          "index past the end accepted");

    const void *d;
    unsigned long l;
    int r = obol_archive_find(ar, len, "hello", &d, &l);
    CHECK("archive/find", r == 0 && l == 13 && memcmp(d, contents[1], 13) == 0, "find hello gave %d", r);
    r = obol_archive_find(ar, len, "empty", &d, &l);
    CHECK("archive/find-empty", r == 0 && l == 0, "find empty gave %d", r);
    CHECK("archive/find-missing", obol_archive_find(ar, len, "nosuch", &d, &l) == 1, "missing name found");
    CHECK("archive/find-prefix", obol_archive_find(ar, len, "hell", &d, &l) == 1 &&
          obol_archive_find(ar, len, "hello!", &d, &l) == 1, "prefix or extension matched");
    CHECK("archive/find-null", obol_archive_find(ar, len, NULL, &d, &l) == OBOL_ERR_INVALID_ARGS,
          "NULL name accepted");

    /* Memory longer than the archive (page rounding) is fine. */
    unsigned char *big = calloc(1, len + 4096);
    memcpy(big, ar, len);
    CHECK("archive/padded-memory", obol_archive_check(big, len + 4096) == NFILES, "rejected");
    free(big);

    /* Packer refusals. */
    snprintf(args, sizeof args, "%s/bad.bin a=%s/in0 a=%s/in1", TMPDIR, TMPDIR, TMPDIR);
    CHECK("archive/pack-duplicate", run(args) != 0, "duplicate names packed");
    snprintf(args, sizeof args, "%s/bad.bin 0123456789012345678901234567890123=%s/in0", TMPDIR, TMPDIR);
    CHECK("archive/pack-long-name", run(args) != 0, "32-byte name packed");
    snprintf(args, sizeof args, "%s/bad.bin =%s/in0", TMPDIR, TMPDIR);
    CHECK("archive/pack-empty-name", run(args) != 0, "empty name packed");
    snprintf(args, sizeof args, "%s/bad.bin x=%s/does-not-exist", TMPDIR, TMPDIR);
    CHECK("archive/pack-missing-file", run(args) != 0, "missing file packed");
    snprintf(args, sizeof args, "%s/bad.bin noequals", TMPDIR);
    CHECK("archive/pack-syntax", run(args) != 0, "bad argument packed");

    /* Truncation: every shorter length is rejected (total_size no longer fits). */
    int bad = -1;
    for (size_t t = 0; t < len; t++)
        if (probe(ar, t) >= 0) {
            bad = (int)t;
            break;
        }
    CHECK("archive/truncated", bad < 0, "accepted at %d of %zu bytes", bad, len);

    /* Specific corruptions. */
    struct {
        const char *name;
        size_t off;
        unsigned char val;
    } muts[] = {
        { "archive/bad-magic", 0, 'X' },
        { "archive/bad-version", 4, 2 },
        { "archive/huge-count", 9, 0xff },
        { "archive/reserved", 12, 1 },
        { "archive/total-unaligned", 16, (unsigned char)(ar[16] + 1) },
        { "archive/total-huge", 23, 0x80 },
        { "archive/name-unterminated", 24 + 48 * 5 + 31, 'z' },
        { "archive/name-empty", 24, 0 },
        { "archive/name-garbage-padding", 24 + 20, 'q' },
        { "archive/offset-unaligned", 24 + 32, (unsigned char)(ar[24 + 32] + 4) },
        { "archive/offset-into-table", 24 + 32, 8 },
        { "archive/offset-huge", 24 + 39, 0x40 },
        { "archive/size-huge", 24 + 47, 0x01 },
        { "archive/size-past-end", 24 + 48 * 5 + 41, 0x10 },
    };
    for (size_t i = 0; i < sizeof muts / sizeof muts[0]; i++) {
        unsigned char *m = malloc(len);
        memcpy(m, ar, len);
        m[muts[i].off] = muts[i].val;
        int n = probe(m, len);
        CHECK(muts[i].name, n == OBOL_ERR_INVALID_ARGS, "reader gave %d", n);
        char fname[128];
        snprintf(fname, sizeof fname, "%s/find", muts[i].name);
        CHECK(fname, obol_archive_find(m, len, "init", &d, &l) == OBOL_ERR_INVALID_ARGS,
              "find on the corrupt archive did not fail");
        free(m);
    }

    /* Every single-byte change of the header and table, and random
     * multi-byte damage: never an out-of-bounds read. */
    size_t meta = OBOL_ARCHIVE_HEADER_SIZE + NFILES * OBOL_ARCHIVE_ENTRY_SIZE;
    int crash = 0;
    for (size_t off = 0; off < meta && !crash; off++)
        for (int v = 0; v < 256; v += 17) {
            unsigned char *m = malloc(len);
            memcpy(m, ar, len);
            m[off] = (unsigned char)v;
            if (probe(m, len) < -99)
                crash = 1;
            free(m);
        }
    srand(1);
    for (int k = 0; k < 20000 && !crash; k++) {
        unsigned char *m = malloc(len);
        memcpy(m, ar, len);
        int nb = 1 + rand() % 8;
        for (int j = 0; j < nb; j++)
            m[(size_t)rand() % meta] = (unsigned char)rand();
        if (probe(m, (size_t)rand() % (len + 1)) < -99)
            crash = 1;
        free(m);
    }
    CHECK("archive/fuzz", !crash, "an accepted entry lies outside the buffer or check/next disagree");
    CHECK("archive/null", obol_archive_check(NULL, 100) == OBOL_ERR_INVALID_ARGS, "NULL base accepted");

    free(ar);
    for (int i = 0; i < NFILES; i++)
        free(contents[i]);
    return failures ? 1 : 0;
}
