/* User memory access: translate through the process's page table. */
#include "uaccess.h"
#include "obol/abi.h"
#include "lib/string.h"

static int user_range_ok(uint64_t uaddr, size_t len, size_t align)
{
    if (align && (uaddr & (align - 1)))
        return 0;
    if (uaddr + len < uaddr)                    /* wraps */
        return 0;
    return uaddr >= OBOL_USER_BASE && uaddr + len <= OBOL_USER_TOP;
}

/* Kernel pointer to the byte at uaddr, if the page grants `need` to U-mode.
 * The walk of vm_lookup, unrolled: a leaf at any level ends it, and an
 * invalid entry or a non-leaf at level 0 fails the permission check. */
static uint8_t *user_page(pte_t *root, uint64_t uaddr, uint64_t need)
{
    pte_t pte = root[VPN(uaddr, 2)];
    if ((pte & (PTE_V | PTE_LEAF)) == PTE_V) {
        pte = ((pte_t *)pa_to_va(PTE_PA(pte)))[VPN(uaddr, 1)];
        if ((pte & (PTE_V | PTE_LEAF)) == PTE_V)
            pte = ((pte_t *)pa_to_va(PTE_PA(pte)))[VPN(uaddr, 0)];
    }
    if ((pte & (PTE_V | PTE_U | need)) != (PTE_V | PTE_U | need))
        return 0;
    return (uint8_t *)pa_to_va(PTE_PA(pte) + (uaddr & (PAGE_SIZE - 1)));
}

/* Kernel to user (need has PTE_W) or user to kernel.  The structs the
 * syscalls pass are whole words on both sides: a word loop, no call. */
static inline void move(uint8_t *user, uint8_t *kbuf, size_t n, uint64_t need)
{
    uint8_t *dst = (need & PTE_W) ? user : kbuf;
    const uint8_t *src = (need & PTE_W) ? kbuf : user;
    if ((((uintptr_t)dst | (uintptr_t)src | n) & 7) == 0 && n <= 64) {
        typedef uint64_t __attribute__((may_alias)) word_t;
        for (size_t i = 0; i < n / 8; i++)
            ((word_t *)(void *)dst)[i] = ((const word_t *)(const void *)src)[i];
    } else {
        memcpy(dst, src, n);
    }
}

/* Copy len bytes between kernel memory and user memory at uaddr, one page
 * at a time; `need` is the page permission the user must have.  For writes
 * every page is checked before the first byte moves, so a failed copy_to_user
 * writes nothing.  The range is already checked. */
static __attribute__((noinline)) int copy_user_pages(pte_t *root, uint64_t uaddr, uint8_t *kbuf, size_t len,
                                                     uint64_t need)
{
    for (uint64_t a = uaddr & ~(PAGE_SIZE - 1); a < uaddr + len; a += PAGE_SIZE)
        if (!user_page(root, a, need))
            return OBOL_ERR_BAD_ADDRESS;
    while (len) {
        uint8_t *user = user_page(root, uaddr, need);
        size_t n = PAGE_SIZE - (uaddr & (PAGE_SIZE - 1));
        if (n > len)
            n = len;
        move(user, kbuf, n, need);
        kbuf += n;
        uaddr += n;
        len -= n;
    }
    return OBOL_OK;
}

/* A range within one page (every struct the syscalls pass) takes one walk
 * and no loop. */
static inline __attribute__((always_inline)) int copy_user(pte_t *root, uint64_t uaddr, uint8_t *kbuf,
                                                           size_t len, size_t align, uint64_t need)
{
    if (!user_range_ok(uaddr, len, align))
        return OBOL_ERR_BAD_ADDRESS;
    if (len && ((uaddr ^ (uaddr + len - 1)) & ~(PAGE_SIZE - 1)) == 0) {
        uint8_t *user = user_page(root, uaddr, need);
        if (!user)
            return OBOL_ERR_BAD_ADDRESS;
        move(user, kbuf, len, need);
        return OBOL_OK;
    }
    return copy_user_pages(root, uaddr, kbuf, len, need);
}

int user_writable(pte_t *root, uint64_t uaddr, size_t len, size_t align)
{
    if (!user_range_ok(uaddr, len, align))
        return OBOL_ERR_BAD_ADDRESS;
    for (uint64_t a = uaddr & ~(PAGE_SIZE - 1); a < uaddr + len; a += PAGE_SIZE)
        if (!user_page(root, a, PTE_W))
            return OBOL_ERR_BAD_ADDRESS;
    return OBOL_OK;
}

int copy_from_user(pte_t *root, void *dst, uint64_t uaddr, size_t len, size_t align)
{
    return copy_user(root, uaddr, dst, len, align, PTE_R);
}

int copy_to_user(pte_t *root, uint64_t uaddr, const void *src, size_t len, size_t align)
{
    return copy_user(root, uaddr, (uint8_t *)src, len, align, PTE_W);
}
