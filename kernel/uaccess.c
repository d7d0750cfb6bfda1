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

static void move(uint8_t *user, uint8_t *kbuf, size_t n, uint64_t need)
{
    if (need & PTE_W)
        memcpy(user, kbuf, n);
    else
        memcpy(kbuf, user, n);
}

/* Copy len bytes between kernel memory and user memory at uaddr, one page
 * at a time; `need` is the page permission the user must have.  For writes
 * every page is checked before the first byte moves, so a failed copy_to_user
 * writes nothing.  A range within one page (every struct the syscalls pass)
 * takes one page-table walk. */
static int copy_user(pte_t *root, uint64_t uaddr, uint8_t *kbuf, size_t len, size_t align, uint64_t need)
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
