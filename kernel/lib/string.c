/*
 * Memory and string functions.  memset and memcpy move 8-byte words, eight
 * to a round, when both ends are 8-byte aligned (page clearing and frame
 * copies dominated map_unmap and process creation in the benchmark);
 * everything else goes a byte at a time.
 */
#include <stddef.h>
#include <stdint.h>

#include "lib/string.h"

/* gcc may recognise these loops as memset/memcpy and emit a call to the
   function being defined: infinite recursion.  Forbid that here. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-tree-loop-distribute-patterns")
#endif

/* A word that may alias anything: the copies below stay defined C. */
typedef uint64_t __attribute__((may_alias)) word_t;
#define WORD sizeof(word_t)

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;
    if (((uintptr_t)d & (WORD - 1)) == 0) {
        word_t w = (unsigned char)c * 0x0101010101010101ull;
        /* Eight words a round: a page is 64 rounds of 8 stores. */
        for (; n >= 8 * WORD; n -= 8 * WORD, d += 8 * WORD)
#pragma GCC unroll 8
            for (int i = 0; i < 8; i++)
                ((word_t *)(void *)d)[i] = w;
        for (; n >= WORD; n -= WORD, d += WORD)
            *(word_t *)(void *)d = w;
    }
    while (n--)
        *d++ = (unsigned char)c;
    return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if ((((uintptr_t)d | (uintptr_t)s) & (WORD - 1)) == 0) {
        for (; n >= 8 * WORD; n -= 8 * WORD, d += 8 * WORD, s += 8 * WORD)
#pragma GCC unroll 8
            for (int i = 0; i < 8; i++)
                ((word_t *)(void *)d)[i] = ((const word_t *)(const void *)s)[i];
        for (; n >= WORD; n -= WORD, d += WORD, s += WORD)
            *(word_t *)(void *)d = *(const word_t *)(const void *)s;
    }
    while (n--)
        *d++ = *s++;
    return dst;
}

/* Overlap-safe: copy backwards when dst lies above src. */
void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d == s || n == 0)
        return dst;
    if (d < s) {
        while (n--)
            *d++ = *s++;
    } else {
        d += n;
        s += n;
        while (n--)
            *--d = *--s;
    }
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;
    for (; n; n--, p++, q++)
        if (*p != *q)
            return *p - *q;
    return 0;
}

size_t strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for (; n; n--, a++, b++) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (*a == '\0')
            return 0;
    }
    return 0;
}
