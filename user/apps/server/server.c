/* Demo server: publishes a greeting in the page init mapped for it, then
 * keeps serving (yielding) until init destroys it.
 * arg = the mailbox shared with init; the service page follows it. */
#include <stdio.h>
#include <string.h>
#include <obol/obol.h>

int main(void)
{
    volatile unsigned long *mbox = (volatile unsigned long *)obol_start_arg0;
    char *page = (char *)(obol_start_arg0 + OBOL_PAGE_SIZE);

    strcpy(page, "greetings from the server's page");
    printf("server: up; published \"%s\"\n", page);
    mbox[2] = 1;                            /* tell init we are ready */
    for (;;)
        obol_thread_yield();                /* serve until destroyed */
}
