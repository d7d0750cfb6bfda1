/* One PASS/FAIL line per host test case (the runner counts them). */
#ifndef TESTS_HOST_CHECK_H
#define TESTS_HOST_CHECK_H
#include <stdarg.h>
#include <stdio.h>

/* Tests may give an empty reason when the name says it all. */
#pragma GCC diagnostic ignored "-Wformat-zero-length"

static int failures;

/* PASS name, or FAIL name followed by the printf-style reason. */
__attribute__((format(printf, 3, 4), unused))
static void check(const char *name, int ok, const char *why, ...)
{
    if (ok) {
        printf("PASS %s\n", name);
        return;
    }
    va_list ap;
    va_start(ap, why);
    printf("FAIL %s ", name);
    vprintf(why, ap);
    printf("\n");
    va_end(ap);
    failures++;
}

#define CHECK(name, cond, ...) check((name), (cond) ? 1 : 0, __VA_ARGS__)
#endif
