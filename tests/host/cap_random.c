/*
 * Randomized differential test of the capability core.
 *
 * A small reference model, written independently of kernel/cap (plain
 * parent pointers, no depth, counts recomputed from scratch, lists scanned),
 * runs the same random operations (every cap_* operation, including
 * cap_dup_from's third-party DUP and remote close); every return code and output is
 * compared, the whole descriptor state is compared, and the executable
 * invariants (kernel/cap/cap_check.c, via tests/host/test_cap_inv.c) are checked after every step.
 *
 * usage: cap_random [seed [ops]]   (or CAP_SEED / CAP_OPS in the env)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <inttypes.h>
#include <stdarg.h>
#include "cap/cap.h"

/* The test's name says which layout of the core it runs (kernel/cap/cap.h). */
#ifdef CAP_LAYOUT_SOA
#define CAP_RANDOM_LAYOUT "_soa"
#else
#define CAP_RANDOM_LAYOUT ""
#endif

int cap_check_inv(char *why, size_t n);

#define S  ((int)CAP_TABLE_SLOTS)
#define NT ((int)CAP_MAX_TABLES)
#define NO ((int)CAP_MAX_OBJECTS)
#define G  (NT * S)

/* ---------------------------------------------------------------- rng */
static uint64_t rs;
static uint64_t rnd(void)
{
    rs ^= rs << 13; rs ^= rs >> 7; rs ^= rs << 17;
    return rs;
}
static uint32_t below(uint32_t n) { return n ? (uint32_t)(rnd() % n) : 0; }

/* ------------------------------------------------------ reference model */
enum { MFREE, MLIVE, MREVOKED };
enum { OF, OA, OD };
struct md { int st, obj, owner, parent; uint32_t rights; uint64_t badge; };
struct mo { int st, type, destroyed, table; uint32_t pins; uint64_t koid; };
static struct md md[G];
static struct mo mo[NO];
static int mt_used[NT], mt_obj[NT];
static uint64_t m_koid = 1;

static uint32_t m_valid(int type)
{
    uint32_t c = OBOL_RIGHT_DUPLICATE | OBOL_RIGHT_TRANSFER | OBOL_RIGHT_DESTROY | OBOL_RIGHT_INSPECT;
    switch (type) {
    case 1: return c | OBOL_RIGHT_OPEN | OBOL_RIGHT_EXTRACT;
    case 2: return c | OBOL_RIGHT_WRITE;
    case 3: return c | OBOL_RIGHT_SEND | OBOL_RIGHT_RECEIVE;
    case 4: return c | OBOL_RIGHT_SIGNAL | OBOL_RIGHT_WAIT;
    case 5: return c | OBOL_RIGHT_READ | OBOL_RIGHT_WRITE | OBOL_RIGHT_EXECUTE | OBOL_RIGHT_MAP;
    }
    return 0;
}

/* objects die when no LIVE descriptor and no pin remains */
static void m_deaths(void)
{
    for (int o = 0; o < NO; o++) {
        if (mo[o].st != OA) continue;
        uint32_t c = mo[o].pins;
        for (int g = 0; g < G; g++)
            if (md[g].st == MLIVE && md[g].obj == o) c++;
        if (c == 0) mo[o].st = OD;
    }
}

static int m_resolve(int t, uint32_t d)
{
    if (d >= S) return OBOL_ERR_BAD_DESCRIPTOR;
    struct md *x = &md[t * S + d];
    if (x->st == MFREE) return OBOL_ERR_BAD_DESCRIPTOR;
    if (x->st == MREVOKED) return OBOL_ERR_REVOKED;
    if (mo[x->obj].destroyed) return OBOL_ERR_OBJECT_DESTROYED;
    return OBOL_OK;
}

static int m_is_desc(int j, int a)
{
    for (int p = md[j].parent; p >= 0; p = md[p].parent)
        if (p == a) return 1;
    return 0;
}
static int m_depth(int g)
{
    int n = 0;
    for (int p = md[g].parent; p >= 0; p = md[p].parent) n++;
    return n;
}

static void m_close(int g)
{
    if (md[g].st == MLIVE)
        for (int j = 0; j < G; j++)
            if (md[j].st == MLIVE && md[j].parent == g) md[j].parent = md[g].parent;
    md[g].st = MFREE;
    md[g].parent = -1;
    m_deaths();
}

static void m_revoke(int a)
{
    static int hit[G];
    for (int j = 0; j < G; j++) hit[j] = md[j].st == MLIVE && m_is_desc(j, a);
    for (int j = 0; j < G; j++)
        if (hit[j]) { md[j].st = MREVOKED; md[j].parent = -1; }
    m_deaths();
}

static void m_clear(int t)
{
    for (int s = 0; s < S; s++) {
        int g = t * S + s;
        if (md[g].st == MLIVE && md[g].owner) m_revoke(g);
        if (md[g].st != MFREE) m_close(g);
    }
}

static int m_dest(int t, uint32_t dest, int *slot)
{
    if (dest != OBOL_DESC_ANY) {
        if (dest >= S) return OBOL_ERR_INVALID_ARGS;
        if (md[t * S + dest].st != MFREE) return OBOL_ERR_ALREADY_EXISTS;
        *slot = (int)dest;
        return OBOL_OK;
    }
    for (int s = 0; s < S; s++)
        if (md[t * S + s].st == MFREE) { *slot = s; return OBOL_OK; }
    return OBOL_ERR_NO_RESOURCES;
}

static void m_put(int g, int o, uint32_t rights, int owner, int parent, uint64_t badge)
{
    md[g] = (struct md){ .st = MLIVE, .obj = o, .owner = owner, .parent = parent,
                         .rights = rights, .badge = badge };
}

static int m_newobj(int type, int *po, int *pt)
{
    int o = -1, t = -1;
    for (int i = 0; i < NO && o < 0; i++) if (mo[i].st == OF) o = i;
    if (o < 0) return OBOL_ERR_NO_RESOURCES;
    if (type == OBOL_TYPE_PROCESS) {
        for (int i = 0; i < NT && t < 0; i++) if (!mt_used[i]) t = i;
        if (t < 0) return OBOL_ERR_NO_RESOURCES;
        mt_used[t] = 1; mt_obj[t] = o;
    }
    mo[o] = (struct mo){ .st = OA, .type = type, .destroyed = 0, .table = t, .pins = 0, .koid = m_koid++ };
    *po = o; *pt = t;
    return OBOL_OK;
}

static int m_bootstrap(uint32_t *tab, uint32_t *slot)
{
    int o, t;
    int r = m_newobj(OBOL_TYPE_PROCESS, &o, &t);
    if (r) return r;
    m_put(t * S, o, m_valid(OBOL_TYPE_PROCESS), 1, -1, 0);
    *tab = (uint32_t)t; *slot = 0;
    return OBOL_OK;
}

static int m_create(int t, uint32_t type, uint32_t dest, uint32_t *out)
{
    if (type < 1 || type > 5) return OBOL_ERR_INVALID_ARGS;
    int slot, o, tt;
    int r = m_dest(t, dest, &slot);
    if (r) return r;
    r = m_newobj((int)type, &o, &tt);
    if (r) return r;
    m_put(t * S + slot, o, m_valid((int)type), 1, -1, 0);
    *out = (uint32_t)slot;
    return OBOL_OK;
}

static int m_target(int t, uint32_t pd, int *tt)
{
    int r = m_resolve(t, pd);
    if (r) return r;
    struct md *x = &md[t * S + pd];
    if (mo[x->obj].type != OBOL_TYPE_PROCESS) return OBOL_ERR_WRONG_TYPE;
    if (!(x->rights & OBOL_RIGHT_OPEN)) return OBOL_ERR_ACCESS_DENIED;
    *tt = mo[x->obj].table;
    return OBOL_OK;
}

static int m_mint(int t, uint32_t od, uint32_t pd, uint32_t dest, uint32_t rights,
                  uint64_t badge, uint32_t *out)
{
    int r = m_resolve(t, od), tt, slot;
    if (r) return r;
    struct md *x = &md[t * S + od];
    if (!x->owner) return OBOL_ERR_ACCESS_DENIED;
    if ((r = m_target(t, pd, &tt))) return r;
    uint32_t nr = x->rights;
    if (rights != OBOL_SAME_RIGHTS) {
        for (int b = 0; b < 32; b++)
            if ((rights >> b & 1) && !(m_valid(mo[x->obj].type) >> b & 1))
                return OBOL_ERR_INVALID_ARGS;
        nr = rights;
    }
    if ((r = m_dest(tt, dest, &slot))) return r;
    m_put(tt * S + slot, x->obj, nr, 0, t * S + (int)od, badge);
    *out = (uint32_t)slot;
    return OBOL_OK;
}

/* DUP of slot sd of table st into the process pd names in table t (the
 * caller's; st == t for desc_dup) */
static int m_dup_body(int st, uint32_t sd, int t, uint32_t pd, uint32_t dest, uint32_t rights, uint32_t *out)
{
    int r = m_resolve(st, sd), tt, slot;
    if (r) return r;
    int gs = st * S + (int)sd;
    struct md *x = &md[gs];
    if (x->owner) return OBOL_ERR_INVALID_ARGS;
    if (!(x->rights & OBOL_RIGHT_DUPLICATE)) return OBOL_ERR_ACCESS_DENIED;
    if ((r = m_target(t, pd, &tt))) return r;
    uint32_t nr = x->rights;
    if (rights != OBOL_SAME_RIGHTS) {
        for (int b = 0; b < 32; b++)
            if ((rights >> b & 1) && !(x->rights >> b & 1))
                return OBOL_ERR_INVALID_ARGS;
        nr = rights;
    }
    if ((r = m_dest(tt, dest, &slot))) return r;
    if (m_depth(gs) >= (int)CAP_MAX_DEPTH) return OBOL_ERR_NO_RESOURCES;
    m_put(tt * S + slot, x->obj, nr, 0, gs, x->badge);
    *out = (uint32_t)slot;
    return OBOL_OK;
}

static int m_dup(int t, uint32_t sd, uint32_t pd, uint32_t dest, uint32_t rights,
                 uint32_t options, uint32_t *out)
{
    if (options & ~OBOL_DUP_CLOSE_SOURCE) return OBOL_ERR_INVALID_ARGS;
    if (sd >= S || md[t * S + sd].st == MFREE) return OBOL_ERR_BAD_DESCRIPTOR;
    int r = m_dup_body(t, sd, t, pd, dest, rights, out);
    if (options & OBOL_DUP_CLOSE_SOURCE) m_close(t * S + (int)sd);
    return r;
}

/* desc_dup_from (spec/syscalls/desc_dup_from.md): the source slot sd is in
 * the table of the process spd names, which needs EXTRACT; pd == NONE with
 * CLOSE_SOURCE closes sd there and copies nothing. */
static int m_dup_from(int t, uint32_t spd, uint32_t sd, uint32_t pd, uint32_t dest, uint32_t rights,
                      uint32_t options, uint32_t *out)
{
    if (options & ~OBOL_DUP_CLOSE_SOURCE) return OBOL_ERR_INVALID_ARGS;
    int r = m_resolve(t, spd);
    if (r) return r;
    struct md *p = &md[t * S + spd];
    if (mo[p->obj].type != OBOL_TYPE_PROCESS) return OBOL_ERR_WRONG_TYPE;
    if (!(p->rights & OBOL_RIGHT_EXTRACT)) return OBOL_ERR_ACCESS_DENIED;
    int st = mo[p->obj].table;
    if (pd == OBOL_DESC_NONE && !(options & OBOL_DUP_CLOSE_SOURCE)) return OBOL_ERR_INVALID_ARGS;
    if (sd >= S || md[st * S + sd].st == MFREE) return OBOL_ERR_BAD_DESCRIPTOR;
    if (pd == OBOL_DESC_NONE) {             /* remote close: any open slot */
        m_close(st * S + (int)sd);
        return OBOL_OK;
    }
    r = m_dup_body(st, sd, t, pd, dest, rights, out);
    if (options & OBOL_DUP_CLOSE_SOURCE) m_close(st * S + (int)sd);
    return r;
}

static int m_close_op(int t, uint32_t d)
{
    if (d >= S || md[t * S + d].st == MFREE) return OBOL_ERR_BAD_DESCRIPTOR;
    m_close(t * S + (int)d);
    return OBOL_OK;
}

static int m_destroy(int t, uint32_t d)
{
    int r = m_resolve(t, d);
    if (r) return r;
    struct md *x = &md[t * S + d];
    if (!x->owner) return OBOL_ERR_ACCESS_DENIED;
    if (!(x->rights & OBOL_RIGHT_DESTROY)) return OBOL_ERR_ACCESS_DENIED;
    mo[x->obj].destroyed = 1;
    m_close(t * S + (int)d);
    return OBOL_OK;
}

static int m_revoke_op(int t, uint32_t d)
{
    int r = m_resolve(t, d);
    if (r) return r;
    m_revoke(t * S + (int)d);
    return OBOL_OK;
}

static int m_info(int t, uint32_t d, struct cap_info *out)
{
    int r = m_resolve(t, d);
    if (r) return r;
    struct md *x = &md[t * S + d];
    if (!x->owner && !(x->rights & OBOL_RIGHT_INSPECT)) return OBOL_ERR_ACCESS_DENIED;
    out->type = (uint32_t)mo[x->obj].type;
    out->rights = x->rights;
    out->is_owner = (uint32_t)x->owner;
    out->koid = mo[x->obj].koid;
    out->badge = x->badge;
    return OBOL_OK;
}

static int m_lookup(int t, uint32_t d, uint32_t type, uint32_t needed, uint32_t *obj)
{
    int r = m_resolve(t, d);
    if (r) return r;
    struct md *x = &md[t * S + d];
    if ((uint32_t)mo[x->obj].type != type) return OBOL_ERR_WRONG_TYPE;
    if (needed & ~x->rights) return OBOL_ERR_ACCESS_DENIED;
    *obj = (uint32_t)x->obj;
    return OBOL_OK;
}

static void m_exit(int t)
{
    mo[mt_obj[t]].destroyed = 1;
    m_clear(t);
}

/* ---------------------------------------------------------- comparison */
/* Descriptor transfer: sender checks of every entry, then the receiver's
 * slots, then DUP entries, then MOVE entries.  res[] gets each entry's
 * result, *side whose error it is (1 sender, 2 receiver). */
static int m_xcheck1(int t, const uint32_t *src, const uint32_t *op, const uint32_t *rq, int i, uint32_t *nr)
{
    if (op[i] != OBOL_XFER_MOVE && op[i] != OBOL_XFER_DUP) return OBOL_ERR_INVALID_ARGS;
    for (int j = 0; j < i; j++) if (src[j] == src[i]) return OBOL_ERR_INVALID_ARGS;
    int r = m_resolve(t, src[i]);
    if (r) return r;
    struct md *x = &md[t * S + (int)src[i]];
    if (!(x->rights & OBOL_RIGHT_TRANSFER)) return OBOL_ERR_ACCESS_DENIED;
    if (op[i] == OBOL_XFER_DUP) {
        if (x->owner) return OBOL_ERR_INVALID_ARGS;
        if (!(x->rights & OBOL_RIGHT_DUPLICATE)) return OBOL_ERR_ACCESS_DENIED;
    }
    *nr = x->rights;
    if (rq[i] != OBOL_SAME_RIGHTS) {
        if (rq[i] & ~x->rights) return OBOL_ERR_INVALID_ARGS;
        if (x->owner && rq[i] != x->rights) return OBOL_ERR_INVALID_ARGS;
        *nr = rq[i];
    }
    if (op[i] == OBOL_XFER_DUP && m_depth(t * S + (int)src[i]) >= (int)CAP_MAX_DEPTH)
        return OBOL_ERR_NO_RESOURCES;
    return OBOL_OK;
}

static int m_transfer(int from, int to, int n, const uint32_t *src, const uint32_t *op,
                      const uint32_t *rq, const uint32_t *dest, int *res, int *side)
{
    uint32_t nr[CAP_XFER_MAX];
    int slot[CAP_XFER_MAX], first = OBOL_OK;
    for (int i = 0; i < n; i++) {
        res[i] = m_xcheck1(from, src, op, rq, i, &nr[i]);
        if (res[i] && !first) first = res[i];
    }
    if (first) { *side = CAP_XFER_SENDER; return first; }
    for (int i = 0; i < n; i++) {
        int r = OBOL_OK;
        slot[i] = -1;
        if (dest[i] != OBOL_DESC_ANY) {
            if (dest[i] >= (uint32_t)S) r = OBOL_ERR_INVALID_ARGS;
            else if (md[to * S + (int)dest[i]].st != MFREE) r = OBOL_ERR_ALREADY_EXISTS;
            else for (int j = 0; j < i; j++) if (dest[j] == dest[i]) r = OBOL_ERR_ALREADY_EXISTS;
            slot[i] = (int)dest[i];
        } else {
            r = OBOL_ERR_NO_RESOURCES;
            for (int s = 0; s < S && r; s++) {
                int taken = md[to * S + s].st != MFREE;
                for (int j = 0; j < n; j++)
                    if (dest[j] == (uint32_t)s || (j < i && dest[j] == OBOL_DESC_ANY && slot[j] == s)) taken = 1;
                if (!taken) { slot[i] = s; r = OBOL_OK; }
            }
        }
        res[i] = r;
        if (r && !first) first = r;
    }
    if (first) { *side = CAP_XFER_RECEIVER; return first; }
    for (int i = 0; i < n; i++) {
        if (op[i] != OBOL_XFER_DUP) continue;
        int gs = from * S + (int)src[i];
        m_put(to * S + slot[i], md[gs].obj, nr[i], 0, gs, md[gs].badge);
    }
    for (int i = 0; i < n; i++) {
        if (op[i] != OBOL_XFER_MOVE) continue;
        int gs = from * S + (int)src[i], gd = to * S + slot[i];
        if (nr[i] == md[gs].rights) {           /* keeps its place in the tree */
            md[gd] = md[gs];
            for (int j = 0; j < G; j++) if (md[j].st != MFREE && md[j].parent == gs) md[j].parent = gd;
            md[gs].st = MFREE; md[gs].parent = -1;
        } else {                                /* a sibling; the original closed */
            m_put(gd, md[gs].obj, nr[i], 0, md[gs].parent, md[gs].badge);
            m_close(gs);
        }
    }
    m_deaths();
    return OBOL_OK;
}

static char why[256];
static unsigned long step;
static uint64_t seed;
static const char *opname;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    printf("FAIL cap_random/differential" CAP_RANDOM_LAYOUT " seed=%" PRIu64 " step=%lu op=%s: %s\n", seed, step, opname, buf);
    exit(1);
}

static void compare_state(void)
{
    if (cap_check_inv(why, sizeof why)) die("invariant: %s", why);
    for (int g = 0; g < G; g++) {
        struct md *x = &md[g];
        static const uint8_t map[] = { CAP_FREE, CAP_LIVE, CAP_REVOKED };
        if (CAP_D(state, g) != map[x->st]) die("slot %d state %u vs model %d", g, CAP_D(state, g), x->st);
        if (x->st == MFREE) continue;
        if (CAP_D(obj, g) != x->obj) die("slot %d obj", g);
        if (x->st != MLIVE) continue;
        if (CAP_D(rights, g) != x->rights) die("slot %d rights %#x vs %#x", g, CAP_D(rights, g), x->rights);
        if (CAP_D(owner, g) != x->owner) die("slot %d owner", g);
        if (CAP_D(badge, g) != x->badge) die("slot %d badge", g);
        uint32_t mp = x->parent < 0 ? CAP_NONE : (uint32_t)x->parent;
        if (CAP_D(parent, g) != mp) die("slot %d parent %u vs %u", g, CAP_D(parent, g), mp);
    }
    for (int o = 0; o < NO; o++) {
        static const uint8_t map[] = { CAP_OFREE, CAP_OALIVE, CAP_ODYING };
        if (CAP_O(state, o) != map[mo[o].st]) die("obj %d state %u vs %d", o, CAP_O(state, o), mo[o].st);
        if (mo[o].st == OF) continue;
        if (CAP_O(type, o) != mo[o].type || CAP_O(koid, o) != mo[o].koid ||
            CAP_O(destroyed, o) != mo[o].destroyed || CAP_O(pins, o) != mo[o].pins)
            die("obj %d fields", o);
    }
    for (int t = 0; t < NT; t++)
        if (!!cap_t_used[t] != mt_used[t] || (mt_used[t] && cap_t_obj[t] != (uint32_t)mt_obj[t]))
            die("table %d", t);
}

#define CHECK_RC(a, b) do { if ((a) != (b)) die("rc %d vs model %d", (a), (b)); } while (0)

/* ----------------------------------------------------------- generators */
static int used_tables(int *list)
{
    int n = 0;
    for (int t = 0; t < NT; t++) {  /* running processes holding descriptors first */
        int live = 0;
        for (int s = 0; s < S; s++) live += CAP_D(state, t * S + s) == CAP_LIVE;
        if (cap_t_used[t] && !CAP_O(destroyed, cap_t_obj[t]) && live) list[n++] = t;
    }
    if (n && below(10) < 8) return n;
    n = 0;
    for (int t = 0; t < NT; t++)
        if (cap_t_used[t] && !CAP_O(destroyed, cap_t_obj[t])) list[n++] = t;
    if (n && below(10) < 8) return n;
    n = 0;
    for (int t = 0; t < NT; t++) if (cap_t_used[t]) list[n++] = t;
    return n;
}

/* mode 0: any open slot; 1: prefer owners; 2: prefer non-owners with
 * DUPLICATE; 3: prefer LIVE processes with OPEN; 4: ... with EXTRACT. */
static uint32_t pick_desc(int t, int mode)
{
    uint32_t k = below(100);
    if (k < 6) return S + below(3);
    if (k < 8) return below(2) ? OBOL_DESC_ANY : 0x7fffffffu;
    uint32_t cand[S], n = 0, all[S], na = 0;
    for (int s = 0; s < S; s++) {
        uint32_t g = (uint32_t)(t * S + s);
        if (CAP_D(state, g) == CAP_FREE) continue;
        all[na++] = (uint32_t)s;
        int live = CAP_D(state, g) == CAP_LIVE;
        int ok = mode == 0 ||
                 (mode == 1 && live && CAP_D(owner, g)) ||
                 (mode == 2 && live && !CAP_D(owner, g) && (CAP_D(rights, g) & OBOL_RIGHT_DUPLICATE)) ||
                 (mode == 3 && live && CAP_O(type, CAP_D(obj, g)) == OBOL_TYPE_PROCESS &&
                  (CAP_D(rights, g) & OBOL_RIGHT_OPEN)) ||
                 (mode == 4 && live && CAP_O(type, CAP_D(obj, g)) == OBOL_TYPE_PROCESS &&
                  (CAP_D(rights, g) & OBOL_RIGHT_EXTRACT));
        if (ok) cand[n++] = (uint32_t)s;
    }
    if (n && k < 85) return cand[below(n)];
    if (na) return all[below(na)];
    return below(S);
}

/* a LIVE descriptor with TRANSFER (for DUP also DUPLICATE, not an owner)
 * not yet in src[0..n-1], or pick_desc's choice if there is none */
static uint32_t pick_xsrc(int t, int dup, const uint32_t *src, int n)
{
    uint32_t cand[S], c = 0;
    for (int s = 0; s < S; s++) {
        uint32_t g = (uint32_t)(t * S + s), r = CAP_D(rights, g);
        int used = 0;
        for (int j = 0; j < n; j++) used |= src[j] == (uint32_t)s;
        if (CAP_D(state, g) == CAP_LIVE && !used && (r & OBOL_RIGHT_TRANSFER) &&
            (!dup || (!CAP_D(owner, g) && (r & OBOL_RIGHT_DUPLICATE))))
            cand[c++] = (uint32_t)s;
    }
    return c ? cand[below(c)] : pick_desc(t, 0);
}

static uint32_t pick_dest(void)
{
    uint32_t k = below(10);
    if (k < 6) return OBOL_DESC_ANY;
    if (k < 9) return below(S);
    return S + below(4);
}

static uint32_t pick_rights(uint32_t base)
{
    switch (below(8)) {
    case 0: case 6: return OBOL_SAME_RIGHTS;
    case 7: return base;
    case 1: return base & (uint32_t)rnd();
    case 2: return (uint32_t)rnd() & ((1u << OBOL_RIGHT_COUNT) - 1);
    case 3: return (uint32_t)rnd();
    default: return (base & (uint32_t)rnd()) | (below(4) ? 0 : 1u << below(32));
    }
}

int main(int argc, char **argv)
{
    const char *es = getenv("CAP_SEED"), *eo = getenv("CAP_OPS");
    seed = argc > 1 ? strtoull(argv[1], 0, 0) : es ? strtoull(es, 0, 0) : 0;
    unsigned long ops = argc > 2 ? strtoul(argv[2], 0, 0) : eo ? strtoul(eo, 0, 0) : 1000000ul;
    if (seed == 0) {
        FILE *f = fopen("/dev/urandom", "rb");
        if (!f || fread(&seed, sizeof seed, 1, f) != 1) seed = 0x9e3779b97f4a7c15ull;
        if (f) fclose(f);
        if (seed == 0) seed = 1;
    }
    printf("SEED=%" PRIu64 " OPS=%lu (reproduce: %s %" PRIu64 " %lu)\n", seed, ops, argv[0], seed, ops);
    rs = seed;
    for (int g = 0; g < G; g++) md[g].parent = -1;

    cap_init();
    unsigned long count[16] = { 0 }, okc[16] = { 0 };
    enum { NOPS = 15 };
    unsigned long delivered = 0;   /* descriptors moved or copied by transfers */
    unsigned long rclosed = 0, third = 0;   /* dup_from: remote closes; copies out of another table */
    static unsigned long rcs[16][16];
    static const char *names[16] = { "bootstrap", "create", "mint", "dup", "close", "destroy",
        "revoke", "info", "lookup", "exit", "pin", "unpin", "reap", "transfer", "dup_from" };
    for (step = 0; step < ops; step++) {
        int tl[NT], nt = used_tables(tl);
        uint32_t k = below(1100);
        int op;
        if (nt == 0 || k < 5) op = 0;
        else if (k < 205) op = 1;
        else if (k < 375) op = 2;
        else if (k < 575) op = 3;
        else if (k < 675) op = 4;
        else if (k < 705) op = 5;
        else if (k < 745) op = 6;
        else if (k < 795) op = 7;
        else if (k < 845) op = 8;
        else if (k < 850) op = 9;
        else if (k < 880) op = 10;
        else if (k < 910) op = 11;
        else if (k < 950) op = 12;
        else if (k < 1000) op = 13;
        else op = 14;
        opname = names[op];
        int t = nt ? tl[below((uint32_t)nt)] : 0;
        int r1 = 0, r2 = 0;
        uint32_t o1 = 0xdead, o2 = 0xdead, x1 = 0xbeef, x2 = 0xbeef;
        switch (op) {
        case 0:
            r1 = cap_bootstrap(&x1, &o1);
            r2 = m_bootstrap(&x2, &o2);
            CHECK_RC(r1, r2);
            if (!r1 && (x1 != x2 || o1 != o2)) die("bootstrap outputs");
            break;
        case 1: {
            uint32_t type = below(10) ? 1 + below(5) : below(8) * 3;
            uint32_t dest = pick_dest();
            r1 = cap_create((uint32_t)t, type, dest, &o1);
            r2 = m_create(t, type, dest, &o2);
            CHECK_RC(r1, r2);
            if (!r1 && o1 != o2) die("create slot %u vs %u", o1, o2);
            break;
        }
        case 2: {
            uint32_t od = pick_desc(t, 1), pd = pick_desc(t, 3), dest = pick_dest();
            if (od < S && CAP_D(state, t * S + od) == CAP_LIVE && below(3) == 0 &&
                CAP_O(type, CAP_D(obj, t * S + od)) == OBOL_TYPE_PROCESS)
                pd = od;   /* give the new process a descriptor to itself */
            uint32_t base = od < S ? CAP_D(rights, t * S + od) : 0;
            uint32_t rights = pick_rights(base);
            uint64_t badge = rnd();
            r1 = cap_mint((uint32_t)t, od, pd, dest, rights, badge, &o1);
            r2 = m_mint(t, od, pd, dest, rights, badge, &o2);
            CHECK_RC(r1, r2);
            if (!r1 && o1 != o2) die("mint slot");
            break;
        }
        case 3: {
            uint32_t sd = pick_desc(t, 2), pd = pick_desc(t, 3), dest = pick_dest();
            uint32_t base = sd < S ? CAP_D(rights, t * S + sd) : 0;
            uint32_t rights = pick_rights(base);
            uint32_t options = below(10) < 7 ? 0 : below(10) < 8 ? OBOL_DUP_CLOSE_SOURCE : below(4);
            r1 = cap_dup((uint32_t)t, sd, pd, dest, rights, options, &o1);
            r2 = m_dup(t, sd, pd, dest, rights, options, &o2);
            CHECK_RC(r1, r2);
            if (!r1 && o1 != o2) die("dup slot");
            break;
        }
        case 4: {
            uint32_t d = pick_desc(t, 0);
            r1 = cap_close((uint32_t)t, d);
            r2 = m_close_op(t, d);
            CHECK_RC(r1, r2);
            break;
        }
        case 5: {
            uint32_t d = pick_desc(t, 1);
            r1 = cap_destroy((uint32_t)t, d);
            r2 = m_destroy(t, d);
            CHECK_RC(r1, r2);
            break;
        }
        case 6: {
            uint32_t d = pick_desc(t, 0);
            r1 = cap_revoke((uint32_t)t, d);
            r2 = m_revoke_op(t, d);
            CHECK_RC(r1, r2);
            break;
        }
        case 7: {
            uint32_t d = pick_desc(t, 0);
            struct cap_info i1, i2;
            memset(&i1, 0, sizeof i1); memset(&i2, 0, sizeof i2);
            r1 = cap_info((uint32_t)t, d, &i1);
            r2 = m_info(t, d, &i2);
            CHECK_RC(r1, r2);
            if (!r1 && memcmp(&i1, &i2, sizeof i1)) die("info fields");
            break;
        }
        case 8: {
            uint32_t d = pick_desc(t, 0);
            uint32_t type = below(8) ? (d < S ? CAP_O(type, CAP_D(obj, t * S + d)) : 1) : below(7);
            uint32_t needed = below(2) ? (uint32_t)rnd() & (d < S ? CAP_D(rights, t * S + d) : 0) : (uint32_t)rnd() & 0x1fff;
            r1 = cap_lookup((uint32_t)t, d, type, needed, &o1);
            r2 = m_lookup(t, d, type, needed, &o2);
            CHECK_RC(r1, r2);
            if (!r1 && o1 != o2) die("lookup obj");
            break;
        }
        case 9:
            cap_process_exit((uint32_t)t);
            m_exit(t);
            break;
        case 10: case 11: {
            uint32_t cand[NO], n = 0;
            for (uint32_t o = 0; o < NO; o++)
                if (CAP_O(state, o) == CAP_OALIVE && (op == 10 || CAP_O(pins, o) > 0)) cand[n++] = o;
            uint32_t tp = 0;
            for (int o = 0; o < NO; o++) tp += CAP_O(pins, o);
            if (!n || (op == 10 && tp >= 4)) break;
            uint32_t o = cand[below(n)];
            if (op == 10) {
                r1 = cap_pin(o);
                CHECK_RC(r1, OBOL_OK);
                mo[o].pins++;
            } else {
                cap_unpin(o);
                mo[o].pins--;
                m_deaths();
            }
            break;
        }
        case 12:   /* the kernel's reaper takes several at a time */
          for (int rep = below(2) ? NO : 1 + (int)below(4); rep-- > 0; ) {
            r1 = cap_reap_next(&o1, &x1);
            int any = 0;
            for (int o = 0; o < NO; o++) any |= mo[o].st == OD;
            if (r1 != any) die("reap returned %d, model has dying=%d", r1, any);
            if (r1) {
                if (o1 >= NO || mo[o1].st != OD || (int)x1 != mo[o1].type) die("reap object %u", o1);
                if (mo[o1].type == OBOL_TYPE_PROCESS) {
                    m_clear(mo[o1].table);
                    mt_used[mo[o1].table] = 0;
                }
                mo[o1].st = OF;
            }
            if (!r1) break;
          }
            break;
        case 13: {
            {   /* mostly from a table that has something to transfer */
                int rich[NT], nr = 0;
                for (int u = 0; u < nt; u++)
                    for (int s2 = 0; s2 < S; s2++)
                        if (CAP_D(state, tl[u] * S + s2) == CAP_LIVE &&
                            (CAP_D(rights, tl[u] * S + s2) & OBOL_RIGHT_TRANSFER)) { rich[nr++] = tl[u]; break; }
                if (nr && below(4)) t = rich[below((uint32_t)nr)];
            }
            int to = tl[below((uint32_t)nt)], n = (int)below(4) ? (int)below(4) : (int)below(CAP_XFER_MAX + 1);
            uint32_t src[CAP_XFER_MAX], xop[CAP_XFER_MAX], rq[CAP_XFER_MAX], dest[CAP_XFER_MAX];
            int res[CAP_XFER_MAX], side1 = 0, side2 = 0;
            for (int i = 0; i < n; i++) {
                xop[i] = below(16) ? 1 + below(2) : below(5);
                uint32_t k2 = below(16);
                src[i] = k2 < 12 ? pick_xsrc(t, xop[i] == OBOL_XFER_DUP, src, i)
                       : k2 < 13 && i ? src[below((uint32_t)i)] : pick_desc(t, below(2) ? 2 : 0);
                uint32_t base = src[i] < S ? CAP_D(rights, t * S + src[i]) : 0;
                rq[i] = below(2) ? OBOL_SAME_RIGHTS : below(2) ? base & (uint32_t)rnd() : pick_rights(base);
                dest[i] = pick_dest();
                cap_x_src[i] = src[i]; cap_x_op[i] = xop[i]; cap_x_rights[i] = rq[i]; cap_x_dest[i] = dest[i];
            }
            r1 = cap_transfer((uint32_t)t, (uint32_t)to, (uint32_t)n, &side1);
            r2 = m_transfer(t, to, n, src, xop, rq, dest, res, &side2);
            CHECK_RC(r1, r2);
            if (r1 && side1 != side2) die("transfer side %d vs %d", side1, side2);
            for (int i = 0; i < n; i++)
                if (cap_x_result[i] != res[i]) die("transfer entry %d: %d vs model %d", i, cap_x_result[i], res[i]);
            if (!r1) delivered += (unsigned long)n;
            break;
        }
        case 14: {  /* third-party DUP (random source and target processes), remote close */
            {   /* mostly from a table holding a process descriptor with EXTRACT */
                int rich[NT], nr = 0;
                for (int u = 0; u < nt; u++)
                    for (int s2 = 0; s2 < S; s2++) {
                        uint32_t g = (uint32_t)(tl[u] * S + s2);
                        if (CAP_D(state, g) == CAP_LIVE && CAP_O(type, CAP_D(obj, g)) == OBOL_TYPE_PROCESS &&
                            (CAP_D(rights, g) & OBOL_RIGHT_EXTRACT)) { rich[nr++] = tl[u]; break; }
                    }
                if (nr && below(5)) t = rich[below((uint32_t)nr)];
            }
            uint32_t spd = pick_desc(t, 4), sd;
            int st = -1;            /* the source table, when spd resolves to a process */
            if (spd < S) {
                uint32_t g = (uint32_t)(t * S) + spd, o = CAP_D(obj, g);
                if (CAP_D(state, g) == CAP_LIVE && CAP_O(type, o) == OBOL_TYPE_PROCESS && !CAP_O(destroyed, o))
                    st = (int)CAP_O(table, o);
            }
            /* mostly a slot that can be copied, sometimes an owner or any open one */
            sd = st >= 0 ? pick_desc(st, below(4) ? 2 : (int)below(2)) : pick_desc(t, 0);
            int rclose = below(3) == 0;
            uint32_t pd = rclose ? OBOL_DESC_NONE : pick_desc(t, 3), dest = pick_dest();
            uint32_t base = st >= 0 && sd < S ? CAP_D(rights, (uint32_t)(st * S) + sd) : 0;
            uint32_t rights = pick_rights(base);
            uint32_t options = rclose ? (below(8) ? OBOL_DUP_CLOSE_SOURCE : below(4))
                             : below(10) < 7 ? 0 : below(10) < 8 ? OBOL_DUP_CLOSE_SOURCE : below(4);
            r1 = cap_dup_from((uint32_t)t, spd, sd, pd, dest, rights, options, &o1);
            r2 = m_dup_from(t, spd, sd, pd, dest, rights, options, &o2);
            CHECK_RC(r1, r2);
            /* the slot on a copy; *out untouched on a remote close or an error */
            if (o1 != o2) die("dup_from out %#x vs model %#x", o1, o2);
            if (!r1 && pd == OBOL_DESC_NONE) rclosed++;
            if (!r1 && pd != OBOL_DESC_NONE && st != t) third++;
            break;
        }
        }
        count[op]++;
        if (op == 12 ? r1 == 1 : r1 == OBOL_OK) okc[op]++;
        if (r1 <= 0 && r1 > -16) rcs[op][-r1]++;
        compare_state();
    }
    {
        int live = 0, rev = 0, alive = 0, pins = 0, used = 0;
        for (int g = 0; g < G; g++) { live += CAP_D(state, g) == CAP_LIVE; rev += CAP_D(state, g) == CAP_REVOKED; }
        for (int o = 0; o < NO; o++) { alive += CAP_O(state, o) == CAP_OALIVE; pins += (int)CAP_O(pins, o); }
        for (int t = 0; t < NT; t++) used += cap_t_used[t];
        printf("  final: %d live, %d revoked slots; %d alive objects, %d pins; %d tables\n", live, rev, alive, pins, used);
    }
    for (int i = 0; i < NOPS; i++)
    {
        printf("  %-9s %8lu calls, %8lu ok; errors", names[i], count[i], okc[i]);
        for (int e = 1; e < 16; e++) if (rcs[i][e]) printf(" %d:%lu", -e, rcs[i][e]);
        printf("\n");
    }
    printf("  (transfers delivered %lu descriptors; dup_from copied %lu out of another table, closed %lu remotely)\n",
           delivered, third, rclosed);
    printf("PASS cap_random/differential" CAP_RANDOM_LAYOUT " (%lu ops, seed %" PRIu64 ")\n", ops, seed);
    return 0;
}
