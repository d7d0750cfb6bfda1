/*
 * spawn's ELF checking (user/lib/elf.c) against the real cross-built
 * hello.elf and corrupted copies of it, under ASan: a malformed image must
 * be rejected with OBOL_ERR_INVALID_ARGS, never read out of bounds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <obol/elf.h>

#include "check.h"

static unsigned char *img;
static size_t img_len;

static unsigned long get(const unsigned char *p, int n)
{
    unsigned long v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void put(unsigned char *p, int n, unsigned long v)
{
    for (int i = 0; i < n; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

/* Parse a private, exactly-sized copy so ASan sees any overrun. */
static int parse_copy(const unsigned char *b, size_t len, struct obol_elf_image *out)
{
    unsigned char *c = malloc(len ? len : 1);
    memcpy(c, b, len);
    int r = obol_elf_parse(c, len, out);
    free(c);
    return r;
}

static unsigned char *copy(void)
{
    unsigned char *c = malloc(img_len);
    memcpy(c, img, img_len);
    return c;
}

static unsigned long phoff(void) { return get(img + 32, 8); }
static unsigned long phnum(void) { return get(img + 56, 2); }

/* The program header of the k-th PT_LOAD. */
static size_t load_ph(unsigned char *b, int k)
{
    for (unsigned long i = 0; i < phnum(); i++) {
        size_t at = phoff() + i * 56;
        if (get(b + at, 4) == 1 && k-- == 0)
            return at;
    }
    return 0;
}

typedef void (*mutator)(unsigned char *b);
static void m_magic(unsigned char *b) { b[1] = 'e'; }
static void m_class32(unsigned char *b) { b[4] = 1; }
static void m_bigendian(unsigned char *b) { b[5] = 2; }
static void m_version(unsigned char *b) { b[6] = 0; }
static void m_dyn(unsigned char *b) { put(b + 16, 2, 3); }
static void m_rel(unsigned char *b) { put(b + 16, 2, 1); }
static void m_machine(unsigned char *b) { put(b + 18, 2, 62); }
static void m_eversion(unsigned char *b) { put(b + 20, 4, 0); }
static void m_ehsize(unsigned char *b) { put(b + 52, 2, 52); }
static void m_phentsize(unsigned char *b) { put(b + 54, 2, 32); }
static void m_phnum0(unsigned char *b) { put(b + 56, 2, 0); }
static void m_phnum_huge(unsigned char *b) { put(b + 56, 2, 0xffff); }
static void m_phoff_huge(unsigned char *b) { put(b + 32, 8, ~0ul - 8); }
static void m_phoff_end(unsigned char *b) { put(b + 32, 8, img_len - 8); }
static void m_entry_data(unsigned char *b) { put(b + 24, 8, get(b + load_ph(b, 2) + 16, 8)); }
static void m_entry_none(unsigned char *b) { put(b + 24, 8, 0x5000); }
static void m_entry_odd(unsigned char *b) { put(b + 24, 8, get(b + 24, 8) + 1); }
static void m_filesz_gt_memsz(unsigned char *b) { size_t p = load_ph(b, 0); put(b + p + 40, 8, get(b + p + 32, 8) - 1); }
static void m_offset_past(unsigned char *b) { put(b + load_ph(b, 0) + 8, 8, img_len); }
static void m_offset_wrap(unsigned char *b) { put(b + load_ph(b, 0) + 8, 8, ~0ul - 16); }
static void m_filesz_past(unsigned char *b) { size_t p = load_ph(b, 1); put(b + p + 32, 8, img_len); put(b + p + 40, 8, img_len); }
static void m_vaddr_low(unsigned char *b) { put(b + load_ph(b, 0) + 16, 8, 0x1000); }
static void m_vaddr_zero(unsigned char *b) { put(b + load_ph(b, 0) + 16, 8, 0); }
static void m_vaddr_kernel(unsigned char *b) { put(b + load_ph(b, 2) + 16, 8, 0xffffffc000000000ul); }
static void m_vaddr_top(unsigned char *b) { put(b + load_ph(b, 2) + 16, 8, OBOL_USER_TOP - 0x1000); }
static void m_into_stack(unsigned char *b) { put(b + load_ph(b, 2) + 16, 8, OBOL_SPAWN_STACK_BOTTOM - 0x100); }
static void m_memsz_wrap(unsigned char *b) { put(b + load_ph(b, 2) + 40, 8, ~0ul - 0x100); }
static void m_wx(unsigned char *b) { put(b + load_ph(b, 0) + 4, 4, 7); }
static void m_w_only(unsigned char *b) { put(b + load_ph(b, 2) + 4, 4, 2); }
static void m_no_flags(unsigned char *b) { put(b + load_ph(b, 1) + 4, 4, 0); }
static void m_odd_flags(unsigned char *b) { put(b + load_ph(b, 1) + 4, 4, 4 | 0x100000); }
static void m_overlap(unsigned char *b) { put(b + load_ph(b, 1) + 16, 8, get(b + load_ph(b, 0) + 16, 8) + 0x10); }
static void m_same_page(unsigned char *b)
{   /* rodata starts on the page where text ends */
    size_t t = load_ph(b, 0), r = load_ph(b, 1);
    unsigned long end = get(b + t + 16, 8) + get(b + t + 40, 8);
    put(b + r + 16, 8, end + 8);
}
static void m_descending(unsigned char *b) { put(b + load_ph(b, 2) + 16, 8, 0x1000 + 0x10000 - 0x1000); }
static void m_no_load(unsigned char *b) { for (int k = 2; k >= 0; k--) put(b + load_ph(b, k), 4, 6); }

static const struct {
    const char *name;
    mutator m;
} muts[] = {
    { "elf/bad-magic", m_magic },          { "elf/class32", m_class32 },
    { "elf/big-endian", m_bigendian },     { "elf/ident-version", m_version },
    { "elf/et-dyn", m_dyn },               { "elf/et-rel", m_rel },
    { "elf/machine-x86", m_machine },      { "elf/e-version", m_eversion },
    { "elf/ehsize", m_ehsize },            { "elf/phentsize", m_phentsize },
    { "elf/phnum-zero", m_phnum0 },        { "elf/phnum-huge", m_phnum_huge },
    { "elf/phoff-huge", m_phoff_huge },    { "elf/phoff-past-end", m_phoff_end },
    { "elf/entry-in-data", m_entry_data }, { "elf/entry-unmapped", m_entry_none },
    { "elf/entry-odd", m_entry_odd },      { "elf/filesz-gt-memsz", m_filesz_gt_memsz },
    { "elf/offset-past-end", m_offset_past }, { "elf/offset-wraps", m_offset_wrap },
    { "elf/filesz-past-end", m_filesz_past }, { "elf/vaddr-below-base", m_vaddr_low },
    { "elf/vaddr-zero", m_vaddr_zero },    { "elf/vaddr-kernel", m_vaddr_kernel },
    { "elf/vaddr-top", m_vaddr_top },      { "elf/vaddr-in-stack", m_into_stack },
    { "elf/memsz-wraps", m_memsz_wrap },   { "elf/writable-executable", m_wx },
    { "elf/write-only", m_w_only },        { "elf/no-flags", m_no_flags },
    { "elf/unknown-flags", m_odd_flags },  { "elf/overlap", m_overlap },
    { "elf/shared-page", m_same_page },    { "elf/descending", m_descending },
    { "elf/no-load", m_no_load },
};

int main(void)
{
    FILE *f = fopen(HELLO_ELF, "rb");
    if (!f) {
        printf("FAIL elf/setup cannot open %s\n", HELLO_ELF);
        return 1;
    }
    fseek(f, 0, SEEK_END);
    img_len = (size_t)ftell(f);
    fseek(f, 0, SEEK_SET);
    img = malloc(img_len);
    if (fread(img, 1, img_len, f) != img_len) {
        printf("FAIL elf/setup cannot read %s\n", HELLO_ELF);
        return 1;
    }
    fclose(f);

    /* The real image: three segments r-x, r--, rw- in that order. */
    struct obol_elf_image im;
    int r = parse_copy(img, img_len, &im);
    CHECK("elf/hello-accepted", r == 0, "parse gave %d", r);
    if (r != 0)
        return 1;
    CHECK("elf/hello-entry", im.entry == get(img + 24, 8) && im.entry >= OBOL_USER_BASE,
          "entry %#lx", im.entry);
    CHECK("elf/hello-segments", im.nsegments == 3, "%u segments", im.nsegments);
    if (im.nsegments == 3) {
        CHECK("elf/hello-prot",
              im.seg[0].prot == (OBOL_RIGHT_READ | OBOL_RIGHT_EXECUTE) &&
                  im.seg[1].prot == OBOL_RIGHT_READ &&
                  im.seg[2].prot == (OBOL_RIGHT_READ | OBOL_RIGHT_WRITE),
              "prot %#x %#x %#x", im.seg[0].prot, im.seg[1].prot, im.seg[2].prot);
        int geo = 1;
        for (unsigned i = 0; i < 3; i++) {
            const struct obol_elf_segment *s = &im.seg[i];
            if (s->map_va % OBOL_PAGE_SIZE || s->map_size % OBOL_PAGE_SIZE || s->map_va > s->vaddr ||
                s->vaddr + s->memsz > s->map_va + s->map_size || s->filesz > s->memsz ||
                s->offset + s->filesz > img_len || (i && s->map_va < im.seg[i - 1].map_va + im.seg[i - 1].map_size))
                geo = 0;
        }
        CHECK("elf/hello-geometry", geo, "segment geometry inconsistent");
        CHECK("elf/hello-base", im.seg[0].vaddr == OBOL_USER_BASE, "text at %#lx", im.seg[0].vaddr);
        CHECK("elf/hello-bss-heap", im.seg[2].memsz >= 256 * 1024 && im.seg[2].memsz > im.seg[2].filesz,
              "data memsz %#lx filesz %#lx", im.seg[2].memsz, im.seg[2].filesz);
    }

    for (size_t i = 0; i < sizeof muts / sizeof muts[0]; i++) {
        unsigned char *c = copy();
        muts[i].m(c);
        r = parse_copy(c, img_len, &im);
        CHECK(muts[i].name, r == OBOL_ERR_INVALID_ARGS, "parse gave %d", r);
        free(c);
    }

    /* Truncation: below the end of the loaded bytes it must fail. */
    size_t need = 0;
    for (unsigned long i = 0; i < phnum(); i++) {
        const unsigned char *ph = img + phoff() + i * 56;
        if (get(ph, 4) == 1 && get(ph + 32, 8)) {
            size_t end = get(ph + 8, 8) + get(ph + 32, 8);
            if (end > need)
                need = end;
        }
    }
    if (phoff() + phnum() * 56 > need)
        need = phoff() + phnum() * 56;
    int bad = -1;
    for (size_t t = 0; t < need; t++)
        if (parse_copy(img, t, &im) != OBOL_ERR_INVALID_ARGS) {
            bad = (int)t;
            break;
        }
    CHECK("elf/truncated", bad < 0, "accepted at %d of %zu needed bytes", bad, need);
    CHECK("elf/exact-length", parse_copy(img, need, &im) == 0, "rejected at exactly %zu bytes", need);
    CHECK("elf/null", obol_elf_parse(NULL, 100, &im) == OBOL_ERR_INVALID_ARGS &&
                          obol_elf_parse(img, img_len, NULL) == OBOL_ERR_INVALID_ARGS,
          "NULL accepted");

    /* Random damage to the headers: whatever is accepted is consistent. */
    size_t hdr_end = phoff() + phnum() * 56;
    int incons = 0;
    srand(2);
    for (int k = 0; k < 50000 && !incons; k++) {
        unsigned char *c = copy();
        int nb = 1 + rand() % 4;
        for (int j = 0; j < nb; j++) {
            size_t at = (size_t)rand() % hdr_end;
            c[at] = (rand() & 1) ? (unsigned char)rand() : (unsigned char)(c[at] ^ (1u << (rand() % 8)));
        }
        if (parse_copy(c, img_len, &im) == 0) {
            int exec_entry = 0;
            for (unsigned i = 0; i < im.nsegments; i++) {
                const struct obol_elf_segment *s = &im.seg[i];
                if (s->offset + s->filesz > img_len || s->filesz > s->memsz ||
                    s->vaddr < OBOL_USER_BASE || s->vaddr + s->memsz > OBOL_SPAWN_STACK_BOTTOM ||
                    s->prot == 0 || (s->prot & OBOL_RIGHT_WRITE && s->prot & OBOL_RIGHT_EXECUTE) ||
                    (i && s->map_va < im.seg[i - 1].map_va + im.seg[i - 1].map_size))
                    incons = 1;
                if (s->prot & OBOL_RIGHT_EXECUTE && im.entry >= s->vaddr && im.entry < s->vaddr + s->memsz)
                    exec_entry = 1;
            }
            if (!exec_entry || im.nsegments == 0)
                incons = 1;
        }
        free(c);
    }
    CHECK("elf/fuzz", !incons, "an accepted damaged image breaks an invariant");

    free(img);
    return failures ? 1 : 0;
}
