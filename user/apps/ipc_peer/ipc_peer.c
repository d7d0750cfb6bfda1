/*
 * Peer for utest_ipc, one behaviour per start argument.  Its spawner mints
 * before starting it: slot 1 an endpoint (RECEIVE or SEND, per mode), slot 2
 * the report endpoint (SEND), slot 3 a notification (WAIT).  What the peer
 * observes it sends back on the report endpoint: word 0 a status, word 1 a
 * value.
 */
#include <string.h>
#include <obol/obol.h>

#define EP      1u
#define REPORT  2u
#define NOTE    3u

enum { ECHO = 1, CLIENT, WAIT_RECV, WAIT_CALL, WAIT_NOTE, SMALL_BUFFER, EXIT_HOLDING_CALL, WORDS_ECHO, REPLY_RECV_ECHO };
#define ECHO_STOP        0xE817ul
#define ECHO_DOUBLE      0xDEADul
#define CLIENT_ROUNDS    50

static void report(long status, unsigned long value)
{
    struct obol_msg m = { .words = { (unsigned long)status, value } };
    obol_ipc_send(REPORT, &m);
}

/* Reply: w0+1, the caller's badge, the byte count, the byte sum; the data reversed. */
static void echo(void)
{
    unsigned char buf[OBOL_MSG_DATA_MAX], out[OBOL_MSG_DATA_MAX];
    for (;;) {
        struct obol_msg m = { .data = buf, .data_cap = sizeof buf };
        if (obol_ipc_recv(EP, &m) != OBOL_OK)
            continue;
        unsigned long sum = 0;
        for (unsigned i = 0; i < m.data_len; i++) {
            sum += buf[i];
            out[m.data_len - 1 - i] = buf[i];
        }
        struct obol_msg r = { .words = { m.words[0] + 1, m.badge, m.data_len, sum }, .data = out,
                              .data_len = m.data_len };
        int first = obol_ipc_reply(m.reply_token, &r);
        if (first == OBOL_ERR_BUFFER_TOO_SMALL) {   /* the caller left no room: words only */
            r.data_len = 0;
            r.words[2] = (unsigned long)first;
            first = obol_ipc_reply(m.reply_token, &r);
        }
        if (m.words[0] == ECHO_DOUBLE)
            report(obol_ipc_reply(m.reply_token, &r), (unsigned long)first);
        if (m.words[0] == ECHO_STOP)
            return;
    }
}

/* Words only, both ways: what the IPC fast path carries. */
static void words_echo(void)
{
    for (;;) {
        struct obol_msg m = { 0 };
        if (obol_ipc_recv(EP, &m) != OBOL_OK)
            continue;
        struct obol_msg r = { .words = { m.words[0] + 1, m.badge, m.words[2] ^ m.words[3], m.reply_token >> 32 } };
        obol_ipc_reply(m.reply_token, &r);
        if (m.words[0] == ECHO_STOP)
            return;
    }
}

/* The same with reply and the next receive in one call. */
static void reply_recv_echo(void)
{
    struct obol_msg m = { 0 };
    unsigned long token = 0;
    for (;;) {
        if (obol_ipc_reply_recv(token, EP, &m) != OBOL_OK) {
            token = 0;
            continue;
        }
        unsigned long w0 = m.words[0];
        token = m.reply_token;
        m.words[0] = w0 + 1;
        m.words[1] = m.badge;
        m.words[2] = m.words[2] ^ m.words[3];
        if (w0 == ECHO_STOP) {
            obol_ipc_reply(token, &m);
            return;
        }
    }
}

static void client(void)
{
    unsigned long wrong = 0;
    struct obol_desc_info info;
    obol_desc_info(EP, &info);
    for (unsigned long i = 0; i < CLIENT_ROUNDS; i++) {
        struct obol_msg m = { .words = { i, 0, 0, 0 } };
        int r = obol_ipc_call(EP, &m);
        if (r != OBOL_OK || m.words[0] != i + 1 || m.words[1] != info.badge)
            wrong++;
        if (i % 7 == 0)
            obol_thread_yield();            /* mix the clients' calls up */
    }
    report(OBOL_OK, wrong);
}

static void small_buffer(void)
{
    unsigned char buf[OBOL_MSG_DATA_MAX];
    struct obol_msg m = { .data = buf, .data_cap = 4 };
    int first = obol_ipc_recv(EP, &m);      /* the message does not fit: it must stay queued */
    struct obol_msg big = { .data = buf, .data_cap = sizeof buf };
    int second = obol_ipc_recv(EP, &big);
    struct obol_msg r = { .words = { (unsigned long)first, (unsigned long)second, big.data_len, buf[0] } };
    obol_ipc_reply(big.reply_token, &r);
}

int main(void)
{
    struct obol_msg m = { 0 };
    unsigned long bits = 0;
    int r;
    switch (obol_start_arg0) {
    case ECHO: echo(); break;
    case CLIENT: client(); break;
    case WAIT_RECV: report(obol_ipc_recv(EP, &m), 0); break;
    case WAIT_CALL: report(obol_ipc_call(EP, &m), 0); break;
    case WAIT_NOTE: r = obol_notify_wait(NOTE, &bits); report(r, bits); break;
    case SMALL_BUFFER: small_buffer(); break;
    case EXIT_HOLDING_CALL: obol_ipc_recv(EP, &m); break;   /* and never reply */
    case WORDS_ECHO: words_echo(); break;
    case REPLY_RECV_ECHO: reply_recv_echo(); break;
    }
    return 0;
}
