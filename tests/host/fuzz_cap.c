/*
 * libFuzzer harness over the capability core's API (spec/fuzzing.md).
 * Each input is decoded into a sequence of operations with arbitrary
 * arguments: create, mint, dup, dup_from (third-party DUP and remote
 * close), close, destroy, revoke, info, lookup, process_exit, transfer,
 * pin/unpin and reap (plus bootstrap); after every operation
 * the executable invariants (kernel/cap/cap_check.c) are checked and any
 * violation aborts with its reason.  Small tables so pools fill up.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include "cap/cap.h"
#include "cap/cap_check.h"

struct in { const uint8_t *p; size_t n; };

static uint32_t u8(struct in *in)
{
    if (!in->n) return 0;
    in->n--;
    return *in->p++;
}
static uint32_t u32(struct in *in)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) v = v << 8 | u8(in);
    return v;
}
/* Mostly small descriptor numbers, sometimes out of range or ANY. */
static uint32_t desc(struct in *in)
{
    uint32_t b = u8(in);
    if (b < 200) return b % (CAP_TABLE_SLOTS + 2);
    if (b < 230) return OBOL_DESC_ANY;
    return u32(in);
}
/* A used table (the operations' precondition, as in the kernel: the caller's
 * own table); CAP_NONE if there is none. */
static uint32_t table(struct in *in)
{
    uint32_t b = u8(in);
    for (uint32_t i = 0; i < CAP_MAX_TABLES; i++) {
        uint32_t t = (b + i) % CAP_MAX_TABLES;
        if (cap_t_used[t]) return t;
    }
    return CAP_NONE;
}
static uint32_t rights(struct in *in)
{
    uint32_t b = u8(in);
    if (b < 40) return OBOL_SAME_RIGHTS;
    if (b < 200) return u8(in) | (u8(in) & 0x1f) << 8;
    return u32(in);
}

static void check(const char *op)
{
    const char *why;
    if (cap_check_invariants(&why)) {
        fprintf(stderr, "fuzz_cap: invariant violated after %s: %s (index %u)\n", op, why, cap_check_index);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct in in = { data, size };
    uint32_t pinned[64];
    unsigned npinned = 0;
    cap_init();
    uint32_t t0;
    obol_desc_t s0;
    if (cap_bootstrap(&t0, &s0) != OBOL_OK) abort();
    check("bootstrap");
    while (in.n) {
        uint32_t op = u8(&in) % 16, t = table(&in), obj, type;
        obol_desc_t out;
        struct cap_info info;
        const char *name = "?";
        if (t == CAP_NONE) {
            if (cap_bootstrap(&t0, &s0) != OBOL_OK) break;
            check("bootstrap");
            continue;
        }
        switch (op) {
        case 0: name = "create";
            cap_create(t, u8(&in) % 8, desc(&in), &out); break;
        case 1: name = "mint"; {
            uint32_t o = desc(&in), p = desc(&in), d = desc(&in), r = rights(&in);
            cap_mint(t, o, p, d, r, u32(&in), &out); break; }
        case 2: name = "dup"; {
            uint32_t s = desc(&in), p = desc(&in), d = desc(&in), r = rights(&in);
            cap_dup(t, s, p, d, r, u8(&in) % 4, &out); break; }
        case 3: name = "close"; cap_close(t, desc(&in)); break;
        case 4: name = "destroy"; cap_destroy(t, desc(&in)); break;
        case 5: name = "revoke"; cap_revoke(t, desc(&in)); break;
        case 6: name = "info"; cap_info(t, desc(&in), &info); break;
        case 7: name = "lookup"; {
            uint32_t d = desc(&in), ty = u8(&in) % 8;
            if (cap_lookup(t, d, ty, rights(&in), &obj) == OBOL_OK && npinned < 64 && u8(&in) & 1) {
                if (cap_pin(obj) == OBOL_OK) pinned[npinned++] = obj;
            }
            break; }
        case 8: name = "process_exit";
            /* only on a used table, as the kernel does */
            cap_process_exit(t);
            break;
        case 9: name = "unpin";
            if (npinned) { unsigned i = u8(&in) % npinned; cap_unpin(pinned[i]); pinned[i] = pinned[--npinned]; }
            break;
        case 10: case 11: name = "reap";
            while (cap_reap_next(&obj, &type) == 1) {}
            break;
        case 12: name = "bootstrap"; cap_bootstrap(&t0, &s0); break;
        case 14: name = "transfer"; {
            /* to another used table (or the same); entries from the input */
            uint32_t to = table(&in), n = u8(&in) % (CAP_XFER_MAX + 1);
            int side;
            for (uint32_t i = 0; i < n; i++) {
                cap_x_src[i] = desc(&in);
                cap_x_op[i] = u8(&in) % 4;
                cap_x_rights[i] = rights(&in);
                cap_x_dest[i] = desc(&in);
            }
            cap_transfer(t, to, n, &side); break; }
        case 15: name = "dup_from"; {
            /* the source slot is in the table of the process sp names; a
             * quarter of the time no target: a remote close */
            uint32_t sp = desc(&in), s = desc(&in), b = u8(&in);
            uint32_t p = b < 64 ? OBOL_DESC_NONE : desc(&in), d = desc(&in), r = rights(&in);
            uint32_t o = u8(&in);       /* mostly 0 or CLOSE_SOURCE, sometimes a bad bit */
            cap_dup_from(t, sp, s, p, d, r, o < 224 ? o & 1 : o % 4, &out); break; }
        default: name = "create_process";
            cap_create(t, OBOL_TYPE_PROCESS, desc(&in), &out); break;
        }
        check(name);
    }
    while (npinned) cap_unpin(pinned[--npinned]);
    check("unpin all");
    return 0;
}
