/*
 * The host tests' view of the executable invariants: a thin adapter over
 * the one checker, kernel/cap/cap_check.c (which the kernel also runs at
 * shutdown with selfcheck=1, and tests/host/fuzz_cap.c after every step),
 * formatting its reason and index into a buffer.
 */
#include <stdio.h>
#include "cap/cap.h"
#include "cap/cap_check.h"

int cap_check_inv(char *why, size_t n);

int cap_check_inv(char *why, size_t n)
{
    const char *text = "";
    if (!cap_check_invariants(&text))
        return 0;
    if (cap_check_index == CAP_NONE)
        snprintf(why, n, "%s", text);
    else
        snprintf(why, n, "%s (index %u)", text, cap_check_index);
    return 1;
}
