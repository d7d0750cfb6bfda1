/*
 * Descriptor lookup, inline.  Part of the proved capability core: cap.c
 * includes this file (after the ACSL model), so Frama-C proves this body
 * and contract with the rest; cap_lookup is this function.  The kernel's
 * hot paths (the IPC fast path) include it too, to look a descriptor up
 * without a call.
 */
#ifndef OBOL_CAP_LOOKUP_H
#define OBOL_CAP_LOOKUP_H

#include <stdint.h>
#include "cap/cap.h"

/* The error behaviors and the success of a lookup, in the documented order
 * (shared by cap_lookup_inline here and cap_lookup in cap.c). */
#define CAP_LOOKUP_BEHAVIORS                                                   \
    behavior bad:                                                              \
      assumes r_bad(table, d);                                                 \
      assigns \nothing;                                                        \
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;                              \
    behavior revoked:                                                          \
      assumes r_revoked(table, d);                                             \
      assigns \nothing;                                                        \
      ensures \result == OBOL_ERR_REVOKED;                                     \
    behavior destroyed:                                                        \
      assumes r_destroyed(table, d);                                           \
      assigns \nothing;                                                        \
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;                            \
    behavior wrong_type:                                                       \
      assumes r_ok(table, d) && cap_o_type[dobj(table, d)] != type;            \
      assigns \nothing;                                                        \
      ensures \result == OBOL_ERR_WRONG_TYPE;                                  \
    behavior denied:                                                           \
      assumes r_ok(table, d) && cap_o_type[dobj(table, d)] == type &&          \
        !rights_within(needed, drights(table, d));                             \
      assigns \nothing;                                                        \
      ensures \result == OBOL_ERR_ACCESS_DENIED;                               \
    behavior ok:                                                               \
      assumes r_ok(table, d) && cap_o_type[dobj(table, d)] == type &&          \
        rights_within(needed, drights(table, d));                              \
      ensures \result == OBOL_OK;                                              \
      ensures *out_obj == dobj(table, d) && *out_obj < CAP_MAX_OBJECTS;        \
    complete behaviors; disjoint behaviors;

/* Resolve d in table, check type and rights, in the documented order. */
/*@ requires table < CAP_MAX_TABLES && inv_shape;
    requires \valid(out_obj);
    terminates \true;
    assigns *out_obj;
    CAP_LOOKUP_BEHAVIORS */
static inline __attribute__((always_inline))
int cap_lookup_inline(uint32_t table, obol_desc_t d, uint32_t type, uint32_t needed,
                      uint32_t *out_obj)
{
    if (d >= CAP_TABLE_SLOTS)
        return OBOL_ERR_BAD_DESCRIPTOR;
    uint32_t g = table * CAP_TABLE_SLOTS + d;
    //@ assert g == gi(table, d) && g < CAP_G;
    uint8_t st = cap_d_state[g];
    if (st != CAP_LIVE)
        return st == CAP_FREE ? OBOL_ERR_BAD_DESCRIPTOR : OBOL_ERR_REVOKED;
    uint32_t o = cap_d_obj[g];
    if (cap_o_destroyed[o] != 0)
        return OBOL_ERR_OBJECT_DESTROYED;
    if (cap_o_type[o] != type)
        return OBOL_ERR_WRONG_TYPE;
    if ((needed & cap_d_rights[g]) != needed)
        return OBOL_ERR_ACCESS_DENIED;
    *out_obj = o;
    return OBOL_OK;
}

#endif /* OBOL_CAP_LOOKUP_H */
