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

/* Kernel pointer to the byte at uaddr, if the page grants `need` to U-mode. */
static uint8_t *user_page(pte_t *root, uint64_t uaddr, uint64_t need)
{
    pte_t *pte = vm_lookup(root, uaddr & ~(PAGE_SIZE - 1));
    if (!pte || (*pte & (PTE_V | PTE_U | need)) != (PTE_V | PTE_U | need))
        return 0;
    return (uint8_t *)pa_to_va(((*pte >> 10) << 12) + (uaddr & (PAGE_SIZE - 1)));
}

int copy_from_user(pte_t *root, void *dst, uint64_t uaddr, size_t len, size_t align)
{
    if (!user_range_ok(uaddr, len, align))
        return OBOL_ERR_BAD_ADDRESS;
    uint8_t *d = dst;
    while (len) {
        uint8_t *src = user_page(root, uaddr, PTE_R);
        if (!src)
            return OBOL_ERR_BAD_ADDRESS;
        size_t n = PAGE_SIZE - (uaddr & (PAGE_SIZE - 1));
        if (n > len)
            n = len;
        memcpy(d, src, n);
        d += n;
        uaddr += n;
        len -= n;
    }
    return OBOL_OK;
}

int copy_to_user(pte_t *root, uint64_t uaddr, const void *src, size_t len, size_t align)
{
    if (!user_range_ok(uaddr, len, align))
        return OBOL_ERR_BAD_ADDRESS;
    /* Check every page first, so a failed copy writes nothing. */
    for (uint64_t a = uaddr & ~(PAGE_SIZE - 1); a < uaddr + len; a += PAGE_SIZE)
        if (!user_page(root, a, PTE_W))
            return OBOL_ERR_BAD_ADDRESS;
    const uint8_t *s = src;
    while (len) {
        uint8_t *dst = user_page(root, uaddr, PTE_W);
        size_t n = PAGE_SIZE - (uaddr & (PAGE_SIZE - 1));
        if (n > len)
            n = len;
        memcpy(dst, s, n);
        s += n;
        uaddr += n;
        len -= n;
    }
    return OBOL_OK;
}
