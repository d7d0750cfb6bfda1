/*
 * Start the first user process (init) from the boot archive: the kernel's
 * only program loader.  Everything after this is user space's doing.
 *
 * Boot-time convention (spec/boot.md, user/include/obol/abi.h):
 *   slot 0  OBOL_INIT_SELF     init's own process, owner
 *   slot 1  OBOL_INIT_THREAD   init's main thread, owner
 *   slot 2  OBOL_INIT_ARCHIVE  the boot archive's region, owner
 *   a0 = where the archive is mapped (read-only), a1 = its size.
 * s2, s3 = the boot argument initarg=A[,B] (0 without it): user/crt0.S
 * leaves callee-saved registers alone, so main() receives them intact (for
 * test programs such as user/apps/fuzz; spec/fuzzing.md).
 */
#include "object.h"
#include "kernel.h"
#include "elf.h"
#include "lib/string.h"
#include "obol/archive.h"

extern const char boot_archive[], boot_archive_end[];

#define INIT_ARCHIVE_VA  0x3000000000ul   /* 192 GiB: clear of spawn's scratch window (obol.h) */
#define INIT_STACK_TOP   (OBOL_USER_TOP - PAGE_SIZE)   /* as obol_spawn lays out children */
#define INIT_STACK_SIZE  (64ul * 1024)

static uint32_t init_table;
uint64_t init_arg[2];       /* set by kmain from initarg= */

/* A region in init's table at dest holding `len` bytes of data, mapped at
 * va with prot; with dest ANY the descriptor is closed again (the mapping
 * keeps the region alive). */
static void init_region(obol_desc_t dest, uint64_t va, uint64_t size, const void *data, uint64_t len,
                        uint64_t offset, uint32_t prot)
{
    obol_desc_t slot;
    uint32_t obj;
    if (cap_create(init_table, OBOL_TYPE_REGION, dest, &slot) != OBOL_OK ||
        cap_lookup(init_table, slot, OBOL_TYPE_REGION, 0, &obj) != OBOL_OK ||
        region_init_object(obj, size) != OBOL_OK)
        panic("init: out of memory for a %lu-byte region", size);
    struct region *r = region_of(obj);
    for (uint64_t done = 0; done < len;) {        /* copy into the frames */
        uint64_t at = offset + done, page = at / PAGE_SIZE, in = at % PAGE_SIZE;
        uint64_t n = PAGE_SIZE - in < len - done ? PAGE_SIZE - in : len - done;
        memcpy((char *)pa_to_va(r->frames[page]) + in, (const char *)data + done, n);
        done += n;
    }
    if (region_map(obj, init_proc, va, prot) != OBOL_OK)
        panic("init: cannot map a region at 0x%lx", va);
    if (dest == OBOL_DESC_ANY)
        cap_close(init_table, slot);
}

static uint32_t prot_of(uint32_t pflags)
{
    return ((pflags & ELF_PF_R) ? OBOL_RIGHT_READ : 0) | ((pflags & ELF_PF_W) ? OBOL_RIGHT_WRITE : 0) |
           ((pflags & ELF_PF_X) ? OBOL_RIGHT_EXECUTE : 0);
}

/* Load an ELF executable built for Obol (user/user.ld); returns its entry. */
static uint64_t load_elf(const char *name, const uint8_t *elf, uint64_t len)
{
    const struct elf64_ehdr *eh = (const void *)elf;
    if (len < sizeof *eh || memcmp(eh->ident, "\177ELF\2\1", 6) != 0 || eh->type != ELF_ET_EXEC ||
        eh->machine != ELF_EM_RISCV || eh->phentsize != sizeof(struct elf64_phdr) ||
        eh->phoff > len || (uint64_t)eh->phnum * sizeof(struct elf64_phdr) > len - eh->phoff)
        panic("init: '%s' is not a RISC-V ELF executable", name);
    const struct elf64_phdr *ph = (const void *)(elf + eh->phoff);
    for (uint16_t i = 0; i < eh->phnum; i++) {
        if (ph[i].type != ELF_PT_LOAD || ph[i].memsz == 0)
            continue;
        uint64_t va = ph[i].vaddr & ~(PAGE_SIZE - 1), in = ph[i].vaddr - va;
        if (ph[i].filesz > ph[i].memsz || ph[i].offset > len || ph[i].filesz > len - ph[i].offset ||
            ((ph[i].flags & ELF_PF_W) && (ph[i].flags & ELF_PF_X)))
            panic("init: '%s' has a bad or writable+executable segment", name);
        init_region(OBOL_DESC_ANY, va, in + ph[i].memsz, elf + ph[i].offset, ph[i].filesz, in,
                    prot_of(ph[i].flags));
    }
    return eh->entry;
}

void init_start(const char *name)
{
    obol_desc_t self, slot;
    uint32_t thread;
    uint64_t archive_size = (uint64_t)(boot_archive_end - boot_archive);
    const void *elf;
    unsigned long elf_len;

    if (cap_bootstrap(&init_table, &self) != OBOL_OK || self != OBOL_INIT_SELF)
        panic("init: cannot create the first process");
    init_proc = cap_table_proc(init_table);
    if (proc_init_object(init_proc) != OBOL_OK)
        panic("init: no memory for an address space");
    if (cap_create(init_table, OBOL_TYPE_THREAD, OBOL_INIT_THREAD, &slot) != OBOL_OK ||
        cap_lookup(init_table, slot, OBOL_TYPE_THREAD, 0, &thread) != OBOL_OK)
        panic("init: cannot create the first thread");
    thread_init_object(thread, init_proc);

    if (obol_archive_find(boot_archive, archive_size, name, &elf, &elf_len) != 0)
        panic("init: no program '%s' in the boot archive", name);
    init_region(OBOL_INIT_ARCHIVE, INIT_ARCHIVE_VA, archive_size, boot_archive, archive_size, 0,
                OBOL_RIGHT_READ);
    uint64_t entry = load_elf(name, elf, elf_len);
    init_region(OBOL_DESC_ANY, INIT_STACK_TOP - INIT_STACK_SIZE, INIT_STACK_SIZE, 0, 0, 0,
                OBOL_RIGHT_READ | OBOL_RIGHT_WRITE);

    if (thread_start(thread, entry, INIT_STACK_TOP, INIT_ARCHIVE_VA) != OBOL_OK)
        panic("init: cannot start the first thread");
    thread_of(thread)->tf.regs[11] = archive_size;
    thread_of(thread)->tf.regs[18] = init_arg[0];
    thread_of(thread)->tf.regs[19] = init_arg[1];
    kprintf("obol: starting init '%s' (process %lu, %lu-byte boot archive)\n", name,
            cap_obj_koid(init_proc), archive_size);
}
