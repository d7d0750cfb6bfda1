/*
 * In-QEMU test, run as init (init=utest_xfer): descriptors passed in IPC
 * messages (spec/ipc.md, "Descriptor transfer").  Init calls a server: this
 * same program started in a child process (start argument ROLE_SERVER),
 * which receives what init sends into its own table and answers with what
 * it sees there.
 */
#include <stdio.h>
#include <string.h>
#include <obol/obol.h>
#include <obol/utest.h>

#define ROLE_SERVER 7ul
#define SELF        0u
#define EP          10u                 /* the server's RECEIVE descriptor */
#define MAP_VA      0x40000000ul

enum {
    CMD_INFO = 1,   /* reply: ndesc, rights of #0, is_owner of #0, badge of #0; close them */
    CMD_KEEP,       /* reply: ndesc, slot of #0; keep them */
    CMD_MAP,        /* reply: region_map(#0, READ|WRITE), region_map(#0, READ); close */
    CMD_STATUS,     /* reply: desc_info status of slot w1 */
    CMD_CLOSE,      /* close slot w1 */
    CMD_NEXT,       /* the next receive: desc_cap w1, entry 0's slot w2 */
    CMD_SEND_BACK,  /* reply with a SEND descriptor to the server's endpoint (DUP'd, MOVEd) */
    CMD_COUNT,      /* reply: open descriptors in the server's table */
    CMD_STOP,       /* reply: the server's own checks passed, failed */
    CMD_EXPECT,     /* the next receive: entry 0's slot w1, and it must fail with w2 */
    CMD_EXPECT_RR,  /* as CMD_EXPECT, but receiving through reply_recv */
    CMD_EXPECT_FULL,/* the next receive with a full table: NO_RESOURCES */
    CMD_REPLY_ERRORS, /* check the replier's entry errors, then reply words only */
    CMD_REPLY_FULL, /* the caller's table is full: a reply with a descriptor fails */
    CMD_CLOSE_REVOKED, /* close every revoked slot */
};

static const void *archive;
static unsigned long archive_size;

/* ---- the server (child process) ------------------------------------------ */

static long slot_status(obol_desc_t d)
{
    struct obol_desc_info info;
    return obol_desc_info(d, &info);
}

/* Fill the server's table with copies of EP; returns how many. */
static unsigned fill_table(obol_desc_t *made, unsigned max)
{
    unsigned n = 0;
    while (n < max && obol_desc_dup(EP, SELF, OBOL_DESC_ANY, OBOL_RIGHT_SEND, 0, &made[n]) == OBOL_OK)
        n++;
    return n;
}

static void close_n(const obol_desc_t *d, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        obol_desc_close(d[i]);
}

/* A receive that must fail with `want` (the message stays queued). */
static void recv_expect(long want, obol_desc_t dest0, int through_reply_recv, unsigned long token)
{
    struct obol_msg_desc in[OBOL_MSG_DESC_MAX];
    unsigned char buf[8];
    for (unsigned i = 0; i < OBOL_MSG_DESC_MAX; i++)
        in[i] = (struct obol_msg_desc){ .desc = i == 0 ? dest0 : OBOL_DESC_ANY };
    struct obol_msg m = { .data = buf, .data_cap = sizeof buf, .desc = in, .desc_cap = OBOL_MSG_DESC_MAX };
    int r;
    if (through_reply_recv) {
        CHECK(r = obol_ipc_reply_recv(token, EP, &m), OBOL_ERR_ALREADY_EXISTS);
    } else if (want == OBOL_ERR_ALREADY_EXISTS) {
        CHECK(r = obol_ipc_recv(EP, &m), OBOL_ERR_ALREADY_EXISTS);
    } else if (want == OBOL_ERR_INVALID_ARGS) {
        CHECK(r = obol_ipc_recv(EP, &m), OBOL_ERR_INVALID_ARGS);
    } else {
        CHECK(r = obol_ipc_recv(EP, &m), OBOL_ERR_NO_RESOURCES);
    }
    CHECK(in[0].result, want);
}

/* The replier's entry errors, against the pending call `token`. */
static void reply_errors(unsigned long token)
{
    obol_desc_t n, plain, notx, sub;
    CHECK(obol_notification_create(OBOL_DESC_ANY, &n), OBOL_OK);
    CHECK(obol_desc_mint(n, SELF, OBOL_DESC_ANY, OBOL_RIGHT_SIGNAL | OBOL_RIGHT_TRANSFER | OBOL_RIGHT_DUPLICATE, 0, &plain), OBOL_OK);
    CHECK(obol_desc_mint(n, SELF, OBOL_DESC_ANY, OBOL_RIGHT_SIGNAL | OBOL_RIGHT_DUPLICATE, 0, &notx), OBOL_OK);
    CHECK(obol_desc_dup(plain, SELF, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &sub), OBOL_OK);
    struct obol_msg_desc e = { .desc = 250, .op = OBOL_XFER_DUP, .rights = OBOL_SAME_RIGHTS };
    struct obol_msg r = { .desc = &e, .ndesc = 1 };
    CHECK(obol_ipc_reply(token, &r), OBOL_ERR_BAD_DESCRIPTOR);
    e = (struct obol_msg_desc){ .desc = notx, .op = OBOL_XFER_DUP, .rights = OBOL_SAME_RIGHTS };
    CHECK(obol_ipc_reply(token, &r), OBOL_ERR_ACCESS_DENIED);
    e = (struct obol_msg_desc){ .desc = plain, .op = 9, .rights = OBOL_SAME_RIGHTS };
    CHECK(obol_ipc_reply(token, &r), OBOL_ERR_INVALID_ARGS);
    CHECK(obol_desc_revoke(plain), OBOL_OK);
    e = (struct obol_msg_desc){ .desc = sub, .op = OBOL_XFER_MOVE, .rights = OBOL_SAME_RIGHTS };
    CHECK(obol_ipc_reply(token, &r), OBOL_ERR_REVOKED);
    CHECK(obol_desc_destroy(n), OBOL_OK);
    e = (struct obol_msg_desc){ .desc = plain, .op = OBOL_XFER_MOVE, .rights = OBOL_SAME_RIGHTS };
    CHECK(obol_ipc_reply(token, &r), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(e.result, OBOL_ERR_OBJECT_DESTROYED);
    obol_desc_close(plain);
    obol_desc_close(notx);
    obol_desc_close(sub);
}

static void serve(void)
{
    unsigned cap = OBOL_MSG_DESC_MAX;
    obol_desc_t dest0 = OBOL_DESC_ANY;
    long last_err = 0, last_result = 0;
    for (;;) {
        struct obol_msg_desc in[OBOL_MSG_DESC_MAX];
        unsigned char buf[8];
        for (unsigned i = 0; i < OBOL_MSG_DESC_MAX; i++)
            in[i] = (struct obol_msg_desc){ .desc = i == 0 ? dest0 : OBOL_DESC_ANY };
        struct obol_msg m = { .data = buf, .data_cap = sizeof buf, .desc = in, .desc_cap = cap };
        int r = obol_ipc_recv(EP, &m);
        if (r != OBOL_OK) {
            /* The receiver's error: the message stays queued; take it next
             * time with the defaults, and tell the caller what happened. */
            last_err = r;
            last_result = in[0].result;
            cap = OBOL_MSG_DESC_MAX;
            dest0 = OBOL_DESC_ANY;
            continue;
        }
        cap = OBOL_MSG_DESC_MAX;
        dest0 = OBOL_DESC_ANY;
        struct obol_msg rep = { .words = { m.ndesc } };
        struct obol_desc_info info = { 0 };
        struct obol_msg_desc back;
        switch (m.words[0]) {
        case CMD_INFO:
            if (m.ndesc > 0 && obol_desc_info(in[0].desc, &info) == OBOL_OK) {
                rep.words[1] = info.rights;
                rep.words[2] = info.is_owner;
                rep.words[3] = info.badge;
            }
            for (unsigned i = 0; i < m.ndesc; i++)
                obol_desc_close(in[i].desc);
            break;
        case CMD_KEEP:
            rep.words[1] = in[0].desc;
            rep.words[2] = in[0].rights;
            rep.words[3] = (unsigned long)((last_err & 0xffff) | ((last_result & 0xffff) << 16));
            last_err = last_result = 0;
            break;
        case CMD_MAP:
            rep.words[1] = (unsigned long)obol_region_map(in[0].desc, SELF, MAP_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE);
            rep.words[2] = (unsigned long)obol_region_map(in[0].desc, SELF, MAP_VA, OBOL_RIGHT_READ);
            obol_region_unmap(SELF, MAP_VA);
            obol_desc_close(in[0].desc);
            break;
        case CMD_STATUS:
            rep.words[1] = (unsigned long)slot_status((obol_desc_t)m.words[1]);
            break;
        case CMD_CLOSE:
            rep.words[1] = (unsigned long)obol_desc_close((obol_desc_t)m.words[1]);
            break;
        case CMD_NEXT:
            cap = (unsigned)m.words[1];
            dest0 = (obol_desc_t)m.words[2];
            break;
        case CMD_EXPECT:
            obol_ipc_reply(m.reply_token, &rep);
            recv_expect((long)m.words[2], (obol_desc_t)m.words[1], 0, 0);
            continue;
        case CMD_EXPECT_RR:
            recv_expect((long)m.words[2], (obol_desc_t)m.words[1], 1, m.reply_token);
            continue;
        case CMD_EXPECT_FULL: {
            static obol_desc_t made[256];
            obol_ipc_reply(m.reply_token, &rep);
            unsigned n = fill_table(made, 256);
            recv_expect(OBOL_ERR_NO_RESOURCES, OBOL_DESC_ANY, 0, 0);
            close_n(made, n);
            continue;
        }
        case CMD_REPLY_ERRORS:
            reply_errors(m.reply_token);
            break;
        case CMD_REPLY_FULL: {
            obol_desc_t s;
            CHECK(obol_desc_dup(EP, SELF, OBOL_DESC_ANY, OBOL_RIGHT_SEND | OBOL_RIGHT_TRANSFER | OBOL_RIGHT_INSPECT, 0, &s), OBOL_OK);
            back = (struct obol_msg_desc){ .desc = s, .op = OBOL_XFER_MOVE, .rights = OBOL_SAME_RIGHTS };
            struct obol_msg withdesc = { .desc = &back, .ndesc = 1 };
            CHECK(obol_ipc_reply(m.reply_token, &withdesc), OBOL_ERR_NO_RESOURCES);
            CHECK(back.result, OBOL_OK);            /* the entry was fine: the caller had no room */
            CHECK(slot_status(s), OBOL_OK);         /* and the MOVE source stayed */
            unsigned long token = m.reply_token;
            struct obol_msg_desc in2[OBOL_MSG_DESC_MAX];
            for (unsigned i = 0; i < OBOL_MSG_DESC_MAX; i++)
                in2[i] = (struct obol_msg_desc){ .desc = OBOL_DESC_ANY };
            struct obol_msg rr = { .desc = &back, .ndesc = 1 };
            (void)in2;
            CHECK(obol_ipc_reply_recv(token, EP, &rr), OBOL_ERR_NO_RESOURCES);
            obol_desc_close(s);
            break;
        }
        case CMD_CLOSE_REVOKED:
            for (obol_desc_t d = 0; d < 256; d++)
                if (slot_status(d) == OBOL_ERR_REVOKED)
                    obol_desc_close(d);
            break;
        case CMD_STOP:
            rep.words[1] = utest_passed;
            rep.words[2] = utest_failed;
            break;
        case CMD_SEND_BACK: {
            obol_desc_t s;
            rep.words[1] = (unsigned long)obol_desc_dup(EP, SELF, OBOL_DESC_ANY,
                                                        OBOL_RIGHT_SEND | OBOL_RIGHT_TRANSFER | OBOL_RIGHT_INSPECT, 0, &s);
            back = (struct obol_msg_desc){ .desc = s, .op = OBOL_XFER_MOVE, .rights = OBOL_SAME_RIGHTS };
            rep.desc = &back;
            rep.ndesc = 1;
            break;
        }
        case CMD_COUNT: {
            unsigned long n = 0;
            for (obol_desc_t d = 0; d < 256; d++)
                if (slot_status(d) != OBOL_ERR_BAD_DESCRIPTOR)
                    n++;
            rep.words[1] = n;
            break;
        }
        }
        obol_ipc_reply(m.reply_token, &rep);
        if (m.words[0] == CMD_STOP)
            return;
    }
}

/* ---- init's side -------------------------------------------------------------- */

static obol_desc_t ep;                  /* owner; the server holds RECEIVE */
static obol_desc_t send_ep;             /* init's SEND descriptor */

/* Call the server with command w0/w1/w2 and the given entries. */
static struct obol_msg call(unsigned long w0, unsigned long w1, unsigned long w2,
                            struct obol_msg_desc *d, unsigned n, int *rc)
{
    struct obol_msg_desc back[OBOL_MSG_DESC_MAX];
    struct obol_msg m = { .words = { w0, w1, w2 }, .desc = d, .ndesc = n };
    if (w0 == CMD_SEND_BACK || w0 == CMD_REPLY_FULL) {
        m.desc = back;
        m.desc_cap = 1;
        m.ndesc = 0;
    }
    *rc = obol_ipc_call(send_ep, &m);
    if (w0 == CMD_SEND_BACK && *rc == OBOL_OK)
        m.words[3] = back[0].desc | ((unsigned long)back[0].rights << 32);
    return m;
}

static struct obol_msg_desc ent(obol_desc_t d, unsigned op, unsigned rights)
{
    return (struct obol_msg_desc){ .desc = d, .op = op, .rights = rights, .result = 1 };
}

static obol_desc_t mint(obol_desc_t owner, unsigned rights)
{
    obol_desc_t d = OBOL_DESC_ANY;
    CHECK(obol_desc_mint(owner, SELF, OBOL_DESC_ANY, rights, 0x77, &d), OBOL_OK);
    return d;
}

static unsigned long server_count(void)
{
    int rc;
    struct obol_msg r = call(CMD_COUNT, 0, 0, 0, 0, &rc);
    CHECK(rc, OBOL_OK);
    return r.words[1];
}

#define R_REG (OBOL_RIGHT_READ | OBOL_RIGHT_WRITE | OBOL_RIGHT_MAP | OBOL_RIGHT_TRANSFER | \
               OBOL_RIGHT_DUPLICATE | OBOL_RIGHT_INSPECT)

static void test_rights_shrink(obol_desc_t region)
{
    int rc;
    struct obol_msg r;
    utest_section("DUP with fewer rights: the receiver holds only those");
    obol_desc_t d = mint(region, R_REG);
    struct obol_msg_desc e = ent(d, OBOL_XFER_DUP, OBOL_RIGHT_READ | OBOL_RIGHT_MAP | OBOL_RIGHT_INSPECT);
    r = call(CMD_INFO, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_OK);
    CHECK(e.result, OBOL_OK);
    CHECK_EQ(r.words[0], 1);
    CHECK_EQ(r.words[1], OBOL_RIGHT_READ | OBOL_RIGHT_MAP | OBOL_RIGHT_INSPECT);
    CHECK_EQ(r.words[2], 0);
    CHECK_EQ(r.words[3], 0x77);                     /* the badge travels with it */
    CHECK(slot_status(d), OBOL_OK);                 /* DUP: the sender keeps it */

    utest_section("rights are enforced after the transfer");
    e = ent(d, OBOL_XFER_DUP, OBOL_RIGHT_READ | OBOL_RIGHT_MAP);
    r = call(CMD_MAP, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_OK);
    CHECK(r.words[1], OBOL_ERR_ACCESS_DENIED);      /* no WRITE came across */
    CHECK(r.words[2], OBOL_OK);

    utest_section("MOVE: the sender's descriptor goes, the receiver's arrives");
    e = ent(d, OBOL_XFER_MOVE, OBOL_SAME_RIGHTS);
    r = call(CMD_INFO, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_OK);
    CHECK_EQ(r.words[1], R_REG);
    CHECK(slot_status(d), OBOL_ERR_BAD_DESCRIPTOR);
    d = mint(region, R_REG);
    e = ent(d, OBOL_XFER_MOVE, OBOL_RIGHT_READ | OBOL_RIGHT_INSPECT);
    r = call(CMD_INFO, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_OK);
    CHECK_EQ(r.words[1], OBOL_RIGHT_READ | OBOL_RIGHT_INSPECT);
    CHECK(slot_status(d), OBOL_ERR_BAD_DESCRIPTOR);

    utest_section("an owner moves whole, never by DUP, never with fewer rights");
    obol_desc_t own;
    CHECK(obol_notification_create(OBOL_DESC_ANY, &own), OBOL_OK);
    e = ent(own, OBOL_XFER_DUP, OBOL_SAME_RIGHTS);
    call(CMD_INFO, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_ERR_INVALID_ARGS);
    CHECK(e.result, OBOL_ERR_INVALID_ARGS);
    e = ent(own, OBOL_XFER_MOVE, OBOL_RIGHT_SIGNAL | OBOL_RIGHT_TRANSFER);
    call(CMD_INFO, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_ERR_INVALID_ARGS);
    CHECK(slot_status(own), OBOL_OK);
    e = ent(own, OBOL_XFER_MOVE, OBOL_SAME_RIGHTS);
    r = call(CMD_INFO, 0, 0, &e, 1, &rc);       /* the server closes it: the object goes */
    CHECK(rc, OBOL_OK);
    CHECK_EQ(r.words[2], 1);
    CHECK(slot_status(own), OBOL_ERR_BAD_DESCRIPTOR);
}

static void test_entry_errors(obol_desc_t region)
{
    int rc;
    utest_section("each entry is checked; the first failure is returned");
    obol_desc_t ok = mint(region, R_REG);
    obol_desc_t nox = mint(region, R_REG & ~OBOL_RIGHT_TRANSFER);
    obol_desc_t nodup = mint(region, R_REG & ~OBOL_RIGHT_DUPLICATE);
    unsigned long before = server_count();
    struct obol_msg_desc e[8] = {
        ent(ok, OBOL_XFER_DUP, OBOL_SAME_RIGHTS),
        ent(nox, OBOL_XFER_DUP, OBOL_SAME_RIGHTS),
        ent(nodup, OBOL_XFER_DUP, OBOL_SAME_RIGHTS),
        ent(ok, OBOL_XFER_MOVE, OBOL_SAME_RIGHTS),
        ent(nodup, 3, OBOL_SAME_RIGHTS),
        ent(nodup, OBOL_XFER_MOVE, OBOL_RIGHT_READ | OBOL_RIGHT_EXECUTE),
        ent(200, OBOL_XFER_MOVE, OBOL_SAME_RIGHTS),
        ent(4096, OBOL_XFER_MOVE, OBOL_SAME_RIGHTS),
    };
    call(CMD_KEEP, 0, 0, e, 8, &rc);
    CHECK(rc, OBOL_ERR_ACCESS_DENIED);
    CHECK(e[0].result, OBOL_OK);
    CHECK(e[1].result, OBOL_ERR_ACCESS_DENIED);     /* no TRANSFER */
    CHECK(e[2].result, OBOL_ERR_ACCESS_DENIED);     /* DUP without DUPLICATE */
    CHECK(e[3].result, OBOL_ERR_INVALID_ARGS);      /* named twice */
    CHECK(e[4].result, OBOL_ERR_INVALID_ARGS);      /* no such operation */
    CHECK(e[5].result, OBOL_ERR_INVALID_ARGS);      /* more rights than it has */
    CHECK(e[6].result, OBOL_ERR_BAD_DESCRIPTOR);
    CHECK(e[7].result, OBOL_ERR_BAD_DESCRIPTOR);

    utest_section("all or nothing: a bad entry delivers none, MOVE sources stay");
    CHECK_EQ(server_count(), before);
    struct obol_msg_desc f[2] = { ent(ok, OBOL_XFER_MOVE, OBOL_SAME_RIGHTS), ent(nox, OBOL_XFER_MOVE, OBOL_SAME_RIGHTS) };
    call(CMD_KEEP, 0, 0, f, 2, &rc);
    CHECK(rc, OBOL_ERR_ACCESS_DENIED);
    CHECK(f[0].result, OBOL_OK);
    CHECK(slot_status(ok), OBOL_OK);
    CHECK_EQ(server_count(), before);

    utest_section("a revoked or destroyed descriptor cannot be sent");
    obol_desc_t sub;
    CHECK(obol_desc_dup(ok, SELF, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &sub), OBOL_OK);
    CHECK(obol_desc_revoke(ok), OBOL_OK);
    struct obol_msg_desc g = ent(sub, OBOL_XFER_MOVE, OBOL_SAME_RIGHTS);
    call(CMD_KEEP, 0, 0, &g, 1, &rc);
    CHECK(rc, OBOL_ERR_REVOKED);
    CHECK(g.result, OBOL_ERR_REVOKED);
    CHECK(obol_desc_close(sub), OBOL_OK);
    obol_desc_t n, nd;
    CHECK(obol_notification_create(OBOL_DESC_ANY, &n), OBOL_OK);
    nd = mint(n, OBOL_RIGHT_SIGNAL | OBOL_RIGHT_TRANSFER);
    CHECK(obol_desc_destroy(n), OBOL_OK);
    g = ent(nd, OBOL_XFER_MOVE, OBOL_SAME_RIGHTS);
    call(CMD_KEEP, 0, 0, &g, 1, &rc);
    CHECK(rc, OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_desc_close(nd), OBOL_OK);

    utest_section("a bad entry fails a send at once, before it would block");
    obol_desc_t lone, lone_send;
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &lone), OBOL_OK);   /* init holds RECEIVE: a send would block */
    lone_send = mint(lone, OBOL_RIGHT_SEND);
    struct obol_msg_desc h = ent(nox, OBOL_XFER_DUP, OBOL_SAME_RIGHTS);
    struct obol_msg m = { .desc = &h, .ndesc = 1 };
    CHECK(obol_ipc_send(lone_send, &m), OBOL_ERR_ACCESS_DENIED);
    CHECK(h.result, OBOL_ERR_ACCESS_DENIED);
    struct obol_msg_desc many[OBOL_MSG_DESC_MAX + 1];
    struct obol_msg toomany = { .desc = many, .ndesc = OBOL_MSG_DESC_MAX + 1 };
    CHECK(obol_ipc_send(lone_send, &toomany), OBOL_ERR_INVALID_ARGS);
    struct obol_msg badarr = { .desc = (struct obol_msg_desc *)0x7000000ul, .ndesc = 1 };
    CHECK(obol_ipc_send(lone_send, &badarr), OBOL_ERR_BAD_ADDRESS);
    CHECK(obol_desc_close(lone_send), OBOL_OK);
    CHECK(obol_desc_close(lone), OBOL_OK);
    CHECK(obol_desc_close(nox), OBOL_OK);
    CHECK(obol_desc_close(nodup), OBOL_OK);
    CHECK(obol_desc_close(ok), OBOL_OK);
}

static void test_receiver_side(obol_desc_t region)
{
    int rc;
    struct obol_msg r;
    obol_desc_t d = mint(region, R_REG);
    struct obol_msg_desc e;

    utest_section("the receiver names the slot");
    call(CMD_NEXT, OBOL_MSG_DESC_MAX, 200, 0, 0, &rc);
    e = ent(d, OBOL_XFER_DUP, OBOL_SAME_RIGHTS);
    r = call(CMD_KEEP, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_OK);
    CHECK_EQ(r.words[1], 200);
    CHECK_EQ(r.words[2], R_REG);

    utest_section("a receiver's slot in use: its error, the message stays queued");
    call(CMD_NEXT, OBOL_MSG_DESC_MAX, 200, 0, 0, &rc);
    e = ent(d, OBOL_XFER_DUP, OBOL_SAME_RIGHTS);
    r = call(CMD_KEEP, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_OK);                              /* delivered at the server's next receive */
    CHECK_EQ(r.words[3] & 0xffff, (unsigned long)(OBOL_ERR_ALREADY_EXISTS & 0xffff));
    CHECK_EQ((r.words[3] >> 16) & 0xffff, (unsigned long)(OBOL_ERR_ALREADY_EXISTS & 0xffff));
    CHECK_TRUE(r.words[1] != 200);
    call(CMD_CLOSE, r.words[1], 0, 0, 0, &rc);

    utest_section("a receiver's slot out of range, or no room for descriptors");
    call(CMD_NEXT, OBOL_MSG_DESC_MAX, 256, 0, 0, &rc);
    e = ent(d, OBOL_XFER_DUP, OBOL_SAME_RIGHTS);
    r = call(CMD_KEEP, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_OK);
    CHECK_EQ(r.words[3] & 0xffff, (unsigned long)(OBOL_ERR_INVALID_ARGS & 0xffff));
    call(CMD_CLOSE, r.words[1], 0, 0, 0, &rc);
    call(CMD_NEXT, 0, OBOL_DESC_ANY, 0, 0, &rc);
    e = ent(d, OBOL_XFER_DUP, OBOL_SAME_RIGHTS);
    r = call(CMD_KEEP, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_OK);
    CHECK_EQ(r.words[3] & 0xffff, (unsigned long)(OBOL_ERR_BUFFER_TOO_SMALL & 0xffff));

    utest_section("revoke reaches descriptors that were transferred");
    obol_desc_t kept = (obol_desc_t)r.words[1];
    r = call(CMD_STATUS, 200, 0, 0, 0, &rc);
    CHECK(r.words[1], OBOL_OK);
    CHECK(obol_desc_revoke(d), OBOL_OK);             /* DUPs are d's children */
    r = call(CMD_STATUS, 200, 0, 0, 0, &rc);
    CHECK(r.words[1], OBOL_ERR_REVOKED);
    r = call(CMD_STATUS, kept, 0, 0, 0, &rc);
    CHECK(r.words[1], OBOL_ERR_REVOKED);
    call(CMD_CLOSE, 200, 0, 0, 0, &rc);
    call(CMD_CLOSE, kept, 0, 0, 0, &rc);
    e = ent(d, OBOL_XFER_MOVE, OBOL_SAME_RIGHTS);   /* a MOVE keeps its place under the owner */
    r = call(CMD_KEEP, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_OK);
    kept = (obol_desc_t)r.words[1];
    CHECK(obol_desc_revoke(region), OBOL_OK);
    r = call(CMD_STATUS, kept, 0, 0, 0, &rc);
    CHECK(r.words[1], OBOL_ERR_REVOKED);
    call(CMD_CLOSE, kept, 0, 0, 0, &rc);

    utest_section("a reply carries descriptors back to the caller");
    r = call(CMD_SEND_BACK, 0, 0, 0, 0, &rc);
    CHECK(rc, OBOL_OK);
    CHECK(r.words[1], OBOL_OK);
    obol_desc_t got = (obol_desc_t)(r.words[3] & 0xffffffff);
    struct obol_desc_info info;
    if (!CHECK(obol_desc_info(got, &info), OBOL_OK) || got < 3)
        return;
    CHECK_EQ(info.type, OBOL_TYPE_ENDPOINT);
    CHECK_EQ(info.rights, OBOL_RIGHT_SEND | OBOL_RIGHT_TRANSFER | OBOL_RIGHT_INSPECT);
    CHECK_EQ(info.badge, 0x5eed);
    CHECK(obol_desc_close(got), OBOL_OK);
}

/* The server's own error checks: its receives and replies. */
static void test_server_side(obol_desc_t region)
{
    int rc;
    struct obol_msg r;
    obol_desc_t d = mint(region, R_REG);
    struct obol_msg_desc e;
    static const struct { unsigned long cmd, slot, want; const char *what; } cases[] = {
        { CMD_EXPECT, EP, (unsigned long)OBOL_ERR_ALREADY_EXISTS, "a receive into a slot in use fails, the message stays" },
        { CMD_EXPECT, 300, (unsigned long)OBOL_ERR_INVALID_ARGS, "a receive into a slot out of range fails, the message stays" },
        { CMD_EXPECT_RR, EP, (unsigned long)OBOL_ERR_ALREADY_EXISTS, "so does reply_recv's receive" },
        { CMD_EXPECT_FULL, OBOL_DESC_ANY, (unsigned long)OBOL_ERR_NO_RESOURCES, "a receive with a full table fails, the message stays" },
    };
    for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        utest_section(cases[i].what);
        call(cases[i].cmd, cases[i].slot, cases[i].want, 0, 0, &rc);
        CHECK(rc, OBOL_OK);
        e = ent(d, OBOL_XFER_DUP, OBOL_RIGHT_READ | OBOL_RIGHT_INSPECT);
        r = call(CMD_KEEP, 0, 0, &e, 1, &rc);       /* taken by the server's next receive */
        CHECK(rc, OBOL_OK);
        CHECK(e.result, OBOL_OK);
        CHECK_EQ(r.words[2], OBOL_RIGHT_READ | OBOL_RIGHT_INSPECT);
        call(CMD_CLOSE, r.words[1], 0, 0, 0, &rc);
    }

    utest_section("the replier's entries are checked like a sender's");
    call(CMD_REPLY_ERRORS, 0, 0, 0, 0, &rc);
    CHECK(rc, OBOL_OK);

    utest_section("a reply the caller has no slot for fails; the caller keeps waiting");
    static obol_desc_t fill[256];
    unsigned n = 0;
    while (n < 256 && obol_desc_dup(d, SELF, OBOL_DESC_ANY, OBOL_RIGHT_READ, 0, &fill[n]) == OBOL_OK)
        n++;
    CHECK_TRUE(n > 0 && n < 256);
    call(CMD_REPLY_FULL, 0, 0, 0, 0, &rc);
    CHECK(rc, OBOL_OK);                              /* then answered with words only */
    for (unsigned i = 0; i < n; i++)
        obol_desc_close(fill[i]);
    CHECK(obol_desc_close(d), OBOL_OK);
}

/* A DUP at the derivation depth limit cannot be sent.  The chain is built
 * in init's table; MOVEs (which keep a descriptor's place in the tree) park
 * its upper links with the server to make room. */
static void test_depth_limit(obol_desc_t region)
{
    int rc;
    static obol_desc_t link[256];
    utest_section("a DUP at the depth limit cannot be sent: NO_RESOURCES");
    unsigned long server_base = server_count();
    link[1] = mint(region, R_REG);                   /* depth 1 */
    unsigned depth = 1;
    while (depth < 200 && obol_desc_dup(link[depth], SELF, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &link[depth + 1]) == OBOL_OK)
        depth++;
    CHECK_EQ(depth, 200);
    for (unsigned k = 1; k <= 96; k += 8) {
        struct obol_msg_desc e[8];
        for (unsigned j = 0; j < 8; j++)
            e[j] = ent(link[k + j], OBOL_XFER_MOVE, OBOL_SAME_RIGHTS);
        call(CMD_KEEP, 0, 0, e, 8, &rc);
        CHECK(rc, OBOL_OK);
    }
    while (depth < 255 && obol_desc_dup(link[depth], SELF, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &link[depth + 1]) == OBOL_OK)
        depth++;
    CHECK_EQ(depth, 255);
    obol_desc_t extra;
    CHECK(obol_desc_dup(link[255], SELF, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &extra), OBOL_ERR_NO_RESOURCES);
    struct obol_msg_desc e = ent(link[255], OBOL_XFER_DUP, OBOL_SAME_RIGHTS);
    struct obol_msg m = { .desc = &e, .ndesc = 1 };
    CHECK(obol_ipc_call(send_ep, &m), OBOL_ERR_NO_RESOURCES);
    CHECK(e.result, OBOL_ERR_NO_RESOURCES);
    obol_desc_t lone, lone_send;
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &lone), OBOL_OK);
    lone_send = mint(lone, OBOL_RIGHT_SEND);
    CHECK(obol_ipc_send(lone_send, &m), OBOL_ERR_NO_RESOURCES);
    e = ent(link[255], OBOL_XFER_MOVE, OBOL_RIGHT_READ);   /* a MOVE does not deepen the tree */
    struct obol_msg r = call(CMD_KEEP, 0, 0, &e, 1, &rc);
    CHECK(rc, OBOL_OK);
    CHECK(obol_desc_revoke(region), OBOL_OK);         /* every link, wherever it is */
    struct obol_msg st = call(CMD_STATUS, r.words[1], 0, 0, 0, &rc);
    CHECK(st.words[1], OBOL_ERR_REVOKED);
    call(CMD_CLOSE_REVOKED, 0, 0, 0, 0, &rc);
    for (unsigned k = 97; k < 255; k++)
        CHECK(obol_desc_close(link[k]), OBOL_OK);
    CHECK(obol_desc_close(lone_send), OBOL_OK);
    CHECK(obol_desc_close(lone), OBOL_OK);
    CHECK_EQ(server_count(), server_base);
}

int main(void)
{
    if (obol_start_arg0 == ROLE_SERVER) {
        serve();
        return 0;
    }
    archive = (const void *)obol_start_arg0;
    archive_size = obol_start_arg1;
    struct obol_system_info before, after;
    CHECK(obol_system_info(&before), OBOL_OK);
    const void *elf;
    unsigned long len;
    struct obol_spawn_result c;
    obol_desc_t slot, region;
    CHECK_EQ(obol_archive_find(archive, archive_size, "utest_xfer", &elf, &len), 0);
    CHECK(obol_spawn_load(SELF, elf, len, &c), OBOL_OK);
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &ep), OBOL_OK);
    CHECK(obol_desc_mint(ep, c.process, EP, OBOL_RIGHT_RECEIVE | OBOL_RIGHT_SEND | OBOL_RIGHT_DUPLICATE |
                         OBOL_RIGHT_TRANSFER | OBOL_RIGHT_INSPECT, 0x5eed, &slot), OBOL_OK);
    send_ep = mint(ep, OBOL_RIGHT_SEND);
    CHECK(obol_spawn_start(&c, ROLE_SERVER), OBOL_OK);
    CHECK(obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &region), OBOL_OK);

    test_rights_shrink(region);
    test_entry_errors(region);
    test_receiver_side(region);
    test_server_side(region);
    test_depth_limit(region);

    utest_section("everything given back");
    int rc;
    struct obol_msg fin = call(CMD_STOP, 0, 0, 0, 0, &rc);
    CHECK(rc, OBOL_OK);
    CHECK_TRUE(fin.words[1] > 0);                    /* the server's own checks count too */
    utest_passed += (unsigned)fin.words[1];
    utest_failed += (unsigned)fin.words[2];
    for (int i = 0; i < 100000 && slot_status(c.process) == OBOL_OK; i++)
        obol_thread_yield();
    CHECK(obol_desc_close(c.thread), OBOL_OK);
    CHECK(obol_desc_close(c.process), OBOL_OK);
    CHECK(obol_desc_close(send_ep), OBOL_OK);
    CHECK(obol_desc_close(ep), OBOL_OK);
    CHECK(obol_desc_close(region), OBOL_OK);
    CHECK(obol_system_info(&after), OBOL_OK);
    CHECK_EQ(after.frames_free, before.frames_free);
    CHECK_EQ(after.objects_free, before.objects_free);
    return utest_finish("utest_xfer");
}
