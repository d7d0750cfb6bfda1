/* Memory regions (sets of frames) and their mappings into processes. */
#include "object.h"
#include "kernel.h"
#include "mm/frame.h"
#include "lib/string.h"
#include "riscv/csr.h"

#define MAX_MAPPINGS 1024

/* A region mapped into a process.  Each process lists its own mappings
 * (struct process.maps, through next), so that a map or unmap looks at
 * that process's mappings only; unused entries past maps_high are fresh,
 * released ones wait in the free list. */
struct mapping {
    uint32_t region;
    uint32_t next;              /* the process's next mapping, or the next free one */
    uint64_t va;
    uint64_t size;
};

static struct mapping maps[MAX_MAPPINGS];
static uint32_t maps_high;              /* entries ever used: [0, maps_high) */
static uint32_t maps_free = NONE;       /* released entries */
static uint32_t maps_used;              /* mappings in place */

void region_release(uint32_t obj)
{
    struct region *r = region_of(obj);
    if (!r->frames)
        return;
    for (uint32_t i = 0; i < r->npages; i++)
        if (r->frames[i])
            frame_free(r->frames[i]);
    frame_free(va_to_pa(r->frames));
    r->frames = 0;
    r->npages = 0;
}

int region_init_object(uint32_t obj, uint64_t size)
{
    struct region *r = region_of(obj);
    uint64_t pa;
    r->npages = 0;
    r->frames = 0;
    if (frame_alloc(&pa) != 0)
        return OBOL_ERR_NO_RESOURCES;
    r->frames = pa_to_va(pa);
    memset(r->frames, 0, PAGE_SIZE);
    r->npages = (uint32_t)((size + PAGE_SIZE - 1) / PAGE_SIZE);
    for (uint32_t i = 0; i < r->npages; i++) {
        if (frame_alloc(&pa) != 0) {
            region_release(obj);
            return OBOL_ERR_NO_RESOURCES;
        }
        memset(pa_to_va(pa), 0, PAGE_SIZE);
        r->frames[i] = pa;
    }
    return OBOL_OK;
}

static int overlaps_any(const struct process *p, uint64_t va, uint64_t size)
{
    for (uint32_t i = p->maps; i != NONE; i = maps[i].next)
        if (va < maps[i].va + maps[i].size && maps[i].va < va + size)
            return 1;
    return 0;
}

static uint32_t mapping_alloc(void)
{
    uint32_t i = maps_free;
    if (i != NONE)
        maps_free = maps[i].next;
    else if (maps_high < MAX_MAPPINGS)
        i = maps_high++;
    return i;
}

static void mapping_release(uint32_t m)
{
    maps[m].next = maps_free;
    maps_free = m;
}

/* The syscall layer has checked rights, alignment and bounds. */
int region_map(uint32_t region, uint32_t proc, uint64_t va, uint32_t prot)
{
    struct region *r = region_of(region);
    struct process *p = proc_of(proc);
    uint64_t size = (uint64_t)r->npages * PAGE_SIZE;
    if (!p->alive)
        return OBOL_ERR_BAD_STATE;
    if (va + size > OBOL_USER_TOP)
        return OBOL_ERR_INVALID_ARGS;
    if (overlaps_any(p, va, size))
        return OBOL_ERR_ALREADY_EXISTS;
    uint32_t m = mapping_alloc();
    if (m == NONE)
        return OBOL_ERR_NO_RESOURCES;
    uint64_t perm = PTE_U | ((prot & OBOL_RIGHT_READ) ? PTE_R : 0) |
                    ((prot & OBOL_RIGHT_WRITE) ? PTE_W : 0) | ((prot & OBOL_RIGHT_EXECUTE) ? PTE_X : 0);
    for (uint32_t i = 0; i < r->npages; i++) {
        if (vm_map(p->root, va + (uint64_t)i * PAGE_SIZE, r->frames[i], PAGE_SIZE, perm, 0) != 0) {
            /* Up to and including page i: its walk may have added a page
             * table before running out (no page of it is mapped, the range
             * overlaps no other mapping); vm_unmap prunes what is empty. */
            vm_unmap(p->root, va, (uint64_t)(i + 1) * PAGE_SIZE);
            mapping_release(m);
            return OBOL_ERR_NO_RESOURCES;
        }
    }
    maps[m].region = region;
    maps[m].va = va;
    maps[m].size = size;
    maps[m].next = p->maps;
    p->maps = m;
    maps_used++;
    cap_pin(region);            /* the mapping keeps the frames */
    return OBOL_OK;
}

/* Undo mapping m of process p (already off p's list) and release it. */
static void unmap(struct process *p, uint32_t m)
{
    if (p->root)
        vm_unmap(p->root, maps[m].va, maps[m].size);
    cap_unpin(maps[m].region);
    mapping_release(m);
    maps_used--;
}

int region_unmap(uint32_t proc, uint64_t va)
{
    struct process *p = proc_of(proc);
    for (uint32_t *link = &p->maps; *link != NONE; link = &maps[*link].next) {
        uint32_t m = *link;
        if (maps[m].va == va) {
            *link = maps[m].next;
            unmap(p, m);
            return OBOL_OK;
        }
    }
    return OBOL_ERR_INVALID_ARGS;
}

void region_unmap_all(uint32_t proc)
{
    struct process *p = proc_of(proc);
    while (p->maps != NONE) {
        uint32_t m = p->maps;
        p->maps = maps[m].next;
        unmap(p, m);
    }
}

uint32_t mappings_in_use(void)
{
    return maps_used;
}
