/*
 * Executable invariants of the capability core: the ACSL predicates of
 * spec/cap_spec.h (inv_shape, inv_objs, inv_koid, inv_tables, inv_refs,
 * inv_live, inv_tree, inv_parent_live, inv_free) plus the reap queue, checked by
 * walking every descriptor slot, object and table of the real state.
 *
 * Portable, freestanding: no platform headers, no libc.  Used by the kernel's
 * shutdown self-check (boot argument selfcheck=1), the host tests
 * (tests/host/test_cap.c, cap_random.c) and the libFuzzer harness
 * (tests/host/fuzz_cap.c).  Not reentrant (static scratch arrays).
 */
#ifndef OBOL_CAP_CHECK_H
#define OBOL_CAP_CHECK_H

#include <stdint.h>

/* 0 when every invariant holds.  Otherwise 1, *why (if why is not NULL) is a
 * static string naming the first violated invariant, and cap_check_index is
 * the slot g, object or table index it was found at (CAP_NONE if none). */
int cap_check_invariants(const char **why);
extern uint32_t cap_check_index;

#endif /* OBOL_CAP_CHECK_H */
