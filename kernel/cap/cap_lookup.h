/*
 * Descriptor lookup and INFO, inline.  Part of the proved capability core:
 * cap.c includes this file (after the ACSL model), so Frama-C proves these
 * bodies and contracts with the rest; cap_lookup and cap_info are these
 * functions.  The kernel's hot paths (the IPC fast path, the INFO syscall)
 * include it too, to read a descriptor without a call.
 */
#ifndef OBOL_CAP_LOOKUP_H
#define OBOL_CAP_LOOKUP_H

#include <stdint.h>
#include "cap/cap.h"

/* The errors of resolving d in table, first in every check order. */
#define CAP_RESOLVE_BEHAVIORS                                                  \
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
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;

/* Resolve d in table t: a LIVE descriptor of an object not destroyed, or
 * the error that says why not (first in every operation's check order). */
/*@ requires table < CAP_MAX_TABLES;
    requires inv_shape;
    terminates \true;
    assigns \nothing;
    CAP_RESOLVE_BEHAVIORS
    behavior ok:
      assumes r_ok(table, d);
      ensures \result == OBOL_OK;
    complete behaviors; disjoint behaviors; */
static inline __attribute__((always_inline))
int cap_resolve(uint32_t table, obol_desc_t d)
{
    if (d >= CAP_TABLE_SLOTS)
        return OBOL_ERR_BAD_DESCRIPTOR;
    uint32_t g = table * CAP_TABLE_SLOTS + d;
    //@ assert g == gi(table, d) && g < CAP_G;
    uint8_t st = CAP_D(state, g);
    if (st != CAP_LIVE)
        return st == CAP_FREE ? OBOL_ERR_BAD_DESCRIPTOR : OBOL_ERR_REVOKED;
    if (CAP_O(destroyed, CAP_D(obj, g)) != 0)
        return OBOL_ERR_OBJECT_DESTROYED;
    return OBOL_OK;
}

/* The error behaviors and the success of a lookup, in the documented order
 * (shared by cap_lookup_inline here and cap_lookup in cap.c). */
#define CAP_LOOKUP_BEHAVIORS                                                   \
    CAP_RESOLVE_BEHAVIORS                                                      \
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
    int r = cap_resolve(table, d);
    if (r != OBOL_OK)
        return r;
    uint32_t g = table * CAP_TABLE_SLOTS + d;
    //@ assert g == gi(table, d) && g < CAP_G;
    uint32_t o = CAP_D(obj, g);
    if (CAP_O(type, o) != type)
        return OBOL_ERR_WRONG_TYPE;
    if ((needed & CAP_D(rights, g)) != needed)
        return OBOL_ERR_ACCESS_DENIED;
    *out_obj = o;
    return OBOL_OK;
}

/* INFO's error behaviors and success, in the documented order (shared by
 * cap_info_inline here and cap_info in cap.c). */
#define CAP_INFO_BEHAVIORS                                                     \
    CAP_RESOLVE_BEHAVIORS                                                      \
    behavior denied:                                                           \
      assumes r_ok(table, d) && !downer(table, d) &&                           \
        (drights(table, d) & OBOL_RIGHT_INSPECT) == 0;                         \
      assigns \nothing;                                                        \
      ensures \result == OBOL_ERR_ACCESS_DENIED;                               \
    behavior ok:                                                               \
      assumes r_ok(table, d) &&                                                \
        (downer(table, d) || (drights(table, d) & OBOL_RIGHT_INSPECT) != 0);   \
      ensures \result == OBOL_OK;                                              \
      ensures out->type == cap_o_type[dobj(table, d)] &&                       \
              out->rights == drights(table, d) &&                              \
              out->is_owner == cap_d_owner[gi(table, d)] &&                    \
              out->koid == cap_o_koid[dobj(table, d)] &&                       \
              out->badge == cap_d_badge[gi(table, d)];                         \
    complete behaviors; disjoint behaviors;

/* Resolve d in table and, if it may be inspected, fill *out. */
/*@ requires table < CAP_MAX_TABLES && inv_shape;
    requires \valid(out);
    terminates \true;
    assigns *out;
    CAP_INFO_BEHAVIORS */
static inline __attribute__((always_inline))
int cap_info_inline(uint32_t table, obol_desc_t d, struct cap_info *out)
{
    int r = cap_resolve(table, d);
    if (r != OBOL_OK)
        return r;
    uint32_t g = table * CAP_TABLE_SLOTS + d;
    //@ assert g == gi(table, d) && g < CAP_G;
    uint32_t o = CAP_D(obj, g);
    uint32_t rights = CAP_D(rights, g);
    uint8_t own = CAP_D(owner, g);
    if (own == 0 && (rights & OBOL_RIGHT_INSPECT) == 0)
        return OBOL_ERR_ACCESS_DENIED;
    out->type = CAP_O(type, o);
    out->rights = rights;
    out->is_owner = own;
    out->koid = CAP_O(koid, o);
    out->badge = CAP_D(badge, g);
    return OBOL_OK;
}

#endif /* OBOL_CAP_LOOKUP_H */
