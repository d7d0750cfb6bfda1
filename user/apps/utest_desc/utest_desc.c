/*
 * utest_desc: the descriptor syscalls (DESC_MINT, DESC_DUP, DESC_CLOSE,
 * DESC_DESTROY, DESC_REVOKE, DESC_INFO) through the real syscall path, every
 * success path and every error in the capability core's documented check
 * order, plus unknown syscall numbers.  Runs as init (init=utest_desc): slots
 * 0, 1, 2 hold init's process, thread and boot archive (abi.h).
 *
 * Objects: 4 KiB regions and child processes made with PROCESS_CREATE (no
 * threads).  What a child's table holds cannot be read from here; it is
 * observed through resource counts (SYSTEM_INFO): a region referenced only
 * from a child's table is freed exactly when that reference goes.
 */
#include <stdio.h>
#include <string.h>
#include <obol/obol.h>
#include <obol/syscall.h>
#include <obol/utest.h>

#define ANY      OBOL_DESC_ANY
#define SAME     OBOL_SAME_RIGHTS
#define BADD     0xFFFFFFF0u            /* a descriptor number no call returns */
#define HI       (1ul << 32)            /* added to a 32-bit argument: too wide */
#define KADDR    0xffffffc080200000ul   /* the kernel's text */
#define UNMAPPED 0x1000000000ul         /* 64 GiB: nothing is mapped there */
#define CLOSE_SRC OBOL_DUP_CLOSE_SOURCE

#define R_DUP     OBOL_RIGHT_DUPLICATE
#define R_XFER    OBOL_RIGHT_TRANSFER
#define R_READ    OBOL_RIGHT_READ
#define R_WRITE   OBOL_RIGHT_WRITE
#define R_EXEC    OBOL_RIGHT_EXECUTE
#define R_MAP     OBOL_RIGHT_MAP
#define R_OPEN    OBOL_RIGHT_OPEN
#define R_INSPECT OBOL_RIGHT_INSPECT
#define R_DESTROY OBOL_RIGHT_DESTROY
#define R_SIGNAL  OBOL_RIGHT_SIGNAL

#define S_OK         OBOL_OK
#define E_BADDESC    OBOL_ERR_BAD_DESCRIPTOR
#define E_TYPE       OBOL_ERR_WRONG_TYPE
#define E_DENIED     OBOL_ERR_ACCESS_DENIED
#define E_INVAL      OBOL_ERR_INVALID_ARGS
#define E_EXISTS     OBOL_ERR_ALREADY_EXISTS
#define E_NORES      OBOL_ERR_NO_RESOURCES
#define E_DESTROYED  OBOL_ERR_OBJECT_DESTROYED
#define E_REVOKED    OBOL_ERR_REVOKED
#define E_BADADDR    OBOL_ERR_BAD_ADDRESS
#define E_BADSYS     OBOL_ERR_BAD_SYSCALL

static unsigned type_rights(unsigned type)
{
    switch (type) {
#define X(name, value, rights) case value: return (rights);
    OBOL_TYPE_LIST(X)
#undef X
    }
    return 0;
}
#define REGION_RIGHTS  type_rights(OBOL_TYPE_REGION)
#define PROCESS_RIGHTS type_rights(OBOL_TYPE_PROCESS)

/* ---- helpers -------------------------------------------------------------- */

static long raw(unsigned long n, unsigned long a0, unsigned long a1, unsigned long a2,
                unsigned long a3, unsigned long a4)
{
    return obol_syscall6(n, a0, a1, a2, a3, a4, 0).status;
}

static obol_desc_t new_region(void)
{
    obol_desc_t d = BADD;
    CHECK(obol_region_create(4096, ANY, &d), S_OK);
    return d;
}

static obol_desc_t new_process(void)
{
    obol_desc_t d = BADD;
    CHECK(obol_process_create(ANY, &d), S_OK);
    return d;
}

static obol_desc_t mint(obol_desc_t owner, obol_desc_t proc, unsigned rights, unsigned long badge)
{
    obol_desc_t d = BADD;
    CHECK(obol_desc_mint(owner, proc, ANY, rights, badge, &d), S_OK);
    return d;
}

static obol_desc_t dup(obol_desc_t src, unsigned rights)
{
    obol_desc_t d = BADD;
    CHECK(obol_desc_dup(src, OBOL_INIT_SELF, ANY, rights, 0, &d), S_OK);
    return d;
}

static void close_ok(obol_desc_t d)
{
    CHECK(obol_desc_close(d), S_OK);
}

/* The status of INFO on d; INFO on d, which must succeed. */
static int st(obol_desc_t d) { return utest_desc_status(d); }
static struct obol_desc_info info(obol_desc_t d) { return utest_desc_info(d); }

static int used(obol_desc_t d) { return st(d) != E_BADDESC; }

static unsigned used_count(void)
{
    unsigned n = 0;
    for (obol_desc_t d = 0; d < 256; d++)
        n += used(d);
    return n;
}

static obol_desc_t lowest_free(void)
{
    for (obol_desc_t d = 0; d < 256; d++)
        if (!used(d))
            return d;
    return 256;
}

static struct obol_system_info sysinfo(void) { return utest_sysinfo(); }

/* ---- sections ------------------------------------------------------------- */

static void test_bad_syscall(void)
{
    utest_section("unknown syscall numbers");
    CHECK(raw(0, 0, 0, 0, 0, 0), E_BADSYS);
    CHECK(raw(OBOL_SYSCALL_MAX + 1, 0, 0, 0, 0, 0), E_BADSYS);
    CHECK(raw(OBOL_SYSCALL_MAX + 2, 0, 0, 0, 0, 0), E_BADSYS);
    CHECK(raw(999, 0, 0, 0, 0, 0), E_BADSYS);
    CHECK(raw(HI + OBOL_SYS_DESC_CLOSE, 300, 0, 0, 0, 0), E_BADSYS);   /* not CLOSE */
    CHECK(raw(~0ul, 0, 0, 0, 0, 0), E_BADSYS);
    /* the raw path itself works: a known number with a bad descriptor */
    CHECK(raw(OBOL_SYS_DESC_CLOSE, 300, 0, 0, 0, 0), E_BADDESC);
}

static void test_boot_info(void)
{
    utest_section("info: boot descriptors");
    /* the test window at UNMAPPED maps and unmaps (later sections rely on it) */
    obol_desc_t w = BADD;
    CHECK(obol_region_create(4096, 3, &w), S_OK);
    CHECK(obol_region_map(w, OBOL_INIT_SELF, UNMAPPED, R_READ), S_OK);
    CHECK(obol_region_unmap(OBOL_INIT_SELF, UNMAPPED), S_OK);
    CHECK(obol_desc_close(w), S_OK);
    struct obol_desc_info p = info(OBOL_INIT_SELF), t = info(OBOL_INIT_THREAD),
                          a = info(OBOL_INIT_ARCHIVE);
    CHECK_EQ(p.type, OBOL_TYPE_PROCESS);
    CHECK_EQ(p.rights, PROCESS_RIGHTS);
    CHECK_EQ(p.is_owner, 1);
    CHECK_EQ(p.badge, 0);
    CHECK_EQ(p.reserved, 0);
    CHECK_EQ(t.type, OBOL_TYPE_THREAD);
    CHECK_EQ(t.rights, type_rights(OBOL_TYPE_THREAD));
    CHECK_EQ(t.is_owner, 1);
    CHECK_EQ(a.type, OBOL_TYPE_REGION);
    CHECK_EQ(a.rights, REGION_RIGHTS);
    CHECK_EQ(a.is_owner, 1);
    CHECK_TRUE(p.koid != t.koid && t.koid != a.koid && p.koid != a.koid);
    CHECK_TRUE(p.koid != 0 && t.koid != 0 && a.koid != 0);
    CHECK_EQ(used_count(), 3);
    CHECK_EQ(lowest_free(), 3);
}

static void test_create_any(void)
{
    utest_section("ANY: lowest free slot");
    obol_desc_t a = new_region(), b = new_region(), c = new_region();
    CHECK_EQ(a, 3);
    CHECK_EQ(b, 4);
    CHECK_EQ(c, 5);
    struct obol_desc_info ia = info(a), ib = info(b);
    CHECK_EQ(ia.type, OBOL_TYPE_REGION);
    CHECK_EQ(ia.rights, REGION_RIGHTS);
    CHECK_EQ(ia.is_owner, 1);
    CHECK_EQ(ia.badge, 0);
    CHECK_TRUE(ib.koid != ia.koid);
    close_ok(a);
    close_ok(b);
    obol_desc_t d = new_region();               /* hole at 3 and 4: 3 */
    CHECK_EQ(d, 3);
    CHECK_TRUE(info(d).koid > info(c).koid);    /* koids are never reused */
    CHECK_TRUE(info(d).koid != ia.koid);
    obol_desc_t e = mint(d, OBOL_INIT_SELF, R_INSPECT, 0);
    CHECK_EQ(e, 4);
    close_ok(c);
    close_ok(d);
    close_ok(e);
    CHECK_EQ(used_count(), 3);
}

static void test_mint(void)
{
    utest_section("mint: success");
    struct obol_system_info s0 = sysinfo();
    obol_desc_t R = new_region();
    struct obol_desc_info ri = info(R);
    obol_desc_t m = BADD;
    obol_desc_t low = lowest_free();
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ANY, R_READ | R_INSPECT | R_DUP, 0xDEADBEEFCAFEF00Dul, &m),
          S_OK);
    CHECK_EQ(m, low);
    struct obol_desc_info mi = info(m);
    CHECK_EQ(mi.type, OBOL_TYPE_REGION);
    CHECK_EQ(mi.rights, R_READ | R_INSPECT | R_DUP);
    CHECK_EQ(mi.is_owner, 0);
    CHECK_EQ(mi.koid, ri.koid);
    CHECK_EQ(mi.badge, 0xDEADBEEFCAFEF00Dul);
    CHECK_EQ(mi.reserved, 0);
    CHECK_EQ(info(R).badge, 0);                 /* the owner's badge is untouched */

    obol_desc_t all = mint(R, OBOL_INIT_SELF, SAME, 7);
    struct obol_desc_info ai = info(all);
    CHECK_EQ(ai.rights, REGION_RIGHTS);
    CHECK_EQ(ai.is_owner, 0);
    CHECK_EQ(ai.badge, 7);

    obol_desc_t none = mint(R, OBOL_INIT_SELF, OBOL_RIGHTS_NONE, 1);
    CHECK(st(none), E_DENIED);                  /* no INSPECT, not the owner */

    obol_desc_t at = BADD;
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, 200, R_INSPECT, 2, &at), S_OK);
    CHECK_EQ(at, 200);
    CHECK_EQ(info(200).badge, 2);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, 255, R_INSPECT, 3, &at), S_OK);
    CHECK_EQ(at, 255);
    CHECK_EQ(info(255).rights, R_INSPECT);

    /* through a non-owner process descriptor with OPEN */
    obol_desc_t p_open = mint(OBOL_INIT_SELF, OBOL_INIT_SELF, R_OPEN | R_INSPECT, 0);
    obol_desc_t p_noopen = mint(OBOL_INIT_SELF, OBOL_INIT_SELF, R_INSPECT | R_DUP | R_XFER, 0);
    CHECK_EQ(info(p_open).type, OBOL_TYPE_PROCESS);
    CHECK_EQ(info(p_open).koid, info(OBOL_INIT_SELF).koid);
    obol_desc_t via = mint(R, p_open, R_WRITE | R_INSPECT, 11);
    CHECK_EQ(info(via).rights, R_WRITE | R_INSPECT);
    CHECK_EQ(info(via).badge, 11);

    /* into a child's table: ANY is the child's lowest free slot */
    obol_desc_t C = new_process();
    obol_desc_t c0 = BADD, c1 = BADD;
    CHECK(obol_desc_mint(R, C, ANY, R_READ | R_INSPECT, 5, &c0), S_OK);
    CHECK_EQ(c0, 0);
    CHECK(obol_desc_mint(R, C, ANY, R_READ, 6, &c1), S_OK);
    CHECK_EQ(c1, 1);
    CHECK(obol_desc_mint(R, C, 0, R_READ, 0, &at), E_EXISTS);
    CHECK(obol_desc_mint(R, C, 1000, R_READ, 0, &at), E_INVAL);
    CHECK(obol_desc_mint(R, C, 7, R_READ, 0, &at), S_OK);
    CHECK_EQ(at, 7);

    utest_section("mint: errors in order");
    /* objects for the resolution cases */
    obol_desc_t R2 = new_region();
    obol_desc_t rv = mint(R2, OBOL_INIT_SELF, SAME, 0);
    CHECK(obol_desc_revoke(R2), S_OK);
    CHECK(st(rv), E_REVOKED);
    obol_desc_t R3 = new_region();
    obol_desc_t ds = mint(R3, OBOL_INIT_SELF, SAME, 0);
    CHECK(obol_desc_destroy(R3), S_OK);
    CHECK(st(ds), E_DESTROYED);
    CHECK(st(R3), E_BADDESC);                   /* destroy closed the owner */
    obol_desc_t C2 = new_process(), C3 = new_process();
    obol_desc_t p_rev = mint(C2, OBOL_INIT_SELF, R_OPEN | R_INSPECT, 0);
    obol_desc_t p_des = mint(C3, OBOL_INIT_SELF, R_OPEN | R_INSPECT, 0);
    CHECK(obol_desc_revoke(C2), S_OK);
    CHECK(obol_desc_destroy(C3), S_OK);
    CHECK(st(C3), E_BADDESC);
    CHECK(st(p_rev), E_REVOKED);
    CHECK(st(p_des), E_DESTROYED);
    obol_desc_t fr = lowest_free();
    CHECK_TRUE(fr < 256);

    unsigned n0 = used_count();
    struct obol_system_info s1 = sysinfo();
    obol_desc_t out = 77;
    /* owner resolution */
    CHECK(obol_desc_mint(300, OBOL_INIT_SELF, ANY, R_READ, 0, &out), E_BADDESC);
    CHECK(obol_desc_mint(256, OBOL_INIT_SELF, ANY, R_READ, 0, &out), E_BADDESC);
    CHECK(obol_desc_mint(ANY, OBOL_INIT_SELF, ANY, R_READ, 0, &out), E_BADDESC);
    CHECK(obol_desc_mint(fr, OBOL_INIT_SELF, ANY, R_READ, 0, &out), E_BADDESC);
    CHECK(raw(OBOL_SYS_DESC_MINT, HI + R, OBOL_INIT_SELF, ANY, R_READ, 0), E_BADDESC);
    CHECK(obol_desc_mint(rv, OBOL_INIT_SELF, ANY, R_READ, 0, &out), E_REVOKED);
    CHECK(obol_desc_mint(ds, OBOL_INIT_SELF, ANY, R_READ, 0, &out), E_DESTROYED);
    /* not the owner */
    CHECK(obol_desc_mint(all, OBOL_INIT_SELF, ANY, R_READ, 0, &out), E_DENIED);
    CHECK(obol_desc_mint(m, OBOL_INIT_SELF, ANY, R_READ, 0, &out), E_DENIED);
    /* process resolution */
    CHECK(obol_desc_mint(R, 300, ANY, R_READ, 0, &out), E_BADDESC);
    CHECK(obol_desc_mint(R, fr, ANY, R_READ, 0, &out), E_BADDESC);
    CHECK(raw(OBOL_SYS_DESC_MINT, R, HI + OBOL_INIT_SELF, ANY, R_READ, 0), E_BADDESC);
    CHECK(obol_desc_mint(R, p_rev, ANY, R_READ, 0, &out), E_REVOKED);
    CHECK(obol_desc_mint(R, p_des, ANY, R_READ, 0, &out), E_DESTROYED);
    /* not a process, no OPEN */
    CHECK(obol_desc_mint(R, R, ANY, R_READ, 0, &out), E_TYPE);
    CHECK(obol_desc_mint(R, OBOL_INIT_THREAD, ANY, R_READ, 0, &out), E_TYPE);
    CHECK(obol_desc_mint(R, p_noopen, ANY, R_READ, 0, &out), E_DENIED);
    /* rights outside the type's */
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ANY, R_SIGNAL, 0, &out), E_INVAL);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ANY, R_READ | R_OPEN, 0, &out), E_INVAL);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ANY, 1u << OBOL_RIGHT_COUNT, 0, &out), E_INVAL);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ANY, 0x40000000u, 0, &out), E_INVAL);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ANY, SAME | R_READ, 0, &out), E_INVAL);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ANY, 0xFFFFFFFFu, 0, &out), E_INVAL);
    CHECK(obol_desc_mint(OBOL_INIT_SELF, OBOL_INIT_SELF, ANY, R_MAP, 0, &out), E_INVAL);
    CHECK(raw(OBOL_SYS_DESC_MINT, R, OBOL_INIT_SELF, ANY, HI + R_READ, 0), E_INVAL);
    CHECK(raw(OBOL_SYS_DESC_MINT, R, OBOL_INIT_SELF, ANY, HI + SAME, 0), E_INVAL);
    /* dest */
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, 256, R_READ, 0, &out), E_INVAL);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, 1000, R_READ, 0, &out), E_INVAL);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, 0xFFFFFFFEu, R_READ, 0, &out), E_INVAL);
    CHECK(raw(OBOL_SYS_DESC_MINT, R, OBOL_INIT_SELF, HI + ANY, R_READ, 0), E_INVAL);
    CHECK(raw(OBOL_SYS_DESC_MINT, R, OBOL_INIT_SELF, HI + fr, R_READ, 0), E_INVAL);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, R, R_READ, 0, &out), E_EXISTS);          /* live */
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, OBOL_INIT_SELF, R_READ, 0, &out), E_EXISTS);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, rv, R_READ, 0, &out), E_EXISTS);         /* revoked */
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ds, R_READ, 0, &out), E_EXISTS);         /* destroyed */
    /* order: the first failing check wins */
    CHECK(obol_desc_mint(300, R, 1000, R_SIGNAL, 0, &out), E_BADDESC);
    CHECK(obol_desc_mint(rv, 300, 1000, R_SIGNAL, 0, &out), E_REVOKED);
    CHECK(obol_desc_mint(all, 300, 1000, R_SIGNAL, 0, &out), E_DENIED);
    CHECK(obol_desc_mint(R, 300, 1000, R_SIGNAL, 0, &out), E_BADDESC);
    CHECK(obol_desc_mint(R, p_rev, 1000, R_SIGNAL, 0, &out), E_REVOKED);
    CHECK(obol_desc_mint(R, R, 1000, R_SIGNAL, 0, &out), E_TYPE);
    CHECK(obol_desc_mint(R, p_noopen, 1000, R_SIGNAL, 0, &out), E_DENIED);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, R, R_SIGNAL, 0, &out), E_INVAL);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, 1000, R_READ, 0, &out), E_INVAL);
    /* nothing changed */
    CHECK_EQ(out, 77);
    CHECK_EQ(used_count(), n0);
    CHECK_EQ(sysinfo().objects_free, s1.objects_free);

    /* clean up: everything goes back */
    obol_desc_t list[] = { m, all, none, 200, 255, p_open, p_noopen, via, C, rv, R2, ds, p_rev,
                           p_des, C2, R };
    for (unsigned i = 0; i < sizeof list / sizeof list[0]; i++)
        CHECK(obol_desc_close(list[i]), S_OK);
    CHECK_EQ(used_count(), 3);
    struct obol_system_info s2 = sysinfo();
    CHECK_EQ(s2.frames_free, s0.frames_free);
    CHECK_EQ(s2.objects_free, s0.objects_free);
    CHECK_EQ(s2.tables_free, s0.tables_free);
}

static void test_dup(void)
{
    utest_section("dup: success, badges, attenuation");
    struct obol_system_info s0 = sysinfo();
    obol_desc_t R = new_region();
    obol_desc_t m = mint(R, OBOL_INIT_SELF, R_DUP | R_READ | R_MAP | R_INSPECT, 0x1234);
    obol_desc_t low = lowest_free(), d1 = dup(m, SAME);
    CHECK_EQ(d1, low);
    struct obol_desc_info i1 = info(d1);
    CHECK_EQ(i1.rights, R_DUP | R_READ | R_MAP | R_INSPECT);
    CHECK_EQ(i1.badge, 0x1234);
    CHECK_EQ(i1.is_owner, 0);
    CHECK_EQ(i1.koid, info(R).koid);
    obol_desc_t d2 = dup(m, R_READ | R_INSPECT);
    CHECK_EQ(info(d2).rights, R_READ | R_INSPECT);
    CHECK_EQ(info(d2).badge, 0x1234);
    obol_desc_t d3 = dup(d1, R_DUP | R_READ);           /* no INSPECT, no MAP */
    CHECK(st(d3), E_DENIED);
    CHECK(obol_region_map(d3, OBOL_INIT_SELF, UNMAPPED, R_READ), E_DENIED);
    obol_desc_t d4 = dup(d3, R_READ);                   /* dup of a dup */
    CHECK(st(d4), E_DENIED);
    obol_desc_t at = BADD;
    CHECK(obol_desc_dup(d3, OBOL_INIT_SELF, ANY, R_INSPECT, 0, &at), E_INVAL);   /* no regaining */
    CHECK(obol_desc_dup(d2, OBOL_INIT_SELF, ANY, R_READ, 0, &at), E_DENIED);     /* no DUPLICATE */
    CHECK(obol_region_map(d2, OBOL_INIT_SELF, UNMAPPED, R_READ), E_DENIED);       /* no MAP */
    CHECK(obol_region_map(d1, OBOL_INIT_SELF, UNMAPPED, R_READ), S_OK);           /* MAP, READ */
    CHECK(obol_region_map(d1, OBOL_INIT_SELF, UNMAPPED + 0x10000, R_READ | R_WRITE), E_DENIED);
    CHECK(obol_region_unmap(OBOL_INIT_SELF, UNMAPPED), S_OK);
    obol_desc_t d0 = dup(m, OBOL_RIGHTS_NONE);
    CHECK(st(d0), E_DENIED);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, 210, R_INSPECT, 0, &at), S_OK);
    CHECK_EQ(at, 210);
    CHECK_EQ(info(210).badge, 0x1234);
    CHECK_EQ(info(210).rights, R_INSPECT);
    /* a minted process descriptor with OPEN and DUPLICATE can be passed on */
    obol_desc_t p_open = mint(OBOL_INIT_SELF, OBOL_INIT_SELF, R_OPEN | R_DUP | R_INSPECT, 0);
    obol_desc_t p_noopen = mint(OBOL_INIT_SELF, OBOL_INIT_SELF, R_INSPECT | R_DUP, 0);
    obol_desc_t pd = dup(p_open, R_OPEN | R_INSPECT);
    obol_desc_t via = BADD;
    CHECK(obol_desc_dup(m, pd, ANY, R_READ | R_INSPECT, 0, &via), S_OK);
    CHECK_EQ(info(via).badge, 0x1234);
    /* into a child */
    obol_desc_t C = new_process(), c0 = BADD;
    CHECK(obol_desc_dup(m, C, ANY, R_READ, 0, &c0), S_OK);
    CHECK_EQ(c0, 0);
    CHECK(obol_desc_dup(m, C, 0, R_READ, 0, &c0), E_EXISTS);

    utest_section("dup: errors in order");
    obol_desc_t R2 = new_region();
    obol_desc_t rv = mint(R2, OBOL_INIT_SELF, SAME, 0);
    CHECK(obol_desc_revoke(R2), S_OK);
    obol_desc_t R3 = new_region();
    obol_desc_t ds = mint(R3, OBOL_INIT_SELF, SAME, 0);
    CHECK(obol_desc_destroy(R3), S_OK);
    obol_desc_t C2 = new_process(), C3 = new_process();
    obol_desc_t p_rev = mint(C2, OBOL_INIT_SELF, R_OPEN, 0);
    obol_desc_t p_des = mint(C3, OBOL_INIT_SELF, R_OPEN, 0);
    CHECK(obol_desc_revoke(C2), S_OK);
    CHECK(obol_desc_destroy(C3), S_OK);
    obol_desc_t fr = lowest_free();
    unsigned n0 = used_count();
    obol_desc_t out = 77;
    /* options */
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, ANY, SAME, 2, &out), E_INVAL);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, ANY, SAME, 0x80000000u, &out), E_INVAL);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, ANY, SAME, CLOSE_SRC | 4, &out), E_INVAL);
    CHECK(st(m), S_OK);                                  /* not closed */
    CHECK(raw(OBOL_SYS_DESC_DUP, m, OBOL_INIT_SELF, ANY, SAME, HI + CLOSE_SRC), E_INVAL);
    CHECK(st(m), S_OK);
    obol_desc_t scratch = dup(m, SAME);      /* whether a too-wide rights closes it: unspecified */
    CHECK(raw(OBOL_SYS_DESC_DUP, scratch, OBOL_INIT_SELF, ANY, HI + SAME, CLOSE_SRC), E_INVAL);
    obol_desc_close(scratch);
    CHECK(obol_desc_dup(300, OBOL_INIT_SELF, ANY, SAME, 2, &out), E_INVAL);   /* options first */
    /* src resolution */
    CHECK(obol_desc_dup(300, OBOL_INIT_SELF, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup(256, OBOL_INIT_SELF, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup(ANY, OBOL_INIT_SELF, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup(fr, OBOL_INIT_SELF, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(raw(OBOL_SYS_DESC_DUP, HI + m, OBOL_INIT_SELF, ANY, SAME, 0), E_BADDESC);
    CHECK(obol_desc_dup(rv, OBOL_INIT_SELF, ANY, SAME, 0, &out), E_REVOKED);
    CHECK(obol_desc_dup(ds, OBOL_INIT_SELF, ANY, SAME, 0, &out), E_DESTROYED);
    /* src is an owner; src lacks DUPLICATE */
    CHECK(obol_desc_dup(R, OBOL_INIT_SELF, ANY, SAME, 0, &out), E_INVAL);
    CHECK(obol_desc_dup(OBOL_INIT_SELF, OBOL_INIT_SELF, ANY, R_INSPECT, 0, &out), E_INVAL);
    CHECK(obol_desc_dup(d2, OBOL_INIT_SELF, ANY, SAME, 0, &out), E_DENIED);
    /* process */
    CHECK(obol_desc_dup(m, 300, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup(m, fr, ANY, SAME, 0, &out), E_BADDESC);
    CHECK(raw(OBOL_SYS_DESC_DUP, m, HI + OBOL_INIT_SELF, ANY, SAME, 0), E_BADDESC);
    CHECK(obol_desc_dup(m, p_rev, ANY, SAME, 0, &out), E_REVOKED);
    CHECK(obol_desc_dup(m, p_des, ANY, SAME, 0, &out), E_DESTROYED);
    CHECK(obol_desc_dup(m, R, ANY, SAME, 0, &out), E_TYPE);
    CHECK(obol_desc_dup(m, OBOL_INIT_THREAD, ANY, SAME, 0, &out), E_TYPE);
    CHECK(obol_desc_dup(m, p_noopen, ANY, SAME, 0, &out), E_DENIED);
    /* rights not within the source's */
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, ANY, R_WRITE, 0, &out), E_INVAL);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, ANY, R_READ | R_DESTROY, 0, &out), E_INVAL);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, ANY, R_SIGNAL, 0, &out), E_INVAL);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, ANY, SAME | R_READ, 0, &out), E_INVAL);
    CHECK(raw(OBOL_SYS_DESC_DUP, m, OBOL_INIT_SELF, ANY, HI + R_READ, 0), E_INVAL);
    /* dest */
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, 256, SAME, 0, &out), E_INVAL);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, 0xFFFFFFFEu, SAME, 0, &out), E_INVAL);
    CHECK(raw(OBOL_SYS_DESC_DUP, m, OBOL_INIT_SELF, HI + ANY, SAME, 0), E_INVAL);
    CHECK(raw(OBOL_SYS_DESC_DUP, m, OBOL_INIT_SELF, HI + fr, SAME, 0), E_INVAL);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, m, SAME, 0, &out), E_EXISTS);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, R, SAME, 0, &out), E_EXISTS);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, rv, SAME, 0, &out), E_EXISTS);
    /* order */
    CHECK(obol_desc_dup(rv, R, 1000, R_SIGNAL, 0, &out), E_REVOKED);
    CHECK(obol_desc_dup(R, 300, 1000, R_SIGNAL, 0, &out), E_INVAL);
    CHECK(obol_desc_dup(d2, 300, 1000, R_SIGNAL, 0, &out), E_DENIED);
    CHECK(obol_desc_dup(m, 300, 1000, R_SIGNAL, 0, &out), E_BADDESC);
    CHECK(obol_desc_dup(m, R, 1000, R_SIGNAL, 0, &out), E_TYPE);
    CHECK(obol_desc_dup(m, p_noopen, 1000, R_SIGNAL, 0, &out), E_DENIED);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, m, R_SIGNAL, 0, &out), E_INVAL);
    CHECK_EQ(out, 77);
    CHECK_EQ(used_count(), n0);

    utest_section("dup: CLOSE_SOURCE");
    obol_desc_t s = dup(m, SAME), n = BADD;
    CHECK(obol_desc_dup(s, OBOL_INIT_SELF, ANY, R_READ | R_INSPECT | R_DUP, CLOSE_SRC, &n), S_OK);
    CHECK_TRUE(n != s);
    CHECK(st(s), E_BADDESC);
    CHECK_EQ(info(n).rights, R_READ | R_INSPECT | R_DUP);
    CHECK_EQ(info(n).badge, 0x1234);
    CHECK(obol_desc_dup(n, OBOL_INIT_SELF, ANY, SAME, CLOSE_SRC, &s), S_OK);   /* SAME_RIGHTS too */
    CHECK(st(n), E_BADDESC);
    CHECK_EQ(info(s).rights, R_READ | R_INSPECT | R_DUP);
    CHECK(obol_desc_dup(s, C, ANY, R_READ, CLOSE_SRC, &n), S_OK);             /* into a child */
    CHECK_EQ(n, 1);
    CHECK(st(s), E_BADDESC);
    /* on every failure once the options are valid and src is open */
    s = dup(m, R_READ | R_INSPECT);                                  /* no DUPLICATE */
    CHECK(obol_desc_dup(s, OBOL_INIT_SELF, ANY, SAME, CLOSE_SRC, &n), E_DENIED);
    CHECK(st(s), E_BADDESC);
    obol_desc_t R9 = new_region();                                   /* an owner */
    struct obol_system_info s9 = sysinfo();
    CHECK(obol_desc_dup(R9, OBOL_INIT_SELF, ANY, SAME, CLOSE_SRC, &n), E_INVAL);
    CHECK(st(R9), E_BADDESC);
    CHECK_EQ(sysinfo().objects_free, s9.objects_free + 1);          /* the region is gone */
    s = mint(R2, OBOL_INIT_SELF, R_INSPECT, 0) ;                      /* R2 is still live */
    CHECK(obol_desc_revoke(R2), S_OK);
    CHECK(obol_desc_dup(s, OBOL_INIT_SELF, ANY, SAME, CLOSE_SRC, &n), E_REVOKED);
    CHECK(st(s), E_BADDESC);
    CHECK(obol_desc_dup(ds, OBOL_INIT_SELF, ANY, SAME, CLOSE_SRC, &n), E_DESTROYED);
    CHECK(st(ds), E_BADDESC);
    s = dup(m, SAME);
    CHECK(obol_desc_dup(s, 300, ANY, SAME, CLOSE_SRC, &n), E_BADDESC);
    CHECK(st(s), E_BADDESC);
    s = dup(m, SAME);
    CHECK(obol_desc_dup(s, p_noopen, ANY, SAME, CLOSE_SRC, &n), E_DENIED);
    CHECK(st(s), E_BADDESC);
    s = dup(m, R_DUP | R_INSPECT);
    CHECK(obol_desc_dup(s, OBOL_INIT_SELF, ANY, R_READ, CLOSE_SRC, &n), E_INVAL);
    CHECK(st(s), E_BADDESC);
    s = dup(m, SAME);
    CHECK(obol_desc_dup(s, OBOL_INIT_SELF, 256, SAME, CLOSE_SRC, &n), E_INVAL);
    CHECK(st(s), E_BADDESC);
    s = dup(m, SAME);
    CHECK(obol_desc_dup(s, OBOL_INIT_SELF, m, SAME, CLOSE_SRC, &n), E_EXISTS);
    CHECK(st(s), E_BADDESC);
    s = dup(m, SAME);
    CHECK(obol_desc_dup(s, OBOL_INIT_SELF, s, SAME, CLOSE_SRC, &n), E_EXISTS);   /* dest == src */
    CHECK(st(s), E_BADDESC);
    CHECK(obol_desc_dup(s, OBOL_INIT_SELF, ANY, SAME, CLOSE_SRC, &n), E_BADDESC); /* now free */
    CHECK(st(m), S_OK);                                               /* the parent is untouched */
    CHECK(st(d1), S_OK);

    obol_desc_t list[] = { m, d1, d2, d3, d4, d0, 210, p_open, p_noopen, pd, via, C, R2, rv, C2,
                           p_rev, p_des, R };
    for (unsigned i = 0; i < sizeof list / sizeof list[0]; i++)
        CHECK(obol_desc_close(list[i]), S_OK);
    CHECK_EQ(used_count(), 3);
    struct obol_system_info s2 = sysinfo();
    CHECK_EQ(s2.frames_free, s0.frames_free);
    CHECK_EQ(s2.objects_free, s0.objects_free);
    CHECK_EQ(s2.tables_free, s0.tables_free);
}

static void test_close(void)
{
    utest_section("close");
    struct obol_system_info s0 = sysinfo();
    CHECK(obol_desc_close(300), E_BADDESC);
    CHECK(obol_desc_close(256), E_BADDESC);
    CHECK(obol_desc_close(ANY), E_BADDESC);
    CHECK(obol_desc_close(lowest_free()), E_BADDESC);
    obol_desc_t R = new_region();
    CHECK(raw(OBOL_SYS_DESC_CLOSE, HI + R, 0, 0, 0, 0), E_BADDESC);
    CHECK(st(R), S_OK);
    CHECK_TRUE(sysinfo().frames_free < s0.frames_free);      /* the region holds frames */
    close_ok(R);
    CHECK(obol_desc_close(R), E_BADDESC);                    /* twice */
    CHECK(st(R), E_BADDESC);
    CHECK_EQ(sysinfo().frames_free, s0.frames_free);
    CHECK_EQ(new_region(), R);                               /* the slot is reusable */
    /* closing the owner leaves the object to the other descriptors */
    obol_desc_t m = mint(R, OBOL_INIT_SELF, R_DUP | R_INSPECT, 3);
    close_ok(R);
    CHECK(st(m), S_OK);
    CHECK_EQ(info(m).badge, 3);
    CHECK_TRUE(sysinfo().frames_free < s0.frames_free);
    /* closing a middle descriptor keeps what was derived from it, still derived */
    obol_desc_t d1 = dup(m, SAME), d2 = dup(d1, SAME);
    close_ok(d1);
    CHECK(st(d2), S_OK);
    CHECK(obol_desc_revoke(m), S_OK);
    CHECK(st(d2), E_REVOKED);
    close_ok(d2);                                            /* a revoked one closes fine */
    close_ok(m);
    CHECK_EQ(sysinfo().frames_free, s0.frames_free);
    /* a process descriptor: its table comes back */
    obol_desc_t C = new_process();
    CHECK_EQ(sysinfo().tables_free, s0.tables_free - 1);
    close_ok(C);
    CHECK_EQ(sysinfo().tables_free, s0.tables_free);
    CHECK_EQ(sysinfo().frames_free, s0.frames_free);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free);
    CHECK_EQ(used_count(), 3);
}

static void test_revoke(void)
{
    utest_section("revoke: a chain");
    struct obol_system_info s0 = sysinfo();
    obol_desc_t R = new_region();
    obol_desc_t M = mint(R, OBOL_INIT_SELF, R_DUP | R_INSPECT | R_READ, 1);
    obol_desc_t D1 = dup(M, SAME), D2 = dup(D1, SAME), D3 = dup(M, SAME), D4 = dup(D2, R_INSPECT);
    CHECK(obol_desc_revoke(D4), S_OK);                       /* a leaf: nothing to do */
    CHECK(st(D4), S_OK);
    CHECK(obol_desc_revoke(D1), S_OK);
    CHECK(st(D1), S_OK);                                     /* d itself stays */
    CHECK(st(D2), E_REVOKED);
    CHECK(st(D4), E_REVOKED);                                /* transitively */
    CHECK(st(D3), S_OK);                                     /* a sibling is untouched */
    CHECK(st(M), S_OK);
    CHECK(st(R), S_OK);
    CHECK(obol_desc_revoke(M), S_OK);
    CHECK(st(D1), E_REVOKED);
    CHECK(st(D3), E_REVOKED);
    CHECK(st(M), S_OK);
    CHECK(obol_desc_revoke(D1), E_REVOKED);
    CHECK(obol_desc_revoke(D2), E_REVOKED);
    /* revoked slots stay in use: ANY passes them by, explicit dest refuses them */
    obol_desc_t low = lowest_free(), x = BADD;
    CHECK_TRUE(low > D2);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ANY, R_INSPECT, 0, &x), S_OK);
    CHECK_EQ(x, low);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, D2, R_INSPECT, 0, &x), E_EXISTS);
    CHECK(obol_desc_dup(M, OBOL_INIT_SELF, D2, R_INSPECT, 0, &x), E_EXISTS);
    CHECK(obol_desc_revoke(R), S_OK);                        /* the owner: everything */
    CHECK(st(M), E_REVOKED);
    CHECK(st(low), E_REVOKED);
    CHECK(st(R), S_OK);
    CHECK_EQ(info(R).is_owner, 1);
    /* revoked descriptors hold no reference: closing the owner frees the region */
    close_ok(R);
    CHECK_EQ(sysinfo().frames_free, s0.frames_free);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free);
    obol_desc_t list[] = { M, D1, D2, D3, D4, low };
    for (unsigned i = 0; i < sizeof list / sizeof list[0]; i++)
        close_ok(list[i]);

    utest_section("revoke: errors");
    CHECK(obol_desc_revoke(300), E_BADDESC);
    CHECK(obol_desc_revoke(256), E_BADDESC);
    CHECK(obol_desc_revoke(lowest_free()), E_BADDESC);
    CHECK(raw(OBOL_SYS_DESC_REVOKE, HI + OBOL_INIT_SELF, 0, 0, 0, 0), E_BADDESC);
    R = new_region();
    M = mint(R, OBOL_INIT_SELF, R_INSPECT, 0);
    CHECK(obol_desc_destroy(R), S_OK);
    CHECK(obol_desc_revoke(M), E_DESTROYED);
    close_ok(M);

    utest_section("revoke: across processes");
    obol_desc_t C = new_process();
    struct obol_system_info s1 = sysinfo();
    R = new_region();
    M = mint(R, OBOL_INIT_SELF, R_DUP | R_READ | R_INSPECT, 0x77);
    obol_desc_t c = BADD;
    CHECK(obol_desc_dup(M, C, ANY, R_READ | R_INSPECT, 0, &c), S_OK);
    CHECK_EQ(c, 0);
    obol_desc_t D = dup(M, SAME);
    CHECK(obol_desc_mint(R, C, ANY, R_READ, 0, &c), S_OK);   /* minted straight into the child */
    CHECK_EQ(c, 1);
    CHECK(obol_desc_revoke(M), S_OK);
    CHECK(st(D), E_REVOKED);
    close_ok(D);
    close_ok(M);
    struct obol_system_info held = sysinfo();
    CHECK_TRUE(held.frames_free < s1.frames_free);           /* the child's slot 1 holds it */
    CHECK(obol_desc_revoke(R), S_OK);
    CHECK_EQ(sysinfo().frames_free, held.frames_free);       /* the owner still does */
    close_ok(R);
    /* now nothing in any table refers to the region: both child slots were revoked */
    CHECK_EQ(sysinfo().frames_free, s1.frames_free);
    CHECK_EQ(sysinfo().objects_free, s1.objects_free);
    /* the control: without a revoke the child's descriptor keeps the region */
    R = new_region();
    CHECK(obol_desc_mint(R, C, ANY, R_READ, 0, &c), S_OK);
    CHECK_EQ(c, 2);                                           /* 0 and 1 are revoked, in use */
    close_ok(R);
    CHECK_EQ(sysinfo().frames_free, held.frames_free);
    CHECK_EQ(sysinfo().objects_free, s1.objects_free - 1);
    close_ok(C);                                              /* the child's table goes */
    struct obol_system_info s2 = sysinfo();
    CHECK_EQ(s2.frames_free, s0.frames_free);
    CHECK_EQ(s2.objects_free, s0.objects_free);
    CHECK_EQ(s2.tables_free, s0.tables_free);
    CHECK_EQ(used_count(), 3);
}

static void test_destroy(void)
{
    utest_section("destroy");
    struct obol_system_info s0 = sysinfo();
    obol_desc_t R = new_region();
    obol_desc_t m1 = mint(R, OBOL_INIT_SELF, SAME, 1);
    obol_desc_t m2 = mint(R, OBOL_INIT_SELF, R_READ | R_INSPECT | R_DUP, 2);
    obol_desc_t d = dup(m2, SAME);
    obol_desc_t R2 = new_region();
    obol_desc_t rv = mint(R2, OBOL_INIT_SELF, SAME, 0);
    CHECK(obol_desc_revoke(R2), S_OK);
    CHECK(obol_desc_destroy(300), E_BADDESC);
    CHECK(obol_desc_destroy(256), E_BADDESC);
    CHECK(obol_desc_destroy(lowest_free()), E_BADDESC);
    CHECK(raw(OBOL_SYS_DESC_DESTROY, HI + R, 0, 0, 0, 0), E_BADDESC);
    CHECK(obol_desc_destroy(rv), E_REVOKED);
    CHECK(obol_desc_destroy(m1), E_DENIED);                  /* all rights, but not the owner */
    CHECK(obol_desc_destroy(m2), E_DENIED);
    CHECK(st(R), S_OK);
    CHECK(obol_desc_destroy(R), S_OK);
    CHECK(st(R), E_BADDESC);                                 /* the owner is closed */
    CHECK(st(m1), E_DESTROYED);
    CHECK(st(m2), E_DESTROYED);
    CHECK(st(d), E_DESTROYED);
    obol_desc_t out = 77;
    CHECK(obol_desc_destroy(m1), E_DESTROYED);               /* resolution before ownership */
    CHECK(obol_desc_dup(m2, OBOL_INIT_SELF, ANY, SAME, 0, &out), E_DESTROYED);
    CHECK(obol_desc_mint(m1, OBOL_INIT_SELF, ANY, SAME, 0, &out), E_DESTROYED);
    CHECK(obol_desc_revoke(d), E_DESTROYED);
    CHECK(obol_region_map(m1, OBOL_INIT_SELF, UNMAPPED, R_READ), E_DESTROYED);
    CHECK(obol_desc_info(m1, 0), E_DESTROYED);
    CHECK_EQ(out, 77);
    CHECK(st(m1), E_DESTROYED);                              /* until closed */
    close_ok(m1);
    close_ok(m2);
    close_ok(d);
    CHECK(obol_desc_close(d), E_BADDESC);
    close_ok(rv);
    close_ok(R2);
    CHECK_EQ(sysinfo().frames_free, s0.frames_free);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free);
    CHECK_EQ(new_region(), R);                               /* the slot is free again */
    close_ok(R);

    /* a process */
    obol_desc_t C = new_process();
    obol_desc_t pc = mint(C, OBOL_INIT_SELF, R_OPEN | R_INSPECT, 0);
    R = new_region();
    CHECK(obol_desc_mint(R, pc, ANY, R_READ, 0, &out), S_OK);   /* pc reaches the child */
    CHECK(obol_desc_destroy(pc), E_DENIED);
    CHECK(obol_desc_destroy(C), S_OK);
    CHECK(st(pc), E_DESTROYED);
    CHECK(obol_desc_mint(R, pc, ANY, R_READ, 0, &out), E_DESTROYED);
    CHECK(obol_desc_dup(R, pc, ANY, R_READ, 0, &out), E_INVAL);  /* owner src comes first */
    close_ok(R);                                             /* the child's copy went with it */
    close_ok(pc);
    struct obol_system_info s2 = sysinfo();
    CHECK_EQ(s2.frames_free, s0.frames_free);
    CHECK_EQ(s2.objects_free, s0.objects_free);
    CHECK_EQ(s2.tables_free, s0.tables_free);
    CHECK_EQ(used_count(), 3);
}

int main(void);
static struct obol_desc_info ibuf[2] __attribute__((aligned(16)));

static void test_info(void)
{
    utest_section("info: rights and the stored fields");
    obol_desc_t R = new_region();
    obol_desc_t in = mint(R, OBOL_INIT_SELF, R_INSPECT, 9);
    obol_desc_t noin = mint(R, OBOL_INIT_SELF, REGION_RIGHTS & ~R_INSPECT, 9);
    obol_desc_t R2 = new_region();
    obol_desc_t rv = mint(R2, OBOL_INIT_SELF, R_INSPECT, 0);
    CHECK(obol_desc_revoke(R2), S_OK);
    obol_desc_t R3 = new_region();
    obol_desc_t ds = mint(R3, OBOL_INIT_SELF, R_INSPECT, 0);
    CHECK(obol_desc_destroy(R3), S_OK);

    struct obol_desc_info i;
    CHECK(obol_desc_info(in, &i), S_OK);
    CHECK_EQ(i.rights, R_INSPECT);
    CHECK_EQ(i.badge, 9);
    CHECK_EQ(i.is_owner, 0);
    CHECK(obol_desc_info(noin, &i), E_DENIED);              /* every right but INSPECT */
    /* a failed call leaves the buffer alone */
    memset(&i, 0x5A, sizeof i);
    CHECK(obol_desc_info(300, &i), E_BADDESC);
    CHECK(obol_desc_info(noin, &i), E_DENIED);
    CHECK_EQ(i.koid, 0x5A5A5A5A5A5A5A5Aull);
    CHECK_EQ(i.type, 0x5A5A5A5Au);
    CHECK(raw(OBOL_SYS_DESC_INFO, HI + R, (unsigned long)&i, 0, 0, 0), E_BADDESC);
    /* the descriptor is checked before the pointer */
    CHECK(obol_desc_info(300, 0), E_BADDESC);
    CHECK(obol_desc_info(rv, 0), E_REVOKED);
    CHECK(obol_desc_info(ds, 0), E_DESTROYED);
    CHECK(obol_desc_info(noin, 0), E_DENIED);
    /* the fields come back in registers and the stub stores them: a NULL
     * out stores nothing, any other is the caller's memory */
    CHECK(obol_desc_info(R, 0), S_OK);
    CHECK(obol_desc_info(in, 0), S_OK);
    memset(ibuf, 0x5A, sizeof ibuf);
    CHECK(obol_desc_info(R, &ibuf[1]), S_OK);
    CHECK_EQ(ibuf[1].type, OBOL_TYPE_REGION);
    CHECK_EQ(ibuf[1].is_owner, 1);
    CHECK_EQ(ibuf[1].reserved, 0);
    CHECK_EQ(ibuf[1].koid, info(R).koid);
    CHECK_EQ(ibuf[1].badge, 0);
    CHECK_EQ(ibuf[0].koid, 0x5A5A5A5A5A5A5A5Aull);         /* nothing beside it */

    obol_desc_t list[] = { R, in, noin, R2, rv, ds };
    for (unsigned k = 0; k < sizeof list / sizeof list[0]; k++)
        close_ok(list[k]);
    CHECK_EQ(used_count(), 3);
}

static void test_table_full(void)
{
    utest_section("table full: NO_RESOURCES, then reusable");
    struct obol_system_info s0 = sysinfo();
    obol_desc_t C = new_process();
    obol_desc_t R = new_region();
    obol_desc_t m = mint(R, OBOL_INIT_SELF, R_DUP | R_INSPECT | R_READ, 0x99);
    /* a hole below the others, to be filled first */
    obol_desc_t hole = dup(m, SAME);
    obol_desc_t keep = dup(m, SAME);
    close_ok(hole);
    obol_desc_t freeslots[256];
    unsigned nfree = 0;
    for (obol_desc_t d = 0; d < 256; d++)
        if (!used(d))
            freeslots[nfree++] = d;
    CHECK_EQ(nfree, 256 - 7);            /* init's 3, C, R, m, keep */
    CHECK_EQ(freeslots[0], hole);
    struct obol_system_info s1 = sysinfo();
    unsigned got = 0, inorder = 1;
    obol_desc_t filled[256];
    for (;;) {
        obol_desc_t d = BADD;
        int r = obol_desc_dup(m, OBOL_INIT_SELF, ANY, SAME, 0, &d);
        if (r != OBOL_OK) {
            CHECK(r, E_NORES);
            break;
        }
        if (got >= 256 || d != freeslots[got])
            inorder = 0;
        if (got < 256)
            filled[got] = d;
        got++;
        if (got > 300)
            break;
    }
    CHECK_EQ(got, nfree);
    CHECK_TRUE(inorder);
    CHECK_EQ(used_count(), 256);
    CHECK_EQ(info(255).badge, 0x99);
    obol_desc_t out = 77;
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ANY, R_READ, 0, &out), E_NORES);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, ANY, R_READ, 0, &out), E_NORES);
    CHECK(obol_region_create(4096, ANY, &out), E_NORES);
    CHECK(obol_process_create(ANY, &out), E_NORES);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, 100, R_READ, 0, &out), E_EXISTS);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, SAME | 1, R_READ, 0, &out), E_INVAL);
    CHECK(obol_desc_mint(R, OBOL_INIT_SELF, ANY, R_SIGNAL, 0, &out), E_INVAL);  /* rights first */
    CHECK_EQ(out, 77);
    struct obol_system_info s2 = sysinfo();                  /* the failures leaked nothing */
    CHECK_EQ(s2.frames_free, s1.frames_free);
    CHECK_EQ(s2.objects_free, s1.objects_free);
    CHECK_EQ(s2.tables_free, s1.tables_free);
    /* another table is not full */
    CHECK(obol_desc_mint(R, C, ANY, R_READ, 0, &out), S_OK);
    CHECK_EQ(out, 0);
    /* CLOSE_SOURCE with a full table: NO_RESOURCES, and one slot comes free */
    obol_desc_t last = filled[got - 1];
    CHECK(obol_desc_dup(last, OBOL_INIT_SELF, ANY, SAME, CLOSE_SRC, &out), E_NORES);
    CHECK(st(last), E_BADDESC);
    CHECK(obol_desc_dup(m, OBOL_INIT_SELF, ANY, R_INSPECT, 0, &out), S_OK);
    CHECK_EQ(out, last);
    /* ANY finds every slot (filled[] ascends): first as the lone free slot
     * of the table, one mask bit... */
    unsigned lone = 0;
    for (unsigned k = 0; k < got; k++) {
        obol_desc_t e = BADD;
        lone += obol_desc_close(filled[k]) == OBOL_OK &&
                obol_desc_dup(m, OBOL_INIT_SELF, ANY, SAME, 0, &e) == OBOL_OK && e == filled[k];
    }
    CHECK_EQ(lone, got);
    /* ...then with every slot above it free; everything closes */
    unsigned closed = 0, low = 0;
    for (unsigned k = got; k-- > 0;) {
        obol_desc_t e = BADD;
        closed += obol_desc_close(filled[k]) == OBOL_OK;
        low += obol_desc_dup(m, OBOL_INIT_SELF, ANY, SAME, 0, &e) == OBOL_OK && e == filled[k] &&
               obol_desc_close(e) == OBOL_OK;
    }
    CHECK_EQ(closed, got);
    CHECK_EQ(low, got);
    CHECK_EQ(used_count(), 7);
    CHECK_EQ(lowest_free(), hole);
    CHECK_EQ(new_region(), hole);
    close_ok(hole);

    utest_section("table full: a child's table");
    unsigned inchild = 1;                                    /* slot 0 from above */
    for (;;) {
        obol_desc_t d = BADD;
        int r = obol_desc_mint(R, C, ANY, R_READ, inchild, &d);
        if (r != OBOL_OK) {
            CHECK(r, E_NORES);
            break;
        }
        if (d != inchild)
            break;
        if (++inchild > 300)
            break;
    }
    CHECK_EQ(inchild, 256);
    CHECK(obol_desc_dup(m, C, ANY, R_READ, 0, &out), E_NORES);
    CHECK(obol_desc_mint(R, C, 255, R_READ, 0, &out), E_EXISTS);
    CHECK(obol_desc_mint(R, C, 256, R_READ, 0, &out), E_INVAL);
    close_ok(C);
    close_ok(keep);
    close_ok(m);
    close_ok(R);
    struct obol_system_info s3 = sysinfo();
    CHECK_EQ(s3.frames_free, s0.frames_free);
    CHECK_EQ(s3.objects_free, s0.objects_free);
    CHECK_EQ(s3.tables_free, s0.tables_free);
    CHECK_EQ(used_count(), 3);
}

int main(void)
{
    printf("utest_desc: descriptor syscalls\n");
    test_bad_syscall();
    test_boot_info();
    test_create_any();
    test_mint();
    test_dup();
    test_close();
    test_revoke();
    test_destroy();
    test_info();
    test_table_full();
    return utest_finish("utest_desc");
}
