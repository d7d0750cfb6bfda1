/*
 * Host tests for platform/fdt.c.
 *
 * Real trees come from QEMU's own dump (-machine virt,dumpdtb=...), made
 * at build time into DTB_DIR, next to hand-written trees (tests/host/dts)
 * for what QEMU never produces.  Then every blob is truncated and
 * corrupted: the parser must answer with an error or a sane result, and
 * ASan checks it never reads a byte outside the buffer.
 *
 * QEMU virt addresses appear here, in the test, and nowhere in the parser.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt.h"

#ifndef DTB_DIR
#error "build with -DDTB_DIR=\"...\" (tests/host/boot.mk does)"
#endif

#include "check.h"

struct blob {
    uint8_t *data;
    size_t size;
};

static struct blob load(const char *name)
{
    char path[512];
    struct blob b = { NULL, 0 };
    FILE *f;
    long n;

    snprintf(path, sizeof path, "%s/%s", DTB_DIR, name);
    f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        return b;
    }
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    b.data = malloc((size_t)n);
    if (b.data && fread(b.data, 1, (size_t)n, f) == (size_t)n)
        b.size = (size_t)n;
    fclose(f);
    /* QEMU 7.2's dumpdtb writes its whole 1 MiB fdt buffer; the tree is
       the first totalsize bytes.  Keep just those (as a bootloader would). */
    if (b.size >= 8) {
        size_t total = (size_t)b.data[4] << 24 | (size_t)b.data[5] << 16 |
                       (size_t)b.data[6] << 8 | b.data[7];
        if (total >= 40 && total < b.size)
            b.size = total;
    }
    return b;
}

/* An exact-size heap copy, so ASan flags any read past its end. */
static uint8_t *copy_exact(const uint8_t *src, size_t n)
{
    uint8_t *p = malloc(n ? n : 1);
    memcpy(p, src, n);
    return p;
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static int is_zeroed(const struct platform_info *pi)
{
    static const struct platform_info zero;
    return memcmp(pi, &zero, sizeof zero) == 0;
}

/* After any parse: an error with a message and a zeroed answer, or a
   result that respects every limit.  Returns 0 if insane. */
static int sane(int r, const char *err, const struct platform_info *pi, size_t max)
{
    if (r < 0)
        return r >= FDT_ERR_LIMIT && err && err[0] && is_zeroed(pi);
    return r == 0 && pi->hart_count >= 1 && pi->timebase_hz != 0 &&
           pi->mem_count >= 1 && pi->mem_count <= PLAT_MAX_MEM &&
           pi->reserved_count <= PLAT_MAX_RESERVED && pi->dtb_size <= max;
}

static void test_qemu(const char *file, uint32_t harts, uint64_t mem_size)
{
    char name[128];
    struct blob b = load(file);
    struct platform_info pi;
    const char *err = NULL;
    int r;

    snprintf(name, sizeof name, "fdt_qemu_%s_parses", file);
    if (!b.data) {
        check(name, 0, "cannot load %s/%s", DTB_DIR, file);
        return;
    }
    r = fdt_parse(b.data, b.size, &pi, &err);
    check(name, r == 0, "r=%d err=%s", r, err ? err : "-");
    if (r != 0) {
        free(b.data);
        return;
    }
#define Q(what, cond, ...) do { \
        snprintf(name, sizeof name, "fdt_qemu_%s_%s", file, what); \
        check(name, cond, __VA_ARGS__); } while (0)
    Q("harts", pi.hart_count == harts, "hart_count=%u want %u", pi.hart_count, harts);
    Q("timebase", pi.timebase_hz == 10000000, "timebase=%llu",
      (unsigned long long)pi.timebase_hz);
    Q("memory", pi.mem_count == 1 && pi.mem[0].base == 0x80000000 &&
      pi.mem[0].size == mem_size, "mem_count=%u base=%#llx size=%#llx", pi.mem_count,
      (unsigned long long)pi.mem[0].base, (unsigned long long)pi.mem[0].size);
    Q("uart", pi.uart_base == 0x10000000 && pi.uart_size == 0x100 && pi.uart_irq == 10,
      "uart=%#llx size=%#llx irq=%u", (unsigned long long)pi.uart_base,
      (unsigned long long)pi.uart_size, pi.uart_irq);
    Q("plic", pi.plic_base == 0xc000000 && pi.plic_size == 0x600000, "plic=%#llx size=%#llx",
      (unsigned long long)pi.plic_base, (unsigned long long)pi.plic_size);
    Q("test_device", pi.test_base == 0x100000 && pi.test_size == 0x1000,
      "test=%#llx size=%#llx", (unsigned long long)pi.test_base,
      (unsigned long long)pi.test_size);
    Q("dtb", pi.dtb_base == (uint64_t)(uintptr_t)b.data && pi.dtb_size == b.size,
      "dtb_size=%llu file=%zu", (unsigned long long)pi.dtb_size, b.size);
    {
        int ids_ok = 1;
        for (uint32_t i = 0; i < harts; i++)
            ids_ok &= pi.hart_ids[i] == i;
        Q("hart_ids", ids_ok, "hart_ids[0..%u) not 0,1,2,...", harts);
    }
    /* QEMU itself reserves nothing; OpenSBI adds /reserved-memory at run time. */
    Q("no_reserved", pi.reserved_count == 0, "reserved_count=%u", pi.reserved_count);
#undef Q
    free(b.data);
}

/* Parse a file; the blob stays alive until the next call, since the
   result may point into it (bootargs). */
static int parse_file(const char *file, struct platform_info *pi, const char **err)
{
    static struct blob b;
    free(b.data);
    b = load(file);
    if (!b.data) {
        *err = "test could not load the blob";
        return -100;
    }
    return fdt_parse(b.data, b.size, pi, err);
}

static void test_reserved(void)
{
    struct platform_info pi;
    const char *err = NULL;
    int r = parse_file("reserved.dtb", &pi, &err);

    check("fdt_reserved_parses", r == 0, "r=%d err=%s", r, err ? err : "-");
    if (r)
        return;
    check("fdt_reserved_count", pi.reserved_count == 4, "reserved_count=%u", pi.reserved_count);
    check("fdt_reserved_memreserve",
          pi.reserved[0].base == 0x80000000 && pi.reserved[0].size == 0x200000 &&
          pi.reserved[1].base == 0x84000000 && pi.reserved[1].size == 0x1000,
          "got %#llx+%#llx %#llx+%#llx", (unsigned long long)pi.reserved[0].base,
          (unsigned long long)pi.reserved[0].size, (unsigned long long)pi.reserved[1].base,
          (unsigned long long)pi.reserved[1].size);
    check("fdt_reserved_memory_node_cells1",
          pi.reserved[2].base == 0x80000000 && pi.reserved[2].size == 0x40000 &&
          pi.reserved[3].base == 0x80040000 && pi.reserved[3].size == 0x20000,
          "got %#llx+%#llx %#llx+%#llx", (unsigned long long)pi.reserved[2].base,
          (unsigned long long)pi.reserved[2].size, (unsigned long long)pi.reserved[3].base,
          (unsigned long long)pi.reserved[3].size);
    check("fdt_memory_all_entries_skip_disabled",
          pi.mem_count == 3 && pi.mem[0].base == 0x100000000ull && pi.mem[0].size == 0x40000000 &&
          pi.mem[1].base == 0x200000000ull && pi.mem[1].size == 0x10000000 &&
          pi.mem[2].base == 0x80000000 && pi.mem[2].size == 0x20000000,
          "mem_count=%u", pi.mem_count);
    check("fdt_cpu_disabled_not_counted", pi.hart_count == 2, "hart_count=%u", pi.hart_count);
    check("fdt_hart_ids_skip_disabled", pi.hart_ids[0] == 1 && pi.hart_ids[1] == 2,
          "hart_ids=%u,%u", pi.hart_ids[0], pi.hart_ids[1]);
    check("fdt_no_bootargs", pi.bootargs == NULL, "bootargs=%s", pi.bootargs);
    check("fdt_timebase_u64", pi.timebase_hz == 1000000, "timebase=%llu",
          (unsigned long long)pi.timebase_hz);
    check("fdt_stdout_alias_picks_second_uart",
          pi.uart_base == 0x20000000 && pi.uart_size == 0x1000 && pi.uart_irq == 33,
          "uart=%#llx irq=%u", (unsigned long long)pi.uart_base, pi.uart_irq);
    check("fdt_plic_riscv_plic0", pi.plic_base == 0xc000000 && pi.plic_size == 0x4000000,
          "plic=%#llx", (unsigned long long)pi.plic_base);
    check("fdt_no_test_device", pi.test_base == 0 && pi.test_size == 0, "test=%#llx",
          (unsigned long long)pi.test_base);
}

static void test_cells1(void)
{
    struct platform_info pi;
    const char *err = NULL;
    int r = parse_file("cells1.dtb", &pi, &err);

    check("fdt_cells1_parses", r == 0, "r=%d err=%s", r, err ? err : "-");
    if (r)
        return;
    check("fdt_cells1_memory",
          pi.mem_count == 2 && pi.mem[0].base == 0x40000000 && pi.mem[0].size == 0x08000000 &&
          pi.mem[1].base == 0x50000000 && pi.mem[1].size == 0x01000000,
          "mem_count=%u", pi.mem_count);
    check("fdt_cells1_timebase_from_cpu_node", pi.timebase_hz == 32768, "timebase=%llu",
          (unsigned long long)pi.timebase_hz);
    check("fdt_cells1_stdout_path_with_options",
          pi.uart_base == 0x3000 && pi.uart_size == 0x100 && pi.uart_irq == 2,
          "uart=%#llx irq=%u", (unsigned long long)pi.uart_base, pi.uart_irq);
    check("fdt_cells1_test0", pi.test_base == 0x100 && pi.test_size == 0x1000, "test=%#llx",
          (unsigned long long)pi.test_base);
    check("fdt_cells1_bootargs", pi.bootargs && strcmp(pi.bootargs, "init=/hello quiet") == 0,
          "bootargs=%s", pi.bootargs ? pi.bootargs : "(null)");
    check("fdt_cells1_sifive_plic", pi.plic_base == 0x4000 && pi.plic_size == 0x2000,
          "plic=%#llx", (unsigned long long)pi.plic_base);
}

static void test_defaults(void)
{
    struct platform_info pi;
    const char *err = NULL;
    int r = parse_file("defaults.dtb", &pi, &err);

    check("fdt_default_cells_parses", r == 0, "r=%d err=%s", r, err ? err : "-");
    if (r)
        return;
    check("fdt_default_cells_2_1", pi.mem[0].base == 0x80000000 && pi.mem[0].size == 0x100000 &&
          pi.mem[7].base == 0x80700000, "mem[0]=%#llx+%#llx", (unsigned long long)pi.mem[0].base,
          (unsigned long long)pi.mem[0].size);
    check("fdt_memory_overflow_counted", pi.mem_count == PLAT_MAX_MEM && pi.mem_dropped == 2,
          "mem_count=%u dropped=%u", pi.mem_count, pi.mem_dropped);
    check("fdt_optional_devices_absent",
          pi.uart_base == 0 && pi.plic_base == 0 && pi.test_base == 0 && pi.hart_count == 1,
          "uart=%#llx", (unsigned long long)pi.uart_base);
}

/* A blob the parser must refuse, with code and a message mentioning word. */
static void test_refused(const char *file, int code, const char *word)
{
    char name[128];
    struct platform_info pi;
    const char *err = NULL;
    int r = parse_file(file, &pi, &err);

    snprintf(name, sizeof name, "fdt_refuses_%s", file);
    check(name, r == code && err && strstr(err, word) && is_zeroed(&pi),
          "r=%d want %d err=%s", r, code, err ? err : "-");
}

/* Hand-edited headers. */
static void test_header(void)
{
    struct blob b = load("qemu-smp1-128M.dtb");
    struct platform_info pi;
    const char *err;
    uint8_t *p;
    int r;

    if (!b.data) {
        check("fdt_header_load", 0, "cannot load");
        return;
    }
    p = copy_exact(b.data, b.size);
    p[0] ^= 1;
    err = NULL;
    r = fdt_parse(p, b.size, &pi, &err);
    check("fdt_bad_magic", r == FDT_ERR_HEADER && err && strstr(err, "magic"), "r=%d", r);
    free(p);

    p = copy_exact(b.data, b.size);
    put_be32(p + 20, 16);
    err = NULL;
    r = fdt_parse(p, b.size, &pi, &err);
    check("fdt_bad_version_16", r == FDT_ERR_HEADER && err && strstr(err, "version"), "r=%d", r);
    put_be32(p + 20, 18);
    put_be32(p + 24, 18);   /* last_comp_version newer than we know */
    r = fdt_parse(p, b.size, &pi, &err);
    check("fdt_bad_last_comp_version", r == FDT_ERR_HEADER && strstr(err, "version"), "r=%d", r);
    free(p);

    err = NULL;
    r = fdt_parse(b.data, b.size - 1, &pi, &err);
    check("fdt_max_size_below_totalsize", r == FDT_ERR_HEADER && err && strstr(err, "truncated"),
          "r=%d", r);
    r = fdt_parse(NULL, 100, &pi, &err);
    check("fdt_null_blob", r < 0, "r=%d", r);
    r = fdt_parse(b.data, b.size, &pi, NULL);
    check("fdt_err_pointer_optional", r == 0, "r=%d", r);

    /* A blob followed by other bytes: max_size larger than totalsize is fine. */
    p = malloc(b.size + 64);
    memcpy(p, b.data, b.size);
    memset(p + b.size, 0xa5, 64);
    r = fdt_parse(p, b.size + 64, &pi, &err);
    check("fdt_max_size_above_totalsize", r == 0 && pi.dtb_size == b.size, "r=%d", r);
    free(p);
    free(b.data);
}

/* Every truncation: buffer cut to n bytes (max_size n), and header
   totalsize rewritten to n so the walk itself meets the cut. */
static void test_truncation(const char *file)
{
    char name[128];
    struct blob b = load(file);
    struct platform_info pi;
    const char *err;
    size_t n, bad = 0, cut_ok = 0;

    if (!b.data) {
        check("fdt_truncation_load", 0, "cannot load %s", file);
        return;
    }
    for (n = 0; n < b.size; n++) {
        uint8_t *p = copy_exact(b.data, n);
        int r;
        err = NULL;
        r = fdt_parse(p, n, &pi, &err);
        if (r >= 0 || !sane(r, err, &pi, n))
            bad++;
        if (n >= 40) {
            put_be32(p + 4, (uint32_t)n);
            err = NULL;
            r = fdt_parse(p, n, &pi, &err);
            if (!sane(r, err, &pi, n))
                bad++;
            cut_ok += r == 0;
        }
        free(p);
    }
    snprintf(name, sizeof name, "fdt_truncated_every_length_%s", file);
    check(name, bad == 0, "%zu bad results over %zu lengths", bad, b.size);
    (void)cut_ok;
    free(b.data);
}

/* Every byte inverted, every single bit flipped, then seeded random
   multi-byte damage.  No crash (ASan), no hang, only sane answers. */
static void test_corruption(const char *file, unsigned seed, int random_rounds)
{
    char name[128];
    struct blob b = load(file);
    struct platform_info pi;
    const char *err;
    size_t i, bad = 0, parses = 0;
    uint8_t *p;

    if (!b.data) {
        check("fdt_corruption_load", 0, "cannot load %s", file);
        return;
    }
    p = copy_exact(b.data, b.size);
    for (i = 0; i < b.size; i++) {
        for (int bit = -1; bit < 8; bit++) {
            uint8_t mask = bit < 0 ? 0xff : (uint8_t)(1u << bit);
            int r;
            p[i] ^= mask;
            err = NULL;
            r = fdt_parse(p, b.size, &pi, &err);
            bad += !sane(r, err, &pi, b.size);
            parses++;
            p[i] ^= mask;
        }
    }
    snprintf(name, sizeof name, "fdt_every_byte_and_bit_flipped_%s", file);
    check(name, bad == 0, "%zu insane results in %zu parses", bad, parses);

    srand(seed);
    bad = 0;
    for (int round = 0; round < random_rounds; round++) {
        int flips = 1 + rand() % 8, r;
        memcpy(p, b.data, b.size);
        for (int k = 0; k < flips; k++)
            p[(size_t)rand() % b.size] = (uint8_t)rand();
        err = NULL;
        r = fdt_parse(p, b.size, &pi, &err);
        bad += !sane(r, err, &pi, b.size);
    }
    snprintf(name, sizeof name, "fdt_random_damage_%s_seed%u", file, seed);
    check(name, bad == 0, "%zu insane results in %d parses", bad, random_rounds);
    free(p);
    free(b.data);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* lines survive a crash */
    test_qemu("qemu-smp1-128M.dtb", 1, 128ull << 20);
    test_qemu("qemu-smp4-1G.dtb", 4, 1ull << 30);
    test_qemu("qemu-smp4-128M.dtb", 4, 128ull << 20);
    test_qemu("qemu-smp1-1G.dtb", 1, 1ull << 30);
    test_reserved();
    test_cells1();
    test_defaults();
    test_refused("nomemory.dtb", FDT_ERR_MISSING, "memory");
    test_refused("notimebase.dtb", FDT_ERR_MISSING, "timebase");
    test_refused("nocpus.dtb", FDT_ERR_MISSING, "cpus");
    test_refused("toomanyresv.dtb", FDT_ERR_LIMIT, "reserved");
    test_refused("deep.dtb", FDT_ERR_STRUCTURE, "deep");
    test_header();
    test_truncation("qemu-smp1-128M.dtb");
    test_truncation("reserved.dtb");
    test_truncation("cells1.dtb");
    test_corruption("qemu-smp1-128M.dtb", 1, 50000);
    test_corruption("qemu-smp4-1G.dtb", 4, 50000);
    test_corruption("reserved.dtb", 2, 20000);
    test_corruption("cells1.dtb", 3, 20000);
    return failures ? 1 : 0;
}
