/*
 * Synchronous IPC on endpoints, and notifications.
 *
 * A message is 4 words in registers, up to OBOL_MSG_DATA_MAX bytes and up to
 * OBOL_MSG_DESC_MAX descriptors (abi.h).  Send and receive rendezvous: the
 * first to arrive blocks in the endpoint's queue, FIFO.  A call is a send
 * that then waits for the reply; the receiver gets a reply token naming the
 * caller and the call (a generation number), so a reply reaches that caller
 * exactly once and a stale or repeated token fails with BAD_STATE.  A server
 * thread may hold any number of unanswered calls.
 *
 * The kernel never blocks: a blocked thread's result is written into its
 * saved registers by whoever wakes it.
 */
#include "object.h"
#include "cap/cap_lookup.h"
#include "sched.h"
#include "kernel.h"
#include "uaccess.h"
#include "lib/string.h"

int descs_dropped;
/* Threads waiting in WAIT_SEND, listed through send_next/send_prev; the
 * count is the list's length, kept so that note_descs_dropped (on CLOSE's
 * fast path) tests it with one `or`. */
uint32_t senders_blocked;
static uint32_t senders_head = NONE;

/* Every call gets a fresh generation from this counter, so a token stays
 * stale even after its thread object is freed and reused.  Generations are
 * odd (2^31 of them before one comes back): never 0, which marks a spent
 * token, and no test for it on the fast path. */
static uint32_t call_generation = 1;

static uint32_t next_generation(void)
{
    call_generation += 2;
    return call_generation;
}

#define REG_A0 10
#define REG_A1 11
#define REG_A2 12
#define REG_A6 16
#define REG_A7 17

/* ---- wait queues ---------------------------------------------------------- */

static void wq_push(struct wait_queue *q, uint32_t t)
{
    thread_of(t)->wait_next = NONE;
    if (q->head == NONE)
        q->head = t;
    else
        thread_of(q->tail)->wait_next = t;
    q->tail = t;
}

static uint32_t wq_pop(struct wait_queue *q)
{
    uint32_t t = q->head;
    if (t != NONE) {
        q->head = thread_of(t)->wait_next;
        if (q->head == NONE)
            q->tail = NONE;
    }
    return t;
}

static void wq_push_front(struct wait_queue *q, uint32_t t)
{
    thread_of(t)->wait_next = q->head;
    q->head = t;
    if (q->tail == NONE)
        q->tail = t;
}

static void wq_remove(struct wait_queue *q, uint32_t t)
{
    uint32_t prev = NONE;
    for (uint32_t cur = q->head; cur != NONE; prev = cur, cur = thread_of(cur)->wait_next) {
        if (cur != t)
            continue;
        if (prev == NONE)
            q->head = thread_of(cur)->wait_next;
        else
            thread_of(prev)->wait_next = thread_of(cur)->wait_next;
        if (q->tail == t)
            q->tail = prev;
        return;
    }
}

static struct wait_queue *queue_of(struct thread *t)
{
    switch (t->wait) {
    case WAIT_SEND: return &endpoint_of(t->wait_obj)->senders;
    case WAIT_RECV: return &endpoint_of(t->wait_obj)->receivers;
    case WAIT_NOTIFY: return &notification_of(t->wait_obj)->waiters;
    default: return 0;
    }
}

/* Type of object o if it is alive, else 0. */
static uint32_t live_type(uint32_t o)
{
    return CAP_O(state, o) == CAP_OALIVE ? CAP_O(type, o) : 0;
}

/* Does any live descriptor to obj hold `right`?  The core keeps each
 * object's LIVE descriptors in a list (cap_o_ohead, cap_d_onext): a walk
 * of obj's references, not of every slot. */
static int obj_has_right(uint32_t obj, uint32_t right)
{
    for (uint32_t g = CAP_O(ohead, obj); g != CAP_NONE; g = CAP_D(onext, g))
        if (CAP_D(rights, g) & right)
            return 1;
    return 0;
}

/* ---- blocking ---------------------------------------------------------------- */

/* Every change of t->wait to or from WAIT_SEND goes through here: it keeps
 * the list of blocked senders that ipc_check_peers walks. */
static void set_wait(uint32_t obj, uint32_t kind)
{
    struct thread *t = thread_of(obj);
    if (t->wait == WAIT_SEND && kind != WAIT_SEND) {
        senders_blocked--;
        if (t->send_prev == NONE)
            senders_head = t->send_next;
        else
            thread_of(t->send_prev)->send_next = t->send_next;
        if (t->send_next != NONE)
            thread_of(t->send_next)->send_prev = t->send_prev;
    } else if (kind == WAIT_SEND && t->wait != WAIT_SEND) {
        senders_blocked++;
        t->send_prev = NONE;
        t->send_next = senders_head;
        if (senders_head != NONE)
            thread_of(senders_head)->send_prev = obj;
        senders_head = obj;
    }
    t->wait = kind;
}

void thread_block(uint32_t obj, uint32_t kind, uint32_t wait_obj)
{
    struct thread *t = thread_of(obj);
    sched_dequeue(obj);
    t->state = THREAD_BLOCKED;
    set_wait(obj, kind);
    t->wait_obj = wait_obj;
    threads_blocked++;
    struct wait_queue *q = queue_of(t);
    if (q)
        wq_push(q, obj);
}

/* Make a blocked thread runnable with `status` in a0.  It must already be
 * out of any wait queue. */
void thread_wake(uint32_t obj, long status)
{
    struct thread *t = thread_of(obj);
    t->state = THREAD_RUNNABLE;
    set_wait(obj, WAIT_NONE);
    t->tf.regs[REG_A0] = (uint64_t)status;
    threads_blocked--;
    sched_enqueue(obj);
}

void ipc_cancel(uint32_t obj)
{
    struct thread *t = thread_of(obj);
    struct wait_queue *q = queue_of(t);
    if (q)
        wq_remove(q, obj);
    set_wait(obj, WAIT_NONE);
    threads_blocked--;
}

static void wake_all(struct wait_queue *q, long status)
{
    uint32_t t;
    while ((t = wq_pop(q)) != NONE)
        thread_wake(t, status);
}

void ipc_object_init(uint32_t obj, uint32_t type)
{
    if (type == OBOL_TYPE_ENDPOINT) {
        struct endpoint *e = endpoint_of(obj);
        e->senders.head = e->senders.tail = NONE;
        e->receivers.head = e->receivers.tail = NONE;
    } else {
        struct notification *n = notification_of(obj);
        n->bits = 0;
        n->waiters.head = n->waiters.tail = NONE;
    }
}

void ipc_object_gone(uint32_t obj, uint32_t type, long status)
{
    if (type == OBOL_TYPE_ENDPOINT) {
        wake_all(&endpoint_of(obj)->senders, status);
        wake_all(&endpoint_of(obj)->receivers, status);
    } else if (type == OBOL_TYPE_NOTIFICATION) {
        notify_timer_cancel(obj);
        wake_all(&notification_of(obj)->waiters, status);
    }
}

/* A process that exited can answer no call: its callers get PEER_CLOSED. */
void ipc_process_gone(uint32_t proc)
{
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS && threads_blocked; o++) {
        if (live_type(o) != OBOL_TYPE_THREAD)
            continue;
        struct thread *t = thread_of(o);
        if (t->state == THREAD_BLOCKED && t->wait == WAIT_REPLY && t->reply_proc == proc)
            thread_wake(o, OBOL_ERR_PEER_CLOSED);
    }
}

/* Senders blocked on an endpoint that no descriptor can receive from any
 * more will never be served: wake them with PEER_CLOSED.  Called after every
 * operation that may drop descriptors; it looks only at the endpoints some
 * thread is blocked sending on (found through the list of such threads). */
void ipc_check_peers(void)
{
    uint32_t t = senders_head;
    while (t != NONE) {
        uint32_t ep = thread_of(t)->wait_obj;
        if (live_type(ep) == OBOL_TYPE_ENDPOINT && !obj_has_right(ep, OBOL_RIGHT_RECEIVE)) {
            /* takes its senders off the list: look again from the start */
            wake_all(&endpoint_of(ep)->senders, OBOL_ERR_PEER_CLOSED);
            t = senders_head;
        } else {
            t = thread_of(t)->send_next;
        }
    }
}

/* ---- messages ------------------------------------------------------------------ */

/* What a message carries beyond its words, as read from the sender. */
struct msg_body {
    uint32_t len;
    uint32_t ndesc;
    uint64_t desc_up;                           /* sender's obol_msg_desc array */
    struct obol_msg_desc desc[OBOL_MSG_DESC_MAX];
    uint8_t data[OBOL_MSG_DATA_MAX];
};

static pte_t *root_of(struct thread *t)
{
    return proc_of(t->proc)->root;
}

static uint32_t table_of(struct thread *t)
{
    return proc_of(t->proc)->table;
}

/* Read the body of the message thread s is sending (its a1 points at a
 * struct obol_msg, or is 0 for words only).  The descriptor entries must
 * be writable too: each entry's result is written back. */
static int body_read(struct thread *s, struct msg_body *b)
{
    struct obol_msg um;
    uint64_t up = s->tf.regs[REG_A1];
    b->len = b->ndesc = 0;
    if (!up)
        return OBOL_OK;
    int r = copy_from_user(root_of(s), &um, up, sizeof um, 8);
    if (r != OBOL_OK)
        return r;
    if (um.data_len > OBOL_MSG_DATA_MAX || um.ndesc > OBOL_MSG_DESC_MAX)
        return OBOL_ERR_INVALID_ARGS;
    size_t dbytes = um.ndesc * sizeof(struct obol_msg_desc);
    if (um.ndesc != 0) {
        if ((r = user_writable(root_of(s), (uint64_t)um.desc, dbytes, 4)) != OBOL_OK ||
            (r = copy_from_user(root_of(s), b->desc, (uint64_t)um.desc, dbytes, 4)) != OBOL_OK)
            return r;
    }
    b->ndesc = um.ndesc;
    b->desc_up = (uint64_t)um.desc;
    b->len = um.data_len;
    if (um.data_len == 0)
        return OBOL_OK;                 /* no bytes: the pointer is not used */
    return copy_from_user(root_of(s), b->data, (uint64_t)um.data, um.data_len, 1);
}

/* Load the sender's side of body b's descriptors into the core's request. */
static void xfer_load(const struct msg_body *b)
{
    for (uint32_t i = 0; i < b->ndesc; i++) {
        cap_x_src[i] = b->desc[i].desc;
        cap_x_op[i] = b->desc[i].op;
        cap_x_rights[i] = b->desc[i].rights;
    }
}

/* Write each entry's result into the sender's array (checked writable). */
static void xfer_report(struct thread *s, struct msg_body *b)
{
    for (uint32_t i = 0; i < b->ndesc; i++)
        b->desc[i].result = cap_x_result[i];
    copy_to_user(root_of(s), b->desc_up, b->desc, b->ndesc * sizeof b->desc[0], 4);
}

/* Check the descriptors s is about to send, before it blocks: a bad entry
 * fails the send at once (each entry's result written back). */
static int body_check(struct thread *s, struct msg_body *b)
{
    if (b->ndesc == 0)
        return OBOL_OK;
    xfer_load(b);
    int rc = cap_xfer_check(table_of(s), b->ndesc);
    if (rc != OBOL_OK)
        xfer_report(s, b);
    return rc;
}

/* Where receiver r wants arriving descriptors (its entries' desc field, or
 * ANY for every entry of a call's reply), checked writable. */
struct msg_dest {
    uint64_t up;
    struct obol_msg_desc desc[OBOL_MSG_DESC_MAX];
};

/* Check that receiver r can take body b, without writing anything. */
static int body_fits(struct thread *r, const struct msg_body *b, struct obol_msg *um,
                     struct msg_dest *d, int reply)
{
    uint64_t up = r->tf.regs[REG_A1];
    if (!up)
        return (b->len || b->ndesc) ? OBOL_ERR_BUFFER_TOO_SMALL : OBOL_OK;
    int rc = copy_from_user(root_of(r), um, up, sizeof *um, 8);
    if (rc != OBOL_OK)
        return rc;
    if (um->data_cap < b->len || um->desc_cap < b->ndesc)
        return OBOL_ERR_BUFFER_TOO_SMALL;
    if (b->ndesc == 0)
        return OBOL_OK;
    size_t dbytes = b->ndesc * sizeof(struct obol_msg_desc);
    d->up = (uint64_t)um->desc;
    if ((rc = user_writable(root_of(r), d->up, dbytes, 4)) != OBOL_OK ||
        (rc = copy_from_user(root_of(r), d->desc, d->up, dbytes, 4)) != OBOL_OK)
        return rc;
    for (uint32_t i = 0; i < b->ndesc; i++)
        cap_x_dest[i] = reply ? OBOL_DESC_ANY : d->desc[i].desc;
    return OBOL_OK;
}

/* Both of r's destinations (its struct obol_msg and its data buffer) must
 * take the write before anything is written or moved. */
static int body_writable(struct thread *r, const struct msg_body *b, const struct obol_msg *um)
{
    uint64_t up = r->tf.regs[REG_A1];
    if (!up)
        return OBOL_OK;
    int rc = user_writable(root_of(r), up, sizeof *um, 8);
    if (rc == OBOL_OK && b->len != 0)
        rc = user_writable(root_of(r), (uint64_t)um->data, b->len, 1);
    return rc;
}

/* Deliver to r (checked by body_writable): the data and the received
 * lengths into its struct obol_msg. */
static void body_deliver(struct thread *r, const struct msg_body *b, struct obol_msg *um)
{
    uint64_t up = r->tf.regs[REG_A1];
    if (up) {
        if (b->len != 0)
            copy_to_user(root_of(r), (uint64_t)um->data, b->data, b->len, 1);
        um->data_len = b->len;
        um->ndesc = b->ndesc;
        copy_to_user(root_of(r), up, um, sizeof *um, 8);
    }
}

/* The descriptors of body b go from s's table to r's (all or nothing), and
 * both sides learn each entry's outcome.  Returns r's error; *sender_err
 * gets s's. */
static int body_transfer(struct thread *s, struct thread *r, struct msg_body *b,
                         struct msg_dest *d, int *sender_err)
{
    if (b->ndesc == 0)
        return OBOL_OK;
    xfer_load(b);
    int side = 0;
    int rc = cap_transfer(table_of(s), table_of(r), b->ndesc, &side);
    if (rc != OBOL_OK && side == CAP_XFER_SENDER) {
        xfer_report(s, b);
        *sender_err = rc;
        return OBOL_OK;
    }
    for (uint32_t i = 0; i < b->ndesc; i++) {
        d->desc[i].result = cap_x_result[i];
        if (rc == OBOL_OK) {
            d->desc[i].desc = cap_x_slot[i];
            d->desc[i].op = b->desc[i].op;
            d->desc[i].rights = cap_x_nr[i];
        }
    }
    copy_to_user(root_of(r), d->up, d->desc, b->ndesc * sizeof d->desc[0], 4);
    if (rc != OBOL_OK)
        return rc;          /* the receiver's slots: nothing moved, it's told why */
    xfer_report(s, b);
    ipc_check_peers();      /* a MOVE with fewer rights may have dropped RECEIVE */
    return OBOL_OK;
}

/*
 * Move one message from sender s to receiver r.  A fault in s's buffers or
 * descriptors is s's error (returned as *sender_err); r's buffers being too
 * small or bad, or its slots unusable, is r's error (the return value).
 * Nothing is delivered unless both are fine: every check on r's buffers is
 * made before the descriptors move, and after they move nothing can fail.
 */
static int transfer(uint32_t s_obj, uint32_t r_obj, int *sender_err, int reply)
{
    static struct msg_body body;
    static struct msg_dest dest;
    struct obol_msg um;
    struct thread *s = thread_of(s_obj), *r = thread_of(r_obj);
    *sender_err = body_read(s, &body);
    if (*sender_err == OBOL_OK)
        *sender_err = body_check(s, &body);     /* the sender's own errors come first */
    if (*sender_err != OBOL_OK)
        return OBOL_OK;
    int rc = body_fits(r, &body, &um, &dest, reply);
    if (rc == OBOL_OK)
        rc = body_writable(r, &body, &um);
    if (rc == OBOL_OK)
        rc = body_transfer(s, r, &body, &dest, sender_err);
    if (rc != OBOL_OK || *sender_err != OBOL_OK)
        return rc;
    body_deliver(r, &body, &um);
    for (int i = 0; i < OBOL_MSG_WORDS; i++)
        r->tf.regs[REG_A2 + i] = s->tf.regs[REG_A2 + i];
    r->tf.regs[REG_A7] = body.len | ((uint64_t)body.ndesc << 32);
    return OBOL_OK;
}

/* Receiver r has taken a message from s: s waits for its reply or is done. */
static void sender_done(uint32_t s_obj, uint32_t r_obj)
{
    struct thread *s = thread_of(s_obj), *r = thread_of(r_obj);
    r->tf.regs[REG_A1] = s->badge;
    if (s->call) {
        s->reply_gen = next_generation();
        s->reply_proc = r->proc;
        r->tf.regs[REG_A6] = ((uint64_t)s_obj << 32) | s->reply_gen;
        if (s->state == THREAD_BLOCKED) {
            set_wait(s_obj, WAIT_REPLY);
        } else {
            thread_block(s_obj, WAIT_REPLY, NONE);
        }
    } else {
        r->tf.regs[REG_A6] = 0;
        if (s->state == THREAD_BLOCKED)
            thread_wake(s_obj, OBOL_OK);
        else
            s->tf.regs[REG_A0] = OBOL_OK;
    }
}

/* The current thread sends (or calls) on endpoint ep with `badge`. */
int ipc_send(uint32_t ep, uint64_t badge, int call)
{
    struct endpoint *e = endpoint_of(ep);
    struct thread *s = thread_of(current);
    s->badge = badge;
    s->call = (uint32_t)call;
    for (;;) {
        uint32_t r = wq_pop(&e->receivers);
        if (r == NONE)
            break;
        int sender_err;
        int rc = transfer(current, r, &sender_err, 0);
        if (sender_err != OBOL_OK) {
            wq_push_front(&e->receivers, r);    /* back in line: nothing happened to it */
            return sender_err;
        }
        if (rc != OBOL_OK) {
            thread_wake(r, rc);             /* its buffers were wrong; try the next */
            continue;
        }
        thread_wake(r, OBOL_OK);
        sender_done(current, r);
        return OBOL_OK;
    }
    /* No receiver waiting: the message must be readable before we block. */
    struct msg_body check;
    int rc = body_read(s, &check);
    if (rc == OBOL_OK)
        rc = body_check(s, &check);
    if (rc != OBOL_OK)
        return rc;
    if (!obj_has_right(ep, OBOL_RIGHT_RECEIVE))
        return OBOL_ERR_PEER_CLOSED;
    thread_block(current, WAIT_SEND, ep);
    return OBOL_OK;                          /* the real result comes at wake-up */
}

int ipc_recv(uint32_t ep)
{
    struct endpoint *e = endpoint_of(ep);
    for (;;) {
        uint32_t s = wq_pop(&e->senders);
        if (s == NONE)
            break;
        int sender_err;
        int rc = transfer(s, current, &sender_err, 0);
        if (sender_err != OBOL_OK) {
            thread_wake(s, sender_err);     /* its message went bad while it waited */
            continue;
        }
        if (rc != OBOL_OK) {
            wq_push_front(&e->senders, s);      /* nothing is lost: it stays first */
            return rc;
        }
        sender_done(s, current);
        return OBOL_OK;
    }
    thread_block(current, WAIT_RECV, ep);
    return OBOL_OK;
}

/* Reply to the call named by token, from the current thread. */
int ipc_reply(uint64_t token)
{
    uint64_t c = token >> 32;
    if (c >= CAP_MAX_OBJECTS || live_type((uint32_t)c) != OBOL_TYPE_THREAD)
        return OBOL_ERR_BAD_STATE;
    struct thread *caller = thread_of((uint32_t)c);
    if (caller->state != THREAD_BLOCKED || caller->wait != WAIT_REPLY ||
        caller->reply_gen != (uint32_t)token || caller->reply_proc != thread_of(current)->proc)
        return OBOL_ERR_BAD_STATE;
    int sender_err;
    int rc = transfer(current, (uint32_t)c, &sender_err, 1);
    if (sender_err != OBOL_OK)
        return sender_err;
    if (rc != OBOL_OK)
        return rc;      /* the caller's buffers can't take it: it keeps waiting */
    caller->reply_gen = 0;                   /* exactly once: the token is spent */
    thread_wake((uint32_t)c, OBOL_OK);
    return OBOL_OK;
}

/* ---- fast path ------------------------------------------------------------------
 * A call or reply of words only, to a partner that takes words only, needs
 * none of the general path's buffer handling: move four registers, switch
 * the CPU straight to the partner (it takes the sender's place in the run
 * queue), done.  Anything else falls through to the general path, which
 * gives the same results.  tf is the current thread's frame, the first
 * member of its struct thread. */

static struct thread *self_of(struct trapframe *tf)
{
    return (struct thread *)(void *)tf;
}

/* The four message words of tf go to thread t, with status OK and no
 * data or descriptors. */
static void fast_words(struct thread *t, const struct trapframe *tf)
{
    for (int i = 0; i < OBOL_MSG_WORDS; i++)
        t->tf.regs[REG_A2 + i] = tf->regs[REG_A2 + i];
    t->tf.regs[REG_A0] = OBOL_OK;
    t->tf.regs[REG_A7] = 0;
}

/* The caller named by reply token `token`, if that call is waiting for the
 * current thread's process and takes words only; else 0. */
static inline __attribute__((always_inline)) struct thread *fast_caller(uint64_t token,
                                                                       const struct thread *self)
{
    uint64_t c = token >> 32;
    if (c >= CAP_MAX_OBJECTS || live_type((uint32_t)c) != OBOL_TYPE_THREAD)
        return 0;
    struct thread *caller = &held((uint32_t)c)->thread;
    if (caller->state != THREAD_BLOCKED || caller->wait != WAIT_REPLY ||
        caller->reply_gen != (uint32_t)token || caller->reply_proc != self->proc ||
        caller->tf.regs[REG_A1] != 0)
        return 0;
    return caller;
}

uint64_t ipc_fastpath_count;

/* The endpoint descriptor d of the current table names, when the proved
 * lookup (kernel/cap/cap_lookup.h, inline: the fast path calls nothing)
 * finds it with type ENDPOINT and `right`; NONE in every other case, which
 * the general path answers with the error.  *g gets the descriptor's
 * global index (its badge). */
static inline __attribute__((always_inline)) uint32_t fast_endpoint(uint64_t d, uint32_t right, uint32_t *g)
{
    uint32_t o;
    if (d >= CAP_TABLE_SLOTS ||
        cap_lookup_inline(current_table, (obol_desc_t)d, OBOL_TYPE_ENDPOINT, right, &o) != OBOL_OK)
        return NONE;
    *g = current_table * CAP_TABLE_SLOTS + (uint32_t)d;
    return o;
}

/* Each returns the frame to resume, or 0 if the general path must take
 * the call (riscv/trapentry.S tries them before the syscall table). */

struct trapframe *ipc_fast_call(FAST_ENTRY_PARAMS(tf))
{
    uint32_t g, ep;
    if (a1 != 0 || (ep = fast_endpoint(tf->regs[REG_A0], OBOL_RIGHT_SEND, &g)) == NONE)
        return 0;
    struct endpoint *e = &held(ep)->endpoint;
    uint32_t r_obj = e->receivers.head;
    if (r_obj == NONE)
        return 0;
    struct thread *r = &held(r_obj)->thread, *s = self_of(tf);
    if (r->tf.regs[REG_A1] != 0)
        return 0;
    e->receivers.head = r->wait_next;       /* wq_pop */
    if (r->wait_next == NONE)
        e->receivers.tail = NONE;
    fast_words(r, tf);
    uint32_t gen = next_generation();
    s->reply_gen = gen;
    s->reply_proc = r->proc;                /* (s->call is read only of queued senders) */
    r->tf.regs[REG_A1] = CAP_D(badge, g);
    r->tf.regs[REG_A6] = ((uint64_t)current << 32) | gen;
    r->state = THREAD_RUNNABLE;
    r->wait = WAIT_NONE;
    s->state = THREAD_BLOCKED;
    s->wait = WAIT_REPLY;
    ipc_fastpath_count++;
    return sched_handoff(s, r, r_obj);
}

struct trapframe *ipc_fast_reply(FAST_ENTRY_PARAMS(tf))
{
    struct thread *caller = a1 != 0 ? 0 : fast_caller(tf->regs[REG_A0], self_of(tf));
    if (!caller)
        return 0;
    fast_words(caller, tf);
    caller->reply_gen = 0;
    thread_wake((uint32_t)(tf->regs[REG_A0] >> 32), OBOL_OK);
    tf->regs[REG_A0] = OBOL_OK;
    ipc_fastpath_count++;
    return tf;
}

/* Reply, then wait on the server's endpoint, in one trap: the caller takes
 * the server's place on the CPU. */
struct trapframe *ipc_fast_reply_recv(FAST_ENTRY_PARAMS(tf))
{
    uint32_t g, ep;
    if (a1 != 0 || tf->regs[REG_A0] == 0 ||
        (ep = fast_endpoint(tf->regs[REG_A6], OBOL_RIGHT_RECEIVE, &g)) == NONE)
        return 0;
    struct thread *s = self_of(tf);
    struct thread *caller = fast_caller(tf->regs[REG_A0], s);
    struct endpoint *e = &held(ep)->endpoint;
    if (!caller || e->senders.head != NONE)
        return 0;
    fast_words(caller, tf);
    caller->reply_gen = 0;
    caller->state = THREAD_RUNNABLE;
    caller->wait = WAIT_NONE;
    s->state = THREAD_BLOCKED;
    s->wait = WAIT_RECV;
    s->wait_obj = ep;
    s->wait_next = NONE;                    /* wq_push */
    if (e->receivers.head == NONE)
        e->receivers.head = current;
    else
        thread_of(e->receivers.tail)->wait_next = current;
    e->receivers.tail = current;
    ipc_fastpath_count++;
    return sched_handoff(s, caller, (uint32_t)(tf->regs[REG_A0] >> 32));
}

/* ---- notifications ------------------------------------------------------------- */

void notify_signal(uint32_t n_obj, uint64_t bits)
{
    struct notification *n = notification_of(n_obj);
    n->bits |= bits;
    uint32_t w = n->bits ? wq_pop(&n->waiters) : NONE;
    if (w != NONE) {
        thread_of(w)->tf.regs[REG_A1] = n->bits;
        n->bits = 0;
        thread_wake(w, OBOL_OK);
    }
}

/* Take the pending bits, or block until there are some; 1 if blocked. */
int notify_wait(uint32_t n_obj, uint64_t *bits)
{
    struct notification *n = notification_of(n_obj);
    if (n->bits) {
        *bits = n->bits;
        n->bits = 0;
        return 0;
    }
    thread_block(current, WAIT_NOTIFY, n_obj);
    return 1;
}

/* ---- timers: the clock signals a notification ----------------------------------- */

/* Armed timers, in timers[0 .. timers_armed-1]; at most one per
 * notification.  A destroyed or freed notification loses its timer
 * (ipc_object_gone), so an entry never names a dead object. */
struct notify_timer {
    uint32_t obj;
    uint64_t due;               /* timer_ticks value at which it fires */
    uint64_t period;            /* 0: once */
    uint64_t bits;
};
static struct notify_timer timers[OBOL_TIMERS_MAX];
static uint32_t timers_armed;

static int timer_find(uint32_t obj)
{
    for (uint32_t i = 0; i < timers_armed; i++)
        if (timers[i].obj == obj)
            return (int)i;
    return -1;
}

static void timer_remove(uint32_t i)
{
    timers[i] = timers[--timers_armed];
}

/* ticks == 0 disarms; otherwise (re)arms, replacing an earlier setting. */
int notify_timer_set(uint32_t n_obj, uint64_t bits, uint64_t ticks, uint64_t period)
{
    int i = timer_find(n_obj);
    if (ticks == 0) {
        if (i >= 0)
            timer_remove((uint32_t)i);
        return OBOL_OK;
    }
    if (i < 0) {
        if (timers_armed == OBOL_TIMERS_MAX)
            return OBOL_ERR_NO_RESOURCES;
        i = (int)timers_armed++;
    }
    timers[i] = (struct notify_timer){ .obj = n_obj, .due = timer_ticks + ticks,
                                       .period = period, .bits = bits };
    return OBOL_OK;
}

void notify_timer_cancel(uint32_t n_obj)
{
    int i = timer_find(n_obj);
    if (i >= 0)
        timer_remove((uint32_t)i);
}

/* Each tick: signal what is due; a periodic timer goes on from now (ticks
 * the CPU missed are not made up in a burst). */
void notify_timers_tick(uint64_t now)
{
    for (uint32_t i = 0; i < timers_armed;) {
        struct notify_timer *t = &timers[i];
        if (t->due > now) {
            i++;
            continue;
        }
        notify_signal(t->obj, t->bits);
        if (t->period) {
            t->due = now + t->period;
            i++;
        } else {
            timer_remove(i);
        }
    }
}
