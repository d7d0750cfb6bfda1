/*
 * ELF64 image checking for spawn (see user/include/obol/elf.h).  Every
 * field is read byte by byte and every offset checked against len, with
 * overflow-safe arithmetic, before anything is trusted.
 */
#include <obol/elf.h>

#define EI_NIDENT    16
#define ELFCLASS64   2
#define ELFDATA2LSB  1
#define EV_CURRENT   1
#define ET_EXEC      2
#define EM_RISCV     243
#define PT_LOAD      1
#define PF_X         1u
#define PF_W         2u
#define PF_R         4u
#define EHDR_SIZE    64ul
#define PHDR_SIZE    56ul

static unsigned long rd16(const unsigned char *p)
{
    return (unsigned long)p[0] | (unsigned long)p[1] << 8;
}

static unsigned long rd32(const unsigned char *p)
{
    return rd16(p) | rd16(p + 2) << 16;
}

static unsigned long rd64(const unsigned char *p)
{
    return rd32(p) | rd32(p + 4) << 32;
}

int obol_elf_parse(const void *elf, unsigned long len, struct obol_elf_image *out)
{
    const unsigned char *b = elf;
    if (b == 0 || out == 0 || len < EHDR_SIZE)
        return OBOL_ERR_INVALID_ARGS;
    if (b[0] != 0x7f || b[1] != 'E' || b[2] != 'L' || b[3] != 'F' ||
        b[4] != ELFCLASS64 || b[5] != ELFDATA2LSB || b[6] != EV_CURRENT)
        return OBOL_ERR_INVALID_ARGS;
    if (rd16(b + 16) != ET_EXEC || rd16(b + 18) != EM_RISCV || rd32(b + 20) != EV_CURRENT)
        return OBOL_ERR_INVALID_ARGS;
    unsigned long entry = rd64(b + 24);
    unsigned long phoff = rd64(b + 32);
    unsigned long ehsize = rd16(b + 52);
    unsigned long phentsize = rd16(b + 54);
    unsigned long phnum = rd16(b + 56);
    if (ehsize != EHDR_SIZE || phentsize != PHDR_SIZE || phnum == 0 || phnum > OBOL_ELF_MAX_PHDRS)
        return OBOL_ERR_INVALID_ARGS;
    /* phnum <= 64, so phnum * 56 cannot overflow. */
    if (phoff > len || phnum * PHDR_SIZE > len - phoff)
        return OBOL_ERR_INVALID_ARGS;

    out->entry = entry;
    out->nsegments = 0;
    unsigned long prev_end = OBOL_USER_BASE;    /* page-aligned end of the previous segment */
    int entry_ok = 0;
    for (unsigned long i = 0; i < phnum; i++) {
        const unsigned char *ph = b + phoff + i * PHDR_SIZE;
        if (rd32(ph) != PT_LOAD)
            continue;
        unsigned long flags = rd32(ph + 4);
        unsigned long offset = rd64(ph + 8);
        unsigned long vaddr = rd64(ph + 16);
        unsigned long filesz = rd64(ph + 32);
        unsigned long memsz = rd64(ph + 40);
        if (memsz == 0) {
            if (filesz != 0)
                return OBOL_ERR_INVALID_ARGS;
            continue;
        }
        if (filesz > memsz || offset > len || filesz > len - offset)
            return OBOL_ERR_INVALID_ARGS;
        if ((flags & ~(PF_R | PF_W | PF_X)) != 0 || (flags & (PF_R | PF_X)) == 0 ||
            (flags & (PF_W | PF_X)) == (PF_W | PF_X))
            return OBOL_ERR_INVALID_ARGS;
        if (vaddr < OBOL_USER_BASE || vaddr >= OBOL_SPAWN_STACK_BOTTOM ||
            memsz > OBOL_SPAWN_STACK_BOTTOM - vaddr)
            return OBOL_ERR_INVALID_ARGS;
        unsigned long map_va = vaddr & ~(OBOL_PAGE_SIZE - 1);
        /* vaddr + memsz <= OBOL_SPAWN_STACK_BOTTOM, which is page-aligned. */
        unsigned long map_end = (vaddr + memsz + OBOL_PAGE_SIZE - 1) & ~(OBOL_PAGE_SIZE - 1);
        if (map_va < prev_end)
            return OBOL_ERR_INVALID_ARGS;     /* out of order, or shares a page */
        if (out->nsegments >= OBOL_ELF_MAX_SEGMENTS)
            return OBOL_ERR_INVALID_ARGS;
        struct obol_elf_segment *s = &out->seg[out->nsegments++];
        s->vaddr = vaddr;
        s->memsz = memsz;
        s->offset = offset;
        s->filesz = filesz;
        s->map_va = map_va;
        s->map_size = map_end - map_va;
        s->prot = ((flags & PF_R) ? (unsigned int)OBOL_RIGHT_READ : 0u) |
                  ((flags & PF_W) ? (unsigned int)OBOL_RIGHT_WRITE : 0u) |
                  ((flags & PF_X) ? (unsigned int)OBOL_RIGHT_EXECUTE : 0u);
        if ((flags & PF_X) && entry >= vaddr && entry - vaddr < memsz)
            entry_ok = 1;
        prev_end = map_end;
    }
    if (out->nsegments == 0 || !entry_ok || (entry & 1) != 0)
        return OBOL_ERR_INVALID_ARGS;
    return 0;
}
