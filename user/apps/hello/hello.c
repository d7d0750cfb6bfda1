/* hello: the smallest task.  Prints a line and what its slot 0 (its own
 * process, by the spawn convention of spec/spawn.md) is. */
#include <stdio.h>
#include <obol/obol.h>

int main(void)
{
    struct obol_desc_info info;

    printf("hello: hello, world (arg %#lx)\n", obol_start_arg0);
    int r = obol_desc_info(0, &info);
    if (r < 0) {
        printf("hello: desc_info(0) failed: %s\n", obol_strerror(r));
        return 1;
    }
    printf("hello: slot 0: type %u rights %#x owner %u koid %llu badge %llu\n",
           info.type, info.rights, info.is_owner, info.koid, info.badge);
    return 0;
}
