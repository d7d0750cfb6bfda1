/*
 * Spawn: load an ELF executable into a new process from user space
 * (spec/spawn.md).  The image is checked by obol_elf_parse (user/lib/elf.c)
 * before any object is made.
 */
#include <string.h>
#include <obol/obol.h>

unsigned long obol_spawn_scratch_va = OBOL_SPAWN_SCRATCH_VA;

/* Make one segment's region, fill it through a scratch mapping in the
 * caller, map it into the child.  The region descriptor is gone on return
 * (the child's mapping keeps the region alive). */
static int load_segment(obol_desc_t self, obol_desc_t child, const unsigned char *elf,
                        const struct obol_elf_segment *s)
{
    obol_desc_t region;
    int r = obol_region_create(s->map_size, OBOL_DESC_ANY, &region);
    if (r < 0)
        return r;
    if (s->filesz) {
        unsigned long scratch = obol_spawn_scratch_va;
        r = obol_region_map(region, self, scratch,
                            (unsigned int)(OBOL_RIGHT_READ | OBOL_RIGHT_WRITE));
        if (r < 0)
            goto out;
        /* The region is zero-filled: only the file bytes need copying. */
        memcpy((unsigned char *)scratch + (s->vaddr - s->map_va), elf + s->offset, s->filesz);
        r = obol_region_unmap(self, scratch);
        if (r < 0)
            goto out;
    }
    r = obol_region_map(region, child, s->map_va, s->prot);
out:
    if (r < 0)
        obol_desc_destroy(region);   /* never mapped in the child yet */
    else
        obol_desc_close(region);
    return r;
}

int obol_spawn_load(obol_desc_t self, const void *elf, unsigned long len,
                    struct obol_spawn_result *out)
{
    struct obol_elf_image img;
    obol_desc_t proc, thread, stack;
    int r;

    if (out == 0)
        return OBOL_ERR_INVALID_ARGS;
    r = obol_elf_parse(elf, len, &img);
    if (r < 0)
        return r;
    r = obol_process_create(OBOL_DESC_ANY, &proc);
    if (r < 0)
        return r;
    for (unsigned int i = 0; i < img.nsegments; i++) {
        r = load_segment(self, proc, elf, &img.seg[i]);
        if (r < 0)
            goto fail;
    }
    r = obol_region_create(OBOL_SPAWN_STACK_SIZE, OBOL_DESC_ANY, &stack);
    if (r < 0)
        goto fail;
    r = obol_region_map(stack, proc, OBOL_SPAWN_STACK_BOTTOM,
                        (unsigned int)(OBOL_RIGHT_READ | OBOL_RIGHT_WRITE));
    if (r < 0) {
        obol_desc_destroy(stack);
        goto fail;
    }
    obol_desc_close(stack);
    /* Slot 0 of the child: its own process. */
    r = obol_desc_mint(proc, proc, 0, OBOL_SPAWN_SELF_RIGHTS, 0, 0);
    if (r < 0)
        goto fail;
    r = obol_thread_create(proc, OBOL_DESC_ANY, &thread);
    if (r < 0)
        goto fail;
    out->process = proc;
    out->thread = thread;
    out->entry = img.entry;
    out->stack_top = OBOL_SPAWN_STACK_TOP;
    return 0;
fail:
    obol_desc_destroy(proc);
    return r;
}

int obol_spawn_start(const struct obol_spawn_result *child, unsigned long arg)
{
    if (child == 0)
        return OBOL_ERR_INVALID_ARGS;
    return obol_thread_start(child->thread, child->entry, child->stack_top, arg);
}

int obol_spawn(obol_desc_t self, const void *elf, unsigned long len, unsigned long arg,
               struct obol_spawn_result *out)
{
    int r = obol_spawn_load(self, elf, len, out);
    if (r < 0)
        return r;
    r = obol_spawn_start(out, arg);
    if (r < 0) {
        obol_desc_destroy(out->thread);
        obol_desc_destroy(out->process);
    }
    return r;
}

int obol_spawn_named(obol_desc_t self, const void *archive, unsigned long archive_size,
                     const char *name, unsigned long arg, struct obol_spawn_result *out)
{
    const void *elf;
    unsigned long len;
    if (obol_archive_find(archive, archive_size, name, &elf, &len) != 0)
        return OBOL_ERR_INVALID_ARGS;
    return obol_spawn(self, elf, len, arg, out);
}
