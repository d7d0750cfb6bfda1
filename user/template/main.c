/* A new task: copy this folder to user/apps/<name>/ and edit.
 * Every .c (and .S) file in the folder is built into <name>.elf. */
#include <stdio.h>
#include <obol/obol.h>

int main(void)
{
    /* Slot 0 is this task's own process (OPEN, INSPECT, DUPLICATE,
     * TRANSFER); obol_start_arg0 is the argument its spawner passed. */
    printf("template: started with arg %#lx\n", obol_start_arg0);
    return 0;   /* the task's exit status */
}
