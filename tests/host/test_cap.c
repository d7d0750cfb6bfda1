/*
 * Unit tests of the capability core: every operation, every error in the
 * documented check order, and the main success paths.  After each test
 * the executable invariants (kernel/cap/cap_check.c) are checked.
 */
#include <stdio.h>
#include <string.h>
#include "cap/cap.h"

int cap_check_inv(char *why, size_t n);

#define S CAP_TABLE_SLOTS
#ifndef CAP_TEST_SUITE
#define CAP_TEST_SUITE "cap"       /* the name prefix (another table size: another suite) */
#endif
#define ANY OBOL_DESC_ANY
#define SAME OBOL_SAME_RIGHTS
#define R(x) OBOL_RIGHT_##x
#define E(x) OBOL_ERR_##x

static int failures, cur_failed;
static const char *cur_name;
static char msg[512];

#define CHECK(c) do { if (!(c) && !cur_failed) { cur_failed = 1; \
    snprintf(msg, sizeof msg, "line %d: %s", __LINE__, #c); } } while (0)
#define EQ(a, b) do { long long _a = (long long)(a), _b = (long long)(b); \
    if (_a != _b && !cur_failed) { cur_failed = 1; \
    snprintf(msg, sizeof msg, "line %d: %s == %lld, want %lld", __LINE__, #a, _a, _b); } } while (0)

static void run(const char *name, void (*fn)(void))
{
    cur_name = name;
    cur_failed = 0;
    cap_init();
    fn();
    char why[256];
    if (!cur_failed && cap_check_inv(why, sizeof why)) {
        cur_failed = 1;
        snprintf(msg, sizeof msg, "invariant: %s", why);
    }
    if (cur_failed) { printf("FAIL %s/%s %s\n", CAP_TEST_SUITE, name, msg); failures++; }
    else printf("PASS %s/%s\n", CAP_TEST_SUITE, name);
}

/* helpers ------------------------------------------------------------ */
static uint32_t T0;                 /* init's table; slot 0 = itself */
static void boot(void)
{
    uint32_t s;
    EQ(cap_bootstrap(&T0, &s), OBOL_OK);
    EQ(s, 0);
}
static uint32_t mk(uint32_t t, uint32_t type)
{
    uint32_t s = 0xdead;
    EQ(cap_create(t, type, ANY, &s), OBOL_OK);
    return s;
}
static uint32_t gobj(uint32_t t, uint32_t d) { return CAP_D(obj, t * S + d); }
/* a new process created by init, with a self descriptor (OPEN) at slot 0 of
 * its own table; returns its table and init's owner descriptor */
static uint32_t spawn(uint32_t *owner_in_init)
{
    uint32_t d = mk(T0, OBOL_TYPE_PROCESS), s;
    uint32_t t = cap_proc_table(gobj(T0, d));
    EQ(cap_mint(T0, d, d, 0, SAME, 0, &s), OBOL_OK);
    EQ(s, 0);
    if (owner_in_init) *owner_in_init = d;
    return t;
}
static int st(uint32_t t, uint32_t d) { return CAP_D(state, t * S + d); }
static int look(uint32_t t, uint32_t d)
{
    uint32_t o;
    return cap_lookup(t, d, CAP_O(type, gobj(t, d)), 0, &o);
}

/* tests -------------------------------------------------------------- */
static void t_bootstrap(void)
{
    boot();
    struct cap_info i;
    EQ(cap_info(T0, 0, &i), OBOL_OK);
    EQ(i.type, OBOL_TYPE_PROCESS);
    EQ(i.is_owner, 1);
    EQ(i.rights, cap_type_rights(OBOL_TYPE_PROCESS));
    CHECK(i.rights & R(OPEN));
    EQ(i.koid, 1);
    EQ(i.badge, 0);
    EQ(cap_table_proc(T0), gobj(T0, 0));
    EQ(cap_proc_table(gobj(T0, 0)), T0);
    EQ(cap_obj_refs(gobj(T0, 0)), 1);
}

static void t_create(void)
{
    boot();
    uint32_t s;
    EQ(cap_create(T0, OBOL_TYPE_ENDPOINT, ANY, &s), OBOL_OK);
    EQ(s, 1);                                   /* lowest free */
    EQ(cap_create(T0, OBOL_TYPE_REGION, 10, &s), OBOL_OK);
    EQ(s, 10);
    EQ(cap_create(T0, OBOL_TYPE_NOTIFICATION, ANY, &s), OBOL_OK);
    EQ(s, 2);
    struct cap_info i;
    EQ(cap_info(T0, 10, &i), OBOL_OK);
    EQ(i.type, OBOL_TYPE_REGION);
    EQ(i.rights, cap_type_rights(OBOL_TYPE_REGION));
    EQ(i.is_owner, 1);
    EQ(i.koid, 3);
    uint32_t fp = cap_free_tables();
    uint32_t p = mk(T0, OBOL_TYPE_PROCESS);
    EQ(cap_free_tables(), fp - 1);
    CHECK(cap_proc_table(gobj(T0, p)) < CAP_MAX_TABLES);
    EQ(cap_table_free_count(cap_proc_table(gobj(T0, p))), S);
}

static void t_create_errors(void)
{
    boot();
    uint32_t s = 77;
    EQ(cap_create(T0, 0, ANY, &s), E(INVALID_ARGS));
    EQ(cap_create(T0, 6, ANY, &s), E(INVALID_ARGS));
    EQ(cap_create(T0, 6, S, &s), E(INVALID_ARGS));          /* type first */
    EQ(cap_create(T0, OBOL_TYPE_THREAD, S, &s), E(INVALID_ARGS));
    EQ(cap_create(T0, OBOL_TYPE_THREAD, 0, &s), E(ALREADY_EXISTS));
    EQ(s, 77);
    /* object pool full */
    uint32_t t1 = spawn(NULL);
    for (uint32_t n = 0; n < CAP_MAX_OBJECTS && cap_free_objects() > 0 && !cur_failed; n++) {
        uint32_t tt = cap_table_free_count(T0) ? T0 : t1;
        EQ(cap_create(tt, OBOL_TYPE_THREAD, ANY, &s), OBOL_OK);
    }
    CHECK(cap_table_free_count(t1) > 0);
    EQ(cap_create(t1, OBOL_TYPE_THREAD, ANY, &s), E(NO_RESOURCES));
    /* table full beats pool full (dest is checked first) */
    EQ(cap_table_free_count(T0), 0);
    EQ(cap_create(T0, OBOL_TYPE_THREAD, ANY, &s), E(NO_RESOURCES));
    EQ(cap_create(T0, OBOL_TYPE_THREAD, 5, &s), E(ALREADY_EXISTS));
}

static void t_create_tables_full(void)
{
    boot();
    uint32_t s;
    for (uint32_t n = 0; n < CAP_MAX_TABLES && cap_free_tables() > 0 && !cur_failed; n++)
        EQ(cap_create(T0, OBOL_TYPE_PROCESS, ANY, &s), OBOL_OK);
    uint32_t fo = cap_free_objects();
    EQ(cap_create(T0, OBOL_TYPE_PROCESS, ANY, &s), E(NO_RESOURCES));
    EQ(cap_free_objects(), fo);                  /* nothing leaked */
    EQ(cap_create(T0, OBOL_TYPE_ENDPOINT, ANY, &s), OBOL_OK);
    uint32_t t;
    EQ(cap_bootstrap(&t, &s), E(NO_RESOURCES));
}

static void t_mint(void)
{
    boot();
    uint32_t p, t1 = spawn(&p), s;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT);
    EQ(cap_mint(T0, ep, 0, ANY, R(SEND) | R(DUPLICATE), 0x1234, &s), OBOL_OK);
    uint32_t d = s;
    struct cap_info i;
    EQ(cap_info(T0, d, &i), E(ACCESS_DENIED));   /* no INSPECT */
    EQ(cap_mint(T0, ep, p, ANY, R(SEND) | R(INSPECT), 0xbeef, &s), OBOL_OK);
    EQ(s, 1);                                    /* lowest free in target */
    EQ(cap_info(t1, 1, &i), OBOL_OK);
    EQ(i.rights, R(SEND) | R(INSPECT));
    EQ(i.badge, 0xbeef);
    EQ(i.is_owner, 0);
    uint32_t o;
    EQ(cap_lookup(t1, 1, OBOL_TYPE_ENDPOINT, R(SEND), &o), OBOL_OK);
    EQ(o, gobj(T0, ep));
    EQ(cap_lookup(t1, 1, OBOL_TYPE_ENDPOINT, R(RECEIVE), &o), E(ACCESS_DENIED));
    EQ(cap_mint(T0, ep, 0, 40, SAME, 0, &s), OBOL_OK);
    EQ(s, 40);
    EQ(CAP_D(rights, T0 * S + 40), cap_type_rights(OBOL_TYPE_ENDPOINT));
    EQ(CAP_D(parent, T0 * S + 40), T0 * S + ep);
    EQ(cap_obj_refs(gobj(T0, ep)), 4);
    EQ(cap_mint(T0, ep, 0, ANY, OBOL_RIGHTS_NONE, 0, &s), OBOL_OK);
    EQ(CAP_D(rights, T0 * S + s), 0);
}

static void t_mint_errors(void)
{
    boot();
    uint32_t p, t1 = spawn(&p), s = 99;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT);
    uint32_t th = mk(T0, OBOL_TYPE_THREAD);
    uint32_t der, noopen, rev, dproc;
    EQ(cap_mint(T0, ep, 0, ANY, R(SEND) | R(DUPLICATE), 0, &der), OBOL_OK);
    EQ(cap_mint(T0, 0, 0, ANY, R(DUPLICATE), 0, &noopen), OBOL_OK);   /* self, no OPEN */
    EQ(cap_mint(T0, 0, 0, ANY, R(OPEN), 0, &rev), OBOL_OK);
    EQ(cap_mint(T0, ep, 0, ANY, SAME, 0, &s), OBOL_OK);
    /* an owner is a root, so it is never REVOKED itself: the REVOKED case
     * is a revoked derived descriptor passed as owner_d */
    uint32_t victim = mk(T0, OBOL_TYPE_NOTIFICATION), vder;
    EQ(cap_mint(T0, victim, 0, ANY, SAME, 0, &vder), OBOL_OK);
    EQ(cap_revoke(T0, victim), OBOL_OK);
    uint32_t proc2 = mk(T0, OBOL_TYPE_PROCESS);
    EQ(cap_mint(T0, proc2, 0, ANY, SAME, 0, &dproc), OBOL_OK);
    s = 99;
    EQ(cap_mint(T0, S, 0, ANY, SAME, 0, &s), E(BAD_DESCRIPTOR));
    EQ(cap_mint(T0, 60, 0, ANY, SAME, 0, &s), E(BAD_DESCRIPTOR));
    EQ(cap_mint(T0, vder, 0, ANY, SAME, 0, &s), E(REVOKED));
    EQ(cap_mint(T0, der, 0, ANY, SAME, 0, &s), E(ACCESS_DENIED));
    EQ(cap_mint(T0, ep, S + 5, ANY, SAME, 0, &s), E(BAD_DESCRIPTOR));
    EQ(cap_mint(T0, ep, 61, ANY, SAME, 0, &s), E(BAD_DESCRIPTOR));
    EQ(cap_mint(T0, ep, vder, ANY, SAME, 0, &s), E(REVOKED));
    EQ(cap_mint(T0, ep, th, ANY, SAME, 0, &s), E(WRONG_TYPE));
    EQ(cap_mint(T0, ep, noopen, ANY, SAME, 0, &s), E(ACCESS_DENIED));
    EQ(cap_mint(T0, ep, 0, ANY, R(READ), 0, &s), E(INVALID_ARGS));      /* not an endpoint right */
    EQ(cap_mint(T0, ep, 0, ANY, 1u << 20, 0, &s), E(INVALID_ARGS));
    EQ(cap_mint(T0, ep, 0, S, SAME, 0, &s), E(INVALID_ARGS));
    EQ(cap_mint(T0, ep, 0, 0, SAME, 0, &s), E(ALREADY_EXISTS));
    EQ(cap_mint(T0, ep, 0, rev, SAME, 0, &s), E(ALREADY_EXISTS));
    EQ(s, 99);
    /* destroyed owner / target: process exit marks the object destroyed
     * while init's owner descriptor stays */
    cap_process_exit(t1);
    EQ(cap_mint(T0, ep, p, ANY, SAME, 0, &s), E(OBJECT_DESTROYED));   /* target */
    EQ(cap_mint(T0, p, 0, ANY, SAME, 0, &s), E(OBJECT_DESTROYED));    /* owner */
    /* target table full */
    uint32_t t2 = cap_proc_table(gobj(T0, proc2));
    for (uint32_t k = 0; k < S; k++) EQ(cap_mint(T0, ep, dproc, ANY, SAME, 0, &s), OBOL_OK);
    EQ(cap_table_free_count(t2), 0);
    EQ(cap_mint(T0, ep, dproc, ANY, SAME, 0, &s), E(NO_RESOURCES));
    EQ(cap_mint(T0, ep, dproc, 3, SAME, 0, &s), E(ALREADY_EXISTS));
}

static void t_dup(void)
{
    boot();
    uint32_t p, t1 = spawn(&p), s;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), a;
    EQ(cap_mint(T0, ep, 0, ANY, R(SEND) | R(DUPLICATE) | R(INSPECT), 0x77, &a), OBOL_OK);
    EQ(cap_dup(T0, a, p, ANY, SAME, 0, &s), OBOL_OK);
    struct cap_info i;
    EQ(cap_info(t1, s, &i), OBOL_OK);
    EQ(i.badge, 0x77);                                  /* badge copied */
    EQ(i.rights, R(SEND) | R(DUPLICATE) | R(INSPECT));
    EQ(CAP_D(parent, t1 * S + s), T0 * S + a);           /* derived from src */
    uint32_t b;
    EQ(cap_dup(T0, a, 0, 20, R(SEND), 0, &b), OBOL_OK);
    EQ(b, 20);
    EQ(CAP_D(rights, T0 * S + b), R(SEND));
    /* rights enforced after attenuation: no DUPLICATE, no INSPECT */
    EQ(cap_dup(T0, b, 0, ANY, SAME, 0, &s), E(ACCESS_DENIED));
    EQ(cap_info(T0, b, &i), E(ACCESS_DENIED));
    uint32_t o;
    EQ(cap_lookup(T0, b, OBOL_TYPE_ENDPOINT, R(SEND), &o), OBOL_OK);
    /* CLOSE_SOURCE on success = replace: fewer rights, same table */
    uint32_t c;
    EQ(cap_dup(T0, a, 0, ANY, R(DUPLICATE) | R(SEND), 0, &c), OBOL_OK);
    uint32_t r;
    EQ(cap_dup(T0, c, 0, ANY, R(SEND), OBOL_DUP_CLOSE_SOURCE, &r), OBOL_OK);
    EQ(st(T0, c), CAP_FREE);
    EQ(CAP_D(rights, T0 * S + r), R(SEND));
    EQ(CAP_D(parent, T0 * S + r), T0 * S + a);           /* re-attached to a */
    /* CLOSE_SOURCE on failure: the error is returned and src is closed */
    EQ(cap_dup(T0, a, 0, ANY, R(DUPLICATE), 0, &c), OBOL_OK);
    EQ(cap_dup(T0, c, 0, ANY, R(RECEIVE), OBOL_DUP_CLOSE_SOURCE, &s), E(INVALID_ARGS));
    EQ(st(T0, c), CAP_FREE);
    /* ... but not for bad options or a bad source */
    EQ(cap_dup(T0, a, 0, ANY, SAME, OBOL_DUP_CLOSE_SOURCE | 2, &s), E(INVALID_ARGS));
    EQ(st(T0, a), CAP_LIVE);
    EQ(cap_dup(T0, 50, 0, ANY, SAME, OBOL_DUP_CLOSE_SOURCE, &s), E(BAD_DESCRIPTOR));
}

static void t_dup_errors(void)
{
    boot();
    uint32_t p, t1 = spawn(&p), s = 99;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), th = mk(T0, OBOL_TYPE_THREAD);
    uint32_t a, nodup, noopen, v = mk(T0, OBOL_TYPE_REGION), vd;
    EQ(cap_mint(T0, ep, 0, ANY, R(SEND) | R(DUPLICATE), 0, &a), OBOL_OK);
    EQ(cap_mint(T0, ep, 0, ANY, R(SEND), 0, &nodup), OBOL_OK);
    EQ(cap_mint(T0, 0, 0, ANY, R(DUPLICATE), 0, &noopen), OBOL_OK);
    EQ(cap_mint(T0, v, 0, ANY, SAME, 0, &vd), OBOL_OK);
    EQ(cap_revoke(T0, v), OBOL_OK);
    EQ(cap_dup(T0, a, 0, ANY, SAME, 4, &s), E(INVALID_ARGS));
    EQ(cap_dup(T0, S, 0, ANY, SAME, 0, &s), E(BAD_DESCRIPTOR));
    EQ(cap_dup(T0, 55, 0, ANY, SAME, 0, &s), E(BAD_DESCRIPTOR));
    EQ(cap_dup(T0, vd, 0, ANY, SAME, 0, &s), E(REVOKED));
    EQ(cap_dup(T0, ep, 0, ANY, SAME, 0, &s), E(INVALID_ARGS));      /* owner: use mint */
    EQ(cap_dup(T0, nodup, 0, ANY, SAME, 0, &s), E(ACCESS_DENIED));
    EQ(cap_dup(T0, a, S, ANY, SAME, 0, &s), E(BAD_DESCRIPTOR));
    EQ(cap_dup(T0, a, vd, ANY, SAME, 0, &s), E(REVOKED));
    EQ(cap_dup(T0, a, th, ANY, SAME, 0, &s), E(WRONG_TYPE));
    EQ(cap_dup(T0, a, noopen, ANY, SAME, 0, &s), E(ACCESS_DENIED));
    EQ(cap_dup(T0, a, 0, ANY, R(SEND) | R(RECEIVE), 0, &s), E(INVALID_ARGS)); /* more, never downgraded */
    EQ(cap_dup(T0, a, 0, S + 1, SAME, 0, &s), E(INVALID_ARGS));
    EQ(cap_dup(T0, a, 0, ep, SAME, 0, &s), E(ALREADY_EXISTS));
    EQ(cap_dup(T0, a, 0, vd, SAME, 0, &s), E(ALREADY_EXISTS));
    EQ(s, 99);
    /* REVOKED with CLOSE_SOURCE: error returned, slot closed */
    EQ(cap_dup(T0, vd, 0, ANY, SAME, OBOL_DUP_CLOSE_SOURCE, &s), E(REVOKED));
    EQ(st(T0, vd), CAP_FREE);
    /* destroyed source / target */
    uint32_t ad;
    EQ(cap_dup(T0, a, p, ANY, SAME, 0, &ad), OBOL_OK);
    EQ(cap_destroy(T0, ep), OBOL_OK);
    EQ(cap_dup(T0, a, 0, ANY, SAME, 0, &s), E(OBJECT_DESTROYED));
    uint32_t e2 = mk(T0, OBOL_TYPE_ENDPOINT), b;
    EQ(cap_mint(T0, e2, 0, ANY, SAME, 0, &b), OBOL_OK);
    cap_process_exit(t1);
    EQ(cap_dup(T0, b, p, ANY, SAME, 0, &s), E(OBJECT_DESTROYED));
    EQ(cap_dup(T0, a, 0, ANY, SAME, OBOL_DUP_CLOSE_SOURCE, &s), E(OBJECT_DESTROYED));
    EQ(st(T0, a), CAP_FREE);
    /* target table full */
    uint32_t p2 = mk(T0, OBOL_TYPE_PROCESS), dp2;
    EQ(cap_mint(T0, p2, 0, ANY, SAME, 0, &dp2), OBOL_OK);
    for (uint32_t n = 0; n < S && cap_table_free_count(cap_proc_table(gobj(T0, p2))) && !cur_failed; n++)
        EQ(cap_dup(T0, b, dp2, ANY, SAME, 0, &s), OBOL_OK);
    EQ(cap_dup(T0, b, dp2, ANY, SAME, 0, &s), E(NO_RESOURCES));
}

/* A derivation chain down to CAP_MAX_DEPTH, spread over tables: table i
 * holds itself (slot 0) and a descriptor to table i+1.  Returns the root
 * (init's owner descriptor) and the last link's table and slot. */
static uint32_t chain_to_limit(uint32_t *last_t, uint32_t *last)
{
    enum { N = CAP_MAX_TABLES - 1 };
    uint32_t own[N], tab[N + 1], nxt[N + 1];
    tab[0] = T0;
    for (int i = 0; i < N; i++) tab[i + 1] = spawn(&own[i]);
    nxt[0] = own[0];
    for (int i = 1; i < N; i++) {
        uint32_t s;
        EQ(cap_mint(T0, own[i], own[i - 1], ANY, SAME, 0, &s), OBOL_OK);
        nxt[i] = s;
    }
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), cur, s;
    EQ(cap_mint(T0, ep, 0, ANY, SAME, 0, &cur), OBOL_OK);
    int ti = 0;
    for (uint32_t k = 0; k < CAP_MAX_DEPTH && CAP_D(depth, tab[ti] * S + cur) < CAP_MAX_DEPTH && !cur_failed; k++) {
        uint32_t t = tab[ti];
        if (cap_table_free_count(t) > 1 || ti == N) {
            EQ(cap_dup(t, cur, 0, ANY, SAME, 0, &s), OBOL_OK);
        } else {
            EQ(cap_dup(t, cur, nxt[ti], ANY, SAME, 0, &s), OBOL_OK);
            ti++;
        }
        cur = s;
    }
    *last_t = tab[ti];
    *last = cur;
    return ep;
}

static void t_dup_depth(void)
{
    boot();
    uint32_t t, cur, s, ep = chain_to_limit(&t, &cur);
    EQ(CAP_D(depth, t * S + cur), CAP_MAX_DEPTH);
    EQ(cap_dup(t, cur, 0, S, SAME, 0, &s), E(INVALID_ARGS));          /* dest checks first */
    if (cap_table_free_count(t) == 0) EQ(cap_close(t, 1), OBOL_OK);
    EQ(cap_dup(t, cur, 0, ANY, SAME, 0, &s), E(NO_RESOURCES));
    /* revoking the root reaches the whole chain */
    uint32_t o = gobj(T0, ep);
    EQ(cap_revoke(T0, ep), OBOL_OK);
    EQ(cap_obj_refs(o), 1);
}

static void t_close(void)
{
    boot();
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), a, b, c;
    EQ(cap_close(T0, S), E(BAD_DESCRIPTOR));
    EQ(cap_close(T0, 30), E(BAD_DESCRIPTOR));
    EQ(cap_mint(T0, ep, 0, ANY, SAME, 0, &a), OBOL_OK);
    EQ(cap_dup(T0, a, 0, ANY, SAME, 0, &b), OBOL_OK);
    EQ(cap_dup(T0, b, 0, ANY, SAME, 0, &c), OBOL_OK);
    uint32_t o = gobj(T0, ep);
    EQ(cap_obj_refs(o), 4);
    EQ(cap_close(T0, b), OBOL_OK);                      /* middle of a chain */
    EQ(cap_obj_refs(o), 3);
    EQ(CAP_D(parent, T0 * S + c), T0 * S + a);
    EQ(CAP_D(depth, T0 * S + c), 2);
    EQ(cap_close(T0, b), E(BAD_DESCRIPTOR));
    EQ(cap_revoke(T0, a), OBOL_OK);                     /* still reaches c */
    EQ(st(T0, c), CAP_REVOKED);
    EQ(cap_obj_refs(o), 2);
    EQ(cap_close(T0, c), OBOL_OK);                      /* close REVOKED */
    EQ(st(T0, c), CAP_FREE);
    EQ(cap_obj_refs(o), 2);
    /* closing the owner: ownerless object, children become roots */
    uint32_t d;
    EQ(cap_dup(T0, a, 0, ANY, SAME, 0, &d), OBOL_OK);
    EQ(cap_close(T0, ep), OBOL_OK);
    EQ(CAP_O(owner, o), CAP_NONE);
    EQ(CAP_D(parent, T0 * S + a), CAP_NONE);
    EQ(CAP_D(depth, T0 * S + a), 0);
    EQ(CAP_D(depth, T0 * S + d), 1);
    EQ(cap_revoke(T0, a), OBOL_OK);
    EQ(st(T0, d), CAP_REVOKED);
    EQ(cap_close(T0, a), OBOL_OK);
    EQ(CAP_O(state, o), CAP_ODYING);                     /* last reference */
    uint32_t ro, rt;
    EQ(cap_reap_next(&ro, &rt), 1);
    EQ(ro, o);
    EQ(rt, OBOL_TYPE_ENDPOINT);
    EQ(cap_reap_next(&ro, &rt), 0);
}

static void t_destroy(void)
{
    boot();
    uint32_t p, t1 = spawn(&p), s;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), a, b, x;
    EQ(cap_mint(T0, ep, 0, ANY, SAME, 0, &a), OBOL_OK);
    EQ(cap_mint(T0, ep, p, ANY, R(SEND), 0, &b), OBOL_OK);
    uint32_t v = mk(T0, OBOL_TYPE_REGION), vd;
    EQ(cap_mint(T0, v, 0, ANY, SAME, 0, &vd), OBOL_OK);
    EQ(cap_revoke(T0, v), OBOL_OK);
    EQ(cap_destroy(T0, S), E(BAD_DESCRIPTOR));
    EQ(cap_destroy(T0, 50), E(BAD_DESCRIPTOR));
    EQ(cap_destroy(T0, vd), E(REVOKED));
    EQ(cap_destroy(T0, a), E(ACCESS_DENIED));           /* not the owner */
    /* the "owner lacks DESTROY" case cannot arise with the ABI's types (every
     * type's valid rights include DESTROY and an owner holds them all) */
    uint32_t o = gobj(T0, ep);
    EQ(cap_destroy(T0, ep), OBOL_OK);
    EQ(st(T0, ep), CAP_FREE);                           /* owner consumed */
    EQ(CAP_O(destroyed, o), 1);
    EQ(look(T0, a), E(OBJECT_DESTROYED));
    EQ(look(t1, b), E(OBJECT_DESTROYED));
    struct cap_info i;
    EQ(cap_info(t1, b, &i), E(OBJECT_DESTROYED));
    EQ(cap_destroy(T0, a), E(OBJECT_DESTROYED));
    EQ(cap_revoke(T0, a), E(OBJECT_DESTROYED));
    EQ(cap_mint(T0, a, 0, ANY, SAME, 0, &x), E(OBJECT_DESTROYED));
    EQ(CAP_O(state, o), CAP_OALIVE);
    EQ(cap_close(T0, a), OBOL_OK);
    EQ(CAP_O(state, o), CAP_OALIVE);
    EQ(cap_close(t1, b), OBOL_OK);                      /* last reference */
    EQ(CAP_O(state, o), CAP_ODYING);
    uint32_t ro, rt;
    EQ(cap_reap_next(&ro, &rt), 1);
    EQ(ro, o);
    EQ(cap_obj_type(o), 0);
    (void)s;
}

static void t_revoke(void)
{
    boot();
    uint32_t p1, t1 = spawn(&p1), p2, t2 = spawn(&p2);
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), a, b, c, sib;
    EQ(cap_mint(T0, ep, 0, ANY, R(DUPLICATE) | R(SEND), 0, &a), OBOL_OK);
    EQ(cap_mint(T0, ep, 0, ANY, R(SEND), 0, &sib), OBOL_OK);
    /* a (t0) -> b (t1) -> c (t2): b made by init into t1 */
    EQ(cap_dup(T0, a, p1, ANY, SAME, 0, &b), OBOL_OK);
    /* t1 holds itself at slot 0 with OPEN; give t1 a descriptor to t2 */
    uint32_t p2in1;
    EQ(cap_mint(T0, p2, p1, ANY, SAME, 0, &p2in1), OBOL_OK);
    EQ(cap_dup(t1, b, p2in1, ANY, SAME, 0, &c), OBOL_OK);
    uint32_t o = gobj(T0, ep);
    EQ(cap_obj_refs(o), 5);
    EQ(cap_revoke(T0, S + 1), E(BAD_DESCRIPTOR));
    EQ(cap_revoke(T0, 60), E(BAD_DESCRIPTOR));
    EQ(cap_revoke(T0, a), OBOL_OK);
    EQ(st(T0, a), CAP_LIVE);
    EQ(st(t1, b), CAP_REVOKED);
    EQ(st(t2, c), CAP_REVOKED);
    EQ(st(T0, sib), CAP_LIVE);                          /* not derived from a */
    EQ(cap_obj_refs(o), 3);
    EQ(look(t1, b), E(REVOKED));
    EQ(look(t2, c), E(REVOKED));
    EQ(cap_revoke(t1, b), E(REVOKED));
    uint32_t s;
    EQ(cap_create(t1, OBOL_TYPE_THREAD, b, &s), E(ALREADY_EXISTS));   /* slot kept */
    EQ(cap_close(t1, b), OBOL_OK);
    EQ(look(t1, b), E(BAD_DESCRIPTOR));
    /* revoking the owner revokes everything else */
    EQ(cap_revoke(T0, ep), OBOL_OK);
    EQ(st(T0, a), CAP_REVOKED);
    EQ(st(T0, sib), CAP_REVOKED);
    EQ(cap_obj_refs(o), 1);
}

static void t_info_lookup(void)
{
    boot();
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), a, b, o;
    struct cap_info i;
    EQ(cap_mint(T0, ep, 0, ANY, R(INSPECT), 5, &a), OBOL_OK);
    EQ(cap_mint(T0, ep, 0, ANY, R(SEND), 6, &b), OBOL_OK);
    EQ(cap_info(T0, S, &i), E(BAD_DESCRIPTOR));
    EQ(cap_info(T0, 40, &i), E(BAD_DESCRIPTOR));
    EQ(cap_info(T0, b, &i), E(ACCESS_DENIED));
    EQ(cap_info(T0, a, &i), OBOL_OK);
    EQ(i.badge, 5);
    EQ(i.koid, cap_obj_koid(gobj(T0, ep)));
    EQ(cap_info(T0, ep, &i), OBOL_OK);                  /* owner needs no INSPECT */
    EQ(cap_lookup(T0, S, OBOL_TYPE_ENDPOINT, 0, &o), E(BAD_DESCRIPTOR));
    EQ(cap_lookup(T0, 40, OBOL_TYPE_ENDPOINT, 0, &o), E(BAD_DESCRIPTOR));
    EQ(cap_lookup(T0, b, OBOL_TYPE_REGION, R(RECEIVE), &o), E(WRONG_TYPE));  /* type before rights */
    EQ(cap_lookup(T0, b, OBOL_TYPE_ENDPOINT, R(RECEIVE), &o), E(ACCESS_DENIED));
    EQ(cap_lookup(T0, b, OBOL_TYPE_ENDPOINT, R(SEND) | (1u << 25), &o), E(ACCESS_DENIED));
    EQ(cap_lookup(T0, b, OBOL_TYPE_ENDPOINT, R(SEND), &o), OBOL_OK);
    EQ(cap_revoke(T0, ep), OBOL_OK);
    EQ(cap_lookup(T0, b, OBOL_TYPE_REGION, R(SEND), &o), E(REVOKED));        /* revoked before type */
    EQ(cap_info(T0, a, &i), E(REVOKED));
    uint32_t r = mk(T0, OBOL_TYPE_REGION), c;
    EQ(cap_mint(T0, r, 0, ANY, SAME, 0, &c), OBOL_OK);
    EQ(cap_destroy(T0, r), OBOL_OK);
    EQ(cap_lookup(T0, c, OBOL_TYPE_ENDPOINT, R(SEND), &o), E(OBJECT_DESTROYED)); /* before type */
    EQ(cap_info(T0, c, &i), E(OBJECT_DESTROYED));
}

static void t_process_exit(void)
{
    boot();
    uint32_t p, t1 = spawn(&p), s;
    uint32_t po = gobj(T0, p);
    /* P creates an endpoint and gives init a descriptor to it */
    uint32_t init_in_p;
    EQ(cap_mint(T0, 0, p, ANY, SAME, 0, &init_in_p), OBOL_OK);  /* P can reach init */
    uint32_t e = mk(t1, OBOL_TYPE_ENDPOINT), ed, ed2;
    EQ(cap_mint(t1, e, init_in_p, ANY, R(SEND) | R(DUPLICATE), 0, &ed), OBOL_OK);
    EQ(cap_dup(T0, ed, 0, ANY, SAME, 0, &ed2), OBOL_OK);
    uint32_t eo = gobj(t1, e);
    uint32_t ep0 = mk(T0, OBOL_TYPE_ENDPOINT), in_p;            /* init's object shared with P */
    EQ(cap_mint(T0, ep0, p, ANY, SAME, 0, &in_p), OBOL_OK);
    cap_process_exit(t1);
    EQ(cap_table_free_count(t1), S);
    EQ(CAP_O(destroyed, po), 1);
    EQ(st(T0, ed), CAP_REVOKED);                        /* derived from P's owner */
    EQ(st(T0, ed2), CAP_REVOKED);
    EQ(CAP_O(state, eo), CAP_ODYING);                    /* only P referenced it */
    EQ(cap_obj_refs(gobj(T0, ep0)), 1);                 /* P's copy dropped */
    EQ(look(T0, p), E(OBJECT_DESTROYED));
    EQ(CAP_O(state, po), CAP_OALIVE);                    /* init still holds it */
    uint32_t ro, rt;
    EQ(cap_reap_next(&ro, &rt), 1);
    EQ(ro, eo);
    EQ(cap_reap_next(&ro, &rt), 0);
    uint32_t ft = cap_free_tables();
    EQ(cap_close(T0, p), OBOL_OK);
    EQ(cap_reap_next(&ro, &rt), 1);
    EQ(ro, po);
    EQ(rt, OBOL_TYPE_PROCESS);
    EQ(cap_free_tables(), ft + 1);                      /* table released */
    EQ(cap_proc_table(po), CAP_NONE);
    (void)s;
}

static void t_reap_process_with_table(void)
{
    /* a process freed without exit: its table is emptied when reaped */
    boot();
    uint32_t p, t1 = spawn(&p), s;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), x;
    EQ(cap_mint(T0, ep, p, ANY, SAME, 0, &x), OBOL_OK);
    uint32_t th = mk(t1, OBOL_TYPE_THREAD);
    (void)th;
    /* t1 holds itself: drop init's owner, then P's self descriptor */
    EQ(cap_close(T0, p), OBOL_OK);
    EQ(cap_close(t1, 0), OBOL_OK);
    uint32_t ro, rt, got_proc = 0, got_thread = 0, n = 0;
    while (n <= CAP_MAX_OBJECTS && cap_reap_next(&ro, &rt) == 1) {
        n++;
        got_proc += rt == OBOL_TYPE_PROCESS;
        got_thread += rt == OBOL_TYPE_THREAD;
    }
    EQ(got_proc, 1);
    EQ(got_thread, 1);
    EQ(n, 2);
    EQ(cap_obj_refs(gobj(T0, ep)), 1);
    (void)s;
}

static void t_pins(void)
{
    boot();
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT);
    uint32_t o = gobj(T0, ep);
    EQ(cap_pin(o), OBOL_OK);
    EQ(cap_close(T0, ep), OBOL_OK);
    EQ(CAP_O(state, o), CAP_OALIVE);
    uint32_t ro, rt;
    EQ(cap_reap_next(&ro, &rt), 0);
    cap_unpin(o);
    EQ(CAP_O(state, o), CAP_ODYING);
    EQ(cap_reap_next(&ro, &rt), 1);
    EQ(ro, o);
    /* pin overflow */
    uint32_t e2 = mk(T0, OBOL_TYPE_ENDPOINT), o2 = gobj(T0, e2);
    CAP_O(pins, o2) = UINT32_MAX;
    EQ(cap_pin(o2), E(NO_RESOURCES));
    CAP_O(pins, o2) = 0;
}

static void t_reap_fifo_koid(void)
{
    boot();
    uint32_t a = mk(T0, OBOL_TYPE_ENDPOINT), b = mk(T0, OBOL_TYPE_REGION);
    uint32_t oa = gobj(T0, a), ob = gobj(T0, b);
    uint64_t ka = cap_obj_koid(oa), kb = cap_obj_koid(ob);
    CHECK(kb > ka);
    EQ(cap_close(T0, b), OBOL_OK);
    EQ(cap_close(T0, a), OBOL_OK);
    uint32_t ro, rt;
    EQ(cap_reap_next(&ro, &rt), 1);
    EQ(ro, ob);
    EQ(cap_reap_next(&ro, &rt), 1);
    EQ(ro, oa);
    EQ(cap_reap_next(&ro, &rt), 0);
    uint32_t c = mk(T0, OBOL_TYPE_ENDPOINT);
    EQ(gobj(T0, c), oa);                                /* slot reused ... */
    CHECK(cap_obj_koid(oa) > kb);                       /* ... koid never */
    /* a dying object is not reused before it is reaped */
    EQ(cap_close(T0, c), OBOL_OK);
    uint32_t d = mk(T0, OBOL_TYPE_ENDPOINT);
    CHECK(gobj(T0, d) != oa);
}

static void t_confinement(void)
{
    /* an operation by init that targets P changes only init's and P's
     * tables; a third process's table is untouched */
    boot();
    uint32_t p, t1 = spawn(&p), q, t2 = spawn(&q), s;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), x;
    EQ(cap_mint(T0, ep, q, ANY, SAME, 0, &x), OBOL_OK);
    uint8_t snap[S];
    for (uint32_t k = 0; k < S; k++) snap[k] = CAP_D(state, t2 * S + k);
    EQ(cap_mint(T0, ep, p, ANY, SAME, 0, &s), OBOL_OK);
    EQ(cap_dup(t1, s, 0, ANY, SAME, 0, &x), OBOL_OK);
    EQ(cap_close(t1, s), OBOL_OK);
    for (uint32_t k = 0; k < S; k++) EQ(CAP_D(state, t2 * S + k), snap[k]);
}

/* descriptor transfer (IPC) ------------------------------------------ */
static void xf(uint32_t i, uint32_t src, uint32_t op, uint32_t rights, uint32_t dest)
{
    cap_x_src[i] = src; cap_x_op[i] = op; cap_x_rights[i] = rights; cap_x_dest[i] = dest;
    cap_x_result[i] = 1; cap_x_slot[i] = 0xdead; cap_x_nr[i] = 0xdead;
}
#define MOVE OBOL_XFER_MOVE
#define DUPX OBOL_XFER_DUP
/* a copy of every descriptor field, to show a failed transfer changed none */
static uint8_t snap_st[CAP_G], snap_ow[CAP_G];
static uint32_t snap_r[CAP_G], snap_p[CAP_G], snap_refs[CAP_MAX_OBJECTS];
static void snap(void)
{
    for (uint32_t g = 0; g < CAP_G; g++) {
        snap_st[g] = CAP_D(state, g); snap_ow[g] = CAP_D(owner, g);
        snap_r[g] = CAP_D(rights, g); snap_p[g] = CAP_D(parent, g);
    }
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS; o++)
        snap_refs[o] = CAP_O(refs, o);
}
static int unchanged(void)
{
    for (uint32_t g = 0; g < CAP_G; g++)
        if (snap_st[g] != CAP_D(state, g) || snap_ow[g] != CAP_D(owner, g) ||
            snap_r[g] != CAP_D(rights, g) || snap_p[g] != CAP_D(parent, g))
            return 0;
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS; o++)
        if (snap_refs[o] != CAP_O(refs, o))
            return 0;
    return 1;
}

static void t_transfer(void)
{
    boot();
    uint32_t p, t1 = spawn(&p);
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), a, b, c;
    uint32_t all = R(SEND) | R(RECEIVE) | R(TRANSFER) | R(DUPLICATE) | R(INSPECT);
    EQ(cap_mint(T0, ep, 0, ANY, all, 0x51, &a), OBOL_OK);
    EQ(cap_mint(T0, ep, 0, ANY, all, 0x52, &b), OBOL_OK);
    EQ(cap_mint(T0, ep, 0, ANY, all, 0x53, &c), OBOL_OK);
    uint32_t ca;                                   /* a child of c, in init */
    EQ(cap_dup(T0, c, 0, ANY, R(SEND) | R(TRANSFER), 0, &ca), OBOL_OK);
    uint32_t refs = cap_obj_refs(gobj(T0, ep));
    int side = 0;
    /* 0: DUP a, reduced, to ANY; 1: MOVE b, SAME, to slot 40;
     * 2: MOVE c, reduced, to ANY (its child ca re-attaches to ep) */
    xf(0, a, DUPX, R(SEND) | R(TRANSFER), ANY);
    xf(1, b, MOVE, SAME, 40);
    xf(2, c, MOVE, R(SEND), ANY);
    EQ(cap_transfer(T0, t1, 3, &side), OBOL_OK);
    for (uint32_t i = 0; i < 3; i++) EQ(cap_x_result[i], OBOL_OK);
    /* slot 0 of t1 is its self descriptor: ANY entries take 1 and 2 */
    EQ(cap_x_slot[0], 1); EQ(cap_x_slot[1], 40); EQ(cap_x_slot[2], 2);
    EQ(cap_x_nr[0], R(SEND) | R(TRANSFER)); EQ(cap_x_nr[1], all); EQ(cap_x_nr[2], R(SEND));
    uint32_t g0 = t1 * S + 1, g1 = t1 * S + 40, g2 = t1 * S + 2;
    /* DUP: sender keeps a; the copy is a's child, badge copied */
    EQ(st(T0, a), CAP_LIVE);
    EQ(CAP_D(parent, g0), T0 * S + a); EQ(CAP_D(badge, g0), 0x51); EQ(CAP_D(rights, g0), R(SEND) | R(TRANSFER));
    /* MOVE with all rights: b is gone, the new one has b's place (child of ep) */
    EQ(st(T0, b), CAP_FREE);
    EQ(CAP_D(parent, g1), T0 * S + ep); EQ(CAP_D(badge, g1), 0x52); EQ(CAP_D(rights, g1), all);
    /* MOVE with fewer rights: c is closed, ca re-attached to ep, the new one a sibling */
    EQ(st(T0, c), CAP_FREE);
    EQ(CAP_D(parent, g2), T0 * S + ep); EQ(CAP_D(badge, g2), 0x53);
    EQ(st(T0, ca), CAP_LIVE);
    EQ(cap_obj_refs(gobj(T0, ep)), refs + 1);      /* +1 DUP; a MOVE keeps the count */
    /* rights enforced afterwards in the receiver */
    uint32_t o, s;
    EQ(cap_lookup(t1, 2, OBOL_TYPE_ENDPOINT, R(RECEIVE), &o), E(ACCESS_DENIED));
    EQ(cap_lookup(t1, 2, OBOL_TYPE_ENDPOINT, R(SEND), &o), OBOL_OK);
    EQ(cap_dup(t1, 1, 0, ANY, SAME, 0, &s), E(ACCESS_DENIED));  /* no DUPLICATE */
    /* descendants follow a MOVE with all rights: a child made in t1 from
     * the moved descriptor, revoked through it from the sender's side */
    uint32_t gc;
    EQ(cap_dup(t1, 40, 0, ANY, R(SEND), 0, &gc), OBOL_OK);
    xf(0, 40, MOVE, SAME, 7);
    EQ(cap_transfer(t1, T0, 1, &side), OBOL_OK);   /* and back to init */
    EQ(CAP_D(parent, t1 * S + gc), T0 * S + 7);
    EQ(cap_revoke(T0, 7), OBOL_OK);
    EQ(st(t1, gc), CAP_REVOKED);
    /* revoking the source of a DUP reaches the transferred copy */
    EQ(cap_revoke(T0, a), OBOL_OK);
    EQ(st(t1, 1), CAP_REVOKED);
    /* destroying the object leaves no usable transferred descriptor */
    EQ(cap_destroy(T0, ep), OBOL_OK);
    EQ(look(t1, 2), E(OBJECT_DESTROYED));
    /* an owner may be MOVEd with all its rights, and stays the owner */
    uint32_t v = mk(T0, OBOL_TYPE_REGION);
    uint32_t vo = gobj(T0, v);
    xf(0, v, MOVE, SAME, ANY);
    EQ(cap_transfer(T0, t1, 1, &side), OBOL_OK);
    EQ(CAP_O(owner, vo), t1 * S + cap_x_slot[0]);
    EQ(CAP_D(owner, t1 * S + cap_x_slot[0]), 1);
    /* n == 0 does nothing */
    snap();
    EQ(cap_transfer(T0, t1, 0, &side), OBOL_OK);
    CHECK(unchanged());
}

static void t_transfer_errors(void)
{
    boot();
    uint32_t p, t1 = spawn(&p), side;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), a, nox, nodup, vd;
    uint32_t v = mk(T0, OBOL_TYPE_REGION);
    EQ(cap_mint(T0, ep, 0, ANY, R(SEND) | R(TRANSFER) | R(DUPLICATE), 0, &a), OBOL_OK);
    EQ(cap_mint(T0, ep, 0, ANY, R(SEND) | R(DUPLICATE), 0, &nox), OBOL_OK);
    EQ(cap_mint(T0, ep, 0, ANY, R(SEND) | R(TRANSFER), 0, &nodup), OBOL_OK);
    EQ(cap_mint(T0, v, 0, ANY, SAME, 0, &vd), OBOL_OK);
    EQ(cap_revoke(T0, v), OBOL_OK);
    int sd;
    /* each sender error on entry 1, with a good entry 0: the call returns
     * the first failure, each entry its own result, nothing changes */
    struct { uint32_t src, op, rights, dest; int want; } bad[] = {
        { a, 3, SAME, ANY, E(INVALID_ARGS) },                 /* bad op */
        { a, MOVE, SAME, ANY, E(INVALID_ARGS) },              /* src named twice */
        { S, MOVE, SAME, ANY, E(BAD_DESCRIPTOR) },
        { 77, MOVE, SAME, ANY, E(BAD_DESCRIPTOR) },
        { vd, MOVE, SAME, ANY, E(REVOKED) },
        { nox, MOVE, SAME, ANY, E(ACCESS_DENIED) },           /* no TRANSFER */
        { ep, DUPX, SAME, ANY, E(INVALID_ARGS) },             /* owner by DUP */
        { nodup, DUPX, SAME, ANY, E(ACCESS_DENIED) },         /* DUP needs DUPLICATE */
        { nodup, MOVE, R(RECEIVE), ANY, E(INVALID_ARGS) },    /* wider rights */
        { ep, MOVE, R(SEND), ANY, E(INVALID_ARGS) },          /* owner keeps all rights */
    };
    for (uint32_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        snap();
        xf(0, a, DUPX, SAME, ANY);
        xf(1, bad[k].src, bad[k].op, bad[k].rights, bad[k].dest);
        sd = 0;
        EQ(cap_transfer(T0, t1, 2, &sd), bad[k].want);
        EQ(sd, CAP_XFER_SENDER);
        EQ(cap_x_result[0], OBOL_OK);
        EQ(cap_x_result[1], bad[k].want);
        CHECK(unchanged());
        if (cur_failed) { snprintf(msg + strlen(msg), 40, " (case %u)", k); return; }
    }
    /* every entry reports its own result; the call returns the first */
    snap();
    xf(0, nox, MOVE, SAME, ANY); xf(1, a, MOVE, SAME, ANY); xf(2, 99, DUPX, SAME, ANY);
    EQ(cap_transfer(T0, t1, 3, &sd), E(ACCESS_DENIED));
    EQ(cap_x_result[0], E(ACCESS_DENIED)); EQ(cap_x_result[1], OBOL_OK); EQ(cap_x_result[2], E(BAD_DESCRIPTOR));
    CHECK(unchanged());
    /* cap_xfer_check: the sender's checks alone, nothing changes */
    EQ(cap_xfer_check(T0, 3), E(ACCESS_DENIED));
    CHECK(unchanged());
    /* receiver errors: bad slot, taken slot, the same slot twice, full table */
    struct { uint32_t d0, d1; int want; } rb[] = {
        { ANY, S, E(INVALID_ARGS) }, { ANY, 0, E(ALREADY_EXISTS) }, { 9, 9, E(ALREADY_EXISTS) },
    };
    for (uint32_t k = 0; k < 3; k++) {
        snap();
        xf(0, a, DUPX, SAME, rb[k].d0); xf(1, nodup, MOVE, SAME, rb[k].d1);
        sd = 0;
        EQ(cap_transfer(T0, t1, 2, &sd), rb[k].want);
        EQ(sd, CAP_XFER_RECEIVER);
        EQ(cap_x_result[1], rb[k].want);
        CHECK(unchanged());                       /* the MOVE source stays */
        EQ(st(T0, nodup), CAP_LIVE);
    }
    /* ANY skips a slot named explicitly by a later entry */
    uint32_t b;
    EQ(cap_dup(T0, a, 0, ANY, SAME, 0, &b), OBOL_OK);
    xf(0, a, DUPX, SAME, ANY); xf(1, b, DUPX, SAME, 1);
    EQ(cap_transfer(T0, t1, 2, &sd), OBOL_OK);
    EQ(cap_x_slot[0], 2); EQ(cap_x_slot[1], 1);
    /* receiver table full: NO_RESOURCES, nothing moved */
    for (uint32_t n = 0; n < S && cap_table_free_count(t1) > 1 && !cur_failed; n++)
        EQ(cap_dup(T0, a, p, ANY, SAME, 0, &side), OBOL_OK);
    snap();
    xf(0, a, DUPX, SAME, ANY); xf(1, nodup, MOVE, SAME, ANY);
    EQ(cap_transfer(T0, t1, 2, &sd), E(NO_RESOURCES));
    EQ(sd, CAP_XFER_RECEIVER);
    EQ(cap_x_result[0], OBOL_OK); EQ(cap_x_result[1], E(NO_RESOURCES));
    CHECK(unchanged());
    /* destroyed object: OBJECT_DESTROYED */
    EQ(cap_destroy(T0, ep), OBOL_OK);
    xf(0, a, DUPX, SAME, ANY);
    EQ(cap_transfer(T0, t1, 1, &sd), E(OBJECT_DESTROYED));
}

static void t_transfer_depth(void)
{
    /* at the depth limit a DUP transfer is NO_RESOURCES (the sender's
     * error); a MOVE keeps the depth and is allowed */
    boot();
    uint32_t t, cur, ep = chain_to_limit(&t, &cur);
    EQ(CAP_D(depth, t * S + cur), CAP_MAX_DEPTH);
    if (cap_table_free_count(T0) == 0) EQ(cap_close(T0, 1), OBOL_OK);
    int side;
    xf(0, cur, DUPX, SAME, ANY);
    EQ(cap_transfer(t, T0, 1, &side), E(NO_RESOURCES));
    EQ(side, CAP_XFER_SENDER);
    EQ(cap_x_result[0], E(NO_RESOURCES));
    xf(0, cur, MOVE, SAME, ANY);
    EQ(cap_transfer(t, T0, 1, &side), OBOL_OK);
    uint32_t m = cap_x_slot[0];
    EQ(CAP_D(depth, T0 * S + m), CAP_MAX_DEPTH);
    EQ(st(t, cur), CAP_FREE);
    /* revoking the root reaches the moved last link */
    EQ(cap_revoke(T0, ep), OBOL_OK);
    EQ(st(T0, m), CAP_REVOKED);
}

/* ANY = the lowest free slot (free-slot masks) ----------------------- */
/* the lowest FREE slot of table t by a plain scan of the states; S if none */
static uint32_t scan_lowest(uint32_t t)
{
    for (uint32_t k = 0; k < S; k++)
        if (CAP_D(state, t * S + k) == CAP_FREE)
            return k;
    return S;
}
/* an ANY mint of init's ep into the table of init's process descriptor pd
 * (table t): it must take the scan's lowest slot, or fail NO_RESOURCES when
 * there is none.  Returns the slot, S when full. */
static uint32_t any_mint(uint32_t ep, uint32_t pd, uint32_t t)
{
    uint32_t want = scan_lowest(t), s = 0xdead;
    int r = cap_mint(T0, ep, pd, ANY, SAME, 0, &s);
    if (want == S) {
        EQ(r, E(NO_RESOURCES));
        EQ(s, 0xdead);
        return S;
    }
    EQ(r, OBOL_OK);
    EQ(s, want);
    return r == OBOL_OK ? s : S;
}
/* a new endpoint in init's table, then ANY mints of it until the table is
 * full (each one checked by any_mint) */
static uint32_t fill_init(void)
{
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT);
    for (uint32_t n = 0; n < S && scan_lowest(T0) < S && !cur_failed; n++)
        any_mint(ep, 0, T0);
    EQ(any_mint(ep, 0, T0), S);
    return ep;
}
/* the slots next to every 32-slot word boundary, the last slot, one in the
 * middle of a word and the lowest slot fill_init gives; ascending */
static uint32_t edge_slots(uint32_t *e)
{
    uint32_t n = 0;
    e[n++] = 2;
    e[n++] = 17;
    for (uint32_t b = 32; b < S; b += 32) { e[n++] = b - 1; e[n++] = b; }
    if (e[n - 1] != S - 1) e[n++] = S - 1;
    return n;
}

static void t_any_lowest(void)
{
    boot();
    uint32_t ep = fill_init(), s, e[2 * (S / 32) + 3], n = edge_slots(e);
    EQ(ep, 1);                              /* so slots 2 .. S-1 are mints */
    /* a full table: NO_RESOURCES from every operation that takes ANY */
    EQ(cap_create(T0, OBOL_TYPE_ENDPOINT, ANY, &s), E(NO_RESOURCES));
    EQ(cap_dup(T0, 2, 0, ANY, SAME, 0, &s), E(NO_RESOURCES));
    /* one free slot, at each edge: ANY takes exactly it, then full again */
    for (uint32_t i = 0; i < n; i++) {
        EQ(cap_close(T0, e[i]), OBOL_OK);
        EQ(any_mint(ep, 0, T0), e[i]);
        EQ(any_mint(ep, 0, T0), S);
    }
    /* two free slots across each word boundary, the higher freed first */
    for (uint32_t b = 32; b < S; b += 32) {
        EQ(cap_close(T0, b), OBOL_OK);
        EQ(cap_close(T0, b - 1), OBOL_OK);
        EQ(any_mint(ep, 0, T0), b - 1);
        EQ(any_mint(ep, 0, T0), b);
        EQ(any_mint(ep, 0, T0), S);
    }
    /* every edge free at once, freed from the top: taken from the bottom */
    for (uint32_t i = n; i-- > 0;)
        EQ(cap_close(T0, e[i]), OBOL_OK);
    for (uint32_t i = 0; i < n; i++)
        EQ(any_mint(ep, 0, T0), e[i]);
    EQ(any_mint(ep, 0, T0), S);
    /* frees in the middle, out of order; the explicit slot is skipped */
    uint32_t mid[] = { 45 % S, 10, 33 % S, 30, 3 };
    for (uint32_t i = 0; i < 5; i++)
        EQ(cap_close(T0, mid[i]), OBOL_OK);
    EQ(cap_mint(T0, ep, 0, 10, SAME, 0, &s), OBOL_OK);
    EQ(s, 10);
    for (uint32_t n = 0; n < S && scan_lowest(T0) < S && !cur_failed; n++)
        any_mint(ep, 0, T0);
    EQ(any_mint(ep, 0, T0), S);
    /* a dup with CLOSE_SOURCE in a full table frees nothing first */
    EQ(cap_dup(T0, 5, 0, ANY, SAME, OBOL_DUP_CLOSE_SOURCE, &s), E(NO_RESOURCES));
    EQ(st(T0, 5), CAP_FREE);
    EQ(any_mint(ep, 0, T0), 5);
}

static void t_any_states(void)
{
    /* REVOKED slots are not free; closing them makes them free; the masks
     * are per table: another table's frees do not make a full table
     * less full */
    boot();
    uint32_t t1 = spawn(NULL);              /* init's slot 1: its owner */
    uint32_t ep = fill_init(), s;           /* slot 2 */
    EQ(cap_close(T0, 40 % S), OBOL_OK);
    EQ(cap_close(T0, 9), OBOL_OK);
    EQ(cap_revoke(T0, ep), OBOL_OK);        /* every minted slot: REVOKED */
    EQ(st(T0, 12), CAP_REVOKED);
    EQ(any_mint(ep, 0, T0), 9);
    EQ(any_mint(ep, 0, T0), 40 % S);
    EQ(any_mint(ep, 0, T0), S);
    EQ(cap_close(T0, S - 1), OBOL_OK);      /* REVOKED -> FREE */
    EQ(cap_close(T0, 32 % S), OBOL_OK);
    EQ(any_mint(ep, 0, T0), 32 % S);
    EQ(any_mint(ep, 0, T0), S - 1);
    EQ(any_mint(ep, 0, T0), S);
    /* t1: slot 0 is its self descriptor; fill it from its own endpoint */
    uint32_t ep1;
    EQ(cap_create(t1, OBOL_TYPE_ENDPOINT, ANY, &ep1), OBOL_OK);
    EQ(ep1, 1);
    for (uint32_t k = 2; k < S && !cur_failed; k++) {
        EQ(cap_mint(t1, ep1, 0, ANY, SAME, 0, &s), OBOL_OK);
        EQ(s, k);
    }
    EQ(cap_mint(t1, ep1, 0, ANY, SAME, 0, &s), E(NO_RESOURCES));
    EQ(cap_close(t1, 31 % S), OBOL_OK);
    EQ(any_mint(ep, 0, T0), S);             /* init's table still full */
    EQ(cap_mint(t1, ep1, 0, ANY, SAME, 0, &s), OBOL_OK);
    EQ(s, 31 % S);
    /* a MOVE frees its source slot; the receiver's ANY is its lowest */
    EQ(cap_close(t1, 20), OBOL_OK);
    EQ(cap_close(T0, 7), OBOL_OK);
    uint32_t mv = 8;
    EQ(cap_close(T0, mv), OBOL_OK);
    EQ(cap_mint(T0, ep, 0, mv, R(SEND) | R(TRANSFER), 0, &s), OBOL_OK);
    int side;
    xf(0, mv, MOVE, SAME, ANY);
    EQ(cap_transfer(T0, t1, 1, &side), OBOL_OK);
    EQ(cap_x_slot[0], 20);
    EQ(any_mint(ep, 0, T0), 7);
    EQ(any_mint(ep, 0, T0), mv);
    EQ(any_mint(ep, 0, T0), S);
    /* process exit empties t1: its lowest is 0 again */
    cap_process_exit(t1);
    EQ(scan_lowest(t1), 0);
    EQ(cap_table_free_count(t1), S);
}

/* third-party DUP and remote close (cap_dup_from) --------------------- */
#define CS OBOL_DUP_CLOSE_SOURCE
#define NONE OBOL_DESC_NONE
#define PROC_ALL cap_type_rights(OBOL_TYPE_PROCESS)

/* cap_dup_from, then the invariants: they must hold after every call. */
static int df_at(int line, uint32_t t, uint32_t sp, uint32_t sd, uint32_t tp, uint32_t dest,
                 uint32_t rights, uint32_t opts, uint32_t *out)
{
    int r = cap_dup_from(t, sp, sd, tp, dest, rights, opts, out);
    char why[256];
    if (!cur_failed && cap_check_inv(why, sizeof why)) {
        cur_failed = 1;
        snprintf(msg, sizeof msg, "line %d: invariant after dup_from: %s", line, why);
    }
    return r;
}
#define DF(...) df_at(__LINE__, __VA_ARGS__)
/* a call whose outputs the test goes on to use: stop at its failure */
#define OK(call) do { long long _r = (call); if (_r != OBOL_OK && !cur_failed) { cur_failed = 1; \
    snprintf(msg, sizeof msg, "line %d: %s == %lld, want OBOL_OK", __LINE__, #call, _r); } \
    if (cur_failed) return; } while (0)

/* Every field of every slot and object: what an operation changed, and
 * above all what it did not, in any table. */
struct full {
    uint8_t st[CAP_G], ow[CAP_G], dp[CAP_G];
    uint16_t obj[CAP_G];
    uint32_t r[CAP_G], par[CAP_G];
    uint64_t b[CAP_G];
    uint8_t ost[CAP_MAX_OBJECTS], odes[CAP_MAX_OBJECTS];
    uint32_t orefs[CAP_MAX_OBJECTS], oown[CAP_MAX_OBJECTS], opins[CAP_MAX_OBJECTS];
};
static struct full before, after_;
static void grab(struct full *f)
{
    for (uint32_t g = 0; g < CAP_G; g++) {
        f->st[g] = CAP_D(state, g); f->ow[g] = CAP_D(owner, g); f->dp[g] = CAP_D(depth, g);
        f->obj[g] = CAP_D(obj, g); f->r[g] = CAP_D(rights, g); f->par[g] = CAP_D(parent, g);
        f->b[g] = CAP_D(badge, g);
    }
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS; o++) {
        f->ost[o] = CAP_O(state, o); f->odes[o] = CAP_O(destroyed, o); f->orefs[o] = CAP_O(refs, o);
        f->oown[o] = CAP_O(owner, o); f->opins[o] = CAP_O(pins, o);
    }
}
/* slot g was a LIVE descendant of slot a in `before` (parent links) */
static int was_below(uint32_t g, uint32_t a)
{
    uint32_t p = before.par[g];
    for (uint32_t n = 0; n <= CAP_MAX_DEPTH && p != CAP_NONE && p < CAP_G; n++, p = before.par[p])
        if (p == a) return 1;
    return 0;
}
static void fail_at(int line, const char *what, uint32_t i, long long got, long long want)
{
    if (cur_failed) return;
    cur_failed = 1;
    snprintf(msg, sizeof msg, "line %d: %s %u is %lld, want %lld", line, what, i, got, want);
}
/* The state now against `before`: no slot of any table changed except
 * `closed` (CAP_NONE: none), which is FREE now, its LIVE children hanging
 * from its parent and every LIVE descendant one level up (close's tree
 * bookkeeping), and `added` (CAP_NONE: none), FREE before, LIVE now, whose
 * content the caller checks.  Object counts move by exactly those two. */
static void same_but(int line, uint32_t closed, uint32_t added)
{
    grab(&after_);
    if ((closed != CAP_NONE && closed >= CAP_G) || (added != CAP_NONE && added >= CAP_G)) {
        fail_at(line, "slot index", closed != CAP_NONE && closed >= CAP_G ? closed : added, 0, 0);
        return;
    }
    int cl = closed != CAP_NONE && before.st[closed] == CAP_LIVE;
    for (uint32_t g = 0; g < CAP_G && !cur_failed; g++) {
        if (g == closed) {
            if (after_.st[g] != CAP_FREE) fail_at(line, "closed slot's state", g, after_.st[g], CAP_FREE);
            continue;
        }
        if (g == added) {
            if (before.st[g] != CAP_FREE) fail_at(line, "new slot's old state", g, before.st[g], CAP_FREE);
            if (after_.st[g] != CAP_LIVE) fail_at(line, "new slot's state", g, after_.st[g], CAP_LIVE);
            continue;
        }
        int below = cl && before.st[g] == CAP_LIVE && was_below(g, closed);
        uint32_t wpar = below && before.par[g] == closed ? before.par[closed] : before.par[g];
        uint32_t wdp = below ? before.dp[g] - 1u : before.dp[g];
        if (after_.st[g] != before.st[g]) fail_at(line, "state of slot", g, after_.st[g], before.st[g]);
        if (after_.obj[g] != before.obj[g]) fail_at(line, "obj of slot", g, after_.obj[g], before.obj[g]);
        if (after_.r[g] != before.r[g]) fail_at(line, "rights of slot", g, after_.r[g], before.r[g]);
        if (after_.b[g] != before.b[g]) fail_at(line, "badge of slot", g, (long long)after_.b[g], (long long)before.b[g]);
        if (after_.ow[g] != before.ow[g]) fail_at(line, "owner flag of slot", g, after_.ow[g], before.ow[g]);
        if (after_.par[g] != wpar) fail_at(line, "parent of slot", g, after_.par[g], wpar);
        if (after_.dp[g] != wdp) fail_at(line, "depth of slot", g, after_.dp[g], wdp);
    }
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS && !cur_failed; o++) {
        uint32_t want = before.orefs[o];
        if (cl && before.obj[closed] == o) want--;
        if (added != CAP_NONE && after_.obj[added] == o) want++;
        if (after_.orefs[o] != want) fail_at(line, "refs of object", o, after_.orefs[o], want);
        /* the last reference gone (no pin): dying; otherwise as it was */
        uint32_t wst = before.ost[o] == CAP_OALIVE && want == 0 && before.orefs[o] != 0 && before.opins[o] == 0
                     ? CAP_ODYING : before.ost[o];
        if (after_.ost[o] != wst) fail_at(line, "state of object", o, after_.ost[o], wst);
        uint32_t wown = closed != CAP_NONE && before.oown[o] == closed ? CAP_NONE : before.oown[o];
        if (after_.oown[o] != wown) fail_at(line, "owner of object", o, after_.oown[o], wown);
        if (after_.odes[o] != before.odes[o]) fail_at(line, "destroyed of object", o, after_.odes[o], before.odes[o]);
    }
}
#define SAME_BUT(closed, added) same_but(__LINE__, (closed), (added))
#define UNCHANGED() same_but(__LINE__, CAP_NONE, CAP_NONE)
static int full_equal(const struct full *a, const struct full *b) { return memcmp(a, b, sizeof *a) == 0; }
static uint32_t gi(uint32_t t, uint32_t d) { return t * S + d; }
/* init's owner descriptor of the process whose table is t */
static uint32_t owner_of_table(uint32_t t)
{
    for (uint32_t s = 0; s < S; s++)
        if (st(T0, s) == CAP_LIVE && CAP_D(owner, gi(T0, s)) && gobj(T0, s) == cap_table_proc(t))
            return s;
    return S;
}

/* The new slot n of table tt is a duplicate of (before) slot gs with
 * rights nr: same object and badge, no owner, a child of gs. */
static void is_copy_at(int line, uint32_t tt, uint32_t n, uint32_t gs, uint32_t nr)
{
    uint32_t g = gi(tt, n);
    if (n >= S) { fail_at(line, "new slot number", n, n, 0); return; }
    if (CAP_D(state, g) != CAP_LIVE) fail_at(line, "new slot's state", g, CAP_D(state, g), CAP_LIVE);
    if (CAP_D(obj, g) != before.obj[gs]) fail_at(line, "new slot's obj", g, CAP_D(obj, g), before.obj[gs]);
    if (CAP_D(rights, g) != nr) fail_at(line, "new slot's rights", g, CAP_D(rights, g), nr);
    if (CAP_D(badge, g) != before.b[gs]) fail_at(line, "new slot's badge", g, (long long)CAP_D(badge, g), (long long)before.b[gs]);
    if (CAP_D(owner, g) != 0) fail_at(line, "new slot's owner flag", g, CAP_D(owner, g), 0);
    if (CAP_D(parent, g) != gs) fail_at(line, "new slot's parent", g, CAP_D(parent, g), gs);
    if (CAP_D(depth, g) != before.dp[gs] + 1u) fail_at(line, "new slot's depth", g, CAP_D(depth, g), before.dp[gs] + 1u);
}
#define IS_COPY(tt, n, gs, nr) is_copy_at(__LINE__, (tt), (n), (gs), (nr))

static void t_dup_from(void)
{
    /* a caller C with EXTRACT (only) on A and OPEN (only) on B copies out
     * of A's table into B's: neither table is the caller's */
    boot();
    uint32_t pa, tA = spawn(&pa), pb, tB = spawn(&pb), tC = spawn(NULL), s, n;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), a_x, a_o, b_o, b_x, s1, s2;
    uint32_t srights = R(SEND) | R(DUPLICATE) | R(INSPECT) | R(TRANSFER);
    uint32_t pc = owner_of_table(tC);
    OK(cap_mint(T0, pa, pc, ANY, R(EXTRACT), 0, &a_x));
    OK(cap_mint(T0, pa, pc, ANY, R(OPEN), 0, &a_o));
    OK(cap_mint(T0, pb, pc, ANY, R(OPEN), 0, &b_o));
    OK(cap_mint(T0, pb, pc, ANY, R(EXTRACT), 0, &b_x));
    /* the source: depth 2 in A (ep -> s1 -> s2), badged */
    OK(cap_mint(T0, ep, pa, ANY, srights, 0xb0b, &s1));
    OK(cap_dup(tA, s1, 0, ANY, SAME, 0, &s2));
    EQ(CAP_D(depth, gi(tA, s2)), 2);
    /* SAME rights to ANY: B's lowest free slot (not C's, not A's) */
    uint32_t want = scan_lowest(tB);
    grab(&before);
    n = 0xdead;
    OK(DF(tC, a_x, s2, b_o, ANY, SAME, 0, &n));
    EQ(n, want);
    IS_COPY(tB, n, gi(tA, s2), srights);
    SAME_BUT(CAP_NONE, gi(tB, n));
    /* fewer rights to an explicit slot */
    grab(&before);
    OK(DF(tC, a_x, s2, b_o, 33 % S, R(SEND), 0, &n));
    EQ(n, 33 % S);
    IS_COPY(tB, n, gi(tA, s2), R(SEND));
    SAME_BUT(CAP_NONE, gi(tB, n));
    /* no rights at all is a subset too */
    grab(&before);
    OK(DF(tC, a_x, s1, b_o, ANY, OBOL_RIGHTS_NONE, 0, &n));
    IS_COPY(tB, n, gi(tA, s1), 0);
    SAME_BUT(CAP_NONE, gi(tB, n));
    /* source and target the same other process */
    grab(&before);
    want = scan_lowest(tA);
    OK(DF(tC, a_x, s2, a_o, ANY, R(SEND) | R(DUPLICATE), 0, &n));
    EQ(n, want);
    IS_COPY(tA, n, gi(tA, s2), R(SEND) | R(DUPLICATE));
    SAME_BUT(CAP_NONE, gi(tA, n));
    /* into the caller's own table (its slot 0 has OPEN) */
    grab(&before);
    want = scan_lowest(tC);
    OK(DF(tC, a_x, s2, 0, ANY, SAME, 0, &n));
    EQ(n, want);
    IS_COPY(tC, n, gi(tA, s2), srights);
    SAME_BUT(CAP_NONE, gi(tC, n));
    /* a copy of a copy, out of B (EXTRACT on B) into A */
    uint32_t cb = n, c2;
    OK(DF(tC, a_x, s2, b_o, ANY, SAME, 0, &cb));
    grab(&before);
    OK(DF(tC, b_x, cb, a_o, ANY, R(SEND), 0, &c2));
    IS_COPY(tA, c2, gi(tB, cb), R(SEND));
    SAME_BUT(CAP_NONE, gi(tA, c2));
    /* rights are enforced in the new table afterwards */
    EQ(cap_dup(tA, c2, 0, ANY, SAME, 0, &s), E(ACCESS_DENIED));
    uint32_t o;
    OK(cap_lookup(tA, c2, OBOL_TYPE_ENDPOINT, R(SEND), &o));
    EQ(o, gobj(T0, ep));

    /* CLOSE_SOURCE on success: a move from A to B.  The duplicate takes
     * the source's place (a child of its parent), the source's children
     * are re-attached to that parent as close does */
    uint32_t s3, s3c, s3cc;
    OK(cap_dup(tA, s1, 0, ANY, SAME, 0, &s3));
    OK(cap_dup(tA, s3, 0, ANY, SAME, 0, &s3c));
    OK(cap_dup(tA, s3c, 0, ANY, SAME, 0, &s3cc));
    grab(&before);
    OK(DF(tC, a_x, s3, b_o, ANY, R(SEND) | R(TRANSFER), CS, &n));
    EQ(st(tA, s3), CAP_FREE);
    SAME_BUT(gi(tA, s3), gi(tB, n));
    EQ(CAP_D(obj, gi(tB, n)), gobj(T0, ep));
    EQ(CAP_D(rights, gi(tB, n)), R(SEND) | R(TRANSFER));
    EQ(CAP_D(badge, gi(tB, n)), 0xb0b);
    EQ(CAP_D(owner, gi(tB, n)), 0);
    EQ(CAP_D(parent, gi(tB, n)), gi(tA, s1));
    EQ(CAP_D(depth, gi(tB, n)), 2);
    EQ(CAP_D(parent, gi(tA, s3c)), gi(tA, s1));
    EQ(CAP_D(depth, gi(tA, s3cc)), 3);
    /* a move within A itself, through C */
    uint32_t s4;
    OK(cap_dup(tA, s1, 0, ANY, SAME, 0, &s4));
    uint32_t hi = S - 3;
    EQ(st(tA, hi), CAP_FREE);
    grab(&before);
    OK(DF(tC, a_x, s4, a_o, hi, SAME, CS, &n));
    EQ(n, hi);
    SAME_BUT(gi(tA, s4), gi(tA, hi));
    EQ(CAP_D(parent, gi(tA, hi)), gi(tA, s1));
    EQ(CAP_D(rights, gi(tA, hi)), srights);
}

/* The fixtures of t_dup_from_errors: the caller is init; the source table
 * A (init's owner pa) holds, at fixed high slots (free in init's table),
 * one source of each kind; a slot closed by a case is made again. */
enum { FX_OK = S - 10, FX_NODUP, FX_OWNER, FX_REV, FX_DESTR };
static uint32_t fx_ep, fx_pa, fx_tA;
static void fx_fix(void)
{
    uint32_t s, v;
    if (st(fx_tA, FX_OK) == CAP_FREE)
        OK(cap_mint(T0, fx_ep, fx_pa, FX_OK, R(SEND) | R(DUPLICATE) | R(INSPECT), 0x5a, &s));
    if (st(fx_tA, FX_NODUP) == CAP_FREE)
        OK(cap_mint(T0, fx_ep, fx_pa, FX_NODUP, R(SEND) | R(INSPECT), 0x5b, &s));
    if (st(fx_tA, FX_OWNER) == CAP_FREE)
        OK(cap_create(fx_tA, OBOL_TYPE_REGION, FX_OWNER, &s));
    if (st(fx_tA, FX_REV) == CAP_FREE) {
        v = mk(T0, OBOL_TYPE_NOTIFICATION);
        OK(cap_mint(T0, v, fx_pa, FX_REV, SAME, 0, &s));
        OK(cap_revoke(T0, v));
    }
    if (st(fx_tA, FX_DESTR) == CAP_FREE) {
        v = mk(T0, OBOL_TYPE_REGION);
        OK(cap_mint(T0, v, fx_pa, FX_DESTR, SAME, 0, &s));
        OK(cap_destroy(T0, v));
    }
    uint32_t ro, rt;
    while (cap_reap_next(&ro, &rt) == 1) {}     /* keep the pool from filling */
}

/* One refused call (from init): its error, *out untouched, and nothing
 * changed in any table, or only the source closed (closes). */
static void refused_at(int line, uint32_t sp, uint32_t sd, uint32_t tp, uint32_t dest, uint32_t rights,
                       uint32_t opts, int want, int closes)
{
    fx_fix();
    grab(&before);
    uint32_t out = 0xdead;
    int r = df_at(line, T0, sp, sd, tp, dest, rights, opts, &out);
    if (r != want) { fail_at(line, "result, options", opts, r, want); return; }
    if (out != 0xdead) fail_at(line, "*out", 0, out, 0xdead);
    same_but(line, closes ? gi(fx_tA, sd) : CAP_NONE, CAP_NONE);
}
/* a case before the source is known open: never closes, with or without CS */
#define EARLY(sp, sd, tp, dest, rights, opts, want) do {                   \
    refused_at(__LINE__, sp, sd, tp, dest, rights, opts, want, 0);        \
    refused_at(__LINE__, sp, sd, tp, dest, rights, (opts) | CS, want, 0); } while (0)
/* a case after it: closes the source with CS */
#define LATE(sd, tp, dest, rights, want) do {                              \
    refused_at(__LINE__, fx_pa, sd, tp, dest, rights, 0, want, 0);        \
    refused_at(__LINE__, fx_pa, sd, tp, dest, rights, CS, want, 1); } while (0)

static void t_dup_from_errors(void)
{
    /* every error of spec/syscalls/desc_dup_from.md in its order: each
     * case passes the checks before it and fails every later one too */
    boot();
    uint32_t pa, tA = spawn(&pa), pb, tB = spawn(&pb), pc, tC = spawn(&pc), s;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), th = mk(T0, OBOL_TYPE_THREAD);
    fx_ep = ep; fx_pa = pa; fx_tA = tA;
    uint32_t a_noext, b_noopen, z = mk(T0, OBOL_TYPE_PROCESS), zd;
    OK(cap_mint(T0, pa, 0, ANY, PROC_ALL & ~R(EXTRACT), 0, &a_noext));  /* OPEN, no EXTRACT */
    OK(cap_mint(T0, pb, 0, ANY, PROC_ALL & ~R(OPEN), 0, &b_noopen));    /* EXTRACT, no OPEN */
    OK(cap_mint(T0, z, 0, ANY, SAME, 0, &zd));
    OK(cap_revoke(T0, z));             /* zd: a REVOKED process descriptor */
    cap_process_exit(tC);                       /* pc: a destroyed (exited) process */
    fx_fix();
    uint32_t freeT0 = S - 1;                    /* free in init's table, open in none */
    EQ(st(T0, freeT0), CAP_FREE);
    EQ(st(T0, FX_OK), CAP_FREE);                /* open in A only */
    EQ(st(tA, ep), CAP_FREE);                   /* open in init only */
    EQ(st(tA, 1), CAP_FREE);
    uint32_t bad_r = R(RECEIVE);                /* a right the sources lack */

    /* options: nothing else is looked at */
    refused_at(__LINE__, S, S, S, S, bad_r, 2, E(INVALID_ARGS), 0);
    refused_at(__LINE__, pa, FX_OK, NONE, ANY, SAME, CS | 2, E(INVALID_ARGS), 0);
    refused_at(__LINE__, pa, FX_OK, pb, ANY, SAME, 0x80000000u, E(INVALID_ARGS), 0);
    /* src_process: bad, revoked, destroyed, wrong type, no EXTRACT */
    EARLY(S, FX_OK, NONE, ANY, SAME, 0, E(BAD_DESCRIPTOR));
    EARLY(freeT0, FX_OK, NONE, ANY, SAME, 0, E(BAD_DESCRIPTOR));
    EARLY(FX_OK, FX_OK, NONE, ANY, SAME, 0, E(BAD_DESCRIPTOR));      /* a slot of A, not of init */
    EARLY(NONE, FX_OK, pb, ANY, SAME, 0, E(BAD_DESCRIPTOR));
    EARLY(ANY, FX_OK, pb, ANY, SAME, 0, E(BAD_DESCRIPTOR));
    EARLY(0x7fffffffu, S, S, S, bad_r, 0, E(BAD_DESCRIPTOR));
    EARLY(zd, FX_OK, NONE, ANY, SAME, 0, E(REVOKED));
    EARLY(pc, FX_OK, NONE, ANY, SAME, 0, E(OBJECT_DESTROYED));
    EARLY(ep, FX_OK, NONE, ANY, SAME, 0, E(WRONG_TYPE));
    EARLY(th, FX_OK, NONE, ANY, SAME, 0, E(WRONG_TYPE));
    EARLY(a_noext, FX_OK, NONE, ANY, SAME, 0, E(ACCESS_DENIED));
    EARLY(a_noext, S, S, S, bad_r, 0, E(ACCESS_DENIED));
    /* NONE without CLOSE_SOURCE, before src is looked at */
    refused_at(__LINE__, pa, FX_OK, NONE, ANY, SAME, 0, E(INVALID_ARGS), 0);
    refused_at(__LINE__, pa, S, NONE, S, bad_r, 0, E(INVALID_ARGS), 0);
    /* src: not below S, or free in A's table (even if open in init's) */
    EARLY(pa, S, pb, ANY, SAME, 0, E(BAD_DESCRIPTOR));
    EARLY(pa, ep, pb, ANY, SAME, 0, E(BAD_DESCRIPTOR));
    EARLY(pa, 1, pb, ANY, SAME, 0, E(BAD_DESCRIPTOR));
    refused_at(__LINE__, pa, 1, NONE, ANY, SAME, CS, E(BAD_DESCRIPTOR), 0);   /* remote close */
    EARLY(pa, NONE, S, S, bad_r, 0, E(BAD_DESCRIPTOR));
    /* from here on CLOSE_SOURCE closes the source whatever the error */
    LATE(FX_REV, S, S, bad_r, E(REVOKED));
    LATE(FX_DESTR, S, S, bad_r, E(OBJECT_DESTROYED));
    LATE(FX_OWNER, S, S, bad_r, E(INVALID_ARGS));                   /* owners are never duplicated */
    LATE(FX_NODUP, S, S, bad_r, E(ACCESS_DENIED));
    LATE(FX_OK, S, S, bad_r, E(BAD_DESCRIPTOR));                    /* target process */
    LATE(FX_OK, freeT0, ANY, SAME, E(BAD_DESCRIPTOR));
    LATE(FX_OK, FX_OK, ANY, SAME, E(BAD_DESCRIPTOR));                /* a slot of A, not of init */
    LATE(FX_OK, ANY, ANY, SAME, E(BAD_DESCRIPTOR));
    LATE(FX_OK, zd, S, bad_r, E(REVOKED));
    LATE(FX_OK, pc, S, bad_r, E(OBJECT_DESTROYED));
    LATE(FX_OK, ep, S, bad_r, E(WRONG_TYPE));
    LATE(FX_OK, b_noopen, S, bad_r, E(ACCESS_DENIED));
    LATE(FX_OK, pb, S, bad_r, E(INVALID_ARGS));                     /* rights */
    LATE(FX_OK, pb, ANY, R(SEND) | (1u << 20), E(INVALID_ARGS));
    LATE(FX_OK, pb, S, SAME, E(INVALID_ARGS));                      /* dest */
    LATE(FX_OK, pb, NONE, R(SEND), E(INVALID_ARGS));
    LATE(FX_OK, pb, 0, SAME, E(ALREADY_EXISTS));                    /* B's self descriptor */
    uint32_t v = mk(T0, OBOL_TYPE_NOTIFICATION), vb;
    OK(cap_mint(T0, v, pb, ANY, SAME, 0, &vb));
    OK(cap_revoke(T0, v));
    LATE(FX_OK, pb, vb, SAME, E(ALREADY_EXISTS));                   /* revoked, not yet closed */
    /* B full: ANY finds nothing */
    for (uint32_t k = 0; k < S && cap_table_free_count(tB) > 0 && !cur_failed; k++)
        OK(cap_mint(T0, ep, pb, ANY, R(SEND) | R(DUPLICATE), 0, &s));
    LATE(FX_OK, pb, ANY, SAME, E(NO_RESOURCES));
    /* a move inside the full table frees nothing before the copy */
    grab(&before);
    uint32_t out = 0xdead;
    EQ(DF(T0, pb, s, pb, ANY, SAME, CS, &out), E(NO_RESOURCES));
    EQ(out, 0xdead);
    SAME_BUT(gi(tB, s), CAP_NONE);
    EQ(scan_lowest(tB), s);
}

static void t_dup_from_depth(void)
{
    /* the depth limit is the last check; dest is looked at before it */
    boot();
    uint32_t t, cur, s, ep = chain_to_limit(&t, &cur);
    uint32_t sp = t == T0 ? 0 : owner_of_table(t);
    CHECK(sp < S);
    EQ(CAP_D(depth, gi(t, cur)), CAP_MAX_DEPTH);
    CHECK(cap_table_free_count(T0) > 0);        /* the chain leaves one */
    grab(&before);
    s = 0xdead;
    EQ(DF(T0, sp, cur, 0, S, SAME, 0, &s), E(INVALID_ARGS));
    EQ(DF(T0, sp, cur, 0, ANY, SAME, 0, &s), E(NO_RESOURCES));
    EQ(DF(T0, sp, cur, 0, ANY, R(SEND), 0, &s), E(NO_RESOURCES));
    EQ(s, 0xdead);
    UNCHANGED();
    /* with CLOSE_SOURCE it is closed all the same */
    EQ(DF(T0, sp, cur, 0, ANY, SAME, CS, &s), E(NO_RESOURCES));
    SAME_BUT(gi(t, cur), CAP_NONE);
    /* one level up there is room: a copy at the limit */
    uint32_t up = CAP_NONE;
    for (uint32_t g = 0; g < CAP_G; g++)
        if (CAP_D(state, g) == CAP_LIVE && CAP_D(depth, g) == CAP_MAX_DEPTH - 1 && CAP_D(obj, g) == gobj(T0, ep)) up = g;
    CHECK(up != CAP_NONE);
    if (up == CAP_NONE) return;
    uint32_t ut = up / S, usp = ut == T0 ? 0 : owner_of_table(ut);
    grab(&before);
    OK(DF(T0, usp, up % S, 0, ANY, SAME, 0, &s));
    IS_COPY(T0, s, up, CAP_D(rights, up));
    EQ(CAP_D(depth, gi(T0, s)), CAP_MAX_DEPTH);
    SAME_BUT(CAP_NONE, gi(T0, s));
    /* revoking the root reaches the chain and the copy */
    OK(cap_revoke(T0, ep));
    EQ(st(T0, s), CAP_REVOKED);
    EQ(cap_obj_refs(gobj(T0, ep)), 1);
}

static void t_dup_from_close(void)
{
    /* remote close: C, with EXTRACT only on A, closes slots of A's table */
    boot();
    uint32_t pa, tA = spawn(&pa), pb, tB = spawn(&pb), tC = spawn(NULL), out;
    uint32_t pc = owner_of_table(tC), a_x, a_noext;
    OK(cap_mint(T0, pa, pc, ANY, R(EXTRACT), 0, &a_x));
    OK(cap_mint(T0, pa, pc, ANY, PROC_ALL & ~R(EXTRACT), 0, &a_noext));
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), s1, s1a, s1aa, s1b;
    /* s1 in A with a child in A (and a grandchild) and one in B */
    OK(cap_mint(T0, ep, pa, ANY, R(SEND) | R(DUPLICATE), 7, &s1));
    OK(cap_dup(tA, s1, 0, ANY, SAME, 0, &s1a));
    OK(cap_dup(tA, s1a, 0, ANY, SAME, 0, &s1aa));
    OK(DF(T0, pa, s1, pb, ANY, R(SEND), 0, &s1b));
    /* refused: nothing changes */
    grab(&before);
    out = 0xdead;
    EQ(DF(tC, a_noext, s1, NONE, ANY, SAME, CS, &out), E(ACCESS_DENIED));   /* OPEN is not EXTRACT */
    EQ(DF(tC, a_x, s1, NONE, ANY, SAME, 0, &out), E(INVALID_ARGS));
    EQ(DF(tC, a_x, s1, NONE, ANY, SAME, CS | 4, &out), E(INVALID_ARGS));
    EQ(DF(tC, a_x, S, NONE, ANY, SAME, CS, &out), E(BAD_DESCRIPTOR));
    EQ(st(tA, S - 1), CAP_FREE);
    EQ(DF(tC, a_x, S - 1, NONE, ANY, SAME, CS, &out), E(BAD_DESCRIPTOR));   /* free in A */
    EQ(DF(tC, S, s1, NONE, ANY, SAME, CS, &out), E(BAD_DESCRIPTOR));
    EQ(out, 0xdead);
    UNCHANGED();
    /* a LIVE slot with children: they go to its parent, one level up;
     * dest and rights are ignored, *out is not written */
    grab(&before);
    OK(DF(tC, a_x, s1, NONE, S + 3, 0x12345u, CS, &out));
    EQ(out, 0xdead);
    SAME_BUT(gi(tA, s1), CAP_NONE);
    EQ(CAP_D(parent, gi(tA, s1a)), gi(T0, ep));
    EQ(CAP_D(depth, gi(tA, s1aa)), 2);
    EQ(CAP_D(parent, gi(tB, s1b)), gi(T0, ep));
    /* a leaf without DUPLICATE (not needed to close) */
    grab(&before);
    OK(DF(tC, a_x, s1aa, NONE, ANY, SAME, CS, &out));
    SAME_BUT(gi(tA, s1aa), CAP_NONE);
    /* a REVOKED slot: just freed */
    uint32_t v = mk(T0, OBOL_TYPE_NOTIFICATION), va;
    OK(cap_mint(T0, v, pa, ANY, SAME, 0, &va));
    OK(cap_revoke(T0, v));
    grab(&before);
    OK(DF(tC, a_x, va, NONE, ANY, SAME, CS, &out));
    SAME_BUT(gi(tA, va), CAP_NONE);
    /* one to a destroyed object */
    uint32_t r = mk(T0, OBOL_TYPE_REGION), ra;
    OK(cap_mint(T0, r, pa, ANY, SAME, 0, &ra));
    OK(cap_destroy(T0, r));
    grab(&before);
    OK(DF(tC, a_x, ra, NONE, ANY, SAME, CS, &out));
    SAME_BUT(gi(tA, ra), CAP_NONE);
    uint32_t ro, rt;
    EQ(cap_reap_next(&ro, &rt), 1);             /* that was its last reference */
    EQ(rt, OBOL_TYPE_REGION);
    /* an owner: the object is left ownerless, its children become roots */
    uint32_t eo, eb, eod;
    OK(cap_create(tA, OBOL_TYPE_ENDPOINT, ANY, &eo));
    OK(cap_mint(tA, eo, 0, ANY, R(SEND) | R(DUPLICATE), 0, &eod));
    OK(DF(T0, pa, eod, pb, ANY, SAME, 0, &eb));
    uint32_t o = gobj(tA, eo);
    grab(&before);
    OK(DF(tC, a_x, eo, NONE, ANY, SAME, CS, &out));
    SAME_BUT(gi(tA, eo), CAP_NONE);
    EQ(CAP_O(owner, o), CAP_NONE);
    EQ(CAP_D(parent, gi(tA, eod)), CAP_NONE);
    EQ(CAP_D(depth, gi(tB, eb)), 1);
    EQ(CAP_O(state, o), CAP_OALIVE);
    /* the last reference: the object dies */
    OK(DF(tC, a_x, eod, NONE, ANY, SAME, CS, &out));
    grab(&before);
    OK(DF(T0, pb, eb, NONE, ANY, SAME, CS, &out));
    SAME_BUT(gi(tB, eb), CAP_NONE);
    EQ(CAP_O(state, o), CAP_ODYING);
    EQ(cap_reap_next(&ro, &rt), 1);
    EQ(ro, o);
    /* A's self descriptor, slot 0 */
    grab(&before);
    OK(DF(tC, a_x, 0, NONE, ANY, SAME, CS, &out));
    SAME_BUT(gi(tA, 0), CAP_NONE);
    /* in the caller's own table, through its own EXTRACT: as cap_close */
    uint32_t self_x;
    OK(cap_mint(T0, pc, pc, ANY, SAME, 0, &self_x));   /* C: itself with EXTRACT */
    grab(&before);
    OK(DF(tC, self_x, a_noext, NONE, ANY, SAME, CS, &out));
    SAME_BUT(gi(tC, a_noext), CAP_NONE);
    /* the source process descriptor itself */
    grab(&before);
    OK(DF(tC, self_x, self_x, NONE, ANY, SAME, CS, &out));
    SAME_BUT(gi(tC, self_x), CAP_NONE);
    EQ(out, 0xdead);
}

static void t_dup_from_revoke(void)
{
    /* revoking the source or any ancestor of it, in whatever table,
     * reaches the copy; a sibling branch stays */
    boot();
    uint32_t pa, tA = spawn(&pa), pb, tB = spawn(&pb), s;
    uint32_t ep = mk(T0, OBOL_TYPE_ENDPOINT), m, sib, m2, src, c1, c2, mv, cm, cs;
    OK(cap_mint(T0, ep, 0, ANY, R(SEND) | R(DUPLICATE), 0, &m));   /* init: m */
    OK(cap_mint(T0, ep, pb, ANY, R(SEND) | R(DUPLICATE), 0, &sib));
    OK(cap_dup(T0, m, pa, ANY, SAME, 0, &m2));                     /* A: m -> m2 */
    OK(cap_dup(tA, m2, 0, ANY, SAME, 0, &src));                   /* A: m2 -> src */
    OK(DF(T0, pa, src, pb, ANY, SAME, 0, &c1));                   /* B: src -> c1 */
    OK(DF(T0, pb, c1, pb, ANY, R(SEND), 0, &c2));                 /* B: c1 -> c2 */
    OK(cap_dup(tA, m2, 0, ANY, SAME, 0, &mv));
    OK(DF(T0, pa, mv, pb, ANY, SAME, CS, &cm));                   /* moved: m2 -> cm */
    OK(DF(T0, pb, sib, pa, ANY, SAME, 0, &cs));                   /* not under m */
    /* the source itself, in A */
    OK(cap_revoke(tA, src));
    EQ(st(tA, src), CAP_LIVE);
    EQ(st(tB, c1), CAP_REVOKED);
    EQ(st(tB, c2), CAP_REVOKED);
    EQ(st(tB, cm), CAP_LIVE);
    /* an ancestor in init's table reaches the moved copy too */
    OK(cap_revoke(T0, m));
    EQ(st(tA, m2), CAP_REVOKED);
    EQ(st(tA, src), CAP_REVOKED);
    EQ(st(tB, cm), CAP_REVOKED);
    EQ(st(tB, sib), CAP_LIVE);
    EQ(st(tA, cs), CAP_LIVE);
    uint32_t o;
    EQ(cap_lookup(tB, c1, OBOL_TYPE_ENDPOINT, 0, &o), E(REVOKED));
    /* a revoked source: REVOKED, closed with CS */
    s = 0xdead;
    EQ(DF(T0, pa, src, pb, ANY, SAME, 0, &s), E(REVOKED));
    EQ(DF(T0, pa, src, pb, ANY, SAME, CS, &s), E(REVOKED));
    EQ(st(tA, src), CAP_FREE);
    EQ(s, 0xdead);
    /* the owner reaches the rest */
    OK(cap_revoke(T0, ep));
    EQ(st(tA, cs), CAP_REVOKED);
    EQ(cap_obj_refs(gobj(T0, ep)), 1);
}

/* A fixed state for t_dup_from_self: built twice, the same each time. */
static uint32_t sf_p, sf_a, sf_ac, sf_nodup, sf_rev, sf_ep, sf_tP, sf_px;
static void sf_setup(void)
{
    cap_init();
    boot();
    uint32_t v;
    sf_tP = spawn(&sf_p);
    sf_ep = mk(T0, OBOL_TYPE_ENDPOINT);
    OK(cap_mint(T0, sf_ep, 0, ANY, R(SEND) | R(DUPLICATE) | R(INSPECT), 0x99, &sf_a));
    OK(cap_dup(T0, sf_a, 0, ANY, SAME, 0, &sf_ac));
    OK(cap_mint(T0, sf_ep, 0, ANY, R(SEND), 0, &sf_nodup));
    v = mk(T0, OBOL_TYPE_REGION);
    OK(cap_mint(T0, v, 0, ANY, SAME, 0, &sf_rev));
    OK(cap_revoke(T0, v));
    /* P gets: itself with EXTRACT at slot 5, an endpoint copy at slot 6 */
    OK(cap_mint(T0, sf_p, sf_p, 5, SAME, 0, &sf_px));
    OK(cap_dup(T0, sf_a, sf_p, 6, SAME, 0, &v));
}

static void t_dup_from_self(void)
{
    /* naming itself as the source (a descriptor with EXTRACT) is cap_dup:
     * the same result, output and whole state, for successes and errors */
    static struct full s_dup, s_df;
    enum { SA, SAC, SNODUP, SREV, SEP, SP, SFREE };
    struct { int src, tp; uint32_t dest, rights, opts; int in_p; } k[] = {
        { SA, -1, ANY, SAME, 0, 0 }, { SA, SP, ANY, R(SEND), 0, 0 }, { SA, SP, 9, SAME, CS, 0 },
        { SA, -1, ANY, SAME, CS, 0 }, { SAC, -1, 40 % S, R(DUPLICATE), CS, 0 }, { SNODUP, -1, ANY, SAME, CS, 0 },
        { SEP, -1, ANY, SAME, CS, 0 }, { SREV, -1, ANY, SAME, CS, 0 }, { SREV, -1, ANY, SAME, 0, 0 },
        { SA, -1, ANY, R(RECEIVE), CS, 0 }, { SA, -1, S, SAME, 0, 0 }, { SA, -1, 0, SAME, CS, 0 },
        { SFREE, -1, ANY, SAME, CS, 0 }, { SA, -1, ANY, SAME, 2, 0 }, { SA, SEP, ANY, SAME, CS, 0 },
        { SA, SREV, ANY, SAME, CS, 0 },
        /* in P, through its EXTRACT self descriptor at slot 5 */
        { 6, 0, ANY, SAME, 0, 1 }, { 6, 0, 2, R(SEND), CS, 1 }, { 6, 5, ANY, SAME, 0, 1 },
        { 0, 0, ANY, SAME, CS, 1 }, { 7, 0, ANY, SAME, CS, 1 },
    };
    for (uint32_t i = 0; i < sizeof k / sizeof k[0] && !cur_failed; i++) {
        uint32_t out1 = 0xdead, out2 = 0xdead;
        int r1 = 1, r2 = 2;
        for (int pass = 0; pass < 2; pass++) {
            sf_setup();
            uint32_t t = k[i].in_p ? sf_tP : T0, self = k[i].in_p ? sf_px : 0, src, tp;
            uint32_t map[] = { sf_a, sf_ac, sf_nodup, sf_rev, sf_ep, sf_p, S - 2 };
            src = k[i].in_p ? (uint32_t)k[i].src : map[k[i].src];
            tp = k[i].in_p ? (uint32_t)k[i].tp : k[i].tp < 0 ? 0 : map[k[i].tp];
            if (pass == 0) {
                r1 = cap_dup(t, src, tp, k[i].dest, k[i].rights, k[i].opts, &out1);
                grab(&s_dup);
            } else {
                r2 = DF(t, self, src, tp, k[i].dest, k[i].rights, k[i].opts, &out2);
                grab(&s_df);
            }
        }
        EQ(r2, r1);
        EQ(out2, out1);
        CHECK(full_equal(&s_dup, &s_df));
        if (cur_failed) snprintf(msg + strlen(msg), 40, " (case %u)", i);
    }
    /* a spawned task's slot 0 has no EXTRACT: it cannot, cap_dup can */
    sf_setup();
    uint32_t s, self0;
    uint32_t spawn_self = R(OPEN) | R(INSPECT) | R(DUPLICATE) | R(TRANSFER);  /* OBOL_SPAWN_SELF_RIGHTS */
    OK(cap_mint(T0, sf_p, sf_p, 7, spawn_self, 0, &self0));
    grab(&before);
    s = 0xdead;
    EQ(DF(sf_tP, self0, 6, 0, ANY, SAME, 0, &s), E(ACCESS_DENIED));
    EQ(DF(sf_tP, self0, 6, NONE, ANY, SAME, CS, &s), E(ACCESS_DENIED));
    EQ(s, 0xdead);
    UNCHANGED();
    OK(cap_dup(sf_tP, 6, self0, ANY, SAME, 0, &s));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);   /* a hang still shows how far it got */
    run("bootstrap", t_bootstrap);
    run("create", t_create);
    run("create_errors", t_create_errors);
    run("create_tables_full", t_create_tables_full);
    run("mint", t_mint);
    run("mint_errors", t_mint_errors);
    run("dup", t_dup);
    run("dup_errors", t_dup_errors);
    run("dup_depth", t_dup_depth);
    run("close", t_close);
    run("destroy", t_destroy);
    run("revoke", t_revoke);
    run("info_lookup", t_info_lookup);
    run("process_exit", t_process_exit);
    run("reap_process_with_table", t_reap_process_with_table);
    run("pins", t_pins);
    run("reap_fifo_koid", t_reap_fifo_koid);
    run("confinement", t_confinement);
    run("transfer", t_transfer);
    run("transfer_errors", t_transfer_errors);
    run("transfer_depth", t_transfer_depth);
    run("any_lowest", t_any_lowest);
    run("any_states", t_any_states);
    run("dup_from", t_dup_from);
    run("dup_from_errors", t_dup_from_errors);
    run("dup_from_depth", t_dup_from_depth);
    run("dup_from_close", t_dup_from_close);
    run("dup_from_revoke", t_dup_from_revoke);
    run("dup_from_self", t_dup_from_self);
    return failures ? 1 : 0;
}
