/*
 * In-QEMU test, run as init (init=utest_ipc): endpoints and notifications.
 * Peers are ipc_peer processes (see its modes); what they observe comes back
 * on a report endpoint.
 */
#include <stdio.h>
#include <string.h>
#include <obol/obol.h>
#include <obol/utest.h>

enum { ECHO = 1, CLIENT, WAIT_RECV, WAIT_CALL, WAIT_NOTE, SMALL_BUFFER, EXIT_HOLDING_CALL, WORDS_ECHO, REPLY_RECV_ECHO };
#define ECHO_STOP    0xE817ul
#define ECHO_DOUBLE  0xDEADul
#define PEER_EP      1u
#define PEER_REPORT  2u
#define PEER_NOTE    3u

static const void *archive;
static unsigned long archive_size;
static obol_desc_t report;          /* owner: init receives the peers' reports */

/* Start an ipc_peer in `mode`, minting it ep (with ep_rights) into slot 1,
 * the report endpoint into slot 2 and, if given, a notification into slot 3. */
static int peer(unsigned long mode, obol_desc_t ep, unsigned int ep_rights, obol_desc_t note,
                struct obol_spawn_result *c)
{
    const void *elf;
    unsigned long len;
    obol_desc_t slot;
    if (obol_archive_find(archive, archive_size, "ipc_peer", &elf, &len) != 0)
        return OBOL_ERR_INVALID_ARGS;
    int r = obol_spawn_load(OBOL_INIT_SELF, elf, len, c);
    if (r == OBOL_OK && ep != OBOL_DESC_ANY)
        r = obol_desc_mint(ep, c->process, PEER_EP, ep_rights, 0, &slot);
    if (r == OBOL_OK)
        r = obol_desc_mint(report, c->process, PEER_REPORT, OBOL_RIGHT_SEND, 0, &slot);
    if (r == OBOL_OK && note != OBOL_DESC_ANY)
        r = obol_desc_mint(note, c->process, PEER_NOTE, OBOL_RIGHT_WAIT, 0, &slot);
    if (r == OBOL_OK)
        r = obol_spawn_start(c, mode);
    return r;
}

static void done(struct obol_spawn_result *c)
{
    struct obol_desc_info info;
    for (int i = 0; i < 100000 && obol_desc_info(c->process, &info) == OBOL_OK; i++)
        obol_thread_yield();
    obol_desc_close(c->thread);
    obol_desc_close(c->process);
}

static void settle(void)
{
    for (int i = 0; i < 20; i++)
        obol_thread_yield();                 /* let the peers run until they block */
}

static struct obol_msg get_report(void)
{
    struct obol_msg m = { 0 };
    CHECK(obol_ipc_recv(report, &m), OBOL_OK);
    return m;
}

static void test_create_and_errors(void)
{
    obol_desc_t ep, n, region, weak;
    struct obol_desc_info info;
    struct obol_msg m = { 0 };
    utest_section("create and argument errors");
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &ep), OBOL_OK);
    CHECK(obol_desc_info(ep, &info), OBOL_OK);
    CHECK_EQ(info.type, OBOL_TYPE_ENDPOINT);
    CHECK_EQ(info.rights, OBOL_RIGHTS_COMMON | OBOL_RIGHT_SEND | OBOL_RIGHT_RECEIVE);
    CHECK(obol_notification_create(OBOL_DESC_ANY, &n), OBOL_OK);
    CHECK(obol_desc_info(n, &info), OBOL_OK);
    CHECK_EQ(info.type, OBOL_TYPE_NOTIFICATION);
    CHECK(obol_endpoint_create(ep, &weak), OBOL_ERR_ALREADY_EXISTS);
    CHECK(obol_notification_create(300, &weak), OBOL_ERR_INVALID_ARGS);
    CHECK(obol_region_create(4096, OBOL_DESC_ANY, &region), OBOL_OK);
    CHECK(obol_ipc_send(region, &m), OBOL_ERR_WRONG_TYPE);
    CHECK(obol_ipc_call(n, &m), OBOL_ERR_WRONG_TYPE);
    CHECK(obol_ipc_recv(240, &m), OBOL_ERR_BAD_DESCRIPTOR);
    CHECK(obol_notify_signal(ep, 1), OBOL_ERR_WRONG_TYPE);
    CHECK(obol_notify_wait(region, 0), OBOL_ERR_WRONG_TYPE);
    CHECK(obol_desc_mint(ep, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_RECEIVE, 0, &weak), OBOL_OK);
    CHECK(obol_ipc_send(weak, &m), OBOL_ERR_ACCESS_DENIED);
    CHECK(obol_ipc_call(weak, &m), OBOL_ERR_ACCESS_DENIED);
    CHECK(obol_desc_close(weak), OBOL_OK);
    CHECK(obol_desc_mint(ep, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_SEND, 0, &weak), OBOL_OK);
    CHECK(obol_ipc_recv(weak, &m), OBOL_ERR_ACCESS_DENIED);
    CHECK(obol_desc_close(weak), OBOL_OK);
    CHECK(obol_desc_mint(n, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_WAIT, 0, &weak), OBOL_OK);
    CHECK(obol_notify_signal(weak, 1), OBOL_ERR_ACCESS_DENIED);
    CHECK(obol_desc_close(weak), OBOL_OK);
    CHECK(obol_desc_mint(n, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_SIGNAL, 0, &weak), OBOL_OK);
    CHECK(obol_notify_wait(weak, 0), OBOL_ERR_ACCESS_DENIED);
    CHECK(obol_desc_close(weak), OBOL_OK);
    CHECK(obol_ipc_reply(0, &m), OBOL_ERR_BAD_STATE);
    CHECK(obol_ipc_reply(0xFFFFFFFF00000001ul, &m), OBOL_ERR_BAD_STATE);

    utest_section("message errors are the sender's");
    unsigned char big[OBOL_MSG_DATA_MAX + 1];
    struct obol_msg toolong = { .data = big, .data_len = sizeof big };
    CHECK(obol_ipc_send(ep, &toolong), OBOL_ERR_INVALID_ARGS);
    struct obol_msg badptr = { .data = (void *)0xffffffc080200000ul, .data_len = 8 };
    CHECK(obol_ipc_send(ep, &badptr), OBOL_ERR_BAD_ADDRESS);
    struct obol_msg unmapped = { .data = (void *)0x7000000ul, .data_len = 1 };
    CHECK(obol_ipc_call(ep, &unmapped), OBOL_ERR_BAD_ADDRESS);

    utest_section("notifications in one process");
    unsigned long bits = 0;
    CHECK(obol_notify_signal(n, 0x5), OBOL_OK);
    CHECK(obol_notify_signal(n, 0x40), OBOL_OK);
    CHECK(obol_notify_wait(n, &bits), OBOL_OK);
    CHECK_EQ(bits, 0x45);
    CHECK(obol_desc_close(n), OBOL_OK);
    CHECK(obol_desc_close(ep), OBOL_OK);
    CHECK(obol_desc_close(region), OBOL_OK);
}

static void test_echo_and_badges(void)
{
    obol_desc_t ep, a, b;
    struct obol_spawn_result server, c1, c2, c3;
    utest_section("call and reply, badges, data");
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &ep), OBOL_OK);
    CHECK(peer(ECHO, ep, OBOL_RIGHT_RECEIVE, OBOL_DESC_ANY, &server), OBOL_OK);
    CHECK(obol_desc_mint(ep, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_SEND, 0xA11CE, &a), OBOL_OK);
    CHECK(obol_desc_mint(ep, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_SEND | OBOL_RIGHT_DUPLICATE, 0xB0B, &b),
          OBOL_OK);
    struct obol_msg m = { .words = { 41, 7, 7, 7 } };
    CHECK(obol_ipc_call(a, &m), OBOL_OK);
    CHECK_EQ(m.words[0], 42);
    CHECK_EQ(m.words[1], 0xA11CE);           /* the server saw this caller's badge */
    struct obol_msg m2 = { .words = { 100 } };
    CHECK(obol_ipc_call(b, &m2), OBOL_OK);
    CHECK_EQ(m2.words[0], 101);
    CHECK_EQ(m2.words[1], 0xB0B);
    obol_desc_t bdup;
    CHECK(obol_desc_dup(b, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_SEND, 0, &bdup), OBOL_OK);
    struct obol_msg m3 = { .words = { 1 } };
    CHECK(obol_ipc_call(bdup, &m3), OBOL_OK);
    CHECK_EQ(m3.words[1], 0xB0B);            /* DUP keeps the badge */
    CHECK(obol_ipc_call(ep, &m3), OBOL_OK);
    CHECK_EQ(m3.words[1], 0);                /* the owner has no badge */

    unsigned char out[200], in[OBOL_MSG_DATA_MAX];
    unsigned long sum = 0;
    for (unsigned i = 0; i < sizeof out; i++) {
        out[i] = (unsigned char)(i * 7 + 3);
        sum += out[i];
    }
    struct obol_msg d = { .words = { 9 }, .data = out, .data_len = sizeof out, .data_cap = sizeof out };
    CHECK(obol_ipc_call(a, &d), OBOL_OK);    /* the reply lands in the same buffer */
    CHECK_EQ(d.words[2], sizeof out);
    CHECK_EQ(d.words[3], sum);
    CHECK_EQ(d.data_len, sizeof out);
    CHECK_TRUE(out[0] == (unsigned char)(199 * 7 + 3) && out[199] == 3);
    /* A reply too big for the caller fails for the server; the caller keeps
     * waiting and gets the words-only reply the server sends instead. */
    memset(in, 0x11, sizeof in);
    struct obol_msg small = { .words = { 9 }, .data = in, .data_len = 40, .data_cap = 8 };
    CHECK(obol_ipc_call(a, &small), OBOL_OK);
    CHECK(small.words[2], OBOL_ERR_BUFFER_TOO_SMALL);
    CHECK_EQ(small.data_len, 0);
    CHECK_EQ(in[0], 0x11);

    utest_section("a reply reaches its caller exactly once");
    struct obol_msg dbl = { .words = { ECHO_DOUBLE } };
    CHECK(obol_ipc_call(a, &dbl), OBOL_OK);
    struct obol_msg rep = get_report();
    CHECK_EQ(rep.words[1], OBOL_OK);          /* the first reply */
    CHECK(rep.words[0], OBOL_ERR_BAD_STATE);   /* the second */

    utest_section("a server with several clients");
    CHECK(peer(CLIENT, ep, OBOL_RIGHT_SEND, OBOL_DESC_ANY, &c1), OBOL_OK);
    CHECK(peer(CLIENT, ep, OBOL_RIGHT_SEND | OBOL_RIGHT_INSPECT, OBOL_DESC_ANY, &c2), OBOL_OK);
    CHECK(peer(CLIENT, ep, OBOL_RIGHT_SEND, OBOL_DESC_ANY, &c3), OBOL_OK);
    for (int i = 0; i < 3; i++) {
        struct obol_msg r = get_report();
        CHECK(r.words[0], OBOL_OK);
        CHECK_EQ(r.words[1], 0);               /* wrong replies seen by that client */
    }
    done(&c1);
    done(&c2);
    done(&c3);
    struct obol_msg stop = { .words = { ECHO_STOP } };
    CHECK(obol_ipc_call(a, &stop), OBOL_OK);
    done(&server);
    CHECK(obol_desc_close(a), OBOL_OK);
    CHECK(obol_desc_close(b), OBOL_OK);
    CHECK(obol_desc_close(bdup), OBOL_OK);
    CHECK(obol_desc_close(ep), OBOL_OK);
}

static void test_fast_path(unsigned long mode, const char *what)
{
    obol_desc_t ep, a;
    struct obol_spawn_result server;
    struct obol_system_info before, after;
    utest_section(what);
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &ep), OBOL_OK);
    CHECK(peer(mode, ep, OBOL_RIGHT_RECEIVE, OBOL_DESC_ANY, &server), OBOL_OK);
    CHECK(obol_desc_mint(ep, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_SEND, 0xFA57, &a), OBOL_OK);
    settle();                                /* the server waits in recv, words only */
    CHECK(obol_system_info(&before), OBOL_OK);
    unsigned long wrong = 0;
    for (unsigned long i = 0; i < 100; i++) {
        struct obol_msg m = { .words = { i, 0, i * 3, ~i } };
        if (obol_ipc_call(a, &m) != OBOL_OK || m.words[0] != i + 1 || m.words[1] != 0xFA57 ||
            m.words[2] != ((i * 3) ^ ~i))
            wrong++;
    }
    CHECK_EQ(wrong, 0);
    CHECK(obol_system_info(&after), OBOL_OK);
    /* 100 calls + 100 replies; a timer tick between the server's reply and
     * its next recv sends that call the general way, so most, not all. */
    CHECK_TRUE(after.ipc_fastpath - before.ipc_fastpath >= 150);
    printf("utest_ipc: %llu of 200 calls and replies took the fast path\n",
           after.ipc_fastpath - before.ipc_fastpath);
    /* A caller with buffers goes the general way and sees the same reply. */
    unsigned char buf[8];
    struct obol_msg g = { .words = { 5, 0, 1, 2 }, .data = buf, .data_cap = sizeof buf };
    CHECK(obol_system_info(&before), OBOL_OK);
    CHECK(obol_ipc_call(a, &g), OBOL_OK);
    CHECK(obol_system_info(&after), OBOL_OK);
    CHECK_EQ(g.words[0], 6);
    CHECK_EQ(g.words[1], 0xFA57);
    CHECK_EQ(g.words[2], 3);
    CHECK_EQ(after.ipc_fastpath - before.ipc_fastpath, 0);
    struct obol_msg stop = { .words = { ECHO_STOP } };
    CHECK(obol_ipc_call(a, &stop), OBOL_OK);
    done(&server);
    CHECK(obol_desc_close(a), OBOL_OK);
    CHECK(obol_desc_close(ep), OBOL_OK);
}

static void test_buffer_too_small(void)
{
    obol_desc_t ep;
    struct obol_spawn_result s;
    unsigned char data[40];
    utest_section("a message too big for the receiver stays queued");
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &ep), OBOL_OK);
    CHECK(peer(SMALL_BUFFER, ep, OBOL_RIGHT_RECEIVE, OBOL_DESC_ANY, &s), OBOL_OK);
    settle();
    memset(data, 0x5A, sizeof data);
    struct obol_msg m = { .data = data, .data_len = sizeof data };
    CHECK(obol_ipc_call(ep, &m), OBOL_OK);
    CHECK(m.words[0], OBOL_ERR_BUFFER_TOO_SMALL);
    CHECK(m.words[1], OBOL_OK);
    CHECK_EQ(m.words[2], sizeof data);
    CHECK_EQ(m.words[3], 0x5A);
    done(&s);
    CHECK(obol_desc_close(ep), OBOL_OK);
}

static void test_wakeups(void)
{
    obol_desc_t ep, send, n;
    struct obol_spawn_result p;
    struct obol_msg m = { 0 }, r;

    utest_section("destroy wakes a blocked receiver");
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &ep), OBOL_OK);
    CHECK(peer(WAIT_RECV, ep, OBOL_RIGHT_RECEIVE, OBOL_DESC_ANY, &p), OBOL_OK);
    settle();
    CHECK(obol_desc_destroy(ep), OBOL_OK);
    r = get_report();
    CHECK(r.words[0], OBOL_ERR_OBJECT_DESTROYED);
    done(&p);

    utest_section("the last receiver going away wakes blocked senders");
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &ep), OBOL_OK);
    CHECK(peer(WAIT_CALL, ep, OBOL_RIGHT_SEND, OBOL_DESC_ANY, &p), OBOL_OK);
    settle();
    CHECK(obol_desc_mint(ep, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_SEND, 0, &send), OBOL_OK);
    CHECK(obol_desc_close(ep), OBOL_OK);     /* the owner held the only RECEIVE */
    r = get_report();
    CHECK(r.words[0], OBOL_ERR_PEER_CLOSED);
    CHECK(obol_ipc_send(send, &m), OBOL_ERR_PEER_CLOSED);   /* and new senders fail at once */
    CHECK(obol_desc_close(send), OBOL_OK);
    done(&p);

    utest_section("a server exiting with a call unanswered");
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &ep), OBOL_OK);
    CHECK(peer(EXIT_HOLDING_CALL, ep, OBOL_RIGHT_RECEIVE, OBOL_DESC_ANY, &p), OBOL_OK);
    CHECK(obol_ipc_call(ep, &m), OBOL_ERR_PEER_CLOSED);
    done(&p);
    CHECK(obol_desc_close(ep), OBOL_OK);

    utest_section("a signal wakes a waiter in another process");
    CHECK(obol_notification_create(OBOL_DESC_ANY, &n), OBOL_OK);
    CHECK(peer(WAIT_NOTE, OBOL_DESC_ANY, 0, n, &p), OBOL_OK);
    settle();
    CHECK(obol_notify_signal(n, 0x10), OBOL_OK);
    r = get_report();
    CHECK(r.words[0], OBOL_OK);
    CHECK_EQ(r.words[1], 0x10);
    done(&p);
    CHECK(obol_notify_signal(n, 0), OBOL_OK);   /* no bits: nothing to wake for */
    CHECK(obol_desc_close(n), OBOL_OK);
}

/* The clock signals a notification (obol_notify_timer): once, periodically,
 * disarmed, replaced; the timer goes with its notification; every error. */
static unsigned long wait_bits(obol_desc_t n)
{
    unsigned long bits = 0;
    CHECK(obol_notify_wait(n, &bits), OBOL_OK);
    return bits;
}

static void test_timers(void)
{
    obol_desc_t n1, n2, ep, weak, copy;
    utest_section("a timer signals a notification once");
    CHECK(obol_notification_create(OBOL_DESC_ANY, &n1), OBOL_OK);
    CHECK(obol_notification_create(OBOL_DESC_ANY, &n2), OBOL_OK);
    CHECK(obol_notify_timer(n1, 0x1, 2, 0), OBOL_OK);
    CHECK(obol_notify_timer(n2, 0x2, 8, 0), OBOL_OK);
    CHECK_EQ(wait_bits(n2), 0x2);
    CHECK_EQ(wait_bits(n1), 0x1);                   /* fired earlier, pending */
    CHECK(obol_notify_timer(n2, 0x2, 6, 0), OBOL_OK);
    CHECK_EQ(wait_bits(n2), 0x2);
    CHECK(obol_notify_signal(n1, 0x4), OBOL_OK);
    CHECK_EQ(wait_bits(n1), 0x4);                   /* n1's timer did not fire again */

    utest_section("a periodic timer, disarmed; re-arming replaces");
    CHECK(obol_notify_timer(n1, 0x8, 1, 2), OBOL_OK);
    for (int i = 0; i < 3; i++)
        CHECK_EQ(wait_bits(n1), 0x8);
    CHECK(obol_notify_timer(n1, 0, 0, 0), OBOL_OK);  /* disarm */
    CHECK(obol_notify_signal(n1, 0x10), OBOL_OK);
    CHECK_EQ(wait_bits(n1) & ~0x8ul, 0x10);          /* a tick may have landed before the disarm */
    CHECK(obol_notify_timer(n2, 0x2, 6, 0), OBOL_OK);
    CHECK_EQ(wait_bits(n2), 0x2);
    CHECK(obol_notify_signal(n1, 0x4), OBOL_OK);
    CHECK_EQ(wait_bits(n1), 0x4);                   /* no tick since the disarm */
    CHECK(obol_notify_timer(n1, 0x1, 1000000, 0), OBOL_OK);
    CHECK(obol_notify_timer(n1, 0x2, 2, 0), OBOL_OK);
    CHECK_EQ(wait_bits(n1), 0x2);                   /* the second setting replaced the first */
    CHECK(obol_notify_timer(n1, 0, 0, 0), OBOL_OK);  /* nothing armed: still OK */

    utest_section("at most OBOL_TIMERS_MAX armed; a timer goes with its notification");
    obol_desc_t many[OBOL_TIMERS_MAX];
    int made = 0;
    for (int i = 0; i < OBOL_TIMERS_MAX; i++) {
        if (CHECK(obol_notification_create(OBOL_DESC_ANY, &many[i]), OBOL_OK) &&
            CHECK(obol_notify_timer(many[i], 1, 1000000, 0), OBOL_OK))
            made++;
    }
    CHECK_EQ(made, OBOL_TIMERS_MAX);
    CHECK(obol_notify_timer(n1, 0x1, 2, 0), OBOL_ERR_NO_RESOURCES);
    CHECK(obol_notify_timer(many[0], 1, 5, 0), OBOL_OK);   /* re-arming needs no new entry */
    CHECK(obol_desc_close(many[0]), OBOL_OK);                /* freed: its timer goes */
    CHECK(obol_notify_timer(n1, 0x1, 2, 0), OBOL_OK);
    CHECK(obol_notify_timer(n2, 0x2, 2, 0), OBOL_ERR_NO_RESOURCES);
    CHECK(obol_desc_destroy(many[1]), OBOL_OK);              /* destroyed: its timer goes */
    CHECK(obol_notify_timer(n2, 0x2, 8, 0), OBOL_OK);
    CHECK_EQ(wait_bits(n2), 0x2);
    CHECK_EQ(wait_bits(n1), 0x1);
    for (int i = 2; i < OBOL_TIMERS_MAX; i++)
        CHECK(obol_desc_close(many[i]), OBOL_OK);

    utest_section("notify_timer errors");
    CHECK(obol_endpoint_create(OBOL_DESC_ANY, &ep), OBOL_OK);
    CHECK(obol_notify_timer(240, 1, 1, 0), OBOL_ERR_BAD_DESCRIPTOR);
    CHECK(obol_notify_timer(ep, 1, 1, 0), OBOL_ERR_WRONG_TYPE);
    CHECK(obol_desc_mint(n1, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_WAIT, 0, &weak), OBOL_OK);
    CHECK(obol_notify_timer(weak, 1, 1, 0), OBOL_ERR_ACCESS_DENIED);
    CHECK(obol_notify_timer(n1, 0, 1, 0), OBOL_ERR_INVALID_ARGS);             /* no bits */
    CHECK(obol_notify_timer(n1, 1, OBOL_TIMER_TICKS_MAX + 1, 0), OBOL_ERR_INVALID_ARGS);
    CHECK(obol_notify_timer(n1, 1, 1, OBOL_TIMER_TICKS_MAX + 1), OBOL_ERR_INVALID_ARGS);
    CHECK(obol_desc_mint(n1, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_SIGNAL, 0, &copy), OBOL_OK);
    CHECK(obol_desc_revoke(n1), OBOL_OK);
    CHECK(obol_notify_timer(copy, 1, 1, 0), OBOL_ERR_REVOKED);
    CHECK(obol_desc_close(copy), OBOL_OK);
    CHECK(obol_desc_close(weak), OBOL_OK);
    CHECK(obol_desc_mint(n1, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_SIGNAL, 0, &copy), OBOL_OK);
    CHECK(obol_notify_timer(copy, 1, 3, 1), OBOL_OK);
    CHECK(obol_desc_destroy(n1), OBOL_OK);
    CHECK(obol_notify_timer(copy, 1, 1, 0), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_desc_close(copy), OBOL_OK);
    CHECK(obol_desc_close(n2), OBOL_OK);
    CHECK(obol_desc_close(ep), OBOL_OK);
}

int main(void)
{
    struct obol_system_info before, after;
    archive = (const void *)obol_start_arg0;
    archive_size = obol_start_arg1;
    obol_endpoint_create(OBOL_DESC_ANY, &report);
    obol_system_info(&before);
    test_create_and_errors();
    test_echo_and_badges();
    test_fast_path(WORDS_ECHO, "words-only call and reply take the fast path, with the same results");
    test_fast_path(REPLY_RECV_ECHO, "so do call and reply_recv");
    test_buffer_too_small();
    test_wakeups();
    test_timers();
    utest_section("everything given back");
    CHECK(obol_system_info(&after), OBOL_OK);
    CHECK_EQ(after.frames_free, before.frames_free);
    CHECK_EQ(after.objects_free, before.objects_free);
    CHECK_EQ(after.mappings, before.mappings);
    return utest_finish("utest_ipc");
}
