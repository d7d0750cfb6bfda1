/*
 * utest_mem: memory syscalls through the real syscall path: REGION_CREATE,
 * REGION_MAP (every error in kernel/syscall.c's order), REGION_UNMAP,
 * mappings keeping regions alive, memory exhaustion and recovery,
 * DEBUG_WRITE's and SYSTEM_INFO's argument errors.  Runs as init
 * (init=utest_mem): slot 0 is init's process, the boot archive is mapped
 * read-only at obol_start_arg0, the stack ends one page below OBOL_USER_TOP
 * (the last page is free).
 */
#include <stdio.h>
#include <string.h>
#include <obol/obol.h>
#include <obol/syscall.h>
#include <obol/utest.h>

#define ANY    OBOL_DESC_ANY
#define SAME   OBOL_SAME_RIGHTS
#define SELF   OBOL_INIT_SELF
#define BADD   0xFFFFFFF0u
#define HI     (1ul << 32)
#define PG     OBOL_PAGE_SIZE
#define KADDR  0xffffffc080200000ul
#define MAX_REGION (2ul << 20)          /* 512 pages: a region's frame list fills one frame */
#define WIN    0x1000000000ul           /* 64 GiB: the test window, nothing else there */
#define WIN2   0x1100000000ul
#define LAST   (OBOL_USER_TOP - PG)     /* the last user page, free under init's stack */

#define R_DUP     OBOL_RIGHT_DUPLICATE
#define R_READ    OBOL_RIGHT_READ
#define R_WRITE   OBOL_RIGHT_WRITE
#define R_EXEC    OBOL_RIGHT_EXECUTE
#define R_MAP     OBOL_RIGHT_MAP
#define R_OPEN    OBOL_RIGHT_OPEN
#define R_INSPECT OBOL_RIGHT_INSPECT
#define RW        (R_READ | R_WRITE)

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

int main(void);

static long raw(unsigned long n, unsigned long a0, unsigned long a1, unsigned long a2,
                unsigned long a3, unsigned long a4)
{
    return obol_syscall6(n, a0, a1, a2, a3, a4, 0).status;
}

static obol_desc_t region(unsigned long size)
{
    obol_desc_t d = BADD;
    CHECK(obol_region_create(size, ANY, &d), S_OK);
    return d;
}

static obol_desc_t mint(obol_desc_t owner, obol_desc_t proc, unsigned rights)
{
    obol_desc_t d = BADD;
    CHECK(obol_desc_mint(owner, proc, ANY, rights, 0, &d), S_OK);
    return d;
}

static void close_ok(obol_desc_t d)
{
    CHECK(obol_desc_close(d), S_OK);
}

static struct obol_system_info sysinfo(void) { return utest_sysinfo(); }

/* Whether the kernel can read n bytes at va from this process (a readable
 * user mapping), without touching them from here. */
static int readable(unsigned long va, unsigned long n)
{
    return obol_debug_write((const char *)va, n) == OBOL_OK;
}

static unsigned nonzero(const unsigned char *p, unsigned long n)
{
    unsigned c = 0;
    for (unsigned long i = 0; i < n; i++)
        c += p[i] != 0;
    return c;
}

/* ---- sections ------------------------------------------------------------- */

static void test_create(void)
{
    utest_section("region_create");
    struct obol_system_info s0 = sysinfo();
    obol_desc_t out = 77;
    CHECK(obol_region_create(0, ANY, &out), E_INVAL);
    CHECK(obol_region_create(MAX_REGION + 1, ANY, &out), E_INVAL);
    CHECK(obol_region_create(MAX_REGION + PG, ANY, &out), E_INVAL);
    CHECK(obol_region_create(~0ul, ANY, &out), E_INVAL);
    CHECK(obol_region_create(1ul << 40, ANY, &out), E_INVAL);
    /* dest */
    CHECK(obol_region_create(PG, 256, &out), E_INVAL);
    CHECK(obol_region_create(PG, 0xFFFFFFFEu, &out), E_INVAL);
    CHECK(raw(OBOL_SYS_REGION_CREATE, PG, HI + ANY, 0, 0, 0), E_INVAL);
    CHECK(raw(OBOL_SYS_REGION_CREATE, PG, HI + 100, 0, 0, 0), E_INVAL);
    CHECK(obol_region_create(PG, SELF, &out), E_EXISTS);
    CHECK(obol_region_create(PG, OBOL_INIT_ARCHIVE, &out), E_EXISTS);
    CHECK(obol_region_create(0, SELF, &out), E_INVAL);      /* size before dest */
    CHECK(obol_region_create(0, 256, &out), E_INVAL);
    CHECK_EQ(out, 77);
    struct obol_system_info s1 = sysinfo();
    CHECK_EQ(s1.frames_free, s0.frames_free);
    CHECK_EQ(s1.objects_free, s0.objects_free);
    /* success */
    obol_desc_t a = BADD;
    CHECK(obol_region_create(1, 100, &a), S_OK);              /* an explicit slot, one byte */
    CHECK_EQ(a, 100);
    struct obol_desc_info i;
    CHECK(obol_desc_info(a, &i), S_OK);
    CHECK_EQ(i.type, OBOL_TYPE_REGION);
    CHECK_EQ(i.is_owner, 1);
    CHECK_TRUE(sysinfo().frames_free < s0.frames_free);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free - 1);
    obol_desc_t big = region(MAX_REGION);
    obol_desc_t odd = region(PG + 1);                         /* rounds up to 2 pages */
    CHECK(obol_region_map(big, SELF, WIN, RW), S_OK);
    CHECK_EQ(nonzero((const unsigned char *)WIN, MAX_REGION), 0);   /* zero-filled */
    memset((void *)WIN, 0xC3, MAX_REGION);
    CHECK(obol_region_unmap(SELF, WIN), S_OK);
    close_ok(big);
    /* a new region after the dirty one was freed: zeroed again */
    big = region(MAX_REGION);
    CHECK(obol_region_map(big, SELF, WIN, RW), S_OK);
    CHECK_EQ(nonzero((const unsigned char *)WIN, MAX_REGION), 0);
    CHECK(obol_region_unmap(SELF, WIN), S_OK);
    close_ok(big);
    CHECK(obol_region_map(odd, SELF, WIN, RW), S_OK);
    CHECK(obol_region_map(a, SELF, WIN + PG, RW), E_EXISTS);    /* the second page is there */
    CHECK(obol_region_map(a, SELF, WIN + 2 * PG, RW), S_OK);
    CHECK_EQ(nonzero((const unsigned char *)WIN, 2 * PG), 0);
    CHECK_EQ(nonzero((const unsigned char *)(WIN + 2 * PG), PG), 0);  /* 1 byte: a whole page */
    CHECK(obol_region_unmap(SELF, WIN), S_OK);
    CHECK(obol_region_unmap(SELF, WIN + 2 * PG), S_OK);
    close_ok(a);
    close_ok(odd);
    struct obol_system_info s2 = sysinfo();
    CHECK_EQ(s2.frames_free, s0.frames_free);
    CHECK_EQ(s2.objects_free, s0.objects_free);
    CHECK_EQ(s2.mappings, s0.mappings);
}

static void test_map_errors(void)
{
    utest_section("region_map: errors in order");
    obol_desc_t R = region(PG), R2 = region(2 * PG);
    obol_desc_t nomap = mint(R, SELF, R_READ | R_WRITE | R_EXEC | R_INSPECT);
    obol_desc_t ro = mint(R, SELF, R_READ | R_MAP);
    obol_desc_t mapo = mint(R, SELF, R_MAP);
    obol_desc_t rx = mint(R, SELF, R_READ | R_EXEC | R_MAP);
    obol_desc_t p_noopen = mint(SELF, SELF, R_INSPECT | R_DUP);
    obol_desc_t p_open = mint(SELF, SELF, R_OPEN);
    obol_desc_t Rr = region(PG), rv = mint(Rr, SELF, SAME);
    CHECK(obol_desc_revoke(Rr), S_OK);
    obol_desc_t Rd = region(PG), ds = mint(Rd, SELF, SAME);
    CHECK(obol_desc_destroy(Rd), S_OK);
    obol_desc_t C1 = BADD, C2 = BADD;
    CHECK(obol_process_create(ANY, &C1), S_OK);
    CHECK(obol_process_create(ANY, &C2), S_OK);
    obol_desc_t p_rev = mint(C1, SELF, R_OPEN), p_des = mint(C2, SELF, R_OPEN);
    CHECK(obol_desc_revoke(C1), S_OK);
    CHECK(obol_desc_destroy(C2), S_OK);
    obol_desc_t fr = BADD;
    for (obol_desc_t d = 3; d < 256 && fr == BADD; d++) {
        struct obol_desc_info i;
        if (obol_desc_info(d, &i) == OBOL_ERR_BAD_DESCRIPTOR)
            fr = d;
    }
    CHECK(obol_region_map(R, SELF, WIN, R_READ), S_OK);      /* something to overlap */
    unsigned maps0 = sysinfo().mappings;

    /* region resolution, type, MAP */
    CHECK(obol_region_map(300, SELF, WIN2, R_READ), E_BADDESC);
    CHECK(obol_region_map(fr, SELF, WIN2, R_READ), E_BADDESC);
    CHECK(raw(OBOL_SYS_REGION_MAP, HI + R, SELF, WIN2, R_READ, 0), E_BADDESC);
    CHECK(obol_region_map(rv, SELF, WIN2, R_READ), E_REVOKED);
    CHECK(obol_region_map(ds, SELF, WIN2, R_READ), E_DESTROYED);
    CHECK(obol_region_map(SELF, SELF, WIN2, R_READ), E_TYPE);
    CHECK(obol_region_map(OBOL_INIT_THREAD, SELF, WIN2, R_READ), E_TYPE);
    CHECK(obol_region_map(nomap, SELF, WIN2, R_READ), E_DENIED);
    /* prot */
    CHECK(obol_region_map(R, SELF, WIN2, 0), E_INVAL);
    CHECK(obol_region_map(R, SELF, WIN2, R_MAP), E_INVAL);
    CHECK(obol_region_map(R, SELF, WIN2, R_READ | R_DUP), E_INVAL);
    CHECK(obol_region_map(R, SELF, WIN2, R_READ | 0x80000000u), E_INVAL);
    CHECK(obol_region_map(R, SELF, WIN2, R_WRITE), E_INVAL);          /* WRITE without READ */
    CHECK(obol_region_map(R, SELF, WIN2, R_WRITE | R_EXEC), E_INVAL);
    CHECK(raw(OBOL_SYS_REGION_MAP, R, SELF, WIN2, HI + R_READ, 0), E_INVAL);
    /* prot beyond the descriptor's rights */
    CHECK(obol_region_map(ro, SELF, WIN2, RW), E_DENIED);
    CHECK(obol_region_map(ro, SELF, WIN2, R_EXEC), E_DENIED);
    CHECK(obol_region_map(ro, SELF, WIN2, R_READ | R_EXEC), E_DENIED);
    CHECK(obol_region_map(ro, SELF, WIN2, RW | R_EXEC), E_DENIED);
    CHECK(obol_region_map(mapo, SELF, WIN2, R_READ), E_DENIED);
    CHECK(obol_region_map(rx, SELF, WIN2, RW), E_DENIED);
    /* process resolution, type, OPEN */
    CHECK(obol_region_map(R, 300, WIN2, R_READ), E_BADDESC);
    CHECK(obol_region_map(R, fr, WIN2, R_READ), E_BADDESC);
    CHECK(raw(OBOL_SYS_REGION_MAP, R, HI + SELF, WIN2, R_READ, 0), E_BADDESC);
    CHECK(obol_region_map(R, p_rev, WIN2, R_READ), E_REVOKED);
    CHECK(obol_region_map(R, p_des, WIN2, R_READ), E_DESTROYED);
    CHECK(obol_region_map(R, R, WIN2, R_READ), E_TYPE);
    CHECK(obol_region_map(R, OBOL_INIT_THREAD, WIN2, R_READ), E_TYPE);
    CHECK(obol_region_map(R, p_noopen, WIN2, R_READ), E_DENIED);
    /* va */
    CHECK(obol_region_map(R, SELF, WIN2 + 8, R_READ), E_INVAL);
    CHECK(obol_region_map(R, SELF, WIN2 + PG / 2, R_READ), E_INVAL);
    CHECK(obol_region_map(R, SELF, 0, R_READ), E_INVAL);
    CHECK(obol_region_map(R, SELF, PG, R_READ), E_INVAL);
    CHECK(obol_region_map(R, SELF, OBOL_USER_BASE - PG, R_READ), E_INVAL);
    CHECK(obol_region_map(R, SELF, OBOL_USER_TOP, R_READ), E_INVAL);
    CHECK(obol_region_map(R, SELF, OBOL_USER_TOP + PG, R_READ), E_INVAL);
    CHECK(obol_region_map(R, SELF, KADDR, R_READ), E_INVAL);
    CHECK(obol_region_map(R, SELF, 1ul << 63, R_READ), E_INVAL);
    /* the region's end past OBOL_USER_TOP */
    CHECK(obol_region_map(R2, SELF, LAST, R_READ), E_INVAL);
    /* overlap */
    CHECK(obol_region_map(R, SELF, WIN, R_READ), E_EXISTS);          /* the same va */
    CHECK(obol_region_map(R2, SELF, WIN - PG, R_READ), E_EXISTS);    /* its tail */
    CHECK(obol_region_map(R2, SELF, WIN, R_READ), E_EXISTS);         /* its head */
    CHECK(obol_region_map(R, SELF, (unsigned long)main & ~(PG - 1), R_READ), E_EXISTS); /* text */
    CHECK(obol_region_map(R, SELF, obol_start_arg0, R_READ), E_EXISTS);           /* archive */
    CHECK(obol_region_map(R, SELF, LAST - PG, R_READ), E_EXISTS);                 /* the stack */
    /* order: the first failing check wins */
    CHECK(obol_region_map(nomap, SELF, WIN2, 0), E_DENIED);          /* MAP before prot */
    CHECK(obol_region_map(SELF, 300, 8, 0), E_TYPE);
    CHECK(obol_region_map(R, 300, 8, 0), E_INVAL);                   /* prot before process */
    CHECK(obol_region_map(ro, 300, 8, RW), E_DENIED);                /* rights before process */
    CHECK(obol_region_map(R, 300, 8, R_READ), E_BADDESC);            /* process before va */
    CHECK(obol_region_map(R, p_noopen, WIN + 8, R_READ), E_DENIED);
    CHECK(obol_region_map(R, SELF, WIN + 8, R_READ), E_INVAL);       /* va before overlap */
    CHECK(obol_region_map(R2, SELF, OBOL_USER_TOP, R_READ), E_INVAL);
    CHECK_EQ(sysinfo().mappings, maps0);                             /* nothing was mapped */

    utest_section("region_map: success");
    CHECK(obol_region_map(R, SELF, LAST, RW), S_OK);                 /* ends at OBOL_USER_TOP */
    CHECK(obol_region_map(R, SELF, WIN2, R_READ), S_OK);
    CHECK(obol_region_map(ro, SELF, WIN2 + 4 * PG, R_READ), S_OK);   /* READ-only descriptor */
    CHECK(obol_region_map(rx, SELF, WIN2 + 8 * PG, R_READ | R_EXEC), S_OK);
    CHECK(obol_region_map(rx, SELF, WIN2 + 12 * PG, R_EXEC), S_OK);
    CHECK(obol_region_map(R, p_open, WIN2 + 16 * PG, R_READ), S_OK); /* via a minted OPEN */
    CHECK_EQ(sysinfo().mappings, maps0 + 6);
    /* one region, six mappings: a write through one shows through all readable ones */
    volatile unsigned long *a = (volatile unsigned long *)LAST;
    a[0] = 0x1122334455667788ul;
    a[511] = 0xfeedfacecafebeeful;
    CHECK_EQ(((volatile unsigned long *)WIN)[0], 0x1122334455667788ul);
    CHECK_EQ(((volatile unsigned long *)WIN2)[511], 0xfeedfacecafebeeful);
    CHECK_EQ(((volatile unsigned long *)(WIN2 + 4 * PG))[0], 0x1122334455667788ul);
    CHECK_EQ(((volatile unsigned long *)(WIN2 + 8 * PG))[511], 0xfeedfacecafebeeful);
    CHECK_EQ(((volatile unsigned long *)(WIN2 + 16 * PG))[0], 0x1122334455667788ul);
    CHECK_TRUE(!readable(WIN2 + 12 * PG, 1));                        /* execute-only */
    /* page permissions are the prot, not the descriptor's rights */
    struct obol_system_info si;
    CHECK(obol_system_info((struct obol_system_info *)(WIN2 + 4 * PG)), E_BADADDR);   /* r-- */
    CHECK(obol_system_info((struct obol_system_info *)WIN), E_BADADDR);             /* R's r-- */
    CHECK(obol_system_info((struct obol_system_info *)LAST), S_OK);                 /* rw- */
    CHECK_EQ(((volatile unsigned long *)WIN)[0], ((struct obol_system_info *)LAST)->frames_free);
    CHECK(obol_system_info(&si), S_OK);
    /* two RW mappings see each other's writes, both ways */
    CHECK(obol_region_map(R2, SELF, WIN2 + 32 * PG, RW), S_OK);
    CHECK(obol_region_map(R2, SELF, WIN2 + 40 * PG, RW), S_OK);
    volatile unsigned char *x = (volatile unsigned char *)(WIN2 + 32 * PG);
    volatile unsigned char *y = (volatile unsigned char *)(WIN2 + 40 * PG);
    x[0] = 1;
    x[2 * PG - 1] = 2;
    y[PG] = 3;
    CHECK_EQ(y[0], 1);
    CHECK_EQ(y[2 * PG - 1], 2);
    CHECK_EQ(x[PG], 3);

    /* into another process */
    obol_desc_t C = BADD;
    CHECK(obol_process_create(ANY, &C), S_OK);
    unsigned m1 = sysinfo().mappings;
    CHECK(obol_region_map(R2, C, WIN, RW), S_OK);          /* WIN is taken here, not there */
    CHECK(obol_region_map(R2, C, WIN, RW), E_EXISTS);
    CHECK_EQ(sysinfo().mappings, m1 + 1);
    CHECK(obol_region_map(R, C, WIN2 + 100 * PG, R_READ), S_OK);
    CHECK(obol_region_unmap(SELF, WIN2 + 100 * PG), E_INVAL);    /* the child's, not ours */
    CHECK_EQ(sysinfo().mappings, m1 + 2);
    close_ok(C);                                           /* its mappings go with it */
    CHECK_EQ(sysinfo().mappings, m1);

    utest_section("region_unmap");
    CHECK(obol_region_unmap(300, WIN), E_BADDESC);
    CHECK(obol_region_unmap(fr, WIN), E_BADDESC);
    CHECK(raw(OBOL_SYS_REGION_UNMAP, HI + SELF, WIN, 0, 0, 0), E_BADDESC);
    CHECK(obol_region_unmap(p_rev, WIN), E_REVOKED);
    CHECK(obol_region_unmap(p_des, WIN), E_DESTROYED);
    CHECK(obol_region_unmap(R, WIN), E_TYPE);
    CHECK(obol_region_unmap(p_noopen, WIN), E_DENIED);
    CHECK(obol_region_unmap(SELF, WIN2 + 32 * PG + PG), E_INVAL);    /* inside, not the start */
    CHECK(obol_region_unmap(SELF, WIN2 + 32 * PG + 8), E_INVAL);
    CHECK(obol_region_unmap(SELF, WIN2 + 64 * PG), E_INVAL);         /* nothing there */
    CHECK(obol_region_unmap(SELF, 0), E_INVAL);
    CHECK(obol_region_unmap(SELF, KADDR), E_INVAL);
    CHECK(obol_region_unmap(SELF, ~0ul), E_INVAL);
    CHECK(obol_region_unmap(p_noopen, WIN2 + 64 * PG), E_DENIED);    /* process first */
    unsigned m2 = sysinfo().mappings;
    CHECK_EQ(((volatile unsigned char *)(WIN2 + 40 * PG))[PG], 3);   /* mapped till now */
    CHECK(obol_region_unmap(SELF, WIN2 + 40 * PG), S_OK);
    CHECK_EQ(sysinfo().mappings, m2 - 1);
    CHECK_TRUE(!readable(WIN2 + 40 * PG, 1));
    CHECK_TRUE(!readable(WIN2 + 41 * PG, 1));
    CHECK_EQ(x[2 * PG - 1], 2);                                      /* the other stays */
    CHECK(obol_region_unmap(SELF, WIN2 + 40 * PG), E_INVAL);         /* twice */
    CHECK(obol_region_map(R2, SELF, WIN2 + 40 * PG, R_READ), S_OK);  /* free again */
    CHECK_EQ(((volatile unsigned char *)(WIN2 + 40 * PG))[PG], 3);
    CHECK(obol_region_unmap(p_open, WIN2 + 40 * PG), S_OK);          /* via a minted OPEN */
    unsigned long vas[] = { WIN, LAST, WIN2, WIN2 + 4 * PG, WIN2 + 8 * PG, WIN2 + 12 * PG,
                            WIN2 + 16 * PG, WIN2 + 32 * PG };
    for (unsigned i = 0; i < sizeof vas / sizeof vas[0]; i++)
        CHECK(obol_region_unmap(SELF, vas[i]), S_OK);
    CHECK_EQ(sysinfo().mappings, maps0 - 1);
    obol_desc_t list[] = { nomap, ro, mapo, rx, p_noopen, p_open, rv, Rr, ds, p_rev, p_des, C1,
                           R, R2 };
    for (unsigned i = 0; i < sizeof list / sizeof list[0]; i++)
        close_ok(list[i]);
}

static void test_keepalive(void)
{
    utest_section("a mapping keeps its region");
    struct obol_system_info s0 = sysinfo();
    obol_desc_t R = region(4 * PG);
    struct obol_system_info s1 = sysinfo();
    CHECK(obol_region_map(R, SELF, WIN, RW), S_OK);
    struct obol_system_info s1m = sysinfo();
    memset((void *)WIN, 0x3C, 4 * PG);
    close_ok(R);
    struct obol_system_info s2 = sysinfo();
    CHECK_TRUE(s1m.frames_free <= s1.frames_free);         /* (page tables, maybe) */
    CHECK_EQ(s2.frames_free, s1m.frames_free);             /* the close freed nothing */
    CHECK_EQ(s2.objects_free, s1.objects_free);
    CHECK_EQ(nonzero((const unsigned char *)WIN, 4 * PG), 4 * PG);
    ((volatile unsigned char *)WIN)[4 * PG - 1] = 0x11;
    CHECK_EQ(((volatile unsigned char *)WIN)[4 * PG - 1], 0x11);
    CHECK(obol_region_unmap(SELF, WIN), S_OK);
    struct obol_system_info s3 = sysinfo();
    CHECK_EQ(s3.frames_free, s0.frames_free);              /* now the region is gone */
    CHECK_EQ(s3.objects_free, s0.objects_free);
    CHECK_EQ(s3.mappings, s0.mappings);
    /* two mappings: the region lives until the last goes */
    R = region(PG);
    CHECK(obol_region_map(R, SELF, WIN, RW), S_OK);
    CHECK(obol_region_map(R, SELF, WIN2, RW), S_OK);
    close_ok(R);
    CHECK(obol_region_unmap(SELF, WIN), S_OK);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free - 1);
    ((volatile unsigned char *)WIN2)[5] = 5;
    CHECK_EQ(((volatile unsigned char *)WIN2)[5], 5);
    CHECK(obol_region_unmap(SELF, WIN2), S_OK);
    CHECK_EQ(sysinfo().objects_free, s0.objects_free);
    CHECK_EQ(sysinfo().frames_free, s0.frames_free);
}

static void test_exhaustion(void)
{
    utest_section("memory exhaustion");
    struct obol_system_info s0 = sysinfo();
    obol_desc_t held[200];
    unsigned n = 0;
    int r = OBOL_OK;
    while (n < 200) {
        obol_desc_t d = BADD;
        r = obol_region_create(MAX_REGION, ANY, &d);
        if (r != OBOL_OK)
            break;
        held[n++] = d;
    }
    CHECK(r, E_NORES);
    printf("utest_mem: %u regions of 2 MiB before NO_RESOURCES (%llu frames free of %llu)\n", n,
           s0.frames_free, s0.frames_total);
    CHECK_TRUE(n >= 8);                                   /* 128 MiB: room for dozens */
    CHECK_TRUE((unsigned long long)n * (MAX_REGION / PG) <= s0.frames_free);
    struct obol_system_info s1 = sysinfo();
    CHECK_TRUE(s1.frames_free < MAX_REGION / PG + 1);     /* really exhausted */
    CHECK_EQ(s1.objects_free, s0.objects_free - n);       /* the failed one left no object */
    CHECK(obol_region_create(MAX_REGION, ANY, 0), E_NORES);
    CHECK_EQ(sysinfo().frames_free, s1.frames_free);      /* and no frames */
    /* a smaller one may still fit in what is left */
    obol_desc_t small = BADD;
    if (s1.frames_free >= 2) {
        CHECK(obol_region_create(PG, ANY, &small), S_OK);
        close_ok(small);
    }
    unsigned closed = 0;
    for (unsigned i = 0; i < n; i++)
        closed += obol_desc_close(held[i]) == OBOL_OK;
    CHECK_EQ(closed, n);
    struct obol_system_info s2 = sysinfo();
    CHECK_EQ(s2.frames_free, s0.frames_free);
    CHECK_EQ(s2.objects_free, s0.objects_free);
    CHECK_EQ(s2.frames_total, s0.frames_total);
    /* and usable again */
    obol_desc_t again = region(MAX_REGION);
    CHECK(obol_region_map(again, SELF, WIN, RW), S_OK);
    CHECK_EQ(nonzero((const unsigned char *)WIN, MAX_REGION), 0);
    CHECK(obol_region_unmap(SELF, WIN), S_OK);
    close_ok(again);
    CHECK_EQ(sysinfo().frames_free, s0.frames_free);
}

static char big[OBOL_PAGE_SIZE + 64];

static void test_debug_write(void)
{
    utest_section("debug_write");
    static const char msg[] = "utest_mem: debug_write works\n";
    CHECK(obol_debug_write(msg, sizeof msg - 1), S_OK);
    CHECK(obol_debug_write(msg, 0), S_OK);
    CHECK(obol_debug_write(big, 4097), E_INVAL);
    CHECK(obol_debug_write(big, ~0ul), E_INVAL);
    CHECK(obol_debug_write(big, 1ul << 32), E_INVAL);
    CHECK(obol_debug_write(0, 4097), E_INVAL);               /* length first */
    CHECK(obol_debug_write(0, 1), E_BADADDR);
    CHECK(obol_debug_write((const char *)KADDR, 16), E_BADADDR);
    CHECK(obol_debug_write((const char *)WIN, 1), E_BADADDR);   /* unmapped */
    CHECK(obol_debug_write((const char *)(OBOL_USER_BASE - 8), 16), E_BADADDR);
    CHECK(obol_debug_write((const char *)OBOL_USER_TOP, 1), E_BADADDR);
    CHECK(obol_debug_write((const char *)~0ul, 2), E_BADADDR);  /* wraps */
    /* the last user page, mapped: a range running past OBOL_USER_TOP */
    obol_desc_t R = region(PG);
    CHECK(obol_region_map(R, SELF, LAST, RW), S_OK);
    memcpy((void *)(OBOL_USER_TOP - 16), "utest_mem: top\n\n", 16);
    CHECK(obol_debug_write((const char *)(OBOL_USER_TOP - 16), 16), S_OK);
    CHECK(obol_debug_write((const char *)(OBOL_USER_TOP - 16), 17), E_BADADDR);
    CHECK(obol_debug_write((const char *)(OBOL_USER_TOP - 16), 4096), E_BADADDR);
    /* running from a mapped page into an unmapped one */
    CHECK(obol_region_map(R, SELF, WIN, R_READ), S_OK);
    CHECK(obol_debug_write((const char *)(WIN + PG - 8), 16), E_BADADDR);
    CHECK(obol_debug_write((const char *)(WIN + PG - 16), 16), S_OK);
    CHECK(obol_region_unmap(SELF, WIN), S_OK);
    CHECK(obol_region_unmap(SELF, LAST), S_OK);
    CHECK(obol_debug_write((const char *)(OBOL_USER_TOP - 16), 1), E_BADADDR);   /* gone */
    close_ok(R);
    /* the largest allowed, 4096 bytes: one long line of spaces */
    memset(big, ' ', sizeof big);
    big[4095] = '\n';
    CHECK(obol_debug_write(big, 4096), S_OK);
    /* read-only memory is fine to read from */
    CHECK(obol_debug_write((const char *)obol_start_arg0, 0), S_OK);
}

static void test_system_info(void)
{
    utest_section("system_info");
    static struct obol_system_info sbuf[2] __attribute__((aligned(16)));
    struct obol_system_info s = sysinfo();
    CHECK_TRUE(s.frames_total > 0 && s.frames_free <= s.frames_total);
    CHECK_TRUE(s.objects_free > 0 && s.tables_free > 0);
    CHECK_EQ(s.reserved, 0);
    CHECK_TRUE(s.mappings >= 4);                 /* init's text, rodata, data, stack, archive */
    CHECK(obol_system_info(0), E_BADADDR);
    CHECK(obol_system_info((struct obol_system_info *)KADDR), E_BADADDR);
    CHECK(obol_system_info((struct obol_system_info *)((char *)sbuf + 4)), E_BADADDR);
    CHECK(obol_system_info((struct obol_system_info *)((char *)sbuf + 1)), E_BADADDR);
    CHECK(obol_system_info((struct obol_system_info *)WIN), E_BADADDR);
    CHECK(obol_system_info((struct obol_system_info *)(unsigned long)main), E_BADADDR);
    CHECK(obol_system_info((struct obol_system_info *)obol_start_arg0), E_BADADDR);
    CHECK(obol_system_info((struct obol_system_info *)(OBOL_USER_TOP - 16)), E_BADADDR);
    CHECK(obol_system_info((struct obol_system_info *)((char *)sbuf + 8)), S_OK);
    CHECK_EQ(((struct obol_system_info *)((char *)sbuf + 8))->frames_total, s.frames_total);
}

int main(void)
{
    printf("utest_mem: memory syscalls\n");
    test_create();
    test_map_errors();
    test_keepalive();
    test_exhaustion();
    test_debug_write();
    test_system_info();
    return utest_finish("utest_mem");
}
