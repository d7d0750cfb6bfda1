/*
 * broker: the service-manager pattern of NT's DuplicateHandle, with
 * desc_dup_from (spec/syscalls/desc_dup_from.md).  Run as init:
 * make run BOOTARGS=init=broker.
 *
 * One program, three roles chosen by the start argument:
 *   broker  (init: a0 is the boot archive's address) spawns the others,
 *           holding the owner of each child process (EXTRACT and OPEN);
 *   service (ROLE_SERVICE) makes an endpoint and registers it with the
 *           broker by name and by *slot number in its own table*: the
 *           descriptor itself never travels to the broker;
 *   client  (ROLE_CLIENT + n) asks the broker for "echo"; the broker copies
 *           the service's descriptor straight from the service's table into
 *           the client's, with SEND only, and answers with the slot.
 * Then the broker closes one client's copy inside that client (a remote
 * close) and the client sees its slot freed.
 *
 * Every child gets a SEND descriptor to the broker's request endpoint in
 * slot 1, badged with its role, so the broker knows who is calling.  All
 * waits block in IPC (no counting of yields), but for the bounded wait for
 * the clients' exit.
 */
#include <stdio.h>
#include <obol/obol.h>

#define ROLE_SERVICE 1ul
#define ROLE_CLIENT  2ul            /* clients get 2 and 3 */
#define NCLIENTS     2
#define BROKER_SLOT  1u             /* in each child: SEND to the broker */

#define OP_REGISTER  1ul            /* words: op, name, slot in the caller's table */
#define OP_LOOKUP    2ul            /* words: op, name -> status, slot in the caller's table */
#define OP_DONE      3ul            /* words: op, slot -> status, 1 if the broker closed it */
#define NAME_ECHO    0x6f686365ul   /* "echo" */
#define WAIT_LIMIT   200000

/* ---- service ------------------------------------------------------------ */
static int service(void)
{
    obol_desc_t ep, copy;
    int r = obol_endpoint_create(OBOL_DESC_ANY, &ep);
    /* An owner is never duplicated: register a non-owner copy that may be
     * (DUPLICATE), with SEND for callers. */
    if (r == OBOL_OK)
        r = obol_desc_mint(ep, 0, OBOL_DESC_ANY, OBOL_RIGHT_SEND | OBOL_RIGHT_DUPLICATE, 0xec40, &copy);
    if (r != OBOL_OK) {
        printf("service: FAIL setting up: %s\n", obol_strerror(r));
        return 1;
    }
    struct obol_msg m = { .words = { OP_REGISTER, NAME_ECHO, copy } };
    r = obol_ipc_call(BROKER_SLOT, &m);
    printf("service: registered \"echo\" (my slot %u) with the broker -> %s\n", copy,
           obol_strerror(r == OBOL_OK ? (int)m.words[0] : r));
    for (;;) {                      /* until the broker destroys this process */
        struct obol_msg q = { 0 };
        if (obol_ipc_recv(ep, &q) != OBOL_OK)
            return 1;
        struct obol_msg a = { .words = { q.words[0] + 1 } };
        obol_ipc_reply(q.reply_token, &a);
    }
}

/* ---- client ------------------------------------------------------------- */
static int client(unsigned long n)
{
    struct obol_msg m = { .words = { OP_LOOKUP, NAME_ECHO } };
    int r = obol_ipc_call(BROKER_SLOT, &m);
    if (r != OBOL_OK || (long)m.words[0] != OBOL_OK) {
        printf("client %lu: FAIL lookup: %s\n", n, obol_strerror(r != OBOL_OK ? r : (int)m.words[0]));
        return 1;
    }
    obol_desc_t s = (obol_desc_t)m.words[1];
    struct obol_desc_info info;
    /* SEND only: no INSPECT, so desc_info must refuse; the rights show in
     * what works and what does not */
    r = obol_desc_info(s, &info);
    printf("client %lu: the broker put \"echo\" in my slot %u; desc_info -> %s (no INSPECT)\n", n, s,
           obol_strerror(r));
    obol_desc_t d;
    int rd = obol_desc_dup(s, 0, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &d);
    printf("client %lu: DUP of it -> %s (no DUPLICATE: fewer rights than the service holds)\n", n,
           obol_strerror(rd));
    struct obol_msg e = { .words = { 40 + n } };
    r = obol_ipc_call(s, &e);
    if (r != OBOL_OK) {
        printf("client %lu: FAIL call to echo: %s\n", n, obol_strerror(r));
        return 1;
    }
    printf("client %lu: echo %lu -> %lu\n", n, 40 + n, e.words[0]);
    int ok = r == OBOL_OK && e.words[0] == 41 + n && rd == OBOL_ERR_ACCESS_DENIED &&
             obol_desc_info(s, &info) == OBOL_ERR_ACCESS_DENIED;

    struct obol_msg done = { .words = { OP_DONE, s } };
    r = obol_ipc_call(BROKER_SLOT, &done);
    if (r == OBOL_OK && done.words[1] == 1) {
        int ri = obol_desc_info(s, &info);
        int rc = obol_ipc_call(s, &e);
        printf("client %lu: the broker closed my slot %u: desc_info -> %s, call -> %s\n", n, s,
               obol_strerror(ri), obol_strerror(rc));
        ok = ok && ri == OBOL_ERR_BAD_DESCRIPTOR && rc == OBOL_ERR_BAD_DESCRIPTOR;
    }
    printf("client %lu: %s\n", n, ok ? "done" : "FAIL");
    return ok ? 0 : 1;
}

/* ---- broker ------------------------------------------------------------- */
static const void *archive;
static unsigned long archive_size;

/* Load this program as a child with `role`, give it SEND to the broker's
 * endpoint in slot 1 (badge = role), start it. */
static int spawn_child(obol_desc_t req, unsigned long role, struct obol_spawn_result *c)
{
    const void *elf;
    unsigned long len;
    obol_desc_t slot;
    int r = obol_archive_find(archive, archive_size, "broker", &elf, &len) != 0 ? OBOL_ERR_INVALID_ARGS
          : obol_spawn_load(OBOL_INIT_SELF, elf, len, c);
    if (r == OBOL_OK)
        r = obol_desc_mint(req, c->process, BROKER_SLOT, OBOL_RIGHT_SEND, role, &slot);
    if (r == OBOL_OK)
        r = obol_spawn_start(c, role);
    return r;
}

static int wait_exit(obol_desc_t proc)
{
    struct obol_desc_info info;
    for (int i = 0; i < WAIT_LIMIT; i++) {
        if (obol_desc_info(proc, &info) == OBOL_ERR_OBJECT_DESTROYED)
            return 1;
        obol_thread_yield();
    }
    return 0;
}

static int fail(const char *what, int r)
{
    printf("broker: FAIL %s: %s\n", what, obol_strerror(r));
    return 1;
}

static int broker(void)
{
    struct obol_system_info before, after;
    struct obol_spawn_result svc, cl[NCLIENTS];
    obol_desc_t req;
    obol_system_info(&before);
    int r = obol_endpoint_create(OBOL_DESC_ANY, &req);
    if (r != OBOL_OK || (r = spawn_child(req, ROLE_SERVICE, &svc)) != OBOL_OK)
        return fail("starting the service", r);

    /* The service registers first: its slot number, not its descriptor. */
    struct obol_msg m = { 0 };
    if ((r = obol_ipc_recv(req, &m)) != OBOL_OK || m.badge != ROLE_SERVICE || m.words[0] != OP_REGISTER)
        return fail("waiting for the registration", r);
    obol_desc_t svc_slot = (obol_desc_t)m.words[2];
    printf("broker: \"echo\" registered: slot %u of the service's table (I hold no copy)\n", svc_slot);
    struct obol_msg ack = { .words = { OBOL_OK } };
    obol_ipc_reply(m.reply_token, &ack);

    for (int i = 0; i < NCLIENTS; i++)
        if ((r = spawn_child(req, ROLE_CLIENT + i, &cl[i])) != OBOL_OK)
            return fail("starting a client", r);

    int done = 0, ok = 1;
    while (done < NCLIENTS) {
        struct obol_msg q = { 0 };
        if ((r = obol_ipc_recv(req, &q)) != OBOL_OK)
            return fail("receiving", r);
        unsigned long who = q.badge - ROLE_CLIENT;
        struct obol_msg a = { 0 };
        if (who >= NCLIENTS) {
            a.words[0] = (unsigned long)OBOL_ERR_ACCESS_DENIED;
        } else if (q.words[0] == OP_LOOKUP && q.words[1] == NAME_ECHO) {
            /* service's table -> client's table, SEND only, never through mine */
            obol_desc_t s = 0;
            r = obol_desc_dup_from(svc.process, svc_slot, cl[who].process, OBOL_DESC_ANY,
                                   OBOL_RIGHT_SEND, 0, &s);
            printf("broker: client %lu asks for \"echo\": dup_from(service slot %u -> client, SEND) -> %s, slot %u\n",
                   who + ROLE_CLIENT, svc_slot, obol_strerror(r), s);
            ok = ok && r == OBOL_OK;
            a.words[0] = (unsigned long)(long)r;
            a.words[1] = s;
        } else if (q.words[0] == OP_DONE) {
            /* take the last client's copy back: a close inside its table */
            a.words[0] = OBOL_OK;
            if (who == NCLIENTS - 1) {
                r = obol_desc_dup_from(cl[who].process, (obol_desc_t)q.words[1], OBOL_DESC_NONE, 0, 0,
                                       OBOL_DUP_CLOSE_SOURCE, 0);
                printf("broker: remote close of client %lu's slot %lu -> %s\n", who + ROLE_CLIENT,
                       q.words[1], obol_strerror(r));
                ok = ok && r == OBOL_OK;
                a.words[1] = r == OBOL_OK;
            }
            done++;
        } else {
            a.words[0] = (unsigned long)OBOL_ERR_INVALID_ARGS;
        }
        obol_ipc_reply(q.reply_token, &a);
    }

    for (int i = 0; i < NCLIENTS; i++) {
        ok = ok && wait_exit(cl[i].process);
        obol_desc_close(cl[i].thread);
        obol_desc_close(cl[i].process);
    }
    obol_desc_destroy(svc.process);     /* the service ends here */
    obol_desc_close(svc.thread);
    obol_desc_close(req);
    /* the service's memory comes back once it is reaped: bounded wait */
    for (int i = 0; i < WAIT_LIMIT; i++) {
        obol_system_info(&after);
        if (after.objects_free == before.objects_free && after.frames_free == before.frames_free)
            break;
        obol_thread_yield();
    }
    int back = after.objects_free == before.objects_free && after.frames_free == before.frames_free;
    printf("broker: objects and frames %s\n", back ? "all given back" : "LEAKED");
    printf("broker: demo %s\n", ok && back ? "finished" : "FAILED");
    return ok && back ? 0 : 1;
}

int main(void)
{
    if (obol_start_arg0 == ROLE_SERVICE)
        return service();
    if (obol_start_arg0 >= ROLE_CLIENT && obol_start_arg0 < ROLE_CLIENT + NCLIENTS)
        return client(obol_start_arg0);
    archive = (const void *)obol_start_arg0;
    archive_size = obol_start_arg1;
    return broker();
}
