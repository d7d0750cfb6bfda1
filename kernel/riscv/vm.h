/* Sv39 paging: the kernel's view of virtual memory. */
#ifndef RISCV_VM_H
#define RISCV_VM_H
#include <stdint.h>
#include <stddef.h>

/* All RAM and devices are reached through the direct map in the upper half
 * (also where the kernel image is linked: see platform/kernel.ld). */
#define PHYS_OFFSET 0xFFFFFFC000000000ul
#define PAGE_SIZE   4096ul
#define MEGA_SIZE   (2ul << 20)

static inline void *pa_to_va(uint64_t pa) { return (void *)(pa + PHYS_OFFSET); }
static inline uint64_t va_to_pa(const void *va) { return (uint64_t)va - PHYS_OFFSET; }

typedef uint64_t pte_t;
#define VPN(va, level) (((va) >> (12 + 9 * (level))) & 511)
#define PTE_PA(pte)    (((pte) >> 10) << 12)
#define PTE_V (1ul << 0)
#define PTE_R (1ul << 1)
#define PTE_W (1ul << 2)
#define PTE_X (1ul << 3)
#define PTE_U (1ul << 4)
#define PTE_G (1ul << 5)
#define PTE_A (1ul << 6)
#define PTE_D (1ul << 7)
#define PTE_LEAF (PTE_R | PTE_W | PTE_X)

#define SATP_SV39 (8ul << 60)

struct platform_info;

/* Build the kernel's W^X page table from the platform's memory map and switch
 * to it.  Returns 0, or a negative value if page-table frames ran out. */
int kvm_init(const struct platform_info *info);

/* Map [va, va+size) to [pa, ...) in root with perm (PTE_R/W/X/U/G); uses
 * 2 MiB leaves where alignment allows and allow_mega is set.  0 or -1 (no frames). */
int vm_map(pte_t *root, uint64_t va, uint64_t pa, uint64_t size, uint64_t perm, int allow_mega);

/* Remove the 4 KiB mappings of [va, va+size) and free the page-table pages
 * that become empty (never the root).  Flushes the TLB. */
void vm_unmap(pte_t *root, uint64_t va, uint64_t size);

/* The leaf PTE for va (level 0, 1 or 2 leaf), or NULL if unmapped. */
pte_t *vm_lookup(pte_t *root, uint64_t va);

/* Count leaves that are writable and executable (must be 0) and all leaves. */
void vm_count_wx(pte_t *root, uint64_t *wx, uint64_t *leaves);

extern pte_t *kernel_root;
#endif
