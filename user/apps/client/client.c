/*
 * Demo client.  It holds only what init minted for it before it started:
 *   slot 1: the server's page, READ|MAP|DUPLICATE|INSPECT, badge 0xC11E47
 *   slot 2: the server process, INSPECT only (no OPEN)
 *   slot 3: the server's endpoint, SEND only
 * arg = the mailbox shared with init (mbox[0] = init's step, mbox[1] = ours).
 */
#include <stdio.h>
#include <obol/obol.h>

#define PAGE_SLOT    1u
#define SERVER_SLOT  2u
#define EP_SLOT      3u
#define VIEW3_VA     0x20020000ul
#define VIEW_VA      0x20000000ul
#define VIEW2_VA     0x20010000ul

static volatile unsigned long *mbox;

static void wait_step(unsigned long step)
{
    while (mbox[0] < step)
        obol_thread_yield();
}

static void show(const char *what, int r)
{
    printf("client: %-58s -> %s\n", what, obol_strerror(r));
}

int main(void)
{
    struct obol_desc_info info;
    obol_desc_t copy, mine = OBOL_DESC_ANY;
    mbox = (volatile unsigned long *)obol_start_arg0;

    obol_desc_info(PAGE_SLOT, &info);
    printf("client: slot 1 is a region, rights %#x, badge %#llx (set by init's MINT)\n", info.rights,
           info.badge);

    int r = obol_region_map(PAGE_SLOT, 0, VIEW_VA, OBOL_RIGHT_READ);
    show("map the server's page read-only", r);
    if (r == OBOL_OK) {
        printf("client:   it says: \"%s\"\n", (const char *)VIEW_VA);
        obol_region_unmap(0, VIEW_VA);
    }
    show("map it read-write (my descriptor has no WRITE)",
         obol_region_map(PAGE_SLOT, 0, VIEW2_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE));
    show("DUP it asking for READ|WRITE|MAP (rights only shrink)",
         obol_desc_dup(PAGE_SLOT, 0, OBOL_DESC_ANY, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE | OBOL_RIGHT_MAP, 0,
                       &copy));
    r = obol_desc_dup(PAGE_SLOT, 0, OBOL_DESC_ANY, OBOL_RIGHT_READ | OBOL_RIGHT_INSPECT, 0, &copy);
    show("DUP it with fewer rights, READ|INSPECT", r);
    if (r == OBOL_OK) {
        mine = copy;
        obol_desc_info(mine, &info);
        printf("client:   the copy is slot %u with rights %#x and the same badge %#llx\n", mine, info.rights,
               info.badge);
    }
    show("DUP it into the server (held without OPEN)",
         obol_desc_dup(PAGE_SLOT, SERVER_SLOT, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &copy));

    /* IPC: the server answers with a descriptor in the reply. */
    struct obol_msg_desc got = { .desc = OBOL_DESC_ANY };
    struct obol_msg m = { .desc = &got, .desc_cap = 1 };
    r = obol_ipc_call(EP_SLOT, &m);
    show("CALL the server for a page of its own", r);
    if (r == OBOL_OK && m.ndesc == 1) {
        obol_desc_info(got.desc, &info);
        printf("client:   it arrived in slot %u, rights %#x (READ|MAP|INSPECT: no WRITE, no TRANSFER), badge %#llx\n",
               got.desc, got.rights, info.badge);
        r = obol_region_map(got.desc, 0, VIEW3_VA, OBOL_RIGHT_READ);
        show("map it read-only", r);
        if (r == OBOL_OK) {
            printf("client:   it says: \"%s\"\n", (const char *)VIEW3_VA);
            obol_region_unmap(0, VIEW3_VA);
        }
        show("map it read-write (the server passed no WRITE)",
             obol_region_map(got.desc, 0, VIEW3_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE));
        obol_desc_close(got.desc);
    }
    mbox[1] = 1;

    wait_step(2);   /* init has revoked everything derived from the page's owner */
    show("map the server's page again, after init's REVOKE",
         obol_region_map(PAGE_SLOT, 0, VIEW_VA, OBOL_RIGHT_READ));
    show("INFO on my READ|INSPECT copy (derived from slot 1)", obol_desc_info(mine, &info));
    show("CLOSE the revoked slot 1 (its number is mine until I do)", obol_desc_close(PAGE_SLOT));
    mbox[1] = 2;

    wait_step(3);   /* init has destroyed the server */
    show("INFO on my descriptor to the server, after DESTROY", obol_desc_info(SERVER_SLOT, &info));
    printf("client: done\n");
    return 0;
}
