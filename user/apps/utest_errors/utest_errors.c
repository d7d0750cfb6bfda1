/*
 * In-QEMU test, run as init (init=utest_errors): the (syscall, error) pairs
 * of spec/syscalls/ that the other utest programs do not trigger through
 * the obol_<name>() call itself.  tests/check-abi.sh requires every error a
 * reference page lists to appear here or there as
 *     CHECK(obol_<name>(...), OBOL_ERR_<X>);
 * Groups: REVOKED and OBJECT_DESTROYED through a minted copy (revoke or
 * destroy the owner), a full descriptor table, a full mapping table, and
 * IPC errors that need a second thread (a worker sharing this process).
 */
#include <string.h>
#include <obol/obol.h>
#include <obol/utest.h>

#define ANY       OBOL_DESC_ANY
#define SAME      OBOL_SAME_RIGHTS
#define SELF      OBOL_INIT_SELF
#define BADD      0xFFFFFFF0u           /* a descriptor number no call returns */
#define UNMAPPED  0x1000000000ul        /* 64 GiB: nothing is mapped there */
#define MAP_VA    0x1100000000ul        /* where the mapping table is filled */
#define STACK_VA  0x10000000ul
#define STACK_SIZE (16ul * 1024)

/* The worker thread gets only pc, sp and a0 (no gp, no tp): everything it
 * needs is in the job it is given. */
struct job {
    int op;
    obol_desc_t ep, note, target;
    struct obol_msg msg;
    unsigned char data[16];
    volatile int result;
    volatile int done;
};
enum { JOB_SEND, JOB_CALL, JOB_CLOSE_AFTER_SIGNAL };

static void worker(struct job *j)
{
    unsigned long bits;
    switch (j->op) {
    case JOB_SEND:
        j->result = obol_ipc_send(j->ep, &j->msg);
        break;
    case JOB_CALL:
        j->result = obol_ipc_call(j->ep, &j->msg);
        break;
    case JOB_CLOSE_AFTER_SIGNAL:
        /* The main thread signals and then blocks; let it get there. */
        obol_notify_wait(j->note, &bits);
        for (int i = 0; i < 20; i++)
            obol_thread_yield();
        j->result = obol_desc_close(j->target);
        break;
    }
    j->done = 1;
    obol_thread_exit();
}

static struct job job;
static obol_desc_t stack_region;

static void start_worker(int op)
{
    obol_desc_t t;
    job.op = op;
    job.done = 0;
    CHECK(obol_thread_create(SELF, ANY, &t), OBOL_OK);
    CHECK(obol_thread_start(t, (unsigned long)worker, STACK_VA + STACK_SIZE, (unsigned long)&job),
          OBOL_OK);
    CHECK(obol_desc_close(t), OBOL_OK);
}

static void wait_worker(void)
{
    for (int i = 0; i < 100000 && !job.done; i++)
        obol_thread_yield();
    CHECK_TRUE(job.done);
}

/* A copy of `owner` minted into this process. */
static obol_desc_t copy_of(obol_desc_t owner)
{
    obol_desc_t c = BADD;
    CHECK(obol_desc_mint(owner, SELF, ANY, SAME, 7, &c), OBOL_OK);
    return c;
}

static void test_revoked_destroyed(void)
{
    obol_desc_t p, t, ep, n, c;
    struct obol_msg m;
    unsigned long bits;
    memset(&m, 0, sizeof m);

    utest_section("REVOKED through a minted copy");
    CHECK(obol_process_create(ANY, &p), OBOL_OK);
    c = copy_of(p);
    CHECK(obol_desc_revoke(p), OBOL_OK);
    CHECK(obol_thread_create(c, ANY, &t), OBOL_ERR_REVOKED);
    CHECK(obol_desc_close(c), OBOL_OK);
    CHECK(obol_desc_destroy(p), OBOL_OK);

    CHECK(obol_thread_create(SELF, ANY, &t), OBOL_OK);
    c = copy_of(t);
    CHECK(obol_desc_revoke(t), OBOL_OK);
    CHECK(obol_thread_start(c, 0x10000, STACK_VA + STACK_SIZE, 0), OBOL_ERR_REVOKED);
    CHECK(obol_desc_close(c), OBOL_OK);
    CHECK(obol_desc_destroy(t), OBOL_OK);

    CHECK(obol_endpoint_create(ANY, &ep), OBOL_OK);
    c = copy_of(ep);
    CHECK(obol_desc_revoke(ep), OBOL_OK);
    CHECK(obol_ipc_send(c, &m), OBOL_ERR_REVOKED);
    CHECK(obol_ipc_call(c, &m), OBOL_ERR_REVOKED);
    CHECK(obol_ipc_recv(c, &m), OBOL_ERR_REVOKED);
    CHECK(obol_desc_close(c), OBOL_OK);
    CHECK(obol_desc_destroy(ep), OBOL_OK);

    CHECK(obol_notification_create(ANY, &n), OBOL_OK);
    c = copy_of(n);
    CHECK(obol_desc_revoke(n), OBOL_OK);
    CHECK(obol_notify_signal(c, 1), OBOL_ERR_REVOKED);
    CHECK(obol_notify_wait(c, &bits), OBOL_ERR_REVOKED);
    CHECK(obol_desc_close(c), OBOL_OK);
    CHECK(obol_desc_destroy(n), OBOL_OK);

    utest_section("OBJECT_DESTROYED through a minted copy");
    CHECK(obol_process_create(ANY, &p), OBOL_OK);
    c = copy_of(p);
    CHECK(obol_desc_destroy(p), OBOL_OK);
    CHECK(obol_thread_create(c, ANY, &t), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_desc_close(c), OBOL_OK);

    CHECK(obol_thread_create(SELF, ANY, &t), OBOL_OK);
    c = copy_of(t);
    CHECK(obol_desc_destroy(t), OBOL_OK);
    CHECK(obol_thread_start(c, 0x10000, STACK_VA + STACK_SIZE, 0), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_desc_close(c), OBOL_OK);

    CHECK(obol_endpoint_create(ANY, &ep), OBOL_OK);
    c = copy_of(ep);
    CHECK(obol_desc_destroy(ep), OBOL_OK);
    CHECK(obol_ipc_send(c, &m), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_ipc_call(c, &m), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_ipc_recv(c, &m), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_desc_close(c), OBOL_OK);

    CHECK(obol_notification_create(ANY, &n), OBOL_OK);
    c = copy_of(n);
    CHECK(obol_desc_destroy(n), OBOL_OK);
    CHECK(obol_notify_signal(c, 1), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_notify_wait(c, &bits), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_desc_close(c), OBOL_OK);

    utest_section("BAD_DESCRIPTOR, WRONG_TYPE, bad destinations");
    CHECK(obol_ipc_send(BADD, &m), OBOL_ERR_BAD_DESCRIPTOR);
    CHECK(obol_ipc_call(BADD, &m), OBOL_ERR_BAD_DESCRIPTOR);
    CHECK(obol_notify_signal(BADD, 1), OBOL_ERR_BAD_DESCRIPTOR);
    CHECK(obol_notify_wait(BADD, &bits), OBOL_ERR_BAD_DESCRIPTOR);
    CHECK(obol_notification_create(ANY, &n), OBOL_OK);
    CHECK(obol_ipc_recv(n, &m), OBOL_ERR_WRONG_TYPE);
    CHECK(obol_desc_destroy(n), OBOL_OK);
    CHECK(obol_endpoint_create(256, &ep), OBOL_ERR_INVALID_ARGS);
    CHECK(obol_notification_create(SELF, &n), OBOL_ERR_ALREADY_EXISTS);
}

static void test_full_table(void)
{
    static obol_desc_t made[256];
    unsigned count = 0;
    obol_desc_t d;
    utest_section("NO_RESOURCES: a full descriptor table");
    while (count < 256 && obol_endpoint_create(ANY, &d) == OBOL_OK)
        made[count++] = d;
    CHECK(obol_endpoint_create(ANY, &d), OBOL_ERR_NO_RESOURCES);
    CHECK(obol_notification_create(ANY, &d), OBOL_ERR_NO_RESOURCES);
    CHECK(obol_thread_create(SELF, ANY, &d), OBOL_ERR_NO_RESOURCES);
    for (unsigned i = 0; i < count; i++)
        CHECK(obol_desc_destroy(made[i]), OBOL_OK);
}

static void test_full_mappings(void)
{
    obol_desc_t r;
    unsigned long i, mapped = 0;
    int st = OBOL_OK;
    utest_section("NO_RESOURCES: a full mapping table");
    CHECK(obol_region_create(OBOL_PAGE_SIZE, ANY, &r), OBOL_OK);
    for (i = 0; i < 2048; i++) {
        st = obol_region_map(r, SELF, MAP_VA + i * OBOL_PAGE_SIZE, OBOL_RIGHT_READ);
        if (st != OBOL_OK)
            break;
        mapped++;
    }
    CHECK(st, OBOL_ERR_NO_RESOURCES);
    CHECK(obol_region_map(r, SELF, MAP_VA + mapped * OBOL_PAGE_SIZE, OBOL_RIGHT_READ),
          OBOL_ERR_NO_RESOURCES);
    for (i = 0; i < mapped; i++)
        CHECK(obol_region_unmap(SELF, MAP_VA + i * OBOL_PAGE_SIZE), OBOL_OK);
    CHECK(obol_desc_destroy(r), OBOL_OK);
}

static void test_ipc(void)
{
    obol_desc_t ep, n, note;
    struct obol_msg m;
    unsigned char buf[16];
    unsigned long bits;

    utest_section("ipc_recv: the receiver's buffers");
    CHECK(obol_endpoint_create(ANY, &ep), OBOL_OK);
    memset(&job, 0, sizeof job);
    job.ep = ep;
    job.msg.data = job.data;
    job.msg.data_len = 8;
    start_worker(JOB_SEND);
    memset(&m, 0, sizeof m);            /* words only: no room for data */
    CHECK(obol_ipc_recv(ep, &m), OBOL_ERR_BUFFER_TOO_SMALL);
    memset(&m, 0, sizeof m);
    m.data = (void *)UNMAPPED;
    m.data_cap = sizeof buf;
    CHECK(obol_ipc_recv(ep, &m), OBOL_ERR_BAD_ADDRESS);
    memset(&m, 0, sizeof m);
    m.data = buf;
    m.data_cap = sizeof buf;
    CHECK(obol_ipc_recv(ep, &m), OBOL_OK);      /* the message stayed first */
    CHECK_EQ(m.data_len, 8);
    wait_worker();
    CHECK(job.result, OBOL_OK);

    utest_section("ipc_call: a message too large");
    memset(&m, 0, sizeof m);
    m.data = buf;
    m.data_len = OBOL_MSG_DATA_MAX + 1;
    CHECK(obol_ipc_call(ep, &m), OBOL_ERR_INVALID_ARGS);

    utest_section("ipc_reply: the replier's message and the caller's buffers");
    memset(&job, 0, sizeof job);
    job.ep = ep;                        /* a words-only call: no room for a reply's data */
    start_worker(JOB_CALL);
    memset(&m, 0, sizeof m);
    CHECK(obol_ipc_recv(ep, &m), OBOL_OK);
    unsigned long token = m.reply_token;
    CHECK_TRUE(token != 0);
    memset(&m, 0, sizeof m);
    m.data = buf;
    m.data_len = OBOL_MSG_DATA_MAX + 1;
    CHECK(obol_ipc_reply(token, &m), OBOL_ERR_INVALID_ARGS);
    m.data = (void *)UNMAPPED;
    m.data_len = 8;
    CHECK(obol_ipc_reply(token, &m), OBOL_ERR_BAD_ADDRESS);
    m.data = buf;
    CHECK(obol_ipc_reply(token, &m), OBOL_ERR_BUFFER_TOO_SMALL);
    memset(&m, 0, sizeof m);
    m.words[0] = 42;
    CHECK(obol_ipc_reply(token, &m), OBOL_OK);  /* the caller kept waiting */
    wait_worker();
    CHECK(job.result, OBOL_OK);
    CHECK_EQ(job.msg.words[0], 42);

    utest_section("PEER_CLOSED: the object freed under a blocked waiter");
    CHECK(obol_notification_create(ANY, &note), OBOL_OK);
    CHECK(obol_endpoint_create(ANY, &n), OBOL_OK);
    memset(&job, 0, sizeof job);
    job.note = note;
    job.target = n;                     /* our only descriptor to it */
    start_worker(JOB_CLOSE_AFTER_SIGNAL);
    CHECK(obol_notify_signal(note, 1), OBOL_OK);
    memset(&m, 0, sizeof m);
    CHECK(obol_ipc_recv(n, &m), OBOL_ERR_PEER_CLOSED);
    wait_worker();
    CHECK(job.result, OBOL_OK);

    CHECK(obol_notification_create(ANY, &n), OBOL_OK);
    memset(&job, 0, sizeof job);
    job.note = note;
    job.target = n;
    start_worker(JOB_CLOSE_AFTER_SIGNAL);
    CHECK(obol_notify_signal(note, 1), OBOL_OK);
    CHECK(obol_notify_wait(n, &bits), OBOL_ERR_PEER_CLOSED);
    wait_worker();
    CHECK(job.result, OBOL_OK);

    CHECK(obol_desc_destroy(note), OBOL_OK);
    CHECK(obol_desc_destroy(ep), OBOL_OK);
}

/* ipc_reply_recv: the endpoint is checked before the reply, so every one of
 * these errors leaves the caller waiting for the good reply at the end. */
static void test_reply_recv(void)
{
    obol_desc_t e, e2, e3, c, sendonly, n, note;
    unsigned char buf[OBOL_MSG_DATA_MAX + 44];
    struct obol_msg m;
    utest_section("ipc_reply_recv");
    CHECK(obol_endpoint_create(ANY, &e), OBOL_OK);
    memset(&job, 0, sizeof job);
    job.ep = e;
    job.msg.words[0] = 1;
    start_worker(JOB_CALL);
    memset(&m, 0, sizeof m);
    CHECK(obol_ipc_reply_recv(0, e, &m), OBOL_OK);      /* token 0: only receive */
    unsigned long token = m.reply_token;
    CHECK_TRUE(token != 0);
    CHECK(obol_ipc_reply_recv(token, 250, &m), OBOL_ERR_BAD_DESCRIPTOR);
    CHECK(obol_ipc_reply_recv(token, stack_region, &m), OBOL_ERR_WRONG_TYPE);
    CHECK(obol_desc_mint(e, SELF, ANY, OBOL_RIGHT_SEND, 0, &sendonly), OBOL_OK);
    CHECK(obol_ipc_reply_recv(token, sendonly, &m), OBOL_ERR_ACCESS_DENIED);
    CHECK(obol_endpoint_create(ANY, &e2), OBOL_OK);
    c = copy_of(e2);
    CHECK(obol_desc_revoke(e2), OBOL_OK);
    CHECK(obol_ipc_reply_recv(token, c, &m), OBOL_ERR_REVOKED);
    CHECK(obol_desc_close(c), OBOL_OK);
    CHECK(obol_endpoint_create(ANY, &e3), OBOL_OK);
    c = copy_of(e3);
    CHECK(obol_desc_destroy(e3), OBOL_OK);
    CHECK(obol_ipc_reply_recv(token, c, &m), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_desc_close(c), OBOL_OK);
    CHECK(obol_ipc_reply_recv(token ^ 1, e, &m), OBOL_ERR_BAD_STATE);
    struct obol_msg big = { .data = buf, .data_len = OBOL_MSG_DATA_MAX + 1 };
    CHECK(obol_ipc_reply_recv(token, e2, &big), OBOL_ERR_INVALID_ARGS);
    struct obol_msg bad = { .data = (void *)0xffffffc080200000ul, .data_len = 8 };
    CHECK(obol_ipc_reply_recv(token, e2, &bad), OBOL_ERR_BAD_ADDRESS);
    struct obol_msg some = { .data = buf, .data_len = 8 };
    CHECK(obol_ipc_reply_recv(token, e2, &some), OBOL_ERR_BUFFER_TOO_SMALL);   /* no room at the caller */
    memset(&m, 0, sizeof m);
    m.words[0] = 42;
    CHECK(obol_ipc_reply(token, &m), OBOL_OK);          /* the caller kept waiting */
    wait_worker();
    CHECK(job.result, OBOL_OK);
    CHECK_EQ(job.msg.words[0], 42);

    /* Blocked in its receive half when the endpoint's last descriptor goes. */
    CHECK(obol_notification_create(ANY, &note), OBOL_OK);
    CHECK(obol_endpoint_create(ANY, &n), OBOL_OK);
    memset(&job, 0, sizeof job);
    job.note = note;
    job.target = n;
    start_worker(JOB_CLOSE_AFTER_SIGNAL);
    CHECK(obol_notify_signal(note, 1), OBOL_OK);
    memset(&m, 0, sizeof m);
    CHECK(obol_ipc_reply_recv(0, n, &m), OBOL_ERR_PEER_CLOSED);
    wait_worker();
    CHECK(job.result, OBOL_OK);
    CHECK(obol_desc_close(note), OBOL_OK);
    CHECK(obol_desc_close(sendonly), OBOL_OK);
    CHECK(obol_desc_close(e), OBOL_OK);
    CHECK(obol_desc_close(e2), OBOL_OK);
}

int main(void)
{
    struct obol_system_info before, after;
    CHECK(obol_system_info(&before), OBOL_OK);
    CHECK(obol_region_create(STACK_SIZE, ANY, &stack_region), OBOL_OK);
    CHECK(obol_region_map(stack_region, SELF, STACK_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE), OBOL_OK);

    test_revoked_destroyed();
    test_full_table();
    test_full_mappings();
    test_ipc();
    test_reply_recv();

    utest_section("everything given back");
    CHECK(obol_region_unmap(SELF, STACK_VA), OBOL_OK);
    CHECK(obol_desc_destroy(stack_region), OBOL_OK);
    obol_thread_yield();                /* let the kernel reap what died */
    CHECK(obol_system_info(&after), OBOL_OK);
    CHECK_EQ(after.objects_free, before.objects_free);
    CHECK_EQ(after.mappings, before.mappings);
    return utest_finish("utest_errors");
}
