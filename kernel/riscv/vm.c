/* Sv39 page tables and the kernel's W^X address space. */
#include "vm.h"
#include "csr.h"
#include "fdt.h"
#include "mm/frame.h"
#include "lib/string.h"
#include "kernel.h"

pte_t *kernel_root;

#define PA_PTE(pa)     (((pa) >> 12) << 10)

static pte_t *alloc_table(void)
{
    uint64_t pa;
    if (frame_alloc(&pa) != 0)
        return NULL;
    pte_t *t = pa_to_va(pa);
    memset(t, 0, PAGE_SIZE);
    return t;
}

/* Walk to the table at `level` covering va, creating tables on the way. */
static pte_t *walk_create(pte_t *root, uint64_t va, int level)
{
    pte_t *table = root;
    for (int l = 2; l > level; l--) {
        pte_t *pte = &table[VPN(va, l)];
        if (!(*pte & PTE_V)) {
            pte_t *next = alloc_table();
            if (!next)
                return NULL;
            *pte = PA_PTE(va_to_pa(next)) | PTE_V;
        }
        table = pa_to_va(PTE_PA(*pte));
    }
    return &table[VPN(va, level)];
}

int vm_map(pte_t *root, uint64_t va, uint64_t pa, uint64_t size, uint64_t perm, int allow_mega)
{
    uint64_t end = va + size;
    while (va < end) {
        int mega = allow_mega && !(va & (MEGA_SIZE - 1)) && !(pa & (MEGA_SIZE - 1)) &&
                   end - va >= MEGA_SIZE;
        pte_t *pte = walk_create(root, va, mega ? 1 : 0);
        if (!pte)
            return -1;
        *pte = PA_PTE(pa) | perm | PTE_V | PTE_A | PTE_D;
        uint64_t step = mega ? MEGA_SIZE : PAGE_SIZE;
        va += step;
        pa += step;
    }
    return 0;
}

pte_t *vm_lookup(pte_t *root, uint64_t va)
{
    pte_t *table = root;
    for (int l = 2; l >= 0; l--) {
        pte_t *pte = &table[VPN(va, l)];
        if (!(*pte & PTE_V))
            return NULL;
        if (*pte & PTE_LEAF)
            return pte;
        table = pa_to_va(PTE_PA(*pte));
    }
    return NULL;
}

static int table_empty(const pte_t *t)
{
    for (int i = 0; i < 512; i++)
        if (t[i] & PTE_V)
            return 0;
    return 1;
}

/* Free the table that `entry` points to if nothing is left in it. */
static void prune(pte_t *entry)
{
    pte_t *t = pa_to_va(PTE_PA(*entry));
    if (table_empty(t)) {
        *entry = 0;
        frame_free(va_to_pa(t));
    }
}

void vm_unmap(pte_t *root, uint64_t va, uint64_t size)
{
    uint64_t end = va + size;
    for (uint64_t a = va; a < end; a += PAGE_SIZE) {
        pte_t *pte = vm_lookup(root, a);
        if (pte)
            *pte = 0;
    }
    /* Each 1 GiB and 2 MiB span the range touches, its table may now be empty. */
    for (uint64_t giga = va & ~((1ul << 30) - 1); giga < end; giga += 1ul << 30) {
        pte_t *l2 = &root[VPN(giga, 2)];
        if (!(*l2 & PTE_V) || (*l2 & PTE_LEAF))
            continue;
        pte_t *l1t = pa_to_va(PTE_PA(*l2));
        uint64_t lo = giga > va ? giga : va, hi = giga + (1ul << 30) < end ? giga + (1ul << 30) : end;
        for (uint64_t mega = lo & ~(MEGA_SIZE - 1); mega < hi; mega += MEGA_SIZE) {
            pte_t *l1 = &l1t[VPN(mega, 1)];
            if ((*l1 & PTE_V) && !(*l1 & PTE_LEAF))
                prune(l1);
        }
        prune(l2);
    }
    sfence_vma();
}

static void count_wx(pte_t *table, int level, uint64_t *wx, uint64_t *leaves)
{
    for (int i = 0; i < 512; i++) {
        pte_t pte = table[i];
        if (!(pte & PTE_V))
            continue;
        if (pte & PTE_LEAF) {
            (*leaves)++;
            if ((pte & PTE_W) && (pte & PTE_X))
                (*wx)++;
        } else if (level > 0) {
            count_wx(pa_to_va(PTE_PA(pte)), level - 1, wx, leaves);
        }
    }
}

void vm_count_wx(pte_t *root, uint64_t *wx, uint64_t *leaves)
{
    *wx = *leaves = 0;
    count_wx(root, 2, wx, leaves);
}

/* Permissions of a kernel-image page, by section (platform/kernel.ld). */
static uint64_t image_perm(uint64_t va)
{
    if (va < (uint64_t)_text_end)
        return PTE_R | PTE_X;
    if (va < (uint64_t)_rodata_end)
        return PTE_R;
    return PTE_R | PTE_W;
}

static int overlaps(uint64_t a, uint64_t asize, uint64_t b, uint64_t bsize)
{
    return a < b + bsize && b < a + asize;
}

static int is_reserved(const struct platform_info *info, uint64_t pa, uint64_t size)
{
    for (uint32_t i = 0; i < info->reserved_count; i++)
        if (overlaps(pa, size, info->reserved[i].base, info->reserved[i].size))
            return 1;
    return 0;
}

/* Direct-map one RAM range: 2 MiB leaves where a chunk is plain RAM, 4 KiB
 * pages where it holds part of the kernel image or a reserved region. */
static int map_ram(const struct platform_info *info, uint64_t base, uint64_t size)
{
    uint64_t kstart = va_to_pa(_kernel_start), kend = va_to_pa(_kernel_end);
    uint64_t pa = base & ~(PAGE_SIZE - 1), end = base + size;
    while (pa < end) {
        if (!(pa & (MEGA_SIZE - 1)) && end - pa >= MEGA_SIZE &&
            !overlaps(pa, MEGA_SIZE, kstart, kend - kstart) && !is_reserved(info, pa, MEGA_SIZE)) {
            if (vm_map(kernel_root, (uint64_t)pa_to_va(pa), pa, MEGA_SIZE, PTE_R | PTE_W | PTE_G, 1))
                return -1;
            pa += MEGA_SIZE;
            continue;
        }
        if (!is_reserved(info, pa, PAGE_SIZE)) {
            uint64_t va = (uint64_t)pa_to_va(pa);
            uint64_t perm = (pa >= kstart && pa < kend) ? image_perm(va) : PTE_R | PTE_W;
            if (vm_map(kernel_root, va, pa, PAGE_SIZE, perm | PTE_G, 0))
                return -1;
        }
        pa += PAGE_SIZE;
    }
    return 0;
}

static int map_device(uint64_t base, uint64_t size)
{
    if (!size)
        return 0;
    uint64_t pa = base & ~(PAGE_SIZE - 1);
    uint64_t len = (base + size - pa + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    return vm_map(kernel_root, (uint64_t)pa_to_va(pa), pa, len, PTE_R | PTE_W | PTE_G, 1);
}

int kvm_init(const struct platform_info *info)
{
    kernel_root = alloc_table();
    if (!kernel_root)
        return -1;
    for (uint32_t i = 0; i < info->mem_count; i++)
        if (map_ram(info, info->mem[i].base, info->mem[i].size))
            return -1;
    if (map_device(info->uart_base, info->uart_size) || map_device(info->plic_base, info->plic_size) ||
        map_device(info->test_base, info->test_size))
        return -1;
    csr_write(satp, SATP_SV39 | (va_to_pa(kernel_root) >> 12));
    sfence_vma();
    return 0;
}
