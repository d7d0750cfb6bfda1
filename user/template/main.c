/* A new task: copy this folder to user/apps/<name>/ and edit.
 * Every .c (and .S) file in the folder is built into <name>.elf. */
#include <stdio.h>
#include <obol/obol.h>

int main(void)
{
    /* Slot 0 is this task's own process.  Spawned (obol_spawn): a copy
     * with OPEN, INSPECT, DUPLICATE and TRANSFER, minted by the spawner,
     * which keeps the owner.  Run as init (BOOTARGS=init=NAME): the owner
     * itself, with every PROCESS right; obol_desc_destroy(0) then ends this
     * task with status -1 (spec/spawn.md).  obol_start_arg0 is the argument
     * its spawner passed. */
    printf("template: started with arg %#lx\n", obol_start_arg0);
    return 0;   /* the task's exit status */
}
