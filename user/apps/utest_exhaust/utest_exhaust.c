/*
 * utest_exhaust: faults and exhaustion, through the real syscall path.  Runs
 * as init with the kernel's shutdown self-check (init=utest_exhaust
 * selfcheck=1), which then verifies the capability invariants and that every
 * object, table, mapping and frame came back.
 *
 *   objects  the object pool filled to its last entry: every create says
 *            NO_RESOURCES, what exists keeps working, and the pool refills
 *            to exactly the same count after everything is released;
 *   memory   physical memory taken down to one frame and to none: the
 *            failure paths of region_create, region_map (page tables) and
 *            process_create give back every frame they took;
 *   chain    a derivation chain to the depth limit (255) across two tables:
 *            the next DUP is NO_RESOURCES, revoking the chain's first link
 *            revokes every link below it, closing them gives everything back;
 *   wide     one revoke of more than 10,000 descendants spread over 41
 *            tables, while a thread spins: it must run again afterwards (so
 *            the timer tick still arrives).  Prints the revoke's instret
 *            (an instruction count only under qemu -icount; plain TCG
 *            reports host ticks there) and its duration in timebase ticks.
 *
 * A full descriptor table is utest_desc's ("table full") and utest_errors'
 * test, memory exhaustion with 2 MiB regions utest_mem's: not repeated here.
 *
 * A child's table can be read only by the child, so this program also runs
 * as that child: spawned with a small start argument (ROLE_*) instead of the
 * boot archive's address, it checks its own descriptors and talks to init
 * through a page both map at SHARED_VA.
 */
#include <stdio.h>
#include <string.h>
#include <obol/obol.h>
#include <obol/utest.h>

#define ANY    OBOL_DESC_ANY
#define SAME   OBOL_SAME_RIGHTS
#define SELF   0u                       /* init's and a spawned child's own process */
#define BADD   0xFFFFFFF0u              /* a descriptor number no call returns */
#define PG     OBOL_PAGE_SIZE
#define MEGA   (2ul << 20)
#define MAX_REGION_PAGES 512ul          /* 2 MiB: a region's frame list fills one frame */
#define WIN       0x1000000000ul        /* 64 GiB, 2 MiB-aligned: the memory test's window */
#define FRESH_GIB 0x2800000000ul        /* 160 GiB: no page table below it */
#define SHARED_VA 0x1800000000ul        /* 96 GiB: init's and the child's shared page */
#define STACK_VA  0x10000000ul          /* the spinning thread's stack */
#define STACK_SIZE (16ul * 1024)
#define TIMEBASE_HZ 10000000ul          /* QEMU virt's timebase (rdtime) */
#define WAIT_TICKS (30 * TIMEBASE_HZ)   /* how long to wait for the other side */

#define R_DUP     OBOL_RIGHT_DUPLICATE
#define R_READ    OBOL_RIGHT_READ
#define R_WRITE   OBOL_RIGHT_WRITE
#define R_INSPECT OBOL_RIGHT_INSPECT
#define R_SIGNAL  OBOL_RIGHT_SIGNAL
#define R_WAIT    OBOL_RIGHT_WAIT

#define S_OK       OBOL_OK
#define E_BADDESC  OBOL_ERR_BAD_DESCRIPTOR
#define E_EXISTS   OBOL_ERR_ALREADY_EXISTS
#define E_NORES    OBOL_ERR_NO_RESOURCES
#define E_REVOKED  OBOL_ERR_REVOKED
#define E_BADADDR  OBOL_ERR_BAD_ADDRESS

#define SLOTS      256u
#define MAX_DEPTH  255u                 /* the derivation depth limit (spec/descriptors.md) */
#define CHAIN_SPLIT 128u                /* links 1..128 in init's table, 129..255 in the child's */
#define CHAIN_MID   200u                /* the link the child revokes itself */
#define WIDE_PLAIN  39u                 /* children made by process_create, 256 descendants each */
#define WIDE_OWN    100u                /* descendants in init's own table */
#define POOL_KEEP   32u                 /* pool fillers whose owner stays in init's table */
#define POOL_BOXES  8u
#define POOL_TRIES  4096u               /* a bound, should the pool never run out */

enum { ROLE_CHAIN = 1, ROLE_WIDE = 2 };

/* The page init and a child share.  Steps: init sets `go`, the child sets
 * `done` when it has finished a step; at the end it reports its checks. */
struct shared {
    volatile unsigned go, done;
    volatile unsigned passed, failed;
    unsigned long long koid;            /* the object the child's descriptors refer to */
    unsigned long badge;                /* and their badge */
};
static struct shared *const sh = (struct shared *)SHARED_VA;

/* ---- helpers -------------------------------------------------------------- */

static inline unsigned long rdinstret(void)
{
    unsigned long v;
    __asm__ volatile("rdinstret %0" : "=r"(v) : : "memory");
    return v;
}

static inline unsigned long rdtime(void)
{
    unsigned long v;
    __asm__ volatile("rdtime %0" : "=r"(v) : : "memory");
    return v;
}

static int st(obol_desc_t d) { return utest_desc_status(d); }
static struct obol_desc_info info_of(obol_desc_t d) { return utest_desc_info(d); }
static struct obol_system_info sysinfo(void) { return utest_sysinfo(); }

/* Everything came back: the four counts as in `s0`. */
static void check_all_back(const struct obol_system_info *s0)
{
    struct obol_system_info s = sysinfo();
    CHECK_EQ(s.frames_free, s0->frames_free);
    CHECK_EQ(s.objects_free, s0->objects_free);
    CHECK_EQ(s.tables_free, s0->tables_free);
    CHECK_EQ(s.mappings, s0->mappings);
}

static obol_desc_t region(unsigned long size)
{
    obol_desc_t d = BADD;
    CHECK(obol_region_create(size, ANY, &d), S_OK);
    return d;
}

/* A duplicate of src in the table of `proc`, at its lowest free slot. */
static obol_desc_t dup_into(obol_desc_t src, obol_desc_t proc)
{
    obol_desc_t d = BADD;
    CHECK(obol_desc_dup(src, proc, ANY, SAME, 0, &d), S_OK);
    return d;
}

static obol_desc_t lowest_free(void)
{
    obol_desc_t d = 0;
    while (d < SLOTS && st(d) != E_BADDESC)
        d++;
    return d;
}

/* How many of the descriptors list[0..n) report `status` on INFO. */
static unsigned count_status(const obol_desc_t *list, unsigned n, int status)
{
    unsigned k = 0;
    for (unsigned i = 0; i < n; i++)
        k += st(list[i]) == status;
    return k;
}

/* Close list[0..n); the number that closed. */
static unsigned close_all(const obol_desc_t *list, unsigned n)
{
    unsigned k = 0;
    for (unsigned i = 0; i < n; i++)
        k += obol_desc_close(list[i]) == S_OK;
    return k;
}

/* Yield until *v >= want, at most WAIT_TICKS. */
static int wait_for(volatile unsigned *v, unsigned want)
{
    unsigned long t0 = rdtime();
    while (*v < want && rdtime() - t0 < WAIT_TICKS)
        obol_thread_yield();
    return *v >= want;
}

/* ---- the child ------------------------------------------------------------ */

/* Report this process's checks to init and let it go on. */
static void child_report(unsigned step)
{
    utest_end_section();
    sh->passed = utest_passed;
    sh->failed = utest_failed;
    sh->done = step;
}

/* Links CHAIN_SPLIT+1 .. MAX_DEPTH of the chain: init put link SPLIT+1 at
 * slot 1; the rest are DUPs in this table, link[d] at depth d. */
static void child_chain(void)
{
    static obol_desc_t link[MAX_DEPTH + 1];
    const unsigned first = CHAIN_SPLIT + 1, n = MAX_DEPTH - CHAIN_SPLIT;
    obol_desc_t out = 77;

    utest_section("chain: the child's links");
    link[first] = 1;
    unsigned made = 0;
    for (unsigned d = first + 1; d <= MAX_DEPTH; d++) {
        link[d] = BADD;
        made += obol_desc_dup(link[d - 1], SELF, ANY, SAME, 0, &link[d]) == S_OK;
    }
    CHECK_EQ(made, MAX_DEPTH - first);
    struct obol_desc_info deepest = info_of(link[MAX_DEPTH]);
    CHECK_EQ(deepest.koid, sh->koid);
    CHECK_EQ(deepest.badge, sh->badge);             /* copied down the whole chain */
    CHECK_EQ(deepest.rights, R_DUP | R_INSPECT);
    /* the limit: the table has room, the depth has not */
    obol_desc_t fr = lowest_free();
    CHECK_EQ(fr, 1 + n);
    CHECK(obol_desc_dup(link[MAX_DEPTH], SELF, ANY, SAME, 0, &out), E_NORES);
    CHECK(obol_desc_dup(link[MAX_DEPTH], SELF, fr, R_INSPECT, 0, &out), E_NORES);
    CHECK_EQ(out, 77);
    CHECK(st(fr), E_BADDESC);
    /* one level up still has room: a sibling of the deepest link */
    CHECK(obol_desc_dup(link[MAX_DEPTH - 1], SELF, ANY, R_INSPECT, 0, &out), S_OK);
    CHECK_EQ(out, fr);
    CHECK_EQ(info_of(out).koid, sh->koid);
    CHECK(obol_desc_close(out), S_OK);
    /* a revoke in the middle: the links below it go, those above stay */
    CHECK(obol_desc_revoke(link[CHAIN_MID]), S_OK);
    CHECK_EQ(count_status(&link[first], CHAIN_MID - first + 1, S_OK), CHAIN_MID - first + 1);
    CHECK_EQ(count_status(&link[CHAIN_MID + 1], MAX_DEPTH - CHAIN_MID, E_REVOKED),
             MAX_DEPTH - CHAIN_MID);
    CHECK(obol_desc_dup(link[MAX_DEPTH], SELF, ANY, SAME, 0, &out), E_REVOKED);
    child_report(1);

    wait_for(&sh->go, 2);                           /* init revoked link 1 */
    utest_section("chain: the child's links after init's revoke");
    CHECK_EQ(count_status(&link[first], n, E_REVOKED), n);
    CHECK(obol_desc_dup(link[first], SELF, ANY, SAME, 0, &out), E_REVOKED);
    CHECK_EQ(close_all(&link[first], n), n);
    CHECK_EQ(lowest_free(), 1);                     /* only its own process is left */
    child_report(2);
}

/* Slots 1..255 hold duplicates init made; check them before and after the
 * revoke. */
static void child_wide(void)
{
    static obol_desc_t slot[SLOTS - 1];
    unsigned ok = 0;
    utest_section("wide: the child's 255 descendants");
    for (unsigned i = 0; i < SLOTS - 1; i++) {
        struct obol_desc_info in;
        slot[i] = i + 1;
        ok += obol_desc_info(slot[i], &in) == S_OK && in.koid == sh->koid &&
              in.badge == sh->badge && in.type == OBOL_TYPE_REGION && !in.is_owner;
    }
    CHECK_EQ(ok, SLOTS - 1);
    CHECK_EQ(lowest_free(), SLOTS);                 /* full */
    child_report(1);

    wait_for(&sh->go, 2);                           /* init revoked the owner */
    utest_section("wide: the child's descendants after the revoke");
    CHECK_EQ(count_status(slot, SLOTS - 1, E_REVOKED), SLOTS - 1);
    CHECK_EQ(close_all(slot, SLOTS - 1), SLOTS - 1);
    CHECK_EQ(lowest_free(), 1);
    child_report(2);
}

/* ---- init's side of a child ----------------------------------------------- */

static const void *archive;
static unsigned long archive_size;
static obol_desc_t shared_region;

/* Load this program into a new process, not started, with the shared page
 * mapped (and cleared). */
static int child_load(struct obol_spawn_result *c)
{
    const void *elf;
    unsigned long len;
    memset(sh, 0, sizeof *sh);
    if (!CHECK_EQ(obol_archive_find(archive, archive_size, "utest_exhaust", &elf, &len), 0))
        return 0;
    if (!CHECK(obol_spawn_load(SELF, elf, len, c), S_OK))
        return 0;
    return CHECK(obol_region_map(shared_region, c->process, SHARED_VA, R_READ | R_WRITE), S_OK);
}

/* Wait for the child to finish step `step`; count its checks when it has
 * finished its last. */
static void child_wait(unsigned step, int last)
{
    CHECK_TRUE(wait_for(&sh->done, step));
    if (last) {
        CHECK_TRUE(sh->passed > 0);
        utest_passed += sh->passed;
        utest_failed += sh->failed;
    }
}

/* Wait until the child has exited, then close what init holds of it. */
static void child_release(struct obol_spawn_result *c)
{
    unsigned long t0 = rdtime();
    while (st(c->process) != OBOL_ERR_OBJECT_DESTROYED && rdtime() - t0 < WAIT_TICKS)
        obol_thread_yield();
    CHECK(st(c->process), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_desc_close(c->thread), S_OK);
    CHECK(obol_desc_close(c->process), S_OK);
}

/* ---- the object pool ------------------------------------------------------ */

struct pool {
    obol_desc_t keep[POOL_KEEP];        /* owners in init's table */
    obol_desc_t box[POOL_BOXES];        /* child processes holding minted copies */
    unsigned nkeep, nbox, made;
};

/* Create notifications and endpoints until the pool is empty.  The first
 * POOL_KEEP stay in init's table; each later one is minted into a box (a
 * child process) and its owner closed, so one slot of init's suffices.
 * Returns the status that ended it. */
static int pool_fill(struct pool *p)
{
    struct obol_system_info s = sysinfo();
    unsigned moved = 0, tries = 0, bi = 0;
    int r;
    memset(p, 0, sizeof *p);
    p->nbox = s.objects_free / SLOTS + 1;
    CHECK_TRUE(p->nbox <= POOL_BOXES);
    for (unsigned i = 0; i < p->nbox; i++)
        CHECK(obol_process_create(ANY, &p->box[i]), S_OK);
    for (;;) {
        obol_desc_t d = BADD;
        r = (p->made & 1) ? obol_endpoint_create(ANY, &d) : obol_notification_create(ANY, &d);
        if (r != S_OK || ++tries > POOL_TRIES)
            break;
        p->made++;
        if (p->nkeep < POOL_KEEP) {
            p->keep[p->nkeep++] = d;
            continue;
        }
        int m;
        while ((m = obol_desc_mint(d, p->box[bi], ANY, SAME, p->made, 0)) == E_NORES &&
               bi + 1 < p->nbox)
            bi++;
        moved += m == S_OK && obol_desc_close(d) == S_OK;
    }
    CHECK_EQ(moved, p->made - p->nkeep);
    CHECK_EQ(p->made, s.objects_free - p->nbox);    /* every free entry, exactly */
    return r;
}

static void pool_release(struct pool *p)
{
    unsigned k = 0;
    for (unsigned i = 0; i < p->nkeep; i++)
        k += obol_desc_destroy(p->keep[i]) == S_OK;
    CHECK_EQ(k, p->nkeep);
    CHECK_EQ(close_all(p->box, p->nbox), p->nbox);  /* their tables take the rest along */
}

static void test_object_pool(void)
{
    static struct pool p;
    obol_desc_t out = 77, ep, note, note_m, m, d;
    unsigned long bits = 0;

    utest_section("objects: filling the pool");
    CHECK(obol_endpoint_create(ANY, &ep), S_OK);
    CHECK(obol_notification_create(ANY, &note), S_OK);
    CHECK(obol_desc_mint(note, SELF, ANY, R_SIGNAL | R_INSPECT, 0x5EED, &note_m), S_OK);
    struct obol_desc_info ep_before = info_of(ep), note_m_before = info_of(note_m);
    struct obol_system_info s0 = sysinfo();
    CHECK(pool_fill(&p), E_NORES);
    unsigned first = p.made;
    printf("utest_exhaust: %u objects created until NO_RESOURCES (%u free before, %u boxes)\n",
           first, s0.objects_free, p.nbox);
    struct obol_system_info sx = sysinfo();
    CHECK_EQ(sx.objects_free, 0);

    utest_section("objects: an empty pool");
    obol_desc_t fr = lowest_free();
    CHECK(obol_endpoint_create(ANY, &out), E_NORES);
    CHECK(obol_notification_create(fr, &out), E_NORES);
    CHECK(obol_region_create(PG, ANY, &out), E_NORES);
    CHECK(obol_process_create(fr, &out), E_NORES);
    CHECK(obol_thread_create(SELF, ANY, &out), E_NORES);
    CHECK_EQ(out, 77);
    CHECK(st(fr), E_BADDESC);                       /* the slot was not taken */
    struct obol_system_info sy = sysinfo();         /* nothing leaked from the failures */
    CHECK_EQ(sy.frames_free, sx.frames_free);
    CHECK_EQ(sy.tables_free, sx.tables_free);
    CHECK_EQ(sy.objects_free, 0);
    /* what exists works: info, signal and wait, mint, dup, revoke, close */
    struct obol_desc_info ep_now = info_of(ep), note_m_now = info_of(note_m);
    CHECK_EQ(ep_now.koid, ep_before.koid);
    CHECK_EQ(ep_now.rights, ep_before.rights);
    CHECK_EQ(ep_now.is_owner, 1);
    CHECK_EQ(note_m_now.koid, note_m_before.koid);
    CHECK_EQ(note_m_now.badge, 0x5EED);
    CHECK(obol_notify_signal(note_m, 0x30), S_OK);
    CHECK(obol_notify_wait(note, &bits), S_OK);
    CHECK_EQ(bits, 0x30);
    CHECK(obol_desc_mint(ep, SELF, ANY, R_DUP | R_INSPECT, 9, &m), S_OK);
    CHECK(obol_desc_dup(m, SELF, ANY, R_INSPECT, 0, &d), S_OK);
    CHECK_EQ(info_of(d).koid, ep_before.koid);
    CHECK_EQ(info_of(d).badge, 9);
    CHECK(obol_desc_revoke(ep), S_OK);
    CHECK(st(m), E_REVOKED);
    CHECK(st(d), E_REVOKED);
    CHECK(obol_desc_close(m), S_OK);
    CHECK(obol_desc_close(d), S_OK);
    CHECK_EQ(sysinfo().objects_free, 0);            /* descriptors are not objects */
    /* one object back: exactly one create fits */
    CHECK(obol_desc_destroy(p.keep[p.nkeep - 1]), S_OK);
    CHECK_EQ(sysinfo().objects_free, 1);
    CHECK(obol_notification_create(ANY, &p.keep[p.nkeep - 1]), S_OK);
    CHECK_TRUE(info_of(p.keep[p.nkeep - 1]).koid > ep_before.koid);   /* a new koid */
    CHECK_EQ(sysinfo().objects_free, 0);
    CHECK(obol_endpoint_create(ANY, &out), E_NORES);

    utest_section("objects: released and refilled");
    pool_release(&p);
    check_all_back(&s0);
    CHECK(pool_fill(&p), E_NORES);
    CHECK_EQ(p.made, first);
    pool_release(&p);
    check_all_back(&s0);
    CHECK(obol_desc_close(note_m), S_OK);
    CHECK(obol_desc_destroy(note), S_OK);
    CHECK(obol_desc_destroy(ep), S_OK);
}

/* ---- physical memory ------------------------------------------------------ */

static void test_memory(void)
{
    static obol_desc_t held[256];
    unsigned n = 0;
    obol_desc_t out = 77, proc_last = BADD;

    utest_section("memory: down to one frame");
    struct obol_system_info s0 = sysinfo();
    obol_desc_t r1 = region(PG), ra = region(PG), r2 = region(2 * PG);
    CHECK(obol_region_map(r1, SELF, WIN, R_READ | R_WRITE), S_OK);  /* WIN's page tables */
    struct obol_system_info s_pre = sysinfo();
    /* 2 MiB regions (513 frames each) while two frames would stay free, then
     * one sized to leave exactly one (128 MiB: about 60 regions; `held` and
     * init's table bound this to a few hundred MiB) */
    while (n < 200 && sysinfo().frames_free >= MAX_REGION_PAGES + 3)
        held[n++] = region(MAX_REGION_PAGES * PG);
    unsigned long long f = sysinfo().frames_free;
    if (f >= 3)
        held[n++] = region((f - 2) * PG);
    else if (f == 2)
        CHECK(obol_process_create(ANY, &held[n++]), S_OK);     /* a root page table: one frame */
    struct obol_system_info s1 = sysinfo();
    CHECK_EQ(s1.frames_free, 1);
    printf("utest_exhaust: %u regions leave 1 of %llu frames free\n", n, s0.frames_total);
    /* a region needs its frame list and its pages: the list is given back */
    CHECK(obol_region_create(PG, ANY, &out), E_NORES);
    CHECK_EQ(out, 77);
    struct obol_system_info s2 = sysinfo();
    CHECK_EQ(s2.frames_free, 1);
    CHECK_EQ(s2.objects_free, s1.objects_free);
    /* a mapping in a fresh GiB needs two page tables: the first is given back */
    CHECK(obol_region_map(ra, SELF, FRESH_GIB, R_READ), E_NORES);
    s2 = sysinfo();
    CHECK_EQ(s2.frames_free, 1);
    CHECK_EQ(s2.mappings, s1.mappings);
    CHECK(obol_debug_write((const char *)FRESH_GIB, 1), E_BADADDR);
    /* a process needs one frame */
    CHECK(obol_process_create(ANY, &proc_last), S_OK);
    CHECK_EQ(sysinfo().frames_free, 0);

    utest_section("memory: no frame left");
    obol_desc_t fr = lowest_free();
    CHECK(obol_process_create(fr, &out), E_NORES);
    CHECK(obol_region_create(PG, ANY, &out), E_NORES);
    CHECK_EQ(out, 77);
    CHECK(st(fr), E_BADDESC);
    struct obol_system_info s3 = sysinfo();
    CHECK_EQ(s3.frames_free, 0);
    CHECK_EQ(s3.objects_free, s1.objects_free - 1);         /* proc_last only */
    CHECK_EQ(s3.tables_free, s1.tables_free - 1);
    /* a page under WIN's existing page table needs no frame */
    CHECK(obol_region_map(ra, SELF, WIN + PG, R_READ | R_WRITE), S_OK);
    ((volatile char *)WIN)[PG + 5] = 42;
    CHECK_EQ(((volatile char *)WIN)[PG + 5], 42);
    CHECK(obol_region_unmap(SELF, WIN + PG), S_OK);
    /* a mapping whose second page needs a new page table: the first page is
     * unmapped again */
    CHECK(obol_region_map(r2, SELF, WIN + MEGA - PG, R_READ | R_WRITE), E_NORES);
    CHECK(obol_debug_write((const char *)(WIN + MEGA - PG), 1), E_BADADDR);
    CHECK(obol_region_map(ra, SELF, FRESH_GIB, R_READ), E_NORES);
    s3 = sysinfo();
    CHECK_EQ(s3.frames_free, 0);
    CHECK_EQ(s3.mappings, s1.mappings);
    /* objects without memory of their own still come */
    CHECK(obol_endpoint_create(ANY, &out), S_OK);
    CHECK(obol_desc_destroy(out), S_OK);
    CHECK(obol_thread_create(SELF, ANY, &out), S_OK);
    CHECK(obol_desc_close(out), S_OK);
    CHECK_EQ(((volatile char *)WIN)[0], 0);                 /* r1's page is still there */

    utest_section("memory: given back");
    CHECK(obol_desc_close(proc_last), S_OK);
    CHECK_EQ(sysinfo().frames_free, 1);                     /* its root page table */
    CHECK_EQ(close_all(held, n), n);
    CHECK_EQ(sysinfo().frames_free, s_pre.frames_free);
    CHECK(obol_region_map(r2, SELF, WIN + MEGA - PG, R_READ | R_WRITE), S_OK);
    ((volatile char *)(WIN + MEGA))[0] = 1;
    CHECK(obol_region_unmap(SELF, WIN + MEGA - PG), S_OK);
    CHECK(obol_region_map(ra, SELF, FRESH_GIB, R_READ), S_OK);
    CHECK(obol_region_unmap(SELF, FRESH_GIB), S_OK);
    CHECK(obol_region_unmap(SELF, WIN), S_OK);
    obol_desc_t list[] = { r1, ra, r2 };
    CHECK_EQ(close_all(list, 3), 3);
    check_all_back(&s0);
}

/* ---- a chain to the depth limit ------------------------------------------- */

static void test_chain(void)
{
    static obol_desc_t link[CHAIN_SPLIT + 1];
    struct obol_spawn_result c;
    obol_desc_t owner, out = BADD;

    utest_section("chain: to the depth limit");
    struct obol_system_info s0 = sysinfo();
    CHECK(obol_notification_create(ANY, &owner), S_OK);
    CHECK(obol_desc_mint(owner, SELF, ANY, R_DUP | R_INSPECT, 0xC4A1, &link[1]), S_OK);
    unsigned made = 0;
    for (unsigned d = 2; d <= CHAIN_SPLIT; d++) {
        link[d] = BADD;
        made += obol_desc_dup(link[d - 1], SELF, ANY, SAME, 0, &link[d]) == S_OK;
    }
    CHECK_EQ(made, CHAIN_SPLIT - 1);
    if (!child_load(&c))
        return;
    sh->koid = info_of(owner).koid;
    sh->badge = 0xC4A1;
    CHECK(obol_desc_dup(link[CHAIN_SPLIT], c.process, 1, SAME, 0, &out), S_OK);
    CHECK(obol_spawn_start(&c, ROLE_CHAIN), S_OK);
    child_wait(1, 0);                               /* it built links up to 255 */
    /* revoke the chain's first link: every link below it, in both tables */
    unsigned long i0 = rdinstret();
    int r = obol_desc_revoke(link[1]);
    unsigned long i1 = rdinstret();
    CHECK(r, S_OK);
    printf("utest_exhaust: revoke of a %u-link chain: %lu instret\n", MAX_DEPTH - 1, i1 - i0);
    CHECK(st(link[1]), S_OK);
    CHECK_EQ(count_status(&link[2], CHAIN_SPLIT - 1, E_REVOKED), CHAIN_SPLIT - 1);
    CHECK(obol_desc_revoke(owner), S_OK);           /* and the owner: link 1 too */
    CHECK(st(link[1]), E_REVOKED);
    CHECK_EQ(info_of(owner).is_owner, 1);
    sh->go = 2;
    child_wait(2, 1);                               /* it checked and closed its links */
    child_release(&c);
    CHECK_EQ(close_all(&link[1], CHAIN_SPLIT), CHAIN_SPLIT);
    CHECK(obol_desc_close(owner), S_OK);
    check_all_back(&s0);
}

/* ---- one revoke, more than 10,000 descendants ----------------------------- */

static void spinner(volatile unsigned long *count)
{
    for (;;)
        (*count)++;             /* never yields: only the timer tick takes the CPU back */
}

static void test_wide(void)
{
    static obol_desc_t plain[WIDE_PLAIN], own[WIDE_OWN];
    static volatile unsigned long spins;
    struct obol_spawn_result c;
    obol_desc_t owner, m, out = 77, stack, spin_thread;
    unsigned n;

    utest_section("wide: descendants in 41 tables");
    struct obol_system_info s0 = sysinfo();
    owner = region(PG);
    CHECK(obol_desc_mint(owner, SELF, ANY, R_DUP | R_INSPECT | R_READ, 0x1DE, &m), S_OK);
    unsigned descendants = 1;                       /* m */
    if (!child_load(&c))
        return;
    sh->koid = info_of(owner).koid;
    sh->badge = 0x1DE;
    for (n = 0; n < SLOTS && obol_desc_dup(m, c.process, ANY, SAME, 0, &out) == S_OK; n++)
        ;
    CHECK_EQ(n, SLOTS - 1);                         /* slot 0 is its own process */
    descendants += n;
    unsigned full = 0;
    for (unsigned i = 0; i < WIDE_PLAIN; i++) {
        CHECK(obol_process_create(ANY, &plain[i]), S_OK);
        for (n = 0; n <= SLOTS && obol_desc_dup(m, plain[i], ANY, SAME, 0, &out) == S_OK; n++)
            ;
        full += n == SLOTS;
        descendants += n;
    }
    CHECK_EQ(full, WIDE_PLAIN);
    for (unsigned i = 0; i < WIDE_OWN; i++)
        own[i] = dup_into(m, SELF);
    descendants += WIDE_OWN;
    CHECK_TRUE(descendants >= 10000);
    CHECK_EQ(sysinfo().tables_free, s0.tables_free - WIDE_PLAIN - 1);
    CHECK(obol_spawn_start(&c, ROLE_WIDE), S_OK);
    child_wait(1, 0);                               /* it saw its 255, live */
    /* for comparison: a revoke with nothing below it, in the same tables */
    unsigned long l0 = rdinstret();
    int lr = obol_desc_revoke(own[0]);
    unsigned long l1 = rdinstret();
    CHECK(lr, S_OK);
    CHECK(st(own[0]), S_OK);

    /* a thread that spins without yielding */
    stack = region(STACK_SIZE);
    CHECK(obol_region_map(stack, SELF, STACK_VA, R_READ | R_WRITE), S_OK);
    CHECK(obol_thread_create(SELF, ANY, &spin_thread), S_OK);
    CHECK(obol_thread_start(spin_thread, (unsigned long)spinner, STACK_VA + STACK_SIZE,
                            (unsigned long)&spins), S_OK);
    /* The spinner runs until a tick, and this thread comes back with a
     * fresh slice.  A tick already due when the spinner is first switched
     * to takes the CPU back before its first instruction: yield again. */
    for (int i = 0; i < 100 && spins == 0; i++)
        obol_thread_yield();
    CHECK_TRUE(spins > 0);

    utest_section("wide: one revoke");
    unsigned long c0 = spins, t0 = rdtime(), i0 = rdinstret();
    int r = obol_desc_revoke(owner);
    unsigned long i1 = rdinstret(), t1 = rdtime(), c1 = spins;
    CHECK(r, S_OK);
    /* the kernel is still responsive: without yielding, wait for the spinner
     * to move; only a timer tick can hand it the CPU */
    while (spins == c1 && rdtime() - t1 < WAIT_TICKS)
        ;
    unsigned long t2 = rdtime();
    CHECK_TRUE(spins != c1);
    CHECK_TRUE(t1 - t0 < TIMEBASE_HZ);              /* under a second, even under TCG */
    printf("utest_exhaust: revoke of %u descendants in %u tables: %lu instret (of none: %lu), "
           "%lu us; the spinner ran %lu us later%s\n",
           descendants, WIDE_PLAIN + 2, i1 - i0, l1 - l0, (t1 - t0) / (TIMEBASE_HZ / 1000000),
           (t2 - t1) / (TIMEBASE_HZ / 1000000),
           c1 != c0 ? " (it also ran during the measurement)" : "");
    CHECK(obol_desc_destroy(spin_thread), S_OK);
    CHECK(obol_region_unmap(SELF, STACK_VA), S_OK);
    CHECK(obol_desc_close(stack), S_OK);

    utest_section("wide: every descendant revoked");
    CHECK(st(m), E_REVOKED);
    CHECK_EQ(count_status(own, WIDE_OWN, E_REVOKED), WIDE_OWN);
    CHECK_EQ(info_of(owner).is_owner, 1);           /* the owner itself stays */
    /* the plain children's slots are all still taken (revoked, not freed) */
    unsigned taken = 0;
    for (unsigned i = 0; i < WIDE_PLAIN; i++)
        taken += obol_desc_mint(owner, plain[i], ANY, R_READ, 0, &out) == E_NORES;
    CHECK_EQ(taken, WIDE_PLAIN);
    CHECK(obol_desc_mint(owner, plain[0], 7, R_READ, 0, &out), E_EXISTS);
    sh->go = 2;
    child_wait(2, 1);                               /* it saw its 255 revoked and closed them */
    /* ... and none is live: closing the owner frees the region at once */
    struct obol_system_info sb = sysinfo();
    CHECK(obol_desc_close(owner), S_OK);
    struct obol_system_info sa = sysinfo();
    CHECK_EQ(sa.objects_free, sb.objects_free + 1);
    CHECK_EQ(sa.frames_free, sb.frames_free + 2);   /* its page and its frame list */
    CHECK_EQ(close_all(plain, WIDE_PLAIN), WIDE_PLAIN);
    child_release(&c);
    CHECK_EQ(close_all(own, WIDE_OWN), WIDE_OWN);
    CHECK(obol_desc_close(m), S_OK);
    check_all_back(&s0);
}

int main(void)
{
    if (obol_start_arg0 == ROLE_CHAIN || obol_start_arg0 == ROLE_WIDE) {
        if (obol_start_arg0 == ROLE_CHAIN)
            child_chain();
        else
            child_wide();
        return 0;
    }
    archive = (const void *)obol_start_arg0;
    archive_size = obol_start_arg1;
    printf("utest_exhaust: faults and exhaustion\n");
    struct obol_system_info s0 = sysinfo();
    shared_region = region(PG);
    CHECK(obol_region_map(shared_region, SELF, SHARED_VA, R_READ | R_WRITE), S_OK);
    test_object_pool();
    test_memory();
    test_chain();
    test_wide();
    utest_section("everything given back");
    CHECK(obol_region_unmap(SELF, SHARED_VA), S_OK);
    CHECK(obol_desc_close(shared_region), S_OK);
    check_all_back(&s0);
    return utest_finish("utest_exhaust");
}
