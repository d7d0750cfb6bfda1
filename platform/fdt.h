/*
 * Flattened device tree (FDT v17) parser: turns the blob the firmware
 * hands us into the few facts the kernel needs to boot.  Nothing here
 * assumes a particular board; every address comes from the blob.
 *
 * Freestanding: no libc, compiles for the host (tests) and the kernel.
 */
#ifndef OBOL_FDT_H
#define OBOL_FDT_H

#include <stdint.h>

#define PLAT_MAX_MEM      8
#define PLAT_MAX_RESERVED 16
#define PLAT_MAX_HARTS    64

/* Negative results of fdt_parse (the message in *err says more). */
#define FDT_ERR_HEADER    (-1)  /* magic, version, sizes or offsets */
#define FDT_ERR_STRUCTURE (-2)  /* tokens, nesting, strings, property sizes */
#define FDT_ERR_MISSING   (-3)  /* a required node or property is absent */
#define FDT_ERR_LIMIT     (-4)  /* more than the kernel has room for */

struct mem_range {
    uint64_t base, size;
};

struct platform_info {
    uint32_t hart_count;     /* cpu nodes under /cpus with device_type "cpu", status okay */
    uint32_t hart_ids[PLAT_MAX_HARTS]; /* their reg (hart id), for the first PLAT_MAX_HARTS */
    const char *bootargs;    /* /chosen bootargs inside the blob (NUL-terminated), or NULL */
    uint64_t timebase_hz;    /* /cpus timebase-frequency (falls back to a cpu node's) */

    struct mem_range mem[PLAT_MAX_MEM];  /* device_type "memory" nodes, all reg entries */
    uint32_t mem_count;
    uint32_t mem_dropped;    /* memory ranges beyond PLAT_MAX_MEM (ignored: safe) */

    /* Memory reservation block + /reserved-memory children's reg.  Too
       many is an error, not a truncation: dropping one would let the
       kernel hand out firmware memory. */
    struct mem_range reserved[PLAT_MAX_RESERVED];
    uint32_t reserved_count;

    uint64_t uart_base, uart_size;  /* compatible "ns16550a"; /chosen stdout-path preferred */
    uint32_t uart_irq;              /* first cell of its "interrupts", 0 if none */
    uint64_t plic_base, plic_size;  /* "riscv,plic0" or "sifive,plic-1.0.0" */
    uint64_t test_base, test_size;  /* "sifive,test0"/"sifive,test1": poweroff/reboot */

    uint64_t dtb_base, dtb_size;    /* the blob itself (header totalsize) */
};

/*
 * Parse the blob at dtb, reading at most max_size bytes of it.
 * Returns 0 and fills *out, or a negative FDT_ERR_* with *err (if err is
 * not NULL) pointing at a static message naming what is wrong.
 * Corrupt input never makes it read outside [dtb, dtb + min(totalsize,
 * max_size)) nor loop: every step consumes at least one 4-byte token.
 */
int fdt_parse(const void *dtb, uint64_t max_size, struct platform_info *out,
              const char **err);

#endif
