/* Copying to and from user memory, checked page by page. */
#ifndef UACCESS_H
#define UACCESS_H
#include <stdint.h>
#include <stddef.h>
#include "riscv/vm.h"

/* Each returns OBOL_OK, or OBOL_ERR_BAD_ADDRESS if any byte of the range is
 * outside user space, unmapped, or lacks the permission (user read for
 * copy_from_user, user write for copy_to_user), or if uaddr is not aligned
 * to `align`.  The kernel reads user pages through the direct map after
 * checking the process's own page table, so it never faults on user memory
 * and never needs SUM. */
int copy_from_user(pte_t *root, void *dst, uint64_t uaddr, size_t len, size_t align);
int copy_to_user(pte_t *root, uint64_t uaddr, const void *src, size_t len, size_t align);

/* OBOL_OK if copy_to_user of that range would succeed; writes nothing. */
int user_writable(pte_t *root, uint64_t uaddr, size_t len, size_t align);
#endif
