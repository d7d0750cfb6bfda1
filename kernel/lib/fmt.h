/*
 * printf-style formatting into a buffer, for the kernel's console and
 * panic messages.  Freestanding: no libc.
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %%
 * Flags: '-' (left-justify), '0' (zero-pad), '+', ' '
 * Width and precision, either may be '*'.  Precision on %s limits the
 * characters taken; on integers it is the minimum digit count (as C99).
 * Length modifiers: hh h l ll z.
 * %s of NULL prints "(null)"; %p prints 0x and lower-case hex ("0x0" for
 * NULL, where glibc would print "(nil)").  An unknown conversion is
 * printed as written.
 */
#ifndef OBOL_LIB_FMT_H
#define OBOL_LIB_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Always NUL-terminates when size > 0; returns the length the full output
   would have had (as C99 snprintf), so truncation is ret >= size. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
