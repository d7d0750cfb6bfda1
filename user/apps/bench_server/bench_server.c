/*
 * Peer of the benchmark (user/apps/bench, spec/bench.md), one behaviour per
 * start argument.  bench starts it with obol_spawn_load/obol_spawn_start
 * after minting what the mode needs:
 *
 *   BS_ECHO        slot 1: an endpoint with RECEIVE.  Loop: recv with words
 *                  only (no message buffer, a1 = 0), reply the same four
 *                  words, words only.  Words { BS_STOP_W0, BS_STOP_W1, .. }
 *                  end it (after the reply).
 *   BS_ECHO_DESC   slot 1 as above.  recv with room for descriptors
 *                  (desc_cap = OBOL_MSG_DESC_MAX), reply the four words, then
 *                  close whatever descriptors arrived.
 *   BS_ECHO_QUEUED slot 1 as above.  recv and reply with words only, then
 *                  thread_yield before the next recv: each call finds no
 *                  receiver waiting, so the caller blocks in the endpoint's
 *                  queue first.
 *   BS_YIELD       the shared page (struct bench_yield_page) mapped at
 *                  BENCH_SHARED_VA by bench.  Ping-pong of thread_yield with
 *                  bench's thread, recording one sample per switch that
 *                  lands here.  Ends when bench sets `stop`.
 *
 * Started as init (the archive address in a0 matches no mode) it exits at
 * once: tests/bench/bench.sh boots it that way to read the kernel's
 * "memstats:" line.
 */
#include <obol/obol.h>
#include "../bench/bench_shared.h"

#define EP 1u

static void echo(int with_desc, int yield_after)
{
    struct obol_msg_desc in[OBOL_MSG_DESC_MAX];
    unsigned char data[8];
    for (;;) {
        struct obol_msg m = { 0 };
        if (with_desc) {
            /* A valid data pointer too: the kernel writes back through
             * m.data even when no bytes arrive (a NULL one fails the recv
             * with BAD_ADDRESS). */
            m.data = data;
            m.data_cap = sizeof data;
            for (unsigned i = 0; i < OBOL_MSG_DESC_MAX; i++)
                in[i].desc = OBOL_DESC_ANY;     /* the lowest free slots */
            m.desc = in;
            m.desc_cap = OBOL_MSG_DESC_MAX;
        }
        if (obol_ipc_recv(EP, &m) != OBOL_OK) {
            /* Never spin on an error: the caller then sees PEER_CLOSED. */
            static const char msg[] = "bench_server: recv failed\n";
            obol_debug_write(msg, sizeof msg - 1);
            obol_process_exit(1);
        }
        struct obol_msg r = { .words = { m.words[0], m.words[1], m.words[2], m.words[3] } };
        obol_ipc_reply(m.reply_token, &r);
        for (unsigned i = 0; with_desc && i < m.ndesc && i < OBOL_MSG_DESC_MAX; i++)
            obol_desc_close(in[i].desc);
        if (m.words[0] == BS_STOP_W0 && m.words[1] == BS_STOP_W1)
            return;
        if (yield_after)
            obol_thread_yield();
    }
}

/* Words only: a server's loop, answering each call and taking the next
 * one in a single ipc_reply_recv. */
static void echo_words(void)
{
    struct obol_msg m = { 0 };
    unsigned long token = 0;
    for (;;) {
        if (obol_ipc_reply_recv(token, EP, &m) != OBOL_OK) {
            static const char msg[] = "bench_server: reply_recv failed\n";
            obol_debug_write(msg, sizeof msg - 1);
            obol_process_exit(1);
        }
        token = m.reply_token;
        if (m.words[0] == BS_STOP_W0 && m.words[1] == BS_STOP_W1) {
            obol_ipc_reply(token, &m);
            return;
        }
    }
}

static void yield_pingpong(void)
{
    struct bench_yield_page *p = (struct bench_yield_page *)BENCH_SHARED_VA;
    while (!p->stop) {
        bench_yield_step(p, BENCH_SIDE_SERVER);
    }
}

int main(void)
{
    switch (obol_start_arg0) {
    case BS_ECHO: echo_words(); break;
    case BS_ECHO_DESC: echo(1, 0); break;
    case BS_ECHO_QUEUED: echo(0, 1); break;
    case BS_YIELD: yield_pingpong(); break;
    default: break;
    }
    return 0;
}
