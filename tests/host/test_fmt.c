/*
 * Host tests for kernel/lib/fmt.c (compared against the host's snprintf)
 * and kernel/lib/string.c (built with kstr_ names, compared against libc).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/fmt.h"

/* kernel/lib/string.c, renamed by boot.mk so it can sit beside libc */
void  *kstr_memset(void *dst, int c, size_t n);
void  *kstr_memcpy(void *dst, const void *src, size_t n);
void  *kstr_memmove(void *dst, const void *src, size_t n);
int    kstr_memcmp(const void *a, const void *b, size_t n);
size_t kstr_strlen(const char *s);
int    kstr_strcmp(const char *a, const char *b);
int    kstr_strncmp(const char *a, const char *b, size_t n);

#include "check.h"

/*
 * Format with both ours and the host's, into buffers of several sizes
 * (truncation), and compare text and return value.  A macro, so each
 * call site passes its arguments with their real types to both.
 */
static int cmp_failures;
static char cmp_first[256];

#define SAME(fmt, ...) do {                                                     \
        static const size_t sizes[] = { 64, 0, 1, 2, 5, 17 };                  \
        for (size_t s_ = 0; s_ < sizeof sizes / sizeof sizes[0]; s_++) {       \
            char ours[64], host[64];                                           \
            memset(ours, 'X', sizeof ours);                                    \
            memset(host, 'X', sizeof host);                                    \
            int a_ = fmt_snprintf(ours, sizes[s_], fmt, __VA_ARGS__);          \
            int b_ = snprintf(host, sizes[s_], fmt, __VA_ARGS__);              \
            if (a_ != b_ || memcmp(ours, host, sizeof ours) != 0) {            \
                if (!cmp_failures++)                                           \
                    snprintf(cmp_first, sizeof cmp_first,                      \
                             "fmt \"%s\" size %zu: ours %d \"%.40s\" host %d \"%.40s\"", \
                             fmt, sizes[s_], a_, sizes[s_] ? ours : "", b_,    \
                             sizes[s_] ? host : "");                           \
            }                                                                  \
        }                                                                      \
    } while (0)

static void run_table(const char *name, void (*table)(void))
{
    cmp_failures = 0;
    cmp_first[0] = '\0';
    table();
    check(name, cmp_failures == 0, "%d mismatches; first: %s", cmp_failures, cmp_first);
}

/* The tables and fixed cases probe edge cases on purpose ("%-05d", "%08.3d",
   a lone "%", NULL for %s): quiet gcc's printf-format checks there. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wformat-overflow"
#endif

static void table_signed(void)
{
    static const long long vals[] = { 0, 1, -1, 7, -42, 123456789, -987654321, 2147483647,
                                      -2147483647 - 1, 9223372036854775807ll,
                                      -9223372036854775807ll - 1 };
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        int v = (int)vals[i];
        long long w = vals[i];
        SAME("%d", v);
        SAME("%i", v);
        SAME("[%5d]", v);
        SAME("[%-5d]", v);
        SAME("[%05d]", v);
        SAME("[%-05d]", v);
        SAME("[%.3d]", v);
        SAME("[%8.3d]", v);
        SAME("[%08.3d]", v);
        SAME("[%.0d]", v);
        SAME("[%+d]", v);
        SAME("[% d]", v);
        SAME("[%+06d]", v);
        SAME("%ld", (long)w);
        SAME("%lld", w);
        SAME("[%25lld]", w);
        SAME("[%-25lld|]", w);
        SAME("[%025lld]", w);
        SAME("%hd", (short)v);
        SAME("%hhd", (signed char)v);
        SAME("%*d", 7, v);
        SAME("%*d|", -7, v);
        SAME("%.*d", 4, v);
        SAME("%.*d", -4, v);
    }
}

static void table_unsigned(void)
{
    static const unsigned long long vals[] = { 0, 1, 8, 15, 16, 255, 4096, 0xdeadbeef,
                                               0xffffffffu, 0x123456789abcdefull,
                                               0xffffffffffffffffull };
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        unsigned u = (unsigned)vals[i];
        unsigned long long w = vals[i];
        SAME("%u", u);
        SAME("%x", u);
        SAME("%X", u);
        SAME("%o", u);
        SAME("[%10x]", u);
        SAME("[%-10X]", u);
        SAME("[%010o]", u);
        SAME("[%.6x]", u);
        SAME("[%.0x]", u);
        SAME("%lu", (unsigned long)w);
        SAME("%lx", (unsigned long)w);
        SAME("%llx", w);
        SAME("%llX", w);
        SAME("%llo", w);
        SAME("%llu", w);
        SAME("[%020llx]", w);
        SAME("[%-20llu]", w);
        SAME("%zu", (size_t)w);
        SAME("%zx", (size_t)w);
        SAME("%hu", (unsigned short)u);
        SAME("%hhx", (unsigned char)u);
    }
}

static void table_text(void)
{
    static const char *strs[] = { "", "a", "hello", "hello, world", "tab\there" };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        const char *s = strs[i];
        SAME("%s", s);
        SAME("[%10s]", s);
        SAME("[%-10s]", s);
        SAME("[%.3s]", s);
        SAME("[%8.2s]", s);
        SAME("[%-8.0s]", s);
        SAME("[%.*s]", 4, s);
        SAME("[%*s]", -9, s);
        SAME("<%s|%s>", s, s);
    }
    SAME("%c", 'A');
    SAME("[%3c]", 'z');
    SAME("[%-3c]", 'z');
    SAME("%c%c%c", 'a', 'b', 'c');
    SAME("100%%%s", "");
    SAME("%s", "no conversions at all, just a rather long string that gets cut");
    SAME("%d %s %x %c %u %%", -5, "mix", 255u, 'q', 77u);
    static int object;
    SAME("%p", (void *)&object);
    SAME("[%20p]", (void *)&object);
    SAME("[%-20p]", (void *)&object);
    SAME("%p", (void *)(uintptr_t)0x1000);
}

/* Things compared with fixed expectations rather than the host. */
static void test_fixed(void)
{
    char b[64];
    int n;

    n = fmt_snprintf(b, sizeof b, "%s", (const char *)NULL);
    check("fmt_null_string", n == 6 && strcmp(b, "(null)") == 0, "got %d \"%s\"", n, b);
    n = fmt_snprintf(b, sizeof b, "[%8s]", (const char *)NULL);
    check("fmt_null_string_width", strcmp(b, "[  (null)]") == 0, "got \"%s\"", b);
    n = fmt_snprintf(b, sizeof b, "%p", (void *)NULL);
    check("fmt_null_pointer", n == 3 && strcmp(b, "0x0") == 0, "got \"%s\"", b);

    memset(b, 'X', sizeof b);
    n = fmt_snprintf(b, 0, "%d", 12345);
    check("fmt_size0_writes_nothing", n == 5 && b[0] == 'X', "n=%d", n);
    n = fmt_snprintf(NULL, 0, "%s-%d", "abc", 42);
    check("fmt_null_buffer_size0_counts", n == 6, "n=%d", n);
    n = fmt_snprintf(b, 4, "%s", "abcdefgh");
    check("fmt_truncates_and_terminates", n == 8 && strcmp(b, "abc") == 0, "n=%d \"%s\"", n, b);
    n = fmt_snprintf(b, 1, "abc");
    check("fmt_size1_empty", n == 3 && b[0] == '\0', "n=%d", n);

    /* %.Ns may point at bytes without a NUL after N */
    char raw[3] = { 'x', 'y', 'z' };
    n = fmt_snprintf(b, sizeof b, "%.3s", raw);
    check("fmt_precision_unterminated", n == 3 && strcmp(b, "xyz") == 0, "got \"%s\"", b);

    n = fmt_snprintf(b, sizeof b, "%");
    check("fmt_lone_percent", n == 1 && strcmp(b, "%") == 0, "got %d \"%s\"", n, b);

    n = fmt_snprintf(b, sizeof b, "%zd", (size_t)-3);
    check("fmt_zd_negative", strcmp(b, "-3") == 0, "got \"%s\"", b);

    /* a big width counts every padding character */
    n = fmt_snprintf(b, 8, "%1000d", 1);
    check("fmt_wide_field_count", n == 1000 && strlen(b) == 7, "n=%d", n);
}

#pragma GCC diagnostic pop

static void test_string(void)
{
    unsigned char a[64], b[64];
    int bad;

    /* memset / memcpy */
    memset(a, 0, sizeof a);
    check("string_memset_returns_dst", kstr_memset(a + 3, 0xab, 10) == a + 3, "");
    bad = 0;
    for (int i = 0; i < 64; i++)
        bad += a[i] != ((i >= 3 && i < 13) ? 0xab : 0);
    check("string_memset", bad == 0, "%d wrong bytes", bad);
    for (int i = 0; i < 64; i++)
        a[i] = (unsigned char)i;
    memset(b, 0, sizeof b);
    check("string_memcpy", kstr_memcpy(b, a, 64) == b && memcmp(a, b, 64) == 0, "");

    /* memmove, both directions, every overlap distance */
    bad = 0;
    for (int d = -20; d <= 20; d++) {
        unsigned char x[64], y[64];
        for (int i = 0; i < 64; i++)
            x[i] = y[i] = (unsigned char)(i * 7);
        kstr_memmove(x + 20 + d, x + 20, 20);
        memmove(y + 20 + d, y + 20, 20);
        bad += memcmp(x, y, 64) != 0;
    }
    check("string_memmove_overlaps", bad == 0, "%d distances wrong", bad);

    /* comparisons: sign agrees with libc */
#define SIGN(x) (((x) > 0) - ((x) < 0))
    static const char *strs[] = { "", "a", "b", "ab", "abc", "abd", "\xff", "a\x80" };
    bad = 0;
    for (size_t i = 0; i < 8; i++) {
        for (size_t j = 0; j < 8; j++) {
            bad += SIGN(kstr_strcmp(strs[i], strs[j])) != SIGN(strcmp(strs[i], strs[j]));
            for (size_t n = 0; n < 5; n++)
                bad += SIGN(kstr_strncmp(strs[i], strs[j], n)) !=
                       SIGN(strncmp(strs[i], strs[j], n));
            size_t n = strlen(strs[i]) < strlen(strs[j]) ? strlen(strs[i]) : strlen(strs[j]);
            bad += SIGN(kstr_memcmp(strs[i], strs[j], n + 1)) !=
                   SIGN(memcmp(strs[i], strs[j], n + 1));
        }
        bad += kstr_strlen(strs[i]) != strlen(strs[i]);
    }
    check("string_compare_like_libc", bad == 0, "%d mismatches", bad);
    check("string_memcmp_zero_length", kstr_memcmp("a", "b", 0) == 0, "");
#undef SIGN
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    run_table("fmt_signed_like_host", table_signed);
    run_table("fmt_unsigned_like_host", table_unsigned);
    run_table("fmt_text_and_pointers_like_host", table_text);
    test_fixed();
    test_string();
    return failures ? 1 : 0;
}
