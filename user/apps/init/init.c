/* init: the first task.  The kernel starts it with the boot archive mapped
 * read-only at a0 = obol_start_arg0, a1 = its size, and OBOL_INIT_SELF,
 * OBOL_INIT_THREAD, OBOL_INIT_ARCHIVE in its table (abi.h, spec/boot.md).
 * This minimal init lists the archive and spawns "hello". */
#include <stdio.h>
#include <obol/obol.h>

int main(void)
{
    const void *archive = (const void *)obol_start_arg0;
    unsigned long size = obol_start_arg1;
    struct obol_archive_entry e;
    unsigned long cursor = 0;
    int r;

    printf("init: boot archive at %#lx, %lu bytes\n", (unsigned long)archive, size);
    while ((r = obol_archive_next(archive, size, &cursor, &e)) > 0)
        printf("init:   %-16s %8lu bytes\n", e.name, e.size);
    if (r < 0) {
        printf("init: the boot archive is corrupt\n");
        return 1;
    }

    struct obol_spawn_result child;
    r = obol_spawn_named(OBOL_INIT_SELF, archive, size, "hello", 42, &child);
    if (r < 0) {
        printf("init: spawn hello failed: %s\n", obol_strerror(r));
        return 1;
    }
    printf("init: spawned hello: process %u thread %u entry %#lx sp %#lx\n",
           child.process, child.thread, child.entry, child.stack_top);
    /* init holds hello's owner descriptors: let hello run before init's
     * exit closes them. */
    for (int i = 0; i < 1000; i++)
        obol_thread_yield();
    printf("init: done\n");
    return 0;
}
