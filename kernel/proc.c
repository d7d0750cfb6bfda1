/* Processes: an address space and a descriptor table. */
#include "object.h"
#include "kernel.h"
#include "mm/frame.h"
#include "lib/string.h"

union kobject kobj[CAP_MAX_OBJECTS];
uint32_t init_proc = NONE;
long init_exit_status;

/* The user half of the root (entries 0..255) is the process's own; the
 * kernel half is shared with every address space. */
int proc_init_object(uint32_t obj)
{
    struct process *p = proc_of(obj);
    uint64_t pa;
    p->alive = 0;
    p->root = 0;
    p->threads = NONE;
    p->exit_status = 0;
    if (frame_alloc(&pa) != 0)
        return OBOL_ERR_NO_RESOURCES;
    p->root = pa_to_va(pa);
    memset(p->root, 0, PAGE_SIZE / 2);
    memcpy(&p->root[256], &kernel_root[256], PAGE_SIZE / 2);
    p->table = cap_proc_table(obj);
    p->threads = NONE;
    p->running = 0;
    p->alive = 1;
    return OBOL_OK;
}

static void free_tables(pte_t *table, int level)
{
    for (int i = 0; i < (level == 2 ? 256 : 512); i++) {
        pte_t pte = table[i];
        if ((pte & PTE_V) && !(pte & PTE_LEAF) && level > 0)
            free_tables(pa_to_va((pte >> 10) << 12), level - 1);
    }
    frame_free(va_to_pa(table));
}

static void proc_teardown(uint32_t obj)
{
    struct process *p = proc_of(obj);
    region_unmap_all(obj);
    if (p->root)
        free_tables(p->root, 2);
    p->root = 0;
}

/* Everything but the object itself: threads stop, descriptors close (owned
 * objects are revoked first, by the core), mappings and page tables go. */
void proc_exit(uint32_t obj, long status)
{
    struct process *p = proc_of(obj);
    if (!p->alive)
        return;
    p->alive = 0;
    for (uint32_t t = p->threads; t != NONE; t = thread_of(t)->sib_next)
        if (thread_of(t)->state == THREAD_RUNNABLE || thread_of(t)->state == THREAD_BLOCKED)
            thread_kill(t);
    kprintf("obol: process %lu exited with status %ld\n", cap_obj_koid(obj), status);
    if (obj == init_proc)
        init_exit_status = status;
    cap_process_exit(p->table);
    proc_teardown(obj);
    ipc_process_gone(obj);
    descs_dropped = 1;
}

/* The core has freed the object (and cleared its table): a process that
 * never ran still has an address space to give back. */
void proc_release(uint32_t obj)
{
    struct process *p = proc_of(obj);
    if (p->alive) {
        p->alive = 0;
        proc_teardown(obj);
    }
}
