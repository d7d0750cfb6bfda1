/*
 * utest_dupfrom: DESC_DUP_FROM (spec/syscalls/desc_dup_from.md) through the
 * real syscall path: third-party DUP between two other processes, remote
 * close, CLOSE_SOURCE (a move, and what an error closes or leaves), every
 * error of the page in its check order, revocation reaching copies made
 * this way, the table-full and depth limits, and the caller naming itself
 * as the source.  Runs as init (init=utest_dupfrom): slot 0 is init's own
 * process owner, which has EXTRACT and OPEN.
 *
 * Most child processes are made with PROCESS_CREATE and have no thread: a
 * process is a table, and EXTRACT on it is exactly what lets this program
 * read that table (copy a slot out into its own table and DESC_INFO it).
 * An owner descriptor in another process's table can only be made by that
 * process, so this program also runs as a spawned "holder" child (start
 * argument ROLE_HOLDER) that creates a few objects at fixed slots and then
 * waits forever.
 */
#include <stdio.h>
#include <string.h>
#include <obol/obol.h>
#include <obol/syscall.h>
#include <obol/utest.h>

#define SELF      OBOL_INIT_SELF
#define ANY       OBOL_DESC_ANY
#define NONE      OBOL_DESC_NONE
#define SAME      OBOL_SAME_RIGHTS
#define CLOSE_SRC OBOL_DUP_CLOSE_SOURCE
#define BADD      0xFFFFFFF0u           /* a descriptor number no call returns */
#define HI        (1ul << 32)           /* added to a 32-bit argument: too wide */
#define MAX_DEPTH 255u                  /* the derivation depth limit (spec/descriptors.md) */

#define R_DUP     OBOL_RIGHT_DUPLICATE
#define R_XFER    OBOL_RIGHT_TRANSFER
#define R_READ    OBOL_RIGHT_READ
#define R_SEND    OBOL_RIGHT_SEND
#define R_RECV    OBOL_RIGHT_RECEIVE
#define R_SIGNAL  OBOL_RIGHT_SIGNAL
#define R_OPEN    OBOL_RIGHT_OPEN
#define R_INSPECT OBOL_RIGHT_INSPECT
#define R_EXTRACT OBOL_RIGHT_EXTRACT
#define R_EP      (R_DUP | R_XFER | R_SEND | R_RECV | R_INSPECT)   /* a non-owner's full set */

#define S_OK        OBOL_OK
#define E_BADDESC   OBOL_ERR_BAD_DESCRIPTOR
#define E_TYPE      OBOL_ERR_WRONG_TYPE
#define E_DENIED    OBOL_ERR_ACCESS_DENIED
#define E_INVAL     OBOL_ERR_INVALID_ARGS
#define E_EXISTS    OBOL_ERR_ALREADY_EXISTS
#define E_NORES     OBOL_ERR_NO_RESOURCES
#define E_DESTROYED OBOL_ERR_OBJECT_DESTROYED
#define E_REVOKED   OBOL_ERR_REVOKED

/* The holder child: what it makes, at which slot of its own table. */
#define ROLE_HOLDER 0xD0F0ul            /* init's start argument is an address, never this */
#define H_EP        1u                  /* an endpoint owner */
#define H_COPY      2u                  /* a copy minted from H_EP: R_DUP|R_SEND|R_INSPECT */
#define H_EP2       3u                  /* another endpoint owner */
#define H_NOTE      4u                  /* a notification owner, made last: "ready" */
#define H_BADGE     0x40Du
#define ROLE_EXIT   0xD0F1ul            /* a child that exits at once */

static const void *archive;
static unsigned long archive_size;

/* ---- the holder (spawned child) ------------------------------------------ */

/* Make the objects init looks at, then wait on a notification nobody
 * signals: init takes things out of this table and finally destroys the
 * process.  Nothing is printed: init observes everything. */
static void holder(void)
{
    obol_desc_t d;
    unsigned long bits;
    obol_endpoint_create(H_EP, &d);
    obol_desc_mint(H_EP, 0, H_COPY, R_DUP | R_SEND | R_INSPECT, H_BADGE, &d);
    obol_endpoint_create(H_EP2, &d);
    obol_notification_create(H_NOTE, &d);
    for (;;)
        obol_notify_wait(H_NOTE, &bits);
}

/* ---- helpers -------------------------------------------------------------- */

static long raw(unsigned long a0, unsigned long a1, unsigned long a2, unsigned long a3,
                unsigned long a4, unsigned long a5)
{
    return obol_syscall6(OBOL_SYS_DESC_DUP_FROM, a0, a1, a2, a3, a4, a5).status;
}

static obol_desc_t new_process(void)
{
    obol_desc_t d = BADD;
    CHECK(obol_process_create(ANY, &d), S_OK);
    return d;
}

static obol_desc_t new_endpoint(void)
{
    obol_desc_t d = BADD;
    CHECK(obol_endpoint_create(ANY, &d), S_OK);
    return d;
}

static obol_desc_t new_region(void)
{
    obol_desc_t d = BADD;
    CHECK(obol_region_create(4096, ANY, &d), S_OK);
    return d;
}

/* MINT from owner into process proc, at dest (or ANY); the slot. */
static obol_desc_t mint(obol_desc_t owner, obol_desc_t proc, obol_desc_t dest, unsigned rights,
                        unsigned long badge)
{
    obol_desc_t d = BADD;
    CHECK(obol_desc_mint(owner, proc, dest, rights, badge, &d), S_OK);
    return d;
}

/* DUP of src (in my table) into my table. */
static obol_desc_t dup(obol_desc_t src, unsigned rights)
{
    obol_desc_t d = BADD;
    CHECK(obol_desc_dup(src, SELF, ANY, rights, 0, &d), S_OK);
    return d;
}

/* DUP_FROM of slot src of sp's table into proc's lowest free slot. */
static obol_desc_t dup_from(obol_desc_t sp, obol_desc_t src, obol_desc_t proc, unsigned rights)
{
    obol_desc_t d = BADD;
    CHECK(obol_desc_dup_from(sp, src, proc, ANY, rights, 0, &d), S_OK);
    return d;
}

static void close_ok(obol_desc_t d)
{
    CHECK(obol_desc_close(d), S_OK);
}

/* A slot of my own table: the status of DESC_INFO on it. */
static int st(obol_desc_t d) { return utest_desc_status(d); }
static struct obol_desc_info info(obol_desc_t d) { return utest_desc_info(d); }
static struct obol_system_info sysinfo(void) { return utest_sysinfo(); }

static unsigned used_count(void)
{
    unsigned n = 0;
    for (obol_desc_t d = 0; d < 256; d++)
        n += st(d) != E_BADDESC;
    return n;
}

static obol_desc_t lowest_free(void)
{
    for (obol_desc_t d = 0; d < 256; d++)
        if (st(d) == E_BADDESC)
            return d;
    return 256;
}

/* Slot s of process p's table, observed from here: the status of copying
 * it into my table with no rights (the copy is closed again).  OK: live;
 * BAD_DESCRIPTOR: free; REVOKED / OBJECT_DESTROYED: so; INVALID_ARGS: an
 * owner; ACCESS_DENIED: no DUPLICATE. */
static int rstatus(obol_desc_t p, obol_desc_t s)
{
    obol_desc_t d = BADD;
    int r = obol_desc_dup_from(p, s, SELF, ANY, OBOL_RIGHTS_NONE, 0, &d);
    if (r == S_OK)
        close_ok(d);
    return r;
}

/* Slot s of p's table copied out with the same rights and DESC_INFO'd (it
 * must have DUPLICATE and INSPECT); all 0xEE if that fails. */
static struct obol_desc_info rinfo(obol_desc_t p, obol_desc_t s)
{
    struct obol_desc_info i;
    memset(&i, 0xEE, sizeof i);
    obol_desc_t d = BADD;
    if (CHECK(obol_desc_dup_from(p, s, SELF, ANY, SAME, 0, &d), S_OK)) {
        i = info(d);
        close_ok(d);
    }
    return i;
}

/* Open slots (live or not) of p's table. */
static unsigned rcount(obol_desc_t p)
{
    unsigned n = 0;
    for (obol_desc_t s = 0; s < 256; s++)
        n += rstatus(p, s) != E_BADDESC;
    return n;
}

/* ---- sections ------------------------------------------------------------- */

static void test_self_source(void)
{
    utest_section("self as source: like desc_dup");
    obol_desc_t E = new_endpoint();
    unsigned long long ek = info(E).koid;
    obol_desc_t m = mint(E, SELF, ANY, R_DUP | R_SEND | R_INSPECT | R_XFER, 0x99);
    obol_desc_t low = lowest_free(), d = BADD, d2 = BADD;
    CHECK(obol_desc_dup_from(SELF, m, SELF, ANY, R_SEND | R_INSPECT, 0, &d), S_OK);
    CHECK_EQ(d, low);
    struct obol_desc_info i = info(d);
    CHECK_EQ(i.type, OBOL_TYPE_ENDPOINT);
    CHECK_EQ(i.rights, R_SEND | R_INSPECT);
    CHECK_EQ(i.badge, 0x99);
    CHECK_EQ(i.koid, ek);
    CHECK_EQ(i.is_owner, 0);
    close_ok(d);
    CHECK(obol_desc_dup(m, SELF, ANY, R_SEND | R_INSPECT, 0, &d2), S_OK);   /* the same slot */
    CHECK_EQ(d2, low);
    close_ok(d2);
    CHECK(obol_desc_dup_from(SELF, m, SELF, 200, SAME, 0, &d), S_OK);
    CHECK_EQ(d, 200);
    CHECK_EQ(info(200).rights, R_DUP | R_SEND | R_INSPECT | R_XFER);
    close_ok(200);
    /* a minted descriptor to myself with EXTRACT alone names me as source */
    obol_desc_t pe = mint(SELF, SELF, ANY, R_EXTRACT, 0);
    CHECK(obol_desc_dup_from(pe, m, SELF, ANY, R_INSPECT, 0, &d), S_OK);
    CHECK_EQ(info(d).badge, 0x99);
    close_ok(d);

    /* the same status as desc_dup, case by case */
    obol_desc_t nodup = mint(E, SELF, ANY, R_SEND | R_INSPECT, 0);
    obol_desc_t E2 = new_endpoint();
    obol_desc_t rv = mint(E2, SELF, ANY, R_EP, 0);
    CHECK(obol_desc_revoke(E2), S_OK);
    obol_desc_t R3 = new_region();
    obol_desc_t ds = mint(R3, SELF, ANY, R_DUP | R_READ, 0);
    CHECK(obol_desc_destroy(R3), S_OK);
    obol_desc_t fr = lowest_free();
    struct { obol_desc_t src, proc, dest; unsigned rights; int want; } c[] = {
        { m, SELF, ANY, SAME, S_OK },
        { m, SELF, ANY, R_SEND, S_OK },
        { m, SELF, ANY, OBOL_RIGHTS_NONE, S_OK },
        { m, SELF, ANY, R_RECV, E_INVAL },
        { m, SELF, ANY, SAME | R_SEND, E_INVAL },
        { 300, SELF, ANY, SAME, E_BADDESC },
        { fr, SELF, ANY, SAME, E_BADDESC },
        { rv, SELF, ANY, SAME, E_REVOKED },
        { ds, SELF, ANY, SAME, E_DESTROYED },
        { E, SELF, ANY, SAME, E_INVAL },
        { nodup, SELF, ANY, SAME, E_DENIED },
        { m, 300, ANY, SAME, E_BADDESC },
        { m, E, ANY, SAME, E_TYPE },
        { m, pe, ANY, SAME, E_DENIED },                 /* EXTRACT, but no OPEN */
        { m, SELF, 256, SAME, E_INVAL },
        { m, SELF, m, SAME, E_EXISTS },
    };
    unsigned same = 0;
    for (unsigned k = 0; k < sizeof c / sizeof c[0]; k++) {
        obol_desc_t x = BADD, y = BADD;
        int a = obol_desc_dup(c[k].src, c[k].proc, c[k].dest, c[k].rights, 0, &x);
        if (a == S_OK)
            close_ok(x);
        int b = obol_desc_dup_from(SELF, c[k].src, c[k].proc, c[k].dest, c[k].rights, 0, &y);
        if (b == S_OK) {
            CHECK_EQ(y, x);                             /* both took the lowest free slot */
            close_ok(y);
        }
        CHECK(a, c[k].want);
        CHECK(b, c[k].want);
        same += a == b;
    }
    CHECK_EQ(same, sizeof c / sizeof c[0]);

    /* CLOSE_SOURCE within my table: a move */
    obol_desc_t s = dup(m, SAME), n = BADD;
    CHECK(obol_desc_dup_from(SELF, s, SELF, ANY, R_SEND | R_INSPECT, CLOSE_SRC, &n), S_OK);
    CHECK(st(s), E_BADDESC);
    CHECK_EQ(info(n).rights, R_SEND | R_INSPECT);
    CHECK_EQ(info(n).badge, 0x99);
    close_ok(n);
    /* remote close of my own slots: a plain descriptor... */
    s = dup(m, SAME);
    CHECK(obol_desc_dup_from(SELF, s, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    CHECK(st(s), E_BADDESC);
    /* ...and an owner: the object lives on, ownerless, while a copy does */
    struct obol_system_info s0 = sysinfo();
    obol_desc_t R = new_region();
    obol_desc_t rm = mint(R, SELF, ANY, R_READ | R_INSPECT, 5);
    CHECK(obol_desc_dup_from(SELF, R, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    CHECK(st(R), E_BADDESC);
    CHECK(st(rm), S_OK);
    CHECK_EQ(info(rm).badge, 5);
    CHECK_TRUE(sysinfo().frames_free < s0.frames_free);
    close_ok(rm);
    CHECK_EQ(sysinfo().frames_free, s0.frames_free);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free);
    /* an owner with CLOSE_SOURCE and a copy: INVALID_ARGS, and it is closed */
    R = new_region();
    CHECK(obol_desc_dup_from(SELF, R, SELF, ANY, SAME, CLOSE_SRC, &n), E_INVAL);
    CHECK(st(R), E_BADDESC);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free);      /* the region went with it */

    obol_desc_t list[] = { m, pe, nodup, rv, E2, ds, E };
    for (unsigned k = 0; k < sizeof list / sizeof list[0]; k++)
        close_ok(list[k]);
}

static void test_third_party(void)
{
    utest_section("third party: from A into B");
    obol_desc_t E = new_endpoint();
    unsigned long long ek = info(E).koid;
    obol_desc_t A = new_process(), B = new_process();
    obol_desc_t s = mint(E, A, 5, R_EP, 0xA5A5);
    CHECK_EQ(s, 5);
    obol_desc_t out = 77;
    CHECK(obol_desc_dup_from(A, 5, B, 9, R_SEND | R_DUP | R_INSPECT, 0, &out), S_OK);
    CHECK_EQ(out, 9);
    struct obol_desc_info b = rinfo(B, 9), a = rinfo(A, 5);
    CHECK_EQ(b.type, OBOL_TYPE_ENDPOINT);
    CHECK_EQ(b.koid, ek);
    CHECK_EQ(b.rights, R_SEND | R_DUP | R_INSPECT);
    CHECK_EQ(b.badge, 0xA5A5);
    CHECK_EQ(b.is_owner, 0);
    CHECK_EQ(a.koid, ek);                            /* the source is still there, unchanged */
    CHECK_EQ(a.rights, R_EP);
    CHECK_EQ(a.badge, 0xA5A5);
    CHECK_EQ(rcount(A), 1);
    CHECK_EQ(rcount(B), 1);
    /* ANY: the target's lowest free slot (B has only 9, A only 5) */
    CHECK(obol_desc_dup_from(A, 5, B, ANY, SAME, 0, &out), S_OK);
    CHECK_EQ(out, 0);
    CHECK_EQ(rinfo(B, 0).rights, R_EP);
    CHECK(obol_desc_dup_from(A, 5, A, ANY, R_DUP | R_INSPECT, 0, &out), S_OK);   /* A to A */
    CHECK_EQ(out, 0);
    CHECK_EQ(rinfo(A, 0).rights, R_DUP | R_INSPECT);
    CHECK(obol_desc_dup_from(B, 9, A, ANY, R_DUP | R_INSPECT, 0, &out), S_OK);   /* back again */
    CHECK_EQ(out, 1);
    CHECK_EQ(rinfo(A, 1).badge, 0xA5A5);
    CHECK(obol_desc_dup_from(A, 5, B, 200, R_DUP, 0, 0), S_OK);                  /* out NULL */
    CHECK(rstatus(B, 200), S_OK);
    CHECK(obol_desc_dup_from(B, 200, B, ANY, OBOL_RIGHTS_NONE, 0, &out), S_OK);
    CHECK_EQ(out, 1);
    CHECK(rstatus(B, 1), E_DENIED);                  /* no rights, so no DUPLICATE */
    /* the source slot is a slot of A's table, not of mine */
    CHECK(st(250), E_BADDESC);
    mint(E, A, 250, R_DUP | R_INSPECT, 0x250);
    CHECK_EQ(rinfo(A, 250).badge, 0x250);
    CHECK(rstatus(A, OBOL_INIT_ARCHIVE), E_BADDESC);          /* open in mine, free in A */
    CHECK(st(OBOL_INIT_ARCHIVE), S_OK);
    CHECK(obol_desc_dup_from(A, OBOL_INIT_ARCHIVE, B, ANY, SAME, 0, &out), E_BADDESC);
    CHECK_EQ(out, 1);
    /* non-owner process descriptors: EXTRACT alone for the source, OPEN
     * alone for the target */
    obol_desc_t pa = mint(A, SELF, ANY, R_EXTRACT, 0), pb = mint(B, SELF, ANY, R_OPEN, 0);
    CHECK(obol_desc_dup_from(pa, 5, pb, 100, R_SEND | R_INSPECT | R_DUP, 0, &out), S_OK);
    CHECK_EQ(out, 100);
    b = rinfo(B, 100);
    CHECK_EQ(b.koid, ek);
    CHECK_EQ(b.rights, R_SEND | R_INSPECT | R_DUP);
    CHECK_EQ(b.badge, 0xA5A5);
    CHECK_EQ(rcount(A), 4);
    CHECK_EQ(rcount(B), 5);
    /* the copies hold the endpoint: it outlives my owner and descriptors */
    struct obol_system_info s0 = sysinfo();
    close_ok(E);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free);
    CHECK_EQ(rinfo(B, 9).koid, ek);
    close_ok(pa);
    close_ok(pb);
    close_ok(A);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free + 1);  /* A went; B still holds E */
    close_ok(B);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free + 3);  /* B and E went */
}

/* Every error of the page, in the page's order, through the stub; then the
 * raw-ecall ones and which check comes first. */
static void test_errors(void)
{
    utest_section("errors, in order");
    obol_desc_t E = new_endpoint(), A = new_process(), B = new_process();
    obol_desc_t s = mint(E, A, 5, R_EP, 0x51);           /* a good source */
    obol_desc_t nodup = mint(E, A, 6, R_SEND | R_INSPECT, 0);
    obol_desc_t E2 = new_endpoint();
    obol_desc_t rvsrc = mint(E2, A, 7, R_EP, 0);
    obol_desc_t rvep = mint(E2, SELF, ANY, R_EP, 0);     /* a revoked endpoint of mine */
    CHECK(obol_desc_revoke(E2), S_OK);
    obol_desc_t R3 = new_region();
    obol_desc_t dssrc = mint(R3, A, 8, R_DUP | R_READ, 0);
    CHECK(obol_desc_destroy(R3), S_OK);
    /* process descriptors: revoked (a DUP of a mint, the mint revoked, so A's
     * owner stays good), destroyed, without EXTRACT, without OPEN */
    obol_desc_t pm = mint(A, SELF, ANY, R_EXTRACT | R_OPEN | R_DUP, 0);
    obol_desc_t p_rev = dup(pm, SAME);
    CHECK(obol_desc_revoke(pm), S_OK);
    CHECK(st(p_rev), E_REVOKED);
    obol_desc_t C = new_process();
    obol_desc_t p_des = mint(C, SELF, ANY, R_EXTRACT | R_OPEN, 0);
    CHECK(obol_desc_destroy(C), S_OK);
    CHECK(st(p_des), E_DESTROYED);
    obol_desc_t p_open = mint(A, SELF, ANY, R_OPEN | R_INSPECT | R_DUP, 0);
    obol_desc_t p_none = mint(A, SELF, ANY, R_INSPECT, 0);
    obol_desc_t p_ext = mint(B, SELF, ANY, R_EXTRACT | R_INSPECT, 0);
    obol_desc_t taken = mint(E, B, 3, R_SEND, 0);        /* B's slot 3 is in use */
    obol_desc_t fr = lowest_free();
    CHECK_TRUE(fr < 256);
    unsigned n0 = used_count(), na = rcount(A), nb = rcount(B);
    CHECK_EQ(na, 4);                                     /* 5, 6, 7, 8 */
    CHECK_EQ(nb, 1);
    obol_desc_t out = 77;

    /* options */
    CHECK(obol_desc_dup_from(A, s, B, ANY, SAME, 2, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, s, B, ANY, SAME, CLOSE_SRC | 4, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, s, B, ANY, SAME, 0x80000000u, &out), E_INVAL);
    /* src_process: not below 256, free; revoked; destroyed; not a process; no EXTRACT */
    CHECK(obol_desc_dup_from(300, s, B, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(256, s, B, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(ANY, s, B, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(NONE, s, B, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(fr, s, B, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(p_rev, s, B, ANY, SAME, 0, &out), E_REVOKED);
    CHECK(obol_desc_dup_from(rvep, s, B, ANY, SAME, 0, &out), E_REVOKED);   /* before its type */
    CHECK(obol_desc_dup_from(p_des, s, B, ANY, SAME, 0, &out), E_DESTROYED);
    CHECK(obol_desc_dup_from(E, s, B, ANY, SAME, 0, &out), E_TYPE);
    CHECK(obol_desc_dup_from(OBOL_INIT_THREAD, s, B, ANY, SAME, 0, &out), E_TYPE);
    CHECK(obol_desc_dup_from(OBOL_INIT_ARCHIVE, s, B, ANY, SAME, 0, &out), E_TYPE);
    CHECK(obol_desc_dup_from(p_open, s, B, ANY, SAME, 0, &out), E_DENIED);
    CHECK(obol_desc_dup_from(p_none, s, B, ANY, SAME, 0, &out), E_DENIED);
    /* NONE needs CLOSE_SOURCE */
    CHECK(obol_desc_dup_from(A, s, NONE, 0, 0, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, s, NONE, ANY, SAME, 0, &out), E_INVAL);
    /* src in the source table: not below 256, free; revoked; destroyed; an
     * owner; no DUPLICATE */
    CHECK(obol_desc_dup_from(A, 300, B, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, 256, B, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, ANY, B, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, 9, B, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, rvsrc, B, ANY, SAME, 0, &out), E_REVOKED);
    CHECK(obol_desc_dup_from(A, dssrc, B, ANY, SAME, 0, &out), E_DESTROYED);
    CHECK(obol_desc_dup_from(SELF, E, B, ANY, SAME, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(SELF, A, B, ANY, R_INSPECT, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, nodup, B, ANY, SAME, 0, &out), E_DENIED);
    CHECK(obol_desc_dup_from(A, nodup, B, ANY, R_SEND, 0, &out), E_DENIED);
    /* process: not below 256 nor NONE, free; revoked; destroyed; not a
     * process; no OPEN */
    CHECK(obol_desc_dup_from(A, s, 300, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, s, ANY, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, s, NONE - 1, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, s, fr, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, s, p_rev, ANY, SAME, 0, &out), E_REVOKED);
    CHECK(obol_desc_dup_from(A, s, p_des, ANY, SAME, 0, &out), E_DESTROYED);
    CHECK(obol_desc_dup_from(A, s, E, ANY, SAME, 0, &out), E_TYPE);
    CHECK(obol_desc_dup_from(A, s, OBOL_INIT_THREAD, ANY, SAME, 0, &out), E_TYPE);
    CHECK(obol_desc_dup_from(A, s, p_ext, ANY, SAME, 0, &out), E_DENIED);
    CHECK(obol_desc_dup_from(A, s, p_none, ANY, SAME, 0, &out), E_DENIED);
    /* rights not within the source's */
    CHECK(obol_desc_dup_from(A, s, B, ANY, R_SIGNAL, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, s, B, ANY, R_SEND | R_OPEN, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, s, B, ANY, SAME | R_SEND, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, s, B, ANY, 0xFFFFFFFFu, 0, &out), E_INVAL);
    obol_desc_t few = BADD;                              /* fewer rights are not regained */
    CHECK(obol_desc_dup_from(A, s, B, ANY, R_INSPECT | R_DUP, 0, &few), S_OK);
    CHECK(obol_desc_dup_from(B, few, B, ANY, R_SEND, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(B, few, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    /* dest */
    CHECK(obol_desc_dup_from(A, s, B, 256, SAME, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, s, B, NONE, SAME, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, s, B, 1000, SAME, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, s, B, taken, SAME, 0, &out), E_EXISTS);
    CHECK(obol_desc_dup_from(A, s, A, s, SAME, 0, &out), E_EXISTS);         /* src itself */
    CHECK(obol_desc_dup_from(A, s, A, rvsrc, SAME, 0, &out), E_EXISTS);     /* a revoked slot */
    /* (table full and depth limit: test_limits) */

    /* the raw ecall: rights or options wider than 32 bits, the descriptor
     * arguments too wide (never truncated) */
    CHECK(raw(A, s, B, ANY, HI + SAME, 0), E_INVAL);
    CHECK(raw(A, s, B, ANY, HI + R_SEND, 0), E_INVAL);
    CHECK(raw(A, s, B, ANY, SAME, HI), E_INVAL);
    CHECK(raw(A, s, B, ANY, SAME, HI + CLOSE_SRC), E_INVAL);
    CHECK(raw(A, s, NONE, 0, HI, CLOSE_SRC), E_INVAL);
    CHECK(rstatus(A, s), S_OK);                          /* nothing was closed */
    CHECK(raw(300, 300, 300, 1000, HI, 0), E_INVAL);     /* before everything else */
    CHECK(raw(HI + A, s, B, ANY, SAME, 0), E_BADDESC);
    CHECK(raw(A, HI + s, B, ANY, SAME, 0), E_BADDESC);
    CHECK(raw(A, s, HI + B, ANY, SAME, 0), E_BADDESC);
    CHECK(raw(A, s, HI + NONE, 0, 0, 0), E_BADDESC);     /* not NONE */
    CHECK(raw(A, s, B, HI + ANY, SAME, 0), E_INVAL);
    CHECK(raw(A, s, B, HI + 10, SAME, 0), E_INVAL);

    /* order: the first failing check wins */
    CHECK(obol_desc_dup_from(300, 300, 300, 1000, R_SIGNAL, 2, &out), E_INVAL);
    CHECK(obol_desc_dup_from(300, 300, NONE, 1000, R_SIGNAL, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(p_rev, 300, NONE, 1000, R_SIGNAL, 0, &out), E_REVOKED);
    CHECK(obol_desc_dup_from(E, 300, NONE, 1000, R_SIGNAL, 0, &out), E_TYPE);
    CHECK(obol_desc_dup_from(p_open, 300, NONE, 1000, R_SIGNAL, 0, &out), E_DENIED);
    CHECK(obol_desc_dup_from(A, 300, NONE, 1000, R_SIGNAL, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, 300, 300, 1000, R_SIGNAL, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, rvsrc, 300, 1000, R_SIGNAL, 0, &out), E_REVOKED);
    CHECK(obol_desc_dup_from(SELF, E, 300, 1000, R_SIGNAL, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, nodup, 300, 1000, R_SIGNAL, 0, &out), E_DENIED);
    CHECK(obol_desc_dup_from(A, s, 300, 1000, R_SIGNAL, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, s, E, 1000, R_SIGNAL, 0, &out), E_TYPE);
    CHECK(obol_desc_dup_from(A, s, p_ext, 1000, R_SIGNAL, 0, &out), E_DENIED);
    CHECK(obol_desc_dup_from(A, s, B, taken, R_SIGNAL, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(A, s, B, 1000, R_SEND, 0, &out), E_INVAL);
    /* nothing changed anywhere */
    CHECK_EQ(out, 77);
    CHECK_EQ(used_count(), n0);
    CHECK_EQ(rcount(A), na);
    CHECK_EQ(rcount(B), nb);

    obol_desc_t list[] = { p_rev, pm, p_des, p_open, p_none, p_ext, rvep, E2, A, B, E };
    for (unsigned k = 0; k < sizeof list / sizeof list[0]; k++)
        close_ok(list[k]);
}

static void test_close_source(void)
{
    utest_section("CLOSE_SOURCE: a move from A to B");
    obol_desc_t E = new_endpoint(), A = new_process(), B = new_process();
    unsigned long long ek = info(E).koid;
    obol_desc_t s = mint(E, A, ANY, R_DUP | R_SEND | R_INSPECT, 0x77), n = BADD;
    CHECK(obol_desc_dup_from(A, s, B, ANY, R_SEND | R_INSPECT | R_DUP, CLOSE_SRC, &n), S_OK);
    CHECK_EQ(n, 0);
    CHECK(rstatus(A, s), E_BADDESC);
    struct obol_desc_info i = rinfo(B, n);
    CHECK_EQ(i.koid, ek);
    CHECK_EQ(i.rights, R_SEND | R_INSPECT | R_DUP);
    CHECK_EQ(i.badge, 0x77);
    CHECK_EQ(rcount(A), 0);
    CHECK_EQ(rcount(B), 1);
    CHECK(obol_desc_dup_from(B, n, B, 42, SAME, CLOSE_SRC, &n), S_OK);      /* within B */
    CHECK_EQ(n, 42);
    CHECK(rstatus(B, 0), E_BADDESC);
    CHECK_EQ(rinfo(B, 42).badge, 0x77);
    /* the moved copy takes the source's place in the tree: revoking the
     * source's parent (mine) reaches it */
    obol_desc_t m = mint(E, SELF, ANY, R_DUP | R_SEND | R_INSPECT, 0x78);
    CHECK(obol_desc_dup(m, A, 10, SAME, 0, &s), S_OK);
    CHECK(obol_desc_dup_from(A, 10, B, 11, SAME, CLOSE_SRC, &n), S_OK);
    CHECK(rstatus(A, 10), E_BADDESC);
    CHECK(rstatus(B, 11), S_OK);
    CHECK(obol_desc_revoke(m), S_OK);
    CHECK(rstatus(B, 11), E_REVOKED);
    CHECK(rstatus(B, 42), S_OK);                         /* minted from E, not from m */
    CHECK(obol_desc_dup_from(B, 11, NONE, 0, 0, CLOSE_SRC, 0), S_OK);

    utest_section("CLOSE_SOURCE: later errors close the source");
    obol_desc_t E2 = new_endpoint(), R = new_region();
    obol_desc_t pm = mint(B, SELF, ANY, R_OPEN | R_DUP, 0);
    obol_desc_t p_rev = dup(pm, SAME);
    CHECK(obol_desc_revoke(pm), S_OK);
    obol_desc_t C = new_process();
    obol_desc_t p_des = mint(C, SELF, ANY, R_OPEN, 0);
    CHECK(obol_desc_destroy(C), S_OK);
    obol_desc_t p_ext = mint(B, SELF, ANY, R_EXTRACT, 0);
    obol_desc_t taken = mint(E, B, 3, R_SEND, 0);
    obol_desc_t fr = lowest_free();
    unsigned nb = rcount(B);
    /* src revoked */
    s = mint(E2, A, ANY, R_EP, 0);
    CHECK(obol_desc_revoke(E2), S_OK);
    CHECK(obol_desc_dup_from(A, s, B, ANY, SAME, CLOSE_SRC, &n), E_REVOKED);
    CHECK(rstatus(A, s), E_BADDESC);
    /* src's object destroyed */
    obol_desc_t R2 = new_region();
    s = mint(R2, A, ANY, R_DUP | R_READ, 0);
    CHECK(obol_desc_destroy(R2), S_OK);
    CHECK(obol_desc_dup_from(A, s, B, ANY, SAME, CLOSE_SRC, &n), E_DESTROYED);
    CHECK(rstatus(A, s), E_BADDESC);
    /* src without DUPLICATE */
    s = mint(E, A, ANY, R_SEND | R_INSPECT, 0);
    CHECK(obol_desc_dup_from(A, s, B, ANY, SAME, CLOSE_SRC, &n), E_DENIED);
    CHECK(rstatus(A, s), E_BADDESC);
    /* (an owner: test_self_source and test_holder) */
    /* the target: bad, free, revoked, destroyed, not a process, no OPEN */
    s = mint(E, A, ANY, R_EP, 0);
    CHECK(obol_desc_dup_from(A, s, 300, ANY, SAME, CLOSE_SRC, &n), E_BADDESC);
    CHECK(rstatus(A, s), E_BADDESC);
    s = mint(E, A, ANY, R_EP, 0);
    CHECK(obol_desc_dup_from(A, s, fr, ANY, SAME, CLOSE_SRC, &n), E_BADDESC);
    CHECK(rstatus(A, s), E_BADDESC);
    s = mint(E, A, ANY, R_EP, 0);
    CHECK(raw(A, s, HI + NONE, 0, 0, CLOSE_SRC), E_BADDESC);   /* too wide: not NONE */
    CHECK(rstatus(A, s), E_BADDESC);
    s = mint(E, A, ANY, R_EP, 0);
    CHECK(obol_desc_dup_from(A, s, p_rev, ANY, SAME, CLOSE_SRC, &n), E_REVOKED);
    CHECK(rstatus(A, s), E_BADDESC);
    s = mint(E, A, ANY, R_EP, 0);
    CHECK(obol_desc_dup_from(A, s, p_des, ANY, SAME, CLOSE_SRC, &n), E_DESTROYED);
    CHECK(rstatus(A, s), E_BADDESC);
    s = mint(E, A, ANY, R_EP, 0);
    CHECK(obol_desc_dup_from(A, s, R, ANY, SAME, CLOSE_SRC, &n), E_TYPE);
    CHECK(rstatus(A, s), E_BADDESC);
    s = mint(E, A, ANY, R_EP, 0);
    CHECK(obol_desc_dup_from(A, s, p_ext, ANY, SAME, CLOSE_SRC, &n), E_DENIED);
    CHECK(rstatus(A, s), E_BADDESC);
    /* rights, dest */
    s = mint(E, A, ANY, R_DUP | R_SEND, 0);
    CHECK(obol_desc_dup_from(A, s, B, ANY, R_RECV, CLOSE_SRC, &n), E_INVAL);
    CHECK(rstatus(A, s), E_BADDESC);
    s = mint(E, A, ANY, R_EP, 0);
    CHECK(obol_desc_dup_from(A, s, B, 256, SAME, CLOSE_SRC, &n), E_INVAL);
    CHECK(rstatus(A, s), E_BADDESC);
    s = mint(E, A, ANY, R_EP, 0);
    CHECK(obol_desc_dup_from(A, s, B, taken, SAME, CLOSE_SRC, &n), E_EXISTS);
    CHECK(rstatus(A, s), E_BADDESC);
    s = mint(E, A, ANY, R_EP, 0);
    CHECK(obol_desc_dup_from(A, s, A, s, SAME, CLOSE_SRC, &n), E_EXISTS);   /* dest == src */
    CHECK(rstatus(A, s), E_BADDESC);
    /* (table full, depth limit: test_limits) */
    CHECK_EQ(rcount(A), 0);
    CHECK_EQ(rcount(B), nb);                             /* no error put anything in B */
    CHECK(rstatus(B, taken), E_DENIED);                  /* open (SEND only, so no copy) */
    CHECK(rstatus(B, 42), S_OK);

    utest_section("CLOSE_SOURCE: early errors close nothing");
    s = mint(E, A, 20, R_EP, 0x20);
    obol_desc_t p_noext = mint(A, SELF, ANY, R_OPEN | R_INSPECT | R_DUP, 0);
    obol_desc_t pa = mint(A, SELF, ANY, R_EXTRACT | R_DUP, 0);
    obol_desc_t pa_rev = dup(pa, SAME);
    CHECK(obol_desc_revoke(pa), S_OK);
    fr = lowest_free();
    unsigned n0 = used_count();
    CHECK(obol_desc_dup_from(A, s, B, ANY, SAME, CLOSE_SRC | 2, &n), E_INVAL);
    CHECK(raw(A, s, B, ANY, HI + SAME, CLOSE_SRC), E_INVAL);
    CHECK(obol_desc_dup_from(300, s, B, ANY, SAME, CLOSE_SRC, &n), E_BADDESC);
    CHECK(obol_desc_dup_from(fr, s, B, ANY, SAME, CLOSE_SRC, &n), E_BADDESC);
    CHECK(obol_desc_dup_from(pa_rev, s, B, ANY, SAME, CLOSE_SRC, &n), E_REVOKED);
    CHECK(obol_desc_dup_from(p_des, s, B, ANY, SAME, CLOSE_SRC, &n), E_DESTROYED);
    CHECK(obol_desc_dup_from(E, s, B, ANY, SAME, CLOSE_SRC, &n), E_TYPE);
    CHECK(obol_desc_dup_from(p_noext, s, B, ANY, SAME, CLOSE_SRC, &n), E_DENIED);
    CHECK(obol_desc_dup_from(p_noext, s, NONE, 0, 0, CLOSE_SRC, &n), E_DENIED);
    CHECK(obol_desc_dup_from(A, s, NONE, 0, 0, 0, &n), E_INVAL);
    CHECK(obol_desc_dup_from(A, 300, B, ANY, SAME, CLOSE_SRC, &n), E_BADDESC);
    CHECK(obol_desc_dup_from(A, 21, B, ANY, SAME, CLOSE_SRC, &n), E_BADDESC);
    CHECK(obol_desc_dup_from(A, 21, NONE, 0, 0, CLOSE_SRC, &n), E_BADDESC);
    CHECK_EQ(rinfo(A, s).badge, 0x20);                   /* still there */
    CHECK_EQ(rcount(A), 1);
    CHECK_EQ(rcount(B), nb);
    CHECK_EQ(used_count(), n0);
    CHECK(st(E), S_OK);                                  /* my slots named as src_process */
    CHECK(st(p_noext), S_OK);

    obol_desc_t list[] = { m, E2, R, pm, p_rev, p_des, p_ext, p_noext, pa, pa_rev, A, B, E };
    for (unsigned k = 0; k < sizeof list / sizeof list[0]; k++)
        close_ok(list[k]);
}

static void test_remote_close(void)
{
    utest_section("remote close");
    struct obol_system_info s0 = sysinfo();
    obol_desc_t E = new_endpoint(), A = new_process(), B = new_process();
    obol_desc_t out = 77;
    mint(E, A, 7, R_EP, 0);
    CHECK(obol_desc_dup_from(A, 7, NONE, 0, 0, CLOSE_SRC, &out), S_OK);
    CHECK_EQ(out, 77);          /* the page: "*out is not written" for a remote close */
    CHECK(obol_desc_dup_from(A, 7, NONE, 0, 0, CLOSE_SRC, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, 7, SELF, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup_from(A, 7, B, ANY, SAME, CLOSE_SRC, &out), E_BADDESC);
    CHECK_EQ(rcount(A), 0);
    /* dest and rights are ignored; DUPLICATE is not needed */
    mint(E, A, 7, R_EP, 0);
    CHECK(obol_desc_dup_from(A, 7, NONE, 1000, R_SIGNAL, CLOSE_SRC, &out), S_OK);
    CHECK(rstatus(A, 7), E_BADDESC);
    mint(E, A, 7, R_SEND, 0);
    CHECK(rstatus(A, 7), E_DENIED);
    CHECK(obol_desc_dup_from(A, 7, NONE, 0, 0, CLOSE_SRC, &out), S_OK);
    CHECK(rstatus(A, 7), E_BADDESC);
    /* a revoked slot and a destroyed one just go */
    obol_desc_t E2 = new_endpoint(), R3 = new_region();
    mint(E2, A, 8, R_EP, 0);
    mint(R3, A, 9, R_DUP | R_READ, 0);
    CHECK(obol_desc_revoke(E2), S_OK);
    CHECK(obol_desc_destroy(R3), S_OK);
    CHECK(rstatus(A, 8), E_REVOKED);
    CHECK(rstatus(A, 9), E_DESTROYED);
    CHECK(obol_desc_dup_from(A, 8, NONE, 0, 0, CLOSE_SRC, &out), S_OK);
    CHECK(obol_desc_dup_from(A, 9, NONE, 0, 0, CLOSE_SRC, &out), S_OK);
    CHECK(rstatus(A, 8), E_BADDESC);
    CHECK(rstatus(A, 9), E_BADDESC);
    /* a live descriptor drops its reference: the region A alone holds is freed */
    struct obol_system_info s1 = sysinfo();
    obol_desc_t R = new_region();
    mint(R, A, 10, R_READ, 0);
    close_ok(R);
    struct obol_system_info held = sysinfo();
    CHECK_TRUE(held.frames_free < s1.frames_free);
    CHECK_EQ(held.objects_free, s1.objects_free - 1);
    CHECK(obol_desc_dup_from(A, 10, NONE, 0, 0, CLOSE_SRC, &out), S_OK);
    CHECK_EQ(sysinfo().frames_free, s1.frames_free);
    CHECK_EQ(sysinfo().objects_free, s1.objects_free);
    /* its descendants are re-attached to its parent: still revocable from there */
    obol_desc_t m = mint(E, SELF, ANY, R_DUP | R_SEND | R_INSPECT, 0x3);
    CHECK(obol_desc_dup(m, A, 11, SAME, 0, &out), S_OK);
    obol_desc_t b = dup_from(A, 11, B, SAME);
    obol_desc_t bb = dup_from(B, b, B, R_INSPECT | R_DUP);
    CHECK(obol_desc_dup_from(A, 11, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    CHECK(rstatus(A, 11), E_BADDESC);
    CHECK_EQ(rinfo(B, b).badge, 0x3);
    CHECK(rstatus(B, bb), S_OK);
    CHECK(obol_desc_revoke(m), S_OK);
    CHECK(rstatus(B, b), E_REVOKED);
    CHECK(rstatus(B, bb), E_REVOKED);
    CHECK(obol_desc_dup_from(B, b, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    CHECK(obol_desc_dup_from(B, bb, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    /* through a descriptor with EXTRACT only; not through one without */
    obol_desc_t pa = mint(A, SELF, ANY, R_EXTRACT, 0), pn = mint(A, SELF, ANY, R_OPEN, 0);
    mint(E, A, 12, R_EP, 0);
    CHECK(obol_desc_dup_from(pn, 12, NONE, 0, 0, CLOSE_SRC, 0), E_DENIED);
    CHECK(rstatus(A, 12), S_OK);
    CHECK(obol_desc_dup_from(pa, 12, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    CHECK(rstatus(A, 12), E_BADDESC);
    /* a slot of my own table through SELF: here the descriptor used just now */
    CHECK(obol_desc_dup_from(SELF, pa, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    CHECK(st(pa), E_BADDESC);
    CHECK_EQ(rcount(A), 0);
    CHECK_EQ(rcount(B), 0);

    obol_desc_t list[] = { pn, m, E2, A, B, E };
    for (unsigned k = 0; k < sizeof list / sizeof list[0]; k++)
        close_ok(list[k]);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free);
    CHECK_EQ(sysinfo().frames_free, s0.frames_free);
}

static void test_revoke(void)
{
    utest_section("revoke reaches third-party copies");
    obol_desc_t A = new_process(), B = new_process();
    /* revoking the owner: everything derived, in A and in B */
    obol_desc_t E = new_endpoint();
    obol_desc_t a = mint(E, A, ANY, R_EP, 0xE1);
    obol_desc_t b = dup_from(A, a, B, SAME);
    obol_desc_t c = dup_from(B, b, A, R_DUP | R_INSPECT);
    CHECK_EQ(rinfo(A, c).badge, 0xE1);
    CHECK(obol_desc_revoke(E), S_OK);
    CHECK(obol_desc_dup_from(B, b, SELF, ANY, SAME, 0, 0), E_REVOKED);
    CHECK(obol_desc_dup_from(A, a, SELF, ANY, SAME, 0, 0), E_REVOKED);
    CHECK(obol_desc_dup_from(A, c, SELF, ANY, SAME, 0, 0), E_REVOKED);
    CHECK(obol_desc_dup_from(A, a, B, ANY, SAME, 0, 0), E_REVOKED);
    CHECK(st(E), S_OK);
    /* a descriptor of mine DUPed into A, copied on to B: revoking mine
     * reaches B's copy; a sibling's copy stays */
    obol_desc_t E2 = new_endpoint();
    obol_desc_t m = mint(E2, SELF, ANY, R_DUP | R_SEND | R_INSPECT, 0xE2);
    obol_desc_t sib = mint(E2, SELF, ANY, R_DUP | R_SEND | R_INSPECT, 0xE3);
    obol_desc_t am = BADD, bs = BADD;
    CHECK(obol_desc_dup(m, A, ANY, SAME, 0, &am), S_OK);
    obol_desc_t bm = dup_from(A, am, B, R_SEND | R_INSPECT | R_DUP);
    CHECK(obol_desc_dup(sib, B, ANY, SAME, 0, &bs), S_OK);
    CHECK_EQ(rinfo(B, bm).badge, 0xE2);
    CHECK(obol_desc_revoke(m), S_OK);
    CHECK(st(m), S_OK);                                  /* m itself stays */
    CHECK(obol_desc_dup_from(B, bm, SELF, ANY, SAME, 0, 0), E_REVOKED);
    CHECK(rstatus(A, am), E_REVOKED);
    CHECK_EQ(rinfo(B, bs).badge, 0xE3);
    /* revoked slots stay in use until closed: ANY passes them by */
    obol_desc_t x = BADD;
    CHECK_EQ(a, 0);
    CHECK_EQ(c, 1);
    CHECK_EQ(am, 2);
    CHECK(obol_desc_dup(sib, A, ANY, SAME, 0, &x), S_OK);
    CHECK_EQ(x, 3);
    CHECK_EQ(rcount(A), 4);                              /* a, c, am, x */
    CHECK_EQ(rcount(B), 3);                              /* b, bm, bs */
    /* closing A takes its slots; B's copies derived through A's slots stay revoked */
    close_ok(A);
    CHECK(rstatus(B, b), E_REVOKED);
    CHECK(rstatus(B, bs), S_OK);
    obol_desc_t list[] = { B, m, sib, E2, E };
    for (unsigned k = 0; k < sizeof list / sizeof list[0]; k++)
        close_ok(list[k]);
}

/* A full target table and the derivation depth limit, in children. */
static void test_limits(void)
{
    utest_section("limits: a full target table");
    obol_desc_t E = new_endpoint(), A = new_process(), T = new_process();
    obol_desc_t s = mint(E, A, 0, R_EP, 0x5);
    unsigned filled = 0;
    for (;;) {
        obol_desc_t d = BADD;
        int r = obol_desc_mint(E, T, ANY, R_DUP | R_INSPECT, filled, &d);
        if (r != S_OK) {
            CHECK(r, E_NORES);
            break;
        }
        if (d != filled || ++filled > 300)
            break;
    }
    CHECK_EQ(filled, 256);
    obol_desc_t out = 77;
    CHECK(obol_desc_dup_from(A, s, T, ANY, SAME, 0, &out), E_NORES);
    CHECK(obol_desc_dup_from(T, 0, T, ANY, SAME, 0, &out), E_NORES);
    CHECK(obol_desc_dup_from(A, s, T, 17, SAME, 0, &out), E_EXISTS);
    /* the rights are checked before the table is found full */
    CHECK(obol_desc_dup_from(A, s, T, ANY, R_RECV | R_SIGNAL, 0, &out), E_INVAL);
    CHECK_EQ(out, 77);
    CHECK_EQ(rinfo(T, 255).badge, 255);                  /* out of a full table is fine */
    CHECK_EQ(rcount(A), 1);
    /* CLOSE_SOURCE into a full table: NO_RESOURCES, and one slot comes free */
    CHECK(obol_desc_dup_from(T, 255, T, ANY, SAME, CLOSE_SRC, &out), E_NORES);
    CHECK(rstatus(T, 255), E_BADDESC);
    CHECK(obol_desc_dup_from(T, 0, T, ANY, R_INSPECT, 0, &out), S_OK);
    CHECK_EQ(out, 255);
    /* so does a remote close */
    CHECK(obol_desc_dup_from(T, 100, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    CHECK(obol_desc_dup_from(A, s, T, ANY, R_SEND | R_INSPECT | R_DUP, 0, &out), S_OK);
    CHECK_EQ(out, 100);
    CHECK_EQ(rinfo(T, 100).badge, 0x5);
    close_ok(T);

    utest_section("limits: derivation depth 255");
    /* link[d] at depth d, all in D's table: a MINT (1), then DUPs from D into D */
    static obol_desc_t link[MAX_DEPTH + 1];
    obol_desc_t Ed = new_endpoint(), D = new_process();
    out = 77;
    link[1] = mint(Ed, D, ANY, R_DUP | R_INSPECT | R_SEND, 0xDEE9);
    unsigned made = 0;
    for (unsigned d = 2; d <= MAX_DEPTH; d++) {
        link[d] = BADD;
        made += obol_desc_dup_from(D, link[d - 1], D, ANY, SAME, 0, &link[d]) == S_OK &&
                link[d] == d - 1;
    }
    CHECK_EQ(made, MAX_DEPTH - 1);
    CHECK_EQ(rcount(D), MAX_DEPTH);                      /* slot 255 is still free */
    CHECK(obol_desc_dup_from(D, link[MAX_DEPTH], SELF, ANY, SAME, 0, &out), E_NORES);
    CHECK(obol_desc_dup_from(D, link[MAX_DEPTH], D, ANY, SAME, 0, &out), E_NORES);
    CHECK(obol_desc_dup_from(D, link[MAX_DEPTH], A, 5, R_INSPECT, 0, &out), E_NORES);
    /* dest is checked before the depth */
    CHECK(obol_desc_dup_from(D, link[MAX_DEPTH], SELF, 256, SAME, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(D, link[MAX_DEPTH], A, s, SAME, 0, &out), E_EXISTS);
    CHECK_EQ(out, 77);
    CHECK_EQ(rcount(D), MAX_DEPTH);
    /* one link up works, and its copy is at the limit in my table too */
    obol_desc_t deep = BADD;
    CHECK(obol_desc_dup_from(D, link[MAX_DEPTH - 1], SELF, ANY, SAME, 0, &deep), S_OK);
    CHECK_EQ(info(deep).badge, 0xDEE9);
    CHECK(obol_desc_dup(deep, SELF, ANY, SAME, 0, &out), E_NORES);
    close_ok(deep);
    /* CLOSE_SOURCE at the limit: NO_RESOURCES, and the link is closed */
    CHECK(obol_desc_dup_from(D, link[MAX_DEPTH], SELF, ANY, SAME, CLOSE_SRC, &out), E_NORES);
    CHECK(rstatus(D, link[MAX_DEPTH]), E_BADDESC);
    CHECK_EQ(out, 77);
    /* revoking the first link reaches every one below it */
    CHECK(obol_desc_revoke(Ed), S_OK);
    unsigned revoked = 0;
    for (unsigned d = 1; d < MAX_DEPTH; d++)
        revoked += rstatus(D, link[d]) == E_REVOKED;
    CHECK_EQ(revoked, MAX_DEPTH - 1);
    close_ok(D);
    close_ok(Ed);
    close_ok(A);
    close_ok(E);
}

/* Owner descriptors in another process's table, made by that process. */
static void test_holder(void)
{
    utest_section("a spawned holder: owners in another table");
    struct obol_spawn_result c;
    if (!CHECK(obol_spawn_named(SELF, archive, archive_size, "utest_dupfrom", ROLE_HOLDER, &c),
               S_OK))
        return;
    /* ready once its last object exists (bounded: a stuck child fails) */
    int ready = 0;
    for (int k = 0; k < 100000 && !ready; k++) {
        ready = rstatus(c.process, H_NOTE) != E_BADDESC;
        if (!ready)
            obol_thread_yield();
    }
    CHECK_TRUE(ready);
    obol_desc_t B = new_process(), out = 77;
    /* its slot 0 (minted by spawn): OPEN but no EXTRACT */
    obol_desc_t ps = dup_from(c.process, 0, SELF, SAME);
    struct obol_desc_info pi = info(ps);
    CHECK_EQ(pi.rights, OBOL_SPAWN_SELF_RIGHTS);
    CHECK_EQ(pi.koid, info(c.process).koid);
    CHECK_EQ(pi.is_owner, 0);
    CHECK(obol_desc_dup_from(ps, H_COPY, SELF, ANY, SAME, 0, &out), E_DENIED);
    CHECK(obol_desc_dup_from(ps, H_COPY, NONE, 0, 0, CLOSE_SRC, &out), E_DENIED);
    CHECK(obol_desc_dup_from(c.process, H_COPY, ps, 9, R_SEND | R_DUP, 0, &out), S_OK);  /* OPEN */
    CHECK_EQ(out, 9);
    CHECK(obol_desc_dup_from(c.process, 9, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    out = 77;
    /* an owner is never copied out, to anyone; nothing changes */
    CHECK(obol_desc_dup_from(c.process, H_EP, SELF, ANY, SAME, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(c.process, H_EP, B, ANY, R_SEND, 0, &out), E_INVAL);
    CHECK(obol_desc_dup_from(c.process, H_EP, c.process, ANY, SAME, 0, &out), E_INVAL);
    CHECK_EQ(out, 77);
    CHECK(rstatus(c.process, H_EP), E_INVAL);
    CHECK_EQ(rcount(B), 0);
    CHECK_EQ(rcount(c.process), 5);                      /* slots 0..4 */
    struct obol_desc_info ci = rinfo(c.process, H_COPY);
    CHECK_EQ(ci.badge, H_BADGE);
    CHECK_EQ(ci.rights, R_DUP | R_SEND | R_INSPECT);
    CHECK_EQ(ci.is_owner, 0);
    /* remote close of the owner: the endpoint lives on, ownerless, while
     * the holder's copy does; closing that frees it */
    struct obol_system_info s1 = sysinfo();
    CHECK(obol_desc_dup_from(c.process, H_EP, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    CHECK(rstatus(c.process, H_EP), E_BADDESC);
    CHECK_EQ(rinfo(c.process, H_COPY).koid, ci.koid);
    CHECK_EQ(sysinfo().objects_free, s1.objects_free);
    CHECK(obol_desc_dup_from(c.process, H_COPY, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    CHECK_EQ(sysinfo().objects_free, s1.objects_free + 1);
    /* an owner with CLOSE_SOURCE: INVALID_ARGS, and it is closed (its
     * only descriptor: the endpoint goes too) */
    CHECK(obol_desc_dup_from(c.process, H_EP2, B, ANY, SAME, CLOSE_SRC, &out), E_INVAL);
    CHECK(rstatus(c.process, H_EP2), E_BADDESC);
    CHECK_EQ(sysinfo().objects_free, s1.objects_free + 2);
    CHECK_EQ(rcount(B), 0);
    /* revoking the holder's owner (mine) revokes its slot 0 and my copy of
     * it; the revoked slot 0 closes remotely */
    CHECK(obol_desc_revoke(c.process), S_OK);
    CHECK(st(ps), E_REVOKED);
    CHECK(obol_desc_dup_from(ps, 0, SELF, ANY, SAME, 0, &out), E_REVOKED);
    CHECK(rstatus(c.process, 0), E_REVOKED);
    CHECK(obol_desc_dup_from(c.process, 0, NONE, 0, 0, CLOSE_SRC, 0), S_OK);
    CHECK(rstatus(c.process, 0), E_BADDESC);
    CHECK_EQ(rcount(c.process), 1);                      /* the notification it waits on */
    /* destroyed: a descriptor to it stops naming a table */
    obol_desc_t pd = mint(c.process, SELF, ANY, R_EXTRACT | R_OPEN, 0);
    CHECK(obol_desc_destroy(c.process), S_OK);
    CHECK(obol_desc_dup_from(pd, H_NOTE, SELF, ANY, SAME, 0, &out), E_DESTROYED);
    CHECK(obol_desc_dup_from(pd, H_NOTE, NONE, 0, 0, CLOSE_SRC, &out), E_DESTROYED);
    CHECK(obol_desc_dup_from(SELF, ps, pd, ANY, SAME, 0, &out), E_REVOKED);  /* src first */
    CHECK_EQ(out, 77);
    close_ok(pd);
    close_ok(ps);
    close_ok(c.thread);
    close_ok(B);
}

/* A process that has exited counts as destroyed, as source and as target. */
static void test_exited(void)
{
    utest_section("an exited process");
    struct obol_spawn_result c;
    if (!CHECK(obol_spawn_named(SELF, archive, archive_size, "utest_dupfrom", ROLE_EXIT, &c), S_OK))
        return;
    int gone = 0;
    for (int k = 0; k < 100000 && !gone; k++) {
        gone = st(c.process) == E_DESTROYED;
        if (!gone)
            obol_thread_yield();
    }
    CHECK_TRUE(gone);
    obol_desc_t E = new_endpoint(), m = mint(E, SELF, ANY, R_EP, 0), out = 77;
    CHECK(obol_desc_dup_from(c.process, 0, SELF, ANY, SAME, 0, &out), E_DESTROYED);
    CHECK(obol_desc_dup_from(c.process, 0, NONE, 0, 0, CLOSE_SRC, &out), E_DESTROYED);
    CHECK(obol_desc_dup_from(SELF, m, c.process, ANY, SAME, 0, &out), E_DESTROYED);
    CHECK_EQ(out, 77);
    CHECK(st(m), S_OK);
    close_ok(m);
    close_ok(E);
    close_ok(c.thread);
    close_ok(c.process);
}

int main(void)
{
    if (obol_start_arg0 == ROLE_HOLDER) {
        holder();
        return 0;
    }
    if (obol_start_arg0 == ROLE_EXIT)
        return 0;
    archive = (const void *)obol_start_arg0;
    archive_size = obol_start_arg1;
    printf("utest_dupfrom: desc_dup_from\n");
    struct obol_system_info s0 = sysinfo();
    unsigned n0 = used_count();
    test_self_source();
    test_third_party();
    test_errors();
    test_close_source();
    test_remote_close();
    test_revoke();
    test_limits();
    test_holder();
    test_exited();

    utest_section("everything given back");
    /* a destroyed process's memory may come back a little later: wait (bounded) */
    struct obol_system_info s1 = sysinfo();
    for (int k = 0; k < 100000 && (s1.objects_free != s0.objects_free ||
                                   s1.frames_free != s0.frames_free); k++) {
        obol_thread_yield();
        s1 = sysinfo();
    }
    CHECK_EQ(s1.objects_free, s0.objects_free);
    CHECK_EQ(s1.frames_free, s0.frames_free);
    CHECK_EQ(s1.tables_free, s0.tables_free);
    CHECK_EQ(s1.mappings, s0.mappings);
    CHECK_EQ(used_count(), n0);
    return utest_finish("utest_dupfrom");
}
