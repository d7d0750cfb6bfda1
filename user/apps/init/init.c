/*
 * init: the first task, and the default demo of `make run`.
 *
 * The kernel starts init with its own process, thread and the boot archive
 * in slots 0..2 (spec/boot.md); a0/a1 say where the archive is mapped.
 * init then shows the descriptor model at work: it creates a server and a
 * client, gives the client a descriptor minted with fewer rights, lets the
 * client find out what those rights allow (and call the server, which
 * answers with a descriptor of fewer rights than it holds), revokes them
 * and destroys the server.  A shared mailbox page keeps the three in step:
 *   mbox[0] init's step, mbox[1] the client's step, mbox[2] server ready.
 */
#include <stdio.h>
#include <obol/obol.h>

#define MBOX_VA      0x10000000ul       /* same address in all three */
#define CLIENT_PAGE  1u                 /* the client's slots, minted before it starts */
#define CLIENT_SERVER 2u
#define CHILD_EP     3u                 /* the endpoint: server RECEIVE, client SEND */
#define PAGE_BADGE   0xC11E47ul

static const void *archive;
static unsigned long archive_size;
static volatile unsigned long *mbox;

static void say(const char *step, const char *why)
{
    printf("\ninit: %s\n      (%s)\n", step, why);
}

static int fail(const char *what, int r)
{
    printf("init: %s failed: %s\n", what, obol_strerror(r));
    return 1;
}

static void wait_for(volatile unsigned long *word, unsigned long value)
{
    while (*word < value)
        obol_thread_yield();
}

static int wait_exit(obol_desc_t proc)
{
    struct obol_desc_info info;
    while (obol_desc_info(proc, &info) != OBOL_ERR_OBJECT_DESTROYED)
        obol_thread_yield();
    return 0;
}

int main(void)
{
    struct obol_spawn_result server, client;
    struct obol_system_info before, after;
    obol_desc_t mailbox, page, slot;
    int r = OBOL_ERR_INVALID_ARGS;   /* "not in the archive" */

    archive = (const void *)obol_start_arg0;
    archive_size = obol_start_arg1;
    obol_system_info(&before);
    printf("init: Obol descriptor demo; boot archive of %lu bytes at %p\n", archive_size, archive);

    say("1. create a server process and a client process from the boot archive",
        "each is bound to an owner descriptor in init's table; neither runs yet");
    const void *elf;
    unsigned long len;
    if (obol_archive_find(archive, archive_size, "server", &elf, &len) != 0 ||
        (r = obol_spawn_load(OBOL_INIT_SELF, elf, len, &server)) != OBOL_OK)
        return fail("loading the server", r);
    if (obol_archive_find(archive, archive_size, "client", &elf, &len) != 0 ||
        (r = obol_spawn_load(OBOL_INIT_SELF, elf, len, &client)) != OBOL_OK)
        return fail("loading the client", r);
    printf("init: server is my slot %u, client my slot %u (both owners)\n", server.process, client.process);

    say("2. share a mailbox page and give the server a page to publish in",
        "init maps regions into both children: it holds their owners, which carry OPEN");
    if ((r = obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &mailbox)) != OBOL_OK ||
        (r = obol_region_map(mailbox, OBOL_INIT_SELF, MBOX_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE)) ||
        (r = obol_region_map(mailbox, server.process, MBOX_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE)) ||
        (r = obol_region_map(mailbox, client.process, MBOX_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE)))
        return fail("sharing the mailbox", r);
    mbox = (volatile unsigned long *)MBOX_VA;
    if ((r = obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &page)) != OBOL_OK ||
        (r = obol_region_map(page, server.process, MBOX_VA + OBOL_PAGE_SIZE,
                             OBOL_RIGHT_READ | OBOL_RIGHT_WRITE)))
        return fail("giving the server its page", r);
    obol_desc_t ep;
    if ((r = obol_endpoint_create(OBOL_DESC_ANY, &ep)) != OBOL_OK ||
        (r = obol_desc_mint(ep, server.process, CHILD_EP, OBOL_RIGHT_RECEIVE, 0, &slot)) != OBOL_OK ||
        (r = obol_desc_mint(ep, client.process, CHILD_EP, OBOL_RIGHT_SEND, 0, &slot)) != OBOL_OK)
        return fail("giving them an endpoint", r);
    printf("init: and an endpoint: RECEIVE for the server, SEND for the client (slot %u in each)\n", CHILD_EP);
    if ((r = obol_spawn_start(&server, MBOX_VA)) != OBOL_OK)
        return fail("starting the server", r);
    wait_for(&mbox[2], 1);

    say("3. MINT the client a read-only descriptor to the server's page, badge 0xC11E47",
        "MINT works only from the owner; the new descriptor gets READ|MAP|DUPLICATE|INSPECT, no WRITE");
    r = obol_desc_mint(page, client.process, CLIENT_PAGE,
                       OBOL_RIGHT_READ | OBOL_RIGHT_MAP | OBOL_RIGHT_DUPLICATE | OBOL_RIGHT_INSPECT, PAGE_BADGE,
                       &slot);
    if (r != OBOL_OK)
        return fail("minting the page", r);
    r = obol_desc_mint(server.process, client.process, CLIENT_SERVER, OBOL_RIGHT_INSPECT, 0, &slot);
    if (r != OBOL_OK)
        return fail("minting the server", r);
    printf("init: and a descriptor to the server process with INSPECT only (no OPEN, no DESTROY)\n");
    if ((r = obol_spawn_start(&client, MBOX_VA)) != OBOL_OK)
        return fail("starting the client", r);
    wait_for(&mbox[1], 1);

    say("4. REVOKE the page's owner",
        "every descriptor derived from it, in any process and at any depth, stops working: "
        "the client's minted one and the copy it made");
    if ((r = obol_desc_revoke(page)) != OBOL_OK)
        return fail("revoking", r);
    mbox[0] = 2;
    wait_for(&mbox[1], 2);

    say("5. DESTROY the server through its owner descriptor",
        "the server is stopped; the client's descriptor to it now reports OBJECT_DESTROYED");
    if ((r = obol_desc_destroy(server.process)) != OBOL_OK)
        return fail("destroying the server", r);
    mbox[0] = 3;
    wait_exit(client.process);

    say("6. clean up", "close every descriptor: the objects go when their last reference does");
    obol_region_unmap(OBOL_INIT_SELF, MBOX_VA);
    obol_desc_close(mailbox);
    obol_desc_close(ep);
    obol_desc_close(page);
    obol_desc_close(server.thread);
    obol_desc_close(client.thread);
    obol_desc_close(client.process);
    obol_system_info(&after);
    printf("init: frames free %llu (%llu at start), free objects %u (%u at start), mappings %u (%u)\n",
           after.frames_free, before.frames_free, after.objects_free, before.objects_free, after.mappings,
           before.mappings);
    int clean = after.frames_free == before.frames_free && after.objects_free == before.objects_free &&
                after.mappings == before.mappings;
    printf("init: demo %s\n", clean ? "finished; everything was given back" : "LEAKED resources");
    return clean ? 0 : 1;
}
