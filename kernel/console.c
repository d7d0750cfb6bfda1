/* Kernel console: formatted output to the platform's console device. */
#include <stdarg.h>
#include "kernel.h"
#include "platform.h"
#include "lib/fmt.h"

void console_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        platform_console_putc(s[i]);
}

int kprintf(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t len = (n < 0) ? 0 : ((size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
    console_write(buf, len);
    return n;
}
