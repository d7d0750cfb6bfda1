/*
 * The few C string/memory functions the kernel needs.  gcc emits calls to
 * memset/memcpy (struct copies, zeroing) even in freestanding code, so
 * these keep their standard names.  Host tests build string.c with the
 * names remapped (-Dmemset=kstr_memset ...) so they never meet libc's.
 */
#ifndef OBOL_LIB_STRING_H
#define OBOL_LIB_STRING_H

#include <stddef.h>

void  *memset(void *dst, int c, size_t n);
void  *memcpy(void *dst, const void *src, size_t n);
void  *memmove(void *dst, const void *src, size_t n);
int    memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int    strcmp(const char *a, const char *b);
int    strncmp(const char *a, const char *b, size_t n);

#endif
