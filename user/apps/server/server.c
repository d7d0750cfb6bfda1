/* Demo server: publishes a greeting in the page init mapped for it, then
 * answers calls on the endpoint init gave it (slot 3, RECEIVE): each call
 * gets a page of the server's own, passed in the reply with fewer rights
 * than the server holds.  It serves until init destroys it.
 * arg = the mailbox shared with init; the service page follows it. */
#include <stdio.h>
#include <string.h>
#include <obol/obol.h>

#define EP_SLOT  3u
#define OWN_VA   0x30000000ul

int main(void)
{
    volatile unsigned long *mbox = (volatile unsigned long *)obol_start_arg0;
    char *page = (char *)(obol_start_arg0 + OBOL_PAGE_SIZE);
    obol_desc_t own, give;

    strcpy(page, "greetings from the server's page");
    printf("server: up; published \"%s\"\n", page);
    if (obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &own) != OBOL_OK ||
        obol_region_map(own, 0, OWN_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE) != OBOL_OK)
        return 1;
    strcpy((char *)OWN_VA, "a page the server made, handed over by IPC");
    mbox[2] = 1;                            /* tell init we are ready */
    for (;;) {
        struct obol_msg m = { 0 };
        if (obol_ipc_recv(EP_SLOT, &m) != OBOL_OK)
            continue;
        /* MINT a copy with TRANSFER, then MOVE it in the reply with
         * READ|MAP|INSPECT only: the client cannot write it or pass it on. */
        struct obol_msg r = { .words = { OBOL_OK } };
        struct obol_msg_desc d = { .op = OBOL_XFER_MOVE,
                                   .rights = OBOL_RIGHT_READ | OBOL_RIGHT_MAP | OBOL_RIGHT_INSPECT };
        if (obol_desc_mint(own, 0, OBOL_DESC_ANY,
                           OBOL_RIGHT_READ | OBOL_RIGHT_WRITE | OBOL_RIGHT_MAP | OBOL_RIGHT_TRANSFER |
                               OBOL_RIGHT_INSPECT, 0x5E12, &give) == OBOL_OK) {
            d.desc = give;
            r.desc = &d;
            r.ndesc = 1;
        }
        obol_ipc_reply(m.reply_token, &r);
    }
}
