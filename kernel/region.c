/* Memory regions (sets of frames) and their mappings into processes. */
#include "object.h"
#include "kernel.h"
#include "mm/frame.h"
#include "lib/string.h"
#include "riscv/csr.h"

#define MAX_MAPPINGS 1024

struct mapping {
    uint32_t proc;              /* NONE: slot free */
    uint32_t region;
    uint64_t va;
    uint64_t size;
};

static struct mapping maps[MAX_MAPPINGS];
static uint32_t maps_used;

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

static struct mapping *find_mapping(uint32_t proc, uint64_t va)
{
    if (maps_used == 0)
        return 0;
    for (uint32_t i = 0; i < MAX_MAPPINGS; i++)
        if (maps[i].proc == proc && maps[i].va == va && maps[i].size)
            return &maps[i];
    return 0;
}

static int overlaps_any(uint32_t proc, uint64_t va, uint64_t size)
{
    for (uint32_t i = 0; i < MAX_MAPPINGS && maps_used; i++)
        if (maps[i].size && maps[i].proc == proc && va < maps[i].va + maps[i].size &&
            maps[i].va < va + size)
            return 1;
    return 0;
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
    if (overlaps_any(proc, va, size))
        return OBOL_ERR_ALREADY_EXISTS;
    struct mapping *m = 0;
    for (uint32_t i = 0; i < MAX_MAPPINGS; i++)
        if (!maps[i].size) {
            m = &maps[i];
            break;
        }
    if (!m)
        return OBOL_ERR_NO_RESOURCES;
    uint64_t perm = PTE_U | ((prot & OBOL_RIGHT_READ) ? PTE_R : 0) |
                    ((prot & OBOL_RIGHT_WRITE) ? PTE_W : 0) | ((prot & OBOL_RIGHT_EXECUTE) ? PTE_X : 0);
    for (uint32_t i = 0; i < r->npages; i++) {
        if (vm_map(p->root, va + (uint64_t)i * PAGE_SIZE, r->frames[i], PAGE_SIZE, perm, 0) != 0) {
            /* Up to and including page i: its walk may have added a page
             * table before running out (no page of it is mapped, the range
             * overlaps no other mapping); vm_unmap prunes what is empty. */
            vm_unmap(p->root, va, (uint64_t)(i + 1) * PAGE_SIZE);
            return OBOL_ERR_NO_RESOURCES;
        }
    }
    m->proc = proc;
    m->region = region;
    m->va = va;
    m->size = size;
    maps_used++;
    cap_pin(region);            /* the mapping keeps the frames */
    return OBOL_OK;
}

static void unmap(struct mapping *m)
{
    struct process *p = proc_of(m->proc);
    if (p->root)
        vm_unmap(p->root, m->va, m->size);
    cap_unpin(m->region);
    m->size = 0;
    m->proc = NONE;
    maps_used--;
}

int region_unmap(uint32_t proc, uint64_t va)
{
    struct mapping *m = find_mapping(proc, va);
    if (!m)
        return OBOL_ERR_INVALID_ARGS;
    unmap(m);
    return OBOL_OK;
}

void region_unmap_all(uint32_t proc)
{
    for (uint32_t i = 0; i < MAX_MAPPINGS && maps_used; i++)
        if (maps[i].size && maps[i].proc == proc)
            unmap(&maps[i]);
}

uint32_t mappings_in_use(void)
{
    return maps_used;
}
