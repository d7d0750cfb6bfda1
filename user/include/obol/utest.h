/*
 * <obol/utest.h>: a tiny header-only check helper for in-QEMU tests.
 *
 *     utest_section("mint");               start a group of checks
 *     CHECK(obol_desc_close(7), OBOL_ERR_BAD_DESCRIPTOR);   a status
 *     CHECK_EQ(info.badge, 42);            two integers
 *     CHECK_TRUE(p[0] == 0);               a condition
 *     return utest_finish("utest_desc");   0 if every check passed, else 1
 *
 * A failed check prints one line
 *     FAIL <file>:<line>: <expr> = <name> want <name>
 * (status names from obol_strerror; a value that is no status prints as a
 * number), a group prints "ok <group> (N checks)" or "not ok <group> (M of N
 * failed)" when the next one starts or at the end, and utest_finish prints
 *     utest <name>: N checks passed, M failed
 * A program that made no check at all fails too.  Each macro evaluates its
 * arguments exactly once.
 *
 * Shared helpers of the descriptor and resource tests:
 *     utest_desc_status(d)     the status of DESC_INFO on d
 *     utest_desc_info(d)       DESC_INFO on d, checked to succeed
 *     utest_sysinfo()          SYSTEM_INFO, checked to succeed
 */
#ifndef OBOL_UTEST_H
#define OBOL_UTEST_H

#include <stdio.h>
#include <string.h>
#include <obol/obol.h>

static unsigned utest_passed, utest_failed;
static unsigned utest_sec_checks, utest_sec_failed;
static const char *utest_sec_name;

static inline void utest_end_section(void)
{
    if (utest_sec_name) {
        if (utest_sec_failed == 0)
            printf("ok %s (%u checks)\n", utest_sec_name, utest_sec_checks);
        else
            printf("not ok %s (%u of %u failed)\n", utest_sec_name, utest_sec_failed,
                   utest_sec_checks);
    }
    utest_sec_name = 0;
    utest_sec_checks = 0;
    utest_sec_failed = 0;
}

static inline void utest_section(const char *name)
{
    utest_end_section();
    utest_sec_name = name;
}

/* Record one outcome; returns ok so callers can stop early. */
static inline int utest_record(int ok)
{
    utest_sec_checks++;
    if (ok) {
        utest_passed++;
    } else {
        utest_failed++;
        utest_sec_failed++;
    }
    return ok;
}

static inline const char *utest_status_name(long v, char *buf, unsigned n)
{
    const char *s = obol_strerror((int)v);
    if ((long)(int)v == v && s[0] != 'U')   /* "UNKNOWN": not a status */
        return s;
    snprintf(buf, n, "%ld", v);
    return buf;
}

static inline int utest_check_status(long got, long want, const char *expr, const char *file,
                                     int line)
{
    if (utest_record(got == want))
        return 1;
    char b1[24], b2[24];
    printf("FAIL %s:%d: %s = %s want %s\n", file, line, expr, utest_status_name(got, b1, sizeof b1),
           utest_status_name(want, b2, sizeof b2));
    return 0;
}

static inline int utest_check_eq(unsigned long long got, unsigned long long want, const char *expr,
                                 const char *wexpr, const char *file, int line)
{
    if (utest_record(got == want))
        return 1;
    printf("FAIL %s:%d: %s = %#llx want %s = %#llx\n", file, line, expr, got, wexpr, want);
    return 0;
}

static inline int utest_check_true(int cond, const char *expr, const char *file, int line)
{
    if (utest_record(cond != 0))
        return 1;
    printf("FAIL %s:%d: %s is false\n", file, line, expr);
    return 0;
}

#define CHECK(expr, want) utest_check_status((long)(expr), (long)(want), #expr, __FILE__, __LINE__)
#define CHECK_EQ(expr, want)                                                                  \
    utest_check_eq((unsigned long long)(expr), (unsigned long long)(want), #expr, #want,     \
                   __FILE__, __LINE__)
#define CHECK_TRUE(cond) utest_check_true(!!(cond), #cond, __FILE__, __LINE__)

/* The status of DESC_INFO on d (the information itself is dropped). */
static inline int utest_desc_status(obol_desc_t d)
{
    struct obol_desc_info i;
    return obol_desc_info(d, &i);
}

/* DESC_INFO on d, which must succeed (if not: a failed check, and every
 * byte of the result is 0xEE). */
static inline struct obol_desc_info utest_desc_info(obol_desc_t d)
{
    struct obol_desc_info i;
    memset(&i, 0xEE, sizeof i);
    CHECK(obol_desc_info(d, &i), OBOL_OK);
    return i;
}

/* SYSTEM_INFO, which must succeed (if not: a failed check, and zeros). */
static inline struct obol_system_info utest_sysinfo(void)
{
    struct obol_system_info s;
    memset(&s, 0, sizeof s);
    CHECK(obol_system_info(&s), OBOL_OK);
    return s;
}

/* Print the summary; the exit status for main: 0 only if all passed. */
static inline int utest_finish(const char *name)
{
    utest_end_section();
    printf("utest %s: %u checks passed, %u failed\n", name, utest_passed, utest_failed);
    if (utest_passed + utest_failed == 0) {
        printf("FAIL %s: no checks ran\n", name);
        return 1;
    }
    return utest_failed == 0 ? 0 : 1;
}

#endif /* OBOL_UTEST_H */
