/*
 * Executable form of the ACSL invariants of spec/cap_spec.h, run by the
 * host tests on the real core state after every step.
 */
#include <stdio.h>
#include <string.h>
#include <stdarg.h>
#include "cap/cap.h"

int cap_check_inv(char *why, size_t n);

static int fail(char *why, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, n, fmt, ap);
    va_end(ap);
    return 1;
}

static int subset(uint32_t a, uint32_t b) { return (a & ~b) == 0; }

int cap_check_inv(char *why, size_t n)
{
    static uint32_t cnt[CAP_MAX_OBJECTS];
    static uint32_t owners[CAP_MAX_OBJECTS];
    memset(cnt, 0, sizeof cnt);
    memset(owners, 0, sizeof owners);
    if (cap_next_koid < 1) return fail(why, n, "next_koid 0");
    for (uint32_t g = 0; g < CAP_G; g++) {
        uint8_t st = cap_d_state[g];
        if (st > CAP_REVOKED) return fail(why, n, "slot %u bad state %u", g, st);
        if (st == CAP_FREE) continue;
        uint32_t o = cap_d_obj[g];
        if (o >= CAP_MAX_OBJECTS) return fail(why, n, "slot %u obj range", g);
        if (st != CAP_LIVE) continue;
        cnt[o]++;
        /* no LIVE descriptor to a freed (or dying) object */
        if (cap_o_state[o] != CAP_OALIVE) return fail(why, n, "slot %u -> non-alive obj %u", g, o);
        uint32_t valid = cap_type_rights(cap_o_type[o]);
        if (!subset(cap_d_rights[g], valid)) return fail(why, n, "slot %u rights amplify type", g);
        if (cap_d_owner[g]) {
            owners[o]++;
            if (cap_o_owner[o] != g) return fail(why, n, "slot %u owner link", g);
            if (cap_d_parent[g] != CAP_NONE) return fail(why, n, "owner %u has parent", g);
            if (cap_d_rights[g] != valid) return fail(why, n, "owner %u rights", g);
        }
        uint32_t p = cap_d_parent[g];
        if (p == CAP_NONE) {
            if (cap_d_depth[g] != 0) return fail(why, n, "root %u depth", g);
        } else {
            if (p >= CAP_G) return fail(why, n, "slot %u parent range", g);
            if (cap_d_state[p] != CAP_LIVE) return fail(why, n, "slot %u parent %u not live", g, p);
            if (cap_d_obj[p] != o) return fail(why, n, "slot %u parent other object", g);
            if (cap_d_depth[g] != cap_d_depth[p] + 1) return fail(why, n, "slot %u depth", g);
            if (!subset(cap_d_rights[g], cap_d_rights[p])) return fail(why, n, "slot %u amplifies parent", g);
            if (!cap_d_haschild[p]) return fail(why, n, "slot %u parent haschild", g);
        }
    }
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS; o++) {
        uint8_t st = cap_o_state[o];
        if (st > CAP_ODYING) return fail(why, n, "obj %u state", o);
        if (cap_o_refs[o] != cnt[o]) return fail(why, n, "obj %u refs %u != %u", o, cap_o_refs[o], cnt[o]);
        if (owners[o] > 1) return fail(why, n, "obj %u has %u owners", o, owners[o]);
        if (cap_o_owner[o] != CAP_NONE && owners[o] != 1) return fail(why, n, "obj %u owner dangling", o);
        if (st == CAP_OFREE || st == CAP_ODYING) {
            if (cap_o_refs[o] || cap_o_pins[o] || cap_o_owner[o] != CAP_NONE)
                return fail(why, n, "obj %u free/dying with refs", o);
        }
        if (st == CAP_OALIVE && cap_o_refs[o] + (uint64_t)cap_o_pins[o] == 0)
            return fail(why, n, "obj %u alive without refs", o);
        if (st != CAP_OFREE) {
            if (cap_o_type[o] < OBOL_TYPE_MIN || cap_o_type[o] > OBOL_TYPE_MAX) return fail(why, n, "obj %u type", o);
            if (cap_o_koid[o] < 1 || cap_o_koid[o] >= cap_next_koid) return fail(why, n, "obj %u koid", o);
            for (uint32_t o2 = 0; o2 < o; o2++)
                if (cap_o_state[o2] != CAP_OFREE && cap_o_koid[o2] == cap_o_koid[o])
                    return fail(why, n, "koid shared %u %u", o, o2);
            if (cap_o_type[o] == OBOL_TYPE_PROCESS) {
                uint32_t t = cap_o_table[o];
                if (t >= CAP_MAX_TABLES || !cap_t_used[t] || cap_t_obj[t] != o)
                    return fail(why, n, "process %u table link", o);
            }
        }
    }
    for (uint32_t t = 0; t < CAP_MAX_TABLES; t++) {
        if (cap_t_used[t]) {
            uint32_t o = cap_t_obj[t];
            if (o >= CAP_MAX_OBJECTS || cap_o_state[o] == CAP_OFREE ||
                cap_o_type[o] != OBOL_TYPE_PROCESS || cap_o_table[o] != t)
                return fail(why, n, "table %u link", t);
        } else {
            for (uint32_t s = 0; s < CAP_TABLE_SLOTS; s++)
                if (cap_d_state[t * CAP_TABLE_SLOTS + s] != CAP_FREE)
                    return fail(why, n, "unused table %u not empty", t);
        }
    }
    /* reap queue: exactly the dying objects, each once */
    static uint8_t seen[CAP_MAX_OBJECTS];
    memset(seen, 0, sizeof seen);
    uint32_t q = cap_reap_head, last = CAP_NONE, steps = 0;
    while (q != CAP_NONE) {
        if (q >= CAP_MAX_OBJECTS || seen[q] || ++steps > CAP_MAX_OBJECTS) return fail(why, n, "reap queue broken");
        seen[q] = 1;
        if (cap_o_state[q] != CAP_ODYING) return fail(why, n, "reap queue holds non-dying %u", q);
        last = q;
        q = cap_o_reap_next[q];
    }
    if (cap_reap_tail != last) return fail(why, n, "reap tail");
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS; o++)
        if (cap_o_state[o] == CAP_ODYING && !seen[o]) return fail(why, n, "dying %u not queued", o);
    return 0;
}
