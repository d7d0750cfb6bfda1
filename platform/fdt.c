/*
 * Flattened device tree parser.  See platform/fdt.h and the Devicetree
 * Specification v0.4, chapter 5 ("Flattened Devicetree (DTB) Format").
 *
 * The blob is untrusted input: it is read byte by byte (big-endian, no
 * alignment assumed), every offset is checked against the block it points
 * into before use, and the structure walk is a small validating iterator
 * so each pass below sees only well-formed tokens.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fdt.h"

#define FDT_MAGIC        0xd00dfeedu
#define FDT_VERSION      17
#define FDT_HEADER_SIZE  40

#define FDT_BEGIN_NODE   1
#define FDT_END_NODE     2
#define FDT_PROP         3
#define FDT_NOP          4
#define FDT_END          9

#define FDT_MAX_DEPTH    16   /* QEMU's tree is 5 deep; deeper is refused */

/* ---- tiny helpers (no libc) ---- */

static uint32_t be32(const uint8_t *p)
{
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) |
           ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

static uint64_t be64(const uint8_t *p)
{
    return ((uint64_t)be32(p) << 32) | be32(p + 4);
}

static bool str_eq(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

/* Compare the first n bytes of a with the NUL-terminated b, exactly. */
static bool str_eq_n(const char *a, size_t n, const char *b)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i] == '\0' || a[i] != b[i])
            return false;
    return b[n] == '\0';
}

/* Node name without its "@unit-address" equals want? ("memory@80000000") */
static bool node_name_is(const char *name, const char *want)
{
    size_t n = 0;
    while (name[n] && name[n] != '@')
        n++;
    return str_eq_n(name, n, want);
}

/* Length of the string at p if a NUL occurs within [p, p + max), else -1. */
static int64_t bounded_strlen(const uint8_t *p, uint64_t max)
{
    uint64_t i;
    for (i = 0; i < max; i++)
        if (p[i] == '\0')
            return (int64_t)i;
    return -1;
}

/* A string property's value must be NUL-terminated inside itself. */
static bool is_string_prop(const uint8_t *val, uint32_t len)
{
    return len > 0 && val[len - 1] == '\0';
}

/* Does the stringlist value (already checked by is_string_prop) hold want? */
static bool stringlist_has(const uint8_t *val, uint32_t len, const char *want)
{
    uint32_t i = 0;
    while (i < len) {
        const char *s = (const char *)val + i;
        if (str_eq(s, want))
            return true;
        while (i < len && val[i] != '\0')
            i++;
        i++;   /* skip the NUL */
    }
    return false;
}

/* ---- the blob and its header ---- */

struct fdt {
    const uint8_t *base;
    uint32_t totalsize;
    uint32_t off_struct, size_struct;
    uint32_t off_strings, size_strings;
    uint32_t off_rsvmap;
};

static int fail(const char **err, const char *msg, int code)
{
    if (err)
        *err = msg;
    return code;
}

/* Is [off, off + size) inside [FDT_HEADER_SIZE, totalsize)? (no overflow: 64-bit) */
static bool block_ok(uint32_t off, uint32_t size, uint32_t totalsize)
{
    return off >= FDT_HEADER_SIZE && (uint64_t)off + size <= totalsize;
}

static int fdt_open(struct fdt *f, const void *dtb, uint64_t max_size, const char **err)
{
    const uint8_t *h = dtb;

    if (dtb == NULL)
        return fail(err, "fdt: no blob (NULL pointer)", FDT_ERR_HEADER);
    if (max_size < FDT_HEADER_SIZE)
        return fail(err, "fdt: truncated header", FDT_ERR_HEADER);
    if (be32(h) != FDT_MAGIC)
        return fail(err, "fdt: bad magic", FDT_ERR_HEADER);
    f->base = h;
    f->totalsize = be32(h + 4);
    f->off_struct = be32(h + 8);
    f->off_strings = be32(h + 12);
    f->off_rsvmap = be32(h + 16);
    /* We need v17's size_dt_struct; a blob whose last compatible version
       is newer than 17 is in a format we do not understand. */
    if (be32(h + 20) < FDT_VERSION || be32(h + 24) > FDT_VERSION)
        return fail(err, "fdt: bad version (need v17-compatible)", FDT_ERR_HEADER);
    f->size_strings = be32(h + 32);
    f->size_struct = be32(h + 36);

    if (f->totalsize < FDT_HEADER_SIZE)
        return fail(err, "fdt: bad totalsize (smaller than header)", FDT_ERR_HEADER);
    if (f->totalsize > max_size)
        return fail(err, "fdt: truncated (totalsize beyond buffer)", FDT_ERR_HEADER);
    if (!block_ok(f->off_struct, f->size_struct, f->totalsize) || (f->off_struct & 3))
        return fail(err, "fdt: structure block outside blob", FDT_ERR_HEADER);
    if (!block_ok(f->off_strings, f->size_strings, f->totalsize))
        return fail(err, "fdt: strings block outside blob", FDT_ERR_HEADER);
    if (!block_ok(f->off_rsvmap, 0, f->totalsize))
        return fail(err, "fdt: memory reservation block outside blob", FDT_ERR_HEADER);
    return 0;
}

/* ---- validating structure-block iterator ---- */

enum tok_kind { TOK_BEGIN, TOK_PROP, TOK_END_NODE, TOK_END };

struct token {
    enum tok_kind kind;
    int depth;               /* of the node begun, owning the prop, or ended; root is 1 */
    const char *name;        /* node or property name (NUL-terminated, in bounds) */
    const uint8_t *val;      /* property value */
    uint32_t len;
};

struct fdt_iter {
    const struct fdt *f;
    uint32_t off;            /* next token, relative to the structure block */
    int depth;               /* nodes currently open */
    bool root_done;
    bool had_child[FDT_MAX_DEPTH + 1];   /* properties must precede subnodes */
};

static void iter_start(struct fdt_iter *it, const struct fdt *f)
{
    int i;
    it->f = f;
    it->off = 0;
    it->depth = 0;
    it->root_done = false;
    for (i = 0; i <= FDT_MAX_DEPTH; i++)
        it->had_child[i] = false;
}

/* Next token, or a negative error.  Each call consumes >= 4 bytes of a
   finite block, so a walk always ends. */
static int iter_next(struct fdt_iter *it, struct token *t, const char **err)
{
    const struct fdt *f = it->f;
    const uint8_t *blk = f->base + f->off_struct;
    uint32_t end = f->size_struct;

    for (;;) {
        uint32_t tag;
        if ((uint64_t)it->off + 4 > end)
            return fail(err, "fdt: truncated structure block (no FDT_END)", FDT_ERR_STRUCTURE);
        tag = be32(blk + it->off);
        it->off += 4;

        switch (tag) {
        case FDT_NOP:
            continue;

        case FDT_BEGIN_NODE: {
            int64_t n = bounded_strlen(blk + it->off, end - it->off);
            if (it->root_done)
                return fail(err, "fdt: more than one root node", FDT_ERR_STRUCTURE);
            if (n < 0)
                return fail(err, "fdt: unterminated node name", FDT_ERR_STRUCTURE);
            if (it->depth >= FDT_MAX_DEPTH)
                return fail(err, "fdt: nodes nested too deep", FDT_ERR_STRUCTURE);
            if (it->depth == 0 && n != 0)
                return fail(err, "fdt: root node has a name", FDT_ERR_STRUCTURE);
            if (it->depth > 0)
                it->had_child[it->depth] = true;
            t->kind = TOK_BEGIN;
            t->name = (const char *)blk + it->off;
            it->depth++;
            it->had_child[it->depth] = false;
            t->depth = it->depth;
            /* skip name + NUL, padded to 4; may equal end, checked next call */
            it->off = (uint32_t)(((uint64_t)it->off + (uint64_t)n + 1 + 3) & ~(uint64_t)3);
            if (it->off > end)
                return fail(err, "fdt: truncated node name", FDT_ERR_STRUCTURE);
            return 0;
        }

        case FDT_PROP: {
            uint32_t len, nameoff;
            int64_t n;
            if (it->depth == 0)
                return fail(err, "fdt: property outside any node", FDT_ERR_STRUCTURE);
            if (it->had_child[it->depth])
                return fail(err, "fdt: property after a subnode", FDT_ERR_STRUCTURE);
            if ((uint64_t)it->off + 8 > end)
                return fail(err, "fdt: truncated property header", FDT_ERR_STRUCTURE);
            len = be32(blk + it->off);
            nameoff = be32(blk + it->off + 4);
            it->off += 8;
            if ((uint64_t)len > end - it->off)
                return fail(err, "fdt: property value runs past structure block", FDT_ERR_STRUCTURE);
            if (nameoff >= f->size_strings)
                return fail(err, "fdt: property name offset outside strings block", FDT_ERR_STRUCTURE);
            n = bounded_strlen(f->base + f->off_strings + nameoff, f->size_strings - nameoff);
            if (n < 0)
                return fail(err, "fdt: unterminated property name", FDT_ERR_STRUCTURE);
            t->kind = TOK_PROP;
            t->depth = it->depth;
            t->name = (const char *)f->base + f->off_strings + nameoff;
            t->val = blk + it->off;
            t->len = len;
            it->off = (uint32_t)(((uint64_t)it->off + len + 3) & ~(uint64_t)3);
            if (it->off > end)
                return fail(err, "fdt: truncated property value", FDT_ERR_STRUCTURE);
            return 0;
        }

        case FDT_END_NODE:
            if (it->depth == 0)
                return fail(err, "fdt: unbalanced FDT_END_NODE", FDT_ERR_STRUCTURE);
            t->kind = TOK_END_NODE;
            t->depth = it->depth;
            it->depth--;
            if (it->depth == 0)
                it->root_done = true;
            return 0;

        case FDT_END:
            if (it->depth != 0 || !it->root_done)
                return fail(err, "fdt: FDT_END inside a node or before the root", FDT_ERR_STRUCTURE);
            t->kind = TOK_END;
            t->depth = 0;
            return 0;

        default:
            return fail(err, "fdt: bad structure token", FDT_ERR_STRUCTURE);
        }
    }
}

/* Value of property prop of the top-level node named node (e.g. /chosen). */
static int find_top_prop(const struct fdt *f, const char *node, const char *prop,
                         const uint8_t **val, uint32_t *len, const char **err)
{
    struct fdt_iter it;
    struct token t;
    bool in_node = false;
    int r;

    *val = NULL;
    *len = 0;
    iter_start(&it, f);
    while ((r = iter_next(&it, &t, err)) == 0 && t.kind != TOK_END) {
        if (t.kind == TOK_BEGIN && t.depth == 2)
            in_node = node_name_is(t.name, node);
        else if (t.kind == TOK_END_NODE && t.depth == 2)
            in_node = false;
        else if (t.kind == TOK_PROP && t.depth == 2 && in_node && !*val &&
                 str_eq(t.name, prop)) {
            *val = t.val;
            *len = t.len;
        }
    }
    return r;
}

/*
 * The UART the firmware names in /chosen stdout-path, as a node path
 * ("/soc/serial@10000000"), with any ":options" cut off.  An alias
 * ("serial0:115200") is looked up in /aliases.  Sets *len 0 if none.
 */
static int find_stdout_path(const struct fdt *f, const char **path, uint32_t *len,
                            const char **err)
{
    const uint8_t *v;
    uint32_t n, i;
    int r;

    *path = NULL;
    *len = 0;
    if ((r = find_top_prop(f, "chosen", "stdout-path", &v, &n, err)) < 0)
        return r;
    if (!v && (r = find_top_prop(f, "chosen", "linux,stdout-path", &v, &n, err)) < 0)
        return r;
    if (!v || !is_string_prop(v, n))
        return 0;
    for (i = 0; v[i] && v[i] != ':'; i++)
        ;
    if (v[0] != '/') {
        char alias[32];
        uint32_t k;
        if (i >= sizeof alias)
            return 0;
        for (k = 0; k < i; k++)
            alias[k] = (char)v[k];
        alias[i] = '\0';
        if ((r = find_top_prop(f, "aliases", alias, &v, &n, err)) < 0)
            return r;
        if (!v || !is_string_prop(v, n) || v[0] != '/')
            return 0;
        for (i = 0; v[i] && v[i] != ':'; i++)
            ;
    }
    *path = (const char *)v;
    *len = i;
    return 0;
}

/* ---- the main pass ---- */

/* What we learn about one open node; facts are acted on at its END_NODE,
   because a node's properties may come in any order. */
struct node {
    uint32_t addr_cells, size_cells;   /* this node's, for its children */
    int32_t stdout_pos;    /* chars of stdout path matched through this node, -1: off path */
    bool is_cpus, is_resmem, okay;
    bool is_memory, is_cpu, is_uart, is_plic, is_test;
    const uint8_t *reg;
    uint32_t reg_len;
    bool has_irq;
    uint32_t irq;
    uint64_t timebase;
};

struct parse_state {
    struct platform_info *out;
    const char *stdout_path;
    uint32_t stdout_len;
    bool found_cpus, uart_is_stdout, have_uart, have_plic, have_test;
    uint64_t cpu_timebase;    /* fallback: first cpu node's timebase-frequency */
    struct node stack[FDT_MAX_DEPTH + 1];   /* [0] stands for the root's parent */
};

static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
    return cells == 2 ? be64(p) : cells == 1 ? be32(p) : 0;
}

/* Where does path component `name` of the node begun under parent_pos
   take the stdout-path match? */
static int32_t match_path(const struct parse_state *s, int32_t parent_pos, const char *name)
{
    uint32_t start, stop;
    if (parent_pos < 0 || (uint32_t)parent_pos >= s->stdout_len ||
        s->stdout_path[parent_pos] != '/')
        return -1;
    start = (uint32_t)parent_pos + 1;
    for (stop = start; stop < s->stdout_len && s->stdout_path[stop] != '/'; stop++)
        ;
    return str_eq_n(s->stdout_path + start, stop - start, name) ? (int32_t)stop : -1;
}

/* reg entry count for the parent's cell sizes; -1 if the cells are ones we
   cannot hold in 64 bits or reg is not a whole number of entries. */
static int64_t reg_entries(const struct node *n, const struct node *parent)
{
    uint32_t stride = (parent->addr_cells + parent->size_cells) * 4;
    if (parent->addr_cells < 1 || parent->addr_cells > 2 || parent->size_cells > 2)
        return -1;
    if (n->reg_len % stride)
        return -1;
    return n->reg_len / stride;
}

static void reg_entry(const struct node *n, const struct node *parent, uint32_t i,
                      uint64_t *base, uint64_t *size)
{
    uint32_t stride = (parent->addr_cells + parent->size_cells) * 4;
    const uint8_t *p = n->reg + (uint64_t)i * stride;
    *base = read_cells(p, parent->addr_cells);
    *size = read_cells(p + parent->addr_cells * 4, parent->size_cells);
}

/* Add every reg entry of a memory or reserved-memory node to list. */
static int add_ranges(const struct node *n, const struct node *parent, bool reserved,
                      struct parse_state *s, const char **err)
{
    struct platform_info *o = s->out;
    int64_t count = reg_entries(n, parent);
    uint32_t i;

    if (count < 0 || parent->size_cells == 0)
        return fail(err, "fdt: memory node reg does not fit #address-cells/#size-cells",
                    FDT_ERR_STRUCTURE);
    for (i = 0; i < (uint64_t)count; i++) {
        uint64_t base, size;
        reg_entry(n, parent, i, &base, &size);
        if (size == 0)
            continue;
        if (base + size < base)
            return fail(err, "fdt: memory range wraps around the address space",
                        FDT_ERR_STRUCTURE);
        if (reserved) {
            if (o->reserved_count >= PLAT_MAX_RESERVED)
                return fail(err, "fdt: too many reserved memory ranges", FDT_ERR_LIMIT);
            o->reserved[o->reserved_count].base = base;
            o->reserved[o->reserved_count].size = size;
            o->reserved_count++;
        } else if (o->mem_count >= PLAT_MAX_MEM) {
            o->mem_dropped++;
        } else {
            o->mem[o->mem_count].base = base;
            o->mem[o->mem_count].size = size;
            o->mem_count++;
        }
    }
    return 0;
}

/* First reg entry of a device; false if it has none we can read. */
static bool device_reg(const struct node *n, const struct node *parent,
                       uint64_t *base, uint64_t *size)
{
    if (!n->reg || reg_entries(n, parent) < 1)
        return false;
    reg_entry(n, parent, 0, base, size);
    return true;
}

static int on_prop(struct parse_state *s, int depth, const struct token *t, const char **err)
{
    struct node *n = &s->stack[depth];

    if (str_eq(t->name, "#address-cells") || str_eq(t->name, "#size-cells")) {
        uint32_t v;
        if (t->len != 4 || (v = be32(t->val)) > 4)
            return fail(err, "fdt: bad #address-cells or #size-cells", FDT_ERR_STRUCTURE);
        if (t->name[1] == 'a')
            n->addr_cells = v;
        else
            n->size_cells = v;
    } else if (str_eq(t->name, "reg")) {
        n->reg = t->val;
        n->reg_len = t->len;
    } else if (str_eq(t->name, "device_type")) {
        if (!is_string_prop(t->val, t->len))
            return fail(err, "fdt: unterminated device_type", FDT_ERR_STRUCTURE);
        n->is_memory = str_eq((const char *)t->val, "memory");
        n->is_cpu = str_eq((const char *)t->val, "cpu");
    } else if (str_eq(t->name, "status")) {
        if (!is_string_prop(t->val, t->len))
            return fail(err, "fdt: unterminated status", FDT_ERR_STRUCTURE);
        n->okay = str_eq((const char *)t->val, "okay") || str_eq((const char *)t->val, "ok");
    } else if (str_eq(t->name, "compatible")) {
        if (!is_string_prop(t->val, t->len))
            return fail(err, "fdt: unterminated compatible", FDT_ERR_STRUCTURE);
        n->is_uart = stringlist_has(t->val, t->len, "ns16550a") ||
                     stringlist_has(t->val, t->len, "ns16550");
        n->is_plic = stringlist_has(t->val, t->len, "riscv,plic0") ||
                     stringlist_has(t->val, t->len, "sifive,plic-1.0.0");
        n->is_test = stringlist_has(t->val, t->len, "sifive,test0") ||
                     stringlist_has(t->val, t->len, "sifive,test1");
    } else if (str_eq(t->name, "interrupts")) {
        if (t->len >= 4) {
            n->has_irq = true;
            n->irq = be32(t->val);
        }
    } else if (str_eq(t->name, "timebase-frequency")) {
        if (t->len == 4)
            n->timebase = be32(t->val);
        else if (t->len == 8)
            n->timebase = be64(t->val);
        else
            return fail(err, "fdt: bad timebase-frequency size", FDT_ERR_STRUCTURE);
    }
    return 0;
}

static void on_begin(struct parse_state *s, int depth, const char *name)
{
    struct node *parent = &s->stack[depth - 1];
    struct node *n = &s->stack[depth];

    n->addr_cells = 2;   /* spec defaults for a node's children */
    n->size_cells = 1;
    n->stdout_pos = depth == 1 ? (s->stdout_len ? 0 : -1)
                               : match_path(s, parent->stdout_pos, name);
    n->is_cpus = depth == 2 && node_name_is(name, "cpus");
    n->is_resmem = depth == 2 && node_name_is(name, "reserved-memory");
    n->okay = true;
    n->is_memory = n->is_cpu = n->is_uart = n->is_plic = n->is_test = false;
    n->reg = NULL;
    n->reg_len = 0;
    n->has_irq = false;
    n->irq = 0;
    n->timebase = 0;
}

static int on_end(struct parse_state *s, int depth, const char **err)
{
    struct platform_info *o = s->out;
    const struct node *n = &s->stack[depth];
    const struct node *parent = &s->stack[depth - 1];
    uint64_t base, size;
    int r;

    if (n->is_cpus) {
        s->found_cpus = true;
        if (n->timebase)
            o->timebase_hz = n->timebase;
    }
    if (depth == 3 && parent->is_cpus && n->is_cpu && n->okay) {
        /* A cpu's reg is its hart id: one cell under /cpus (#address-cells 1). */
        if (o->hart_count < PLAT_MAX_HARTS && n->reg && n->reg_len >= 4)
            o->hart_ids[o->hart_count] = be32(n->reg + n->reg_len - 4);
        o->hart_count++;
        if (!s->cpu_timebase)
            s->cpu_timebase = n->timebase;
    }
    if (!n->okay)
        return 0;
    if (n->is_memory && (r = add_ranges(n, parent, false, s, err)) < 0)
        return r;
    if (depth == 3 && parent->is_resmem && n->reg &&
        (r = add_ranges(n, parent, true, s, err)) < 0)
        return r;
    if (n->is_uart && device_reg(n, parent, &base, &size)) {
        bool is_stdout = n->stdout_pos >= 0 && (uint32_t)n->stdout_pos == s->stdout_len;
        if (!s->have_uart || (is_stdout && !s->uart_is_stdout)) {
            o->uart_base = base;
            o->uart_size = size;
            o->uart_irq = n->has_irq ? n->irq : 0;
            s->have_uart = true;
            s->uart_is_stdout = is_stdout;
        }
    }
    if (n->is_plic && !s->have_plic && device_reg(n, parent, &base, &size)) {
        o->plic_base = base;
        o->plic_size = size;
        s->have_plic = true;
    }
    if (n->is_test && !s->have_test && device_reg(n, parent, &base, &size)) {
        o->test_base = base;
        o->test_size = size;
        s->have_test = true;
    }
    return 0;
}

/* Memory reservation block: (address, size) u64 pairs ending with (0, 0). */
static int read_rsvmap(const struct fdt *f, struct platform_info *o, const char **err)
{
    uint64_t off;
    for (off = f->off_rsvmap;; off += 16) {
        uint64_t base, size;
        if (off + 16 > f->totalsize)
            return fail(err, "fdt: truncated memory reservation block", FDT_ERR_STRUCTURE);
        base = be64(f->base + off);
        size = be64(f->base + off + 8);
        if (base == 0 && size == 0)
            return 0;
        if (size == 0)
            continue;
        if (base + size < base)
            return fail(err, "fdt: reserved range wraps around the address space",
                        FDT_ERR_STRUCTURE);
        if (o->reserved_count >= PLAT_MAX_RESERVED)
            return fail(err, "fdt: too many reserved memory ranges", FDT_ERR_LIMIT);
        o->reserved[o->reserved_count].base = base;
        o->reserved[o->reserved_count].size = size;
        o->reserved_count++;
    }
}

static int parse(const void *dtb, uint64_t max_size, struct platform_info *out,
                 const char **err)
{
    struct parse_state s;
    struct fdt f;
    struct fdt_iter it;
    struct token t;
    int r;

    if ((r = fdt_open(&f, dtb, max_size, err)) < 0)
        return r;
    out->dtb_base = (uint64_t)(uintptr_t)dtb;
    out->dtb_size = f.totalsize;
    if ((r = read_rsvmap(&f, out, err)) < 0)
        return r;

    s.out = out;
    s.found_cpus = s.uart_is_stdout = s.have_uart = s.have_plic = s.have_test = false;
    s.cpu_timebase = 0;
    if ((r = find_stdout_path(&f, &s.stdout_path, &s.stdout_len, err)) < 0)
        return r;
    {
        const uint8_t *v;
        uint32_t n;
        if ((r = find_top_prop(&f, "chosen", "bootargs", &v, &n, err)) < 0)
            return r;
        if (v && is_string_prop(v, n))
            out->bootargs = (const char *)v;
    }
    s.stack[0].addr_cells = 2;
    s.stack[0].size_cells = 1;
    s.stack[0].stdout_pos = -1;
    s.stack[0].is_cpus = s.stack[0].is_resmem = false;

    iter_start(&it, &f);
    while ((r = iter_next(&it, &t, err)) == 0 && t.kind != TOK_END) {
        if (t.kind == TOK_BEGIN)
            on_begin(&s, t.depth, t.name);
        else if (t.kind == TOK_PROP)
            r = on_prop(&s, t.depth, &t, err);
        else
            r = on_end(&s, t.depth, err);
        if (r < 0)
            break;
    }
    if (r < 0)
        return r;

    if (!out->timebase_hz)
        out->timebase_hz = s.cpu_timebase;
    if (!s.found_cpus)
        return fail(err, "fdt: missing /cpus", FDT_ERR_MISSING);
    if (out->hart_count == 0)
        return fail(err, "fdt: no usable cpu node under /cpus", FDT_ERR_MISSING);
    if (!out->timebase_hz)
        return fail(err, "fdt: missing timebase-frequency in /cpus", FDT_ERR_MISSING);
    if (out->mem_count == 0)
        return fail(err, "fdt: missing /memory (no device_type \"memory\" node with reg)",
                    FDT_ERR_MISSING);
    return 0;
}

int fdt_parse(const void *dtb, uint64_t max_size, struct platform_info *out,
              const char **err)
{
    static const struct platform_info empty;
    int r;

    *out = empty;
    r = parse(dtb, max_size, out, err);
    if (r < 0)
        *out = empty;   /* no half-filled answers */
    return r;
}
