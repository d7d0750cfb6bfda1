/*
 * Executable invariants of the capability core (cap_check.h): one walk over
 * the state per call, O(CAP_G + CAP_MAX_OBJECTS^2) for koid uniqueness.
 */
#include "cap/cap.h"
#include "cap/cap_check.h"

uint32_t cap_check_index = CAP_NONE;

static uint32_t live_refs[CAP_MAX_OBJECTS];   /* LIVE descriptors per object */
static uint32_t owners[CAP_MAX_OBJECTS];      /* LIVE owner descriptors per object */
static uint8_t  queued[CAP_MAX_OBJECTS];      /* seen on the reap queue */

static int subset(uint32_t a, uint32_t b) { return (a & ~b) == 0; }

static int fail(const char **why, const char *text, uint32_t index)
{
    if (why)
        *why = text;
    cap_check_index = index;
    return 1;
}

static int check_descriptors(const char **why)
{
    for (uint32_t g = 0; g < CAP_G; g++) {
        uint8_t st = CAP_D(state, g);
        if (st > CAP_REVOKED)
            return fail(why, "descriptor state out of range", g);
        if (CAP_D(parent, g) != CAP_NONE && CAP_D(parent, g) >= CAP_G)
            return fail(why, "descriptor parent out of range", g);
        if (st == CAP_FREE)
            continue;
        uint32_t o = CAP_D(obj, g);
        if (o >= CAP_MAX_OBJECTS)
            return fail(why, "descriptor object out of range", g);
        if (st != CAP_LIVE)
            continue;
        live_refs[o]++;
        /* inv_live: no LIVE descriptor to a free or dying object */
        if (CAP_O(state, o) != CAP_OALIVE)
            return fail(why, "LIVE descriptor to an object that is not alive", g);
        uint32_t valid = cap_type_rights(CAP_O(type, o));
        if (!subset(CAP_D(rights, g), valid))
            return fail(why, "descriptor rights exceed its type's valid rights", g);
        if (CAP_D(owner, g)) {
            owners[o]++;
            if (CAP_O(owner, o) != g)
                return fail(why, "owner descriptor is not its object's owner", g);
            if (CAP_D(parent, g) != CAP_NONE)
                return fail(why, "owner descriptor has a parent", g);
            if (CAP_D(rights, g) != valid)
                return fail(why, "owner descriptor rights differ from the type's", g);
        }
        /* inv_tree, inv_parent_live */
        uint32_t p = CAP_D(parent, g);
        if (p == CAP_NONE) {
            if (CAP_D(depth, g) != 0)
                return fail(why, "root descriptor with nonzero depth", g);
            continue;
        }
        if (CAP_D(state, p) != CAP_LIVE)
            return fail(why, "LIVE descriptor whose parent is not LIVE", g);
        if (CAP_D(obj, p) != o)
            return fail(why, "derived descriptor refers to another object than its parent", g);
        if ((uint32_t)CAP_D(depth, g) != (uint32_t)CAP_D(depth, p) + 1)
            return fail(why, "derived descriptor depth is not parent's + 1", g);
        if (!subset(CAP_D(rights, g), CAP_D(rights, p)))
            return fail(why, "derived descriptor rights exceed its parent's (amplification)", g);
        if (!CAP_D(haschild, p))
            return fail(why, "parent of a LIVE descriptor has haschild clear", g);
    }
    return 0;
}

static int check_objects(const char **why)
{
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS; o++) {
        uint8_t st = CAP_O(state, o);
        if (st > CAP_ODYING)
            return fail(why, "object state out of range", o);
        if (CAP_O(reap_next, o) != CAP_NONE && CAP_O(reap_next, o) >= CAP_MAX_OBJECTS)
            return fail(why, "object reap link out of range", o);
        /* inv_refs: exact reference counts */
        if (CAP_O(refs, o) != live_refs[o])
            return fail(why, "object reference count differs from its LIVE descriptors", o);
        if (owners[o] > 1)
            return fail(why, "object has more than one owner descriptor", o);
        uint32_t ow = CAP_O(owner, o);
        if (ow != CAP_NONE) {
            if (ow >= CAP_G || CAP_D(state, ow) != CAP_LIVE || !CAP_D(owner, ow) || CAP_D(obj, ow) != o)
                return fail(why, "object's owner link does not name a LIVE owner descriptor of it", o);
            if (owners[o] != 1)
                return fail(why, "object has an owner link but no owner descriptor", o);
        } else if (owners[o] != 0) {
            return fail(why, "ownerless object has an owner descriptor", o);
        }
        if (st == CAP_OFREE || st == CAP_ODYING) {
            if (CAP_O(refs, o) || CAP_O(pins, o) || ow != CAP_NONE)
                return fail(why, "free or dying object still referenced, pinned or owned", o);
        }
        if (st == CAP_OALIVE && CAP_O(refs, o) == 0 && CAP_O(pins, o) == 0)
            return fail(why, "alive object without references or pins", o);
        if (st == CAP_OFREE)
            continue;
        if (CAP_O(type, o) < OBOL_TYPE_MIN || CAP_O(type, o) > OBOL_TYPE_MAX)
            return fail(why, "object type out of range", o);
        if (CAP_O(koid, o) < 1 || CAP_O(koid, o) >= cap_next_koid)
            return fail(why, "object koid not in [1, next_koid)", o);
        for (uint32_t o2 = 0; o2 < o; o2++)      /* inv_koid */
            if (CAP_O(state, o2) != CAP_OFREE && CAP_O(koid, o2) == CAP_O(koid, o))
                return fail(why, "two allocated objects share a koid", o);
        if (CAP_O(type, o) == OBOL_TYPE_PROCESS) {
            uint32_t t = CAP_O(table, o);
            if (t >= CAP_MAX_TABLES || !cap_t_used[t] || cap_t_obj[t] != o)
                return fail(why, "process object's table link is broken", o);
        }
    }
    return 0;
}

static int check_tables(const char **why)
{
    for (uint32_t t = 0; t < CAP_MAX_TABLES; t++) {
        if (cap_t_used[t]) {
            uint32_t o = cap_t_obj[t];
            if (o >= CAP_MAX_OBJECTS || CAP_O(state, o) == CAP_OFREE ||
                CAP_O(type, o) != OBOL_TYPE_PROCESS || CAP_O(table, o) != t)
                return fail(why, "used table's process link is broken", t);
        } else {
            for (uint32_t s = 0; s < CAP_TABLE_SLOTS; s++)
                if (CAP_D(state, t * CAP_TABLE_SLOTS + s) != CAP_FREE)
                    return fail(why, "unused table has a non-free slot", t);
        }
    }
    return 0;
}

/* inv_free: a slot's mask bit is set iff it is FREE, no bit past the slots;
 * a summary bit is set iff its mask word is not 0, no bit past the words. */
static int check_masks(const char **why)
{
    for (uint32_t t = 0; t < CAP_MAX_TABLES; t++) {
        uint32_t sum = 0;
        for (uint32_t w = 0; w < CAP_FREE_WORDS; w++) {
            uint32_t m = cap_t_free[t * CAP_FREE_WORDS + w];
            for (uint32_t b = 0; b < 32; b++) {
                uint32_t s = w * 32 + b, g = t * CAP_TABLE_SLOTS + s;
                int set = (m >> b) & 1;
                if (s >= CAP_TABLE_SLOTS) {
                    if (set)
                        return fail(why, "free mask bit set past the table's slots", t);
                } else if (set != (CAP_D(state, g) == CAP_FREE)) {
                    return fail(why, "free mask bit differs from the slot's state", g);
                }
            }
            if (m != 0)
                sum |= (uint32_t)1 << w;
        }
        if (cap_t_fsum[t] != sum)
            return fail(why, "free summary differs from the table's mask words", t);
    }
    return 0;
}

/* inv_olist: each object's list links exactly its LIVE descriptors (a
 * member count equal to the exact reference count, no slot twice), with
 * prev links and the tail consistent. */
static uint8_t listed[CAP_G];

static int check_lists(const char **why)
{
    for (uint32_t g = 0; g < CAP_G; g++)
        listed[g] = 0;
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS; o++) {
        uint32_t k = CAP_O(ohead, o), prev = CAP_NONE, n = 0;
        while (k != CAP_NONE) {
            if (k >= CAP_G || listed[k] || CAP_D(state, k) != CAP_LIVE || CAP_D(obj, k) != o)
                return fail(why, "object list holds a slot twice, or not a LIVE descriptor of it", o);
            if (CAP_D(oprev, k) != prev)
                return fail(why, "object list back link is broken", k);
            listed[k] = 1;
            n++;
            prev = k;
            k = CAP_D(onext, k);
        }
        if (CAP_O(otail, o) != prev)
            return fail(why, "object list tail is not its last member", o);
        if (n != CAP_O(refs, o))
            return fail(why, "object list misses LIVE descriptors of it", o);
    }
    return 0;
}

/* The reap queue holds exactly the dying objects, each once, tail last. */
static int check_reap_queue(const char **why)
{
    if (cap_reap_head != CAP_NONE && cap_reap_head >= CAP_MAX_OBJECTS)
        return fail(why, "reap head out of range", cap_reap_head);
    if (cap_reap_tail != CAP_NONE && cap_reap_tail >= CAP_MAX_OBJECTS)
        return fail(why, "reap tail out of range", cap_reap_tail);
    uint32_t q = cap_reap_head, last = CAP_NONE, steps = 0;
    while (q != CAP_NONE) {
        if (q >= CAP_MAX_OBJECTS || queued[q] || ++steps > CAP_MAX_OBJECTS)
            return fail(why, "reap queue is broken (range or cycle)", q);
        queued[q] = 1;
        if (CAP_O(state, q) != CAP_ODYING)
            return fail(why, "reap queue holds an object that is not dying", q);
        last = q;
        q = CAP_O(reap_next, q);
    }
    if (cap_reap_tail != last)
        return fail(why, "reap tail is not the queue's last object", cap_reap_tail);
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS; o++)
        if (CAP_O(state, o) == CAP_ODYING && !queued[o])
            return fail(why, "dying object not on the reap queue", o);
    return 0;
}

int cap_check_invariants(const char **why)
{
    cap_check_index = CAP_NONE;
    for (uint32_t o = 0; o < CAP_MAX_OBJECTS; o++) {
        live_refs[o] = 0;
        owners[o] = 0;
        queued[o] = 0;
    }
    if (cap_next_koid < 1)
        return fail(why, "next_koid is 0", CAP_NONE);
    if (check_descriptors(why) || check_objects(why) || check_tables(why) || check_masks(why) || check_lists(why) ||
        check_reap_queue(why))
        return 1;
    if (why)
        *why = "ok";
    return 0;
}
