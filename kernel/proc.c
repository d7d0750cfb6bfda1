/* Processes: an address space and a descriptor table. */
#include "object.h"
#include "kernel.h"
#include "mm/frame.h"
#include "lib/string.h"

union kobject kobj[CAP_MAX_OBJECTS];
uint32_t init_proc = NONE;
long init_exit_status;

/* Alive processes with no running thread: proc_collect_unreachable has
 * nothing to look for while there are none.  Kept by proc_set_state. */
uint32_t procs_idle;

static int proc_idle(const struct process *p)
{
    return p->alive && p->running == 0;
}

void proc_set_state(struct process *p, uint32_t alive, uint32_t running)
{
    procs_idle -= (uint32_t)proc_idle(p);
    p->alive = alive;
    p->running = running;
    procs_idle += (uint32_t)proc_idle(p);
}

/* The user half of the root (entries 0..255) is the process's own; the
 * kernel half is shared with every address space. */
int proc_init_object(uint32_t obj)
{
    struct process *p = proc_of(obj);
    uint64_t pa;
    p->alive = 0;
    p->root = 0;
    p->threads = NONE;
    p->maps = NONE;
    p->exit_status = 0;
    if (frame_alloc(&pa) != 0)
        return OBOL_ERR_NO_RESOURCES;
    p->root = pa_to_va(pa);
    p->satp = SATP_SV39 | (pa >> 12);
    memset(p->root, 0, PAGE_SIZE / 2);
    memcpy(&p->root[256], &kernel_root[256], PAGE_SIZE / 2);
    p->table = cap_proc_table(obj);
    proc_set_state(p, 1, 0);
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
    proc_set_state(p, 0, p->running);
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
        proc_set_state(p, 0, p->running);
        proc_teardown(obj);
    }
}

/*
 * A process with no running thread comes back to life only through a
 * thread_create by someone holding OPEN on it.  When every such descriptor
 * lies in its own table (say, the self descriptor spawn gives it) nobody
 * ever will, and that self-reference would keep it allocated forever: it
 * exits instead, which clears its table and breaks the cycle.  Runs after
 * descriptors were dropped, when some process is idle: one pass over the
 * used tables to find the idle processes, then a walk of each one's
 * references (the core's list of an object's LIVE descriptors).
 */
void proc_collect_unreachable(void)
{
    uint32_t cand[CAP_MAX_TABLES], n = 0;
    if (procs_idle == 0)
        return;
    /* A process object keeps its table from creation until it is freed, so
     * the used tables lead to every live process; an unused table has only
     * free slots (the core's invariants). */
    for (uint32_t t = 0; t < CAP_MAX_TABLES && n < procs_idle; t++) {
        uint32_t o = cap_t_obj[t];
        if (cap_t_used[t] && CAP_O(state, o) == CAP_OALIVE && CAP_O(type, o) == OBOL_TYPE_PROCESS &&
            proc_of(o)->alive && proc_of(o)->running == 0)
            cand[n++] = o;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t o = cand[i], own = proc_of(o)->table, reachable = 0;
        if (CAP_O(state, o) != CAP_OALIVE || !proc_of(o)->alive)
            continue;       /* an earlier exit here took its last reference */
        for (uint32_t g = CAP_O(ohead, o); g != CAP_NONE && !reachable; g = CAP_D(onext, g))
            /* someone else can still start a thread in it */
            reachable = (CAP_D(rights, g) & OBOL_RIGHT_OPEN) && g / CAP_TABLE_SLOTS != own;
        if (!reachable)
            proc_exit(o, 0);
    }
}
