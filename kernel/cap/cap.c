/*
 * Obol capability core.  See spec/capabilities.md for the model and the
 * check order of every operation, spec/cap_spec.h for the ACSL predicates.
 */
#include <stdint.h>
#include "obol/abi.h"
#include "cap_spec.h"
#include "cap/cap_lookup.h"

#ifdef CAP_LAYOUT_SOA
uint8_t  cap_d_state[CAP_G];
uint8_t  cap_d_owner[CAP_G];
uint8_t  cap_d_depth[CAP_G];
uint8_t  cap_d_haschild[CAP_G];
uint16_t cap_d_obj[CAP_G];
uint32_t cap_d_rights[CAP_G];
uint32_t cap_d_parent[CAP_G];
uint64_t cap_d_badge[CAP_G];
uint8_t  cap_mark[CAP_G];
uint32_t cap_d_onext[CAP_G];
uint32_t cap_d_oprev[CAP_G];
uint8_t  cap_o_state[CAP_MAX_OBJECTS];
uint8_t  cap_o_type[CAP_MAX_OBJECTS];
uint8_t  cap_o_destroyed[CAP_MAX_OBJECTS];
uint32_t cap_o_refs[CAP_MAX_OBJECTS];
uint32_t cap_o_pins[CAP_MAX_OBJECTS];
uint64_t cap_o_koid[CAP_MAX_OBJECTS];
uint32_t cap_o_owner[CAP_MAX_OBJECTS];
uint32_t cap_o_table[CAP_MAX_OBJECTS];
uint32_t cap_o_reap_next[CAP_MAX_OBJECTS];
uint32_t cap_o_ohead[CAP_MAX_OBJECTS];
uint32_t cap_o_otail[CAP_MAX_OBJECTS];
#else
struct cap_slot cap_d[CAP_G];
struct cap_object cap_o[CAP_MAX_OBJECTS];
#endif
uint8_t  cap_t_used[CAP_MAX_TABLES];
uint32_t cap_t_obj[CAP_MAX_TABLES];
uint32_t cap_t_free[CAP_MAX_TABLES * CAP_FREE_WORDS];
uint32_t cap_t_fsum[CAP_MAX_TABLES];
uint32_t cap_reap_head, cap_reap_tail;
uint64_t cap_next_koid;

/* A fact the proof establishes (a proved precondition), told to the
 * compiler so that it can drop a test the fact decides.  Frama-C reads the
 * contract instead; under the host tests' UBSan a false one is reported. */
#ifdef __FRAMAC__
#define CAP_ASSUME(c) ((void)0)
#else
#define CAP_ASSUME(c) do { if (!(c)) __builtin_unreachable(); } while (0)
#endif

#define S  CAP_TABLE_SLOTS
#define G  CAP_G
#define NO CAP_MAX_OBJECTS
#define NT CAP_MAX_TABLES
#define W  CAP_FREE_WORDS

/* The free-mask words a state change of slot g writes, and all of them. */
#define FMASK_OF(g) cap_t_free[fw(tof(g), sof(g) / 32)], cap_t_fsum[tof(g)]
#define TBL_FMASK(t) \
    cap_t_free[fw(t, 0) .. fw(t, CAP_FREE_WORDS - 1)], cap_t_fsum[t]
#define FMASK_ALL cap_t_free[0 .. CAP_MAX_TABLES * CAP_FREE_WORDS - 1], \
    cap_t_fsum[0 .. CAP_MAX_TABLES - 1]

/* The per-object lists (links and their ghost numbering). */
#define OLIST_ALL cap_d_onext[0 .. CAP_G-1], cap_d_oprev[0 .. CAP_G-1],          \
    cap_o_ohead[0 .. CAP_MAX_OBJECTS-1], cap_o_otail[0 .. CAP_MAX_OBJECTS-1],   \
    cap_d_opos[0 .. CAP_G-1]

/* Everything a close may write. */
#define CAP_CLOSE_FOOTPRINT                                                  \
    cap_d_state[0 .. CAP_G-1], cap_d_obj[0 .. CAP_G-1],                      \
    cap_d_owner[0 .. CAP_G-1], cap_d_depth[0 .. CAP_G-1],                    \
    cap_d_parent[0 .. CAP_G-1], cap_d_haschild[0 .. CAP_G-1],                \
    cap_mark[0 .. CAP_G-1], cap_o_owner[0 .. CAP_MAX_OBJECTS-1],             \
    cap_o_refs[0 .. CAP_MAX_OBJECTS-1], cap_o_state[0 .. CAP_MAX_OBJECTS-1], \
    cap_o_reap_next[0 .. CAP_MAX_OBJECTS-1], cap_reap_head, cap_reap_tail,   \
    FMASK_ALL, OLIST_ALL

/*@ lemma desc_step{L}: \forall integer j, a;
      0 <= j < CAP_G && 0 <= a < CAP_G && cap_d_parent[j] < CAP_G &&
      cap_d_depth[j] == cap_d_depth[cap_d_parent[j]] + 1 &&
      cap_d_obj[j] == cap_d_obj[cap_d_parent[j]] &&
      (cap_d_parent[j] == a || desc(cap_d_parent[j], a)) ==> desc(j, a);
    lemma desc_parent{L}: \forall integer j, a;
      desc(j, a) && cap_d_parent[j] < CAP_G &&
      cap_d_depth[j] == cap_d_depth[cap_d_parent[j]] + 1 &&
      cap_d_obj[j] == cap_d_obj[cap_d_parent[j]] ==>
      cap_d_parent[j] == a || desc(cap_d_parent[j], a);
    lemma gi_inj: \forall integer t1, s1, t2, s2;
      0 <= s1 < CAP_TABLE_SLOTS && 0 <= s2 < CAP_TABLE_SLOTS && t1 != t2 ==> gi(t1, s1) != gi(t2, s2);
    lemma within_1: \forall integer a, b; rights_within(a, b) <==> (a & b) == a;
    lemma within_2: \forall integer a, b; rights_within(a, b) <==> (b & a) == a;
    lemma ocount_none{L}: \forall integer o; ocount(o, CAP_NONE) == cnt(o, CAP_G);
    lemma desc_depth{L}: \forall integer j, a; desc(j, a) ==> cap_d_depth[j] > cap_d_depth[a];
    lemma tof_gi: \forall integer t, s; 0 <= t && 0 <= s < CAP_TABLE_SLOTS ==>
      tof(gi(t, s)) == t && sof(gi(t, s)) == s;
*/

/* ===================================================================== */
/* free-slot masks                                                        */
/*
 * A fixed-step, branch-free count of trailing zeros (rv64gc has no ctz
 * instruction), and the one writer of the masks.  32-bit bit
 * extensionality (a word with no bit set is 0) is the ghost function ext32,
 * whose postcondition is proved by a saved WP tactic (Wp.bitwised, script
 * proofs/wp-session/script/ext32_ensures_ext.json); the 32 asserts give the
 * tactic its per-bit facts.
 */

/*@ lemma fbit_zero: \forall integer j; 0 <= j ==> !fbit(0, j);
    lemma fbit_shr: \forall integer x, n, k; 0 <= n <= k ==> (fbit(x, k) <==> fbit(x >> n, k - n));
    lemma fbit_shr2: \forall integer x, n, j; 0 <= n && 0 <= j ==> (fbit(x >> n, j) <==> fbit(x, j + n));
    lemma fbit_shl: \forall integer x, s, j; 0 <= s && 0 <= j && j + s < 32 ==>
        (fbit(x, j) <==> fbit((uint32_t)(x << s), j + s));
    lemma fbit_shl2: \forall integer x, s, k; 0 <= s <= k < 32 ==>
        (fbit((uint32_t)(x << s), k) <==> fbit(x, k - s));
    lemma fbit_shl_lo: \forall integer x, s, k; 0 <= k < s ==> !fbit((uint32_t)(x << s), k);
    lemma fbit_b0: \forall integer x; (x & 1) == 0 ==> !fbit(x, 0);
*/

/*@ ghost
  /@ terminates \true;
     assigns \nothing;
     ensures ext: fzero(v, 32) ==> v == 0; @/
void ext32(uint32_t v) {
    /@ assert fzero(v, 32) ==> !fbit(v, 0); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 1); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 2); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 3); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 4); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 5); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 6); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 7); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 8); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 9); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 10); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 11); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 12); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 13); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 14); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 15); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 16); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 17); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 18); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 19); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 20); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 21); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 22); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 23); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 24); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 25); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 26); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 27); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 28); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 29); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 30); @/
    /@ assert fzero(v, 32) ==> !fbit(v, 31); @/
}
*/

/* The kernel is built for Zbb: there ctz32 is one ctzw instruction.  It
 * computes what the C version does, which is what Frama-C proves and the
 * host tests run; the instruction is trusted to meet the same contract (as
 * seL4 trusts its ctz builtin), and utest_desc checks ANY at every slot. */
#if defined(__riscv_zbb) && !defined(__FRAMAC__)
#define CAP_HW_CTZ 1
#else
#define CAP_HW_CTZ 0
#endif

#if !CAP_HW_CTZ
/* Lowest set bit among bits 0..7 of x (some of them set): two halving
 * steps on the low byte, then bit 0. */
/*@ requires fsome(x, 0, 8);
    terminates \true;
    assigns \nothing;
    ensures 0 <= \result < 8;
    ensures fbit(x, \result);
    ensures fzero(x, \result); */
static uint32_t ctz8(uint32_t x)
{
    uint32_t v, t, n = 0;
    //@ ghost uint32_t x0 = x;
    v = (uint32_t)(x << 28);
    //@ ghost ext32(v);
    t = (uint32_t)(v == 0) * 4u;
    x >>= t;
    n += t;
    //@ assert x == x0 >> n && 0 <= n <= 4 && fzero(x0, n) && fsome(x, 0, 4);
    v = (uint32_t)(x << 30);
    //@ ghost ext32(v);
    t = (uint32_t)(v == 0) * 2u;
    x >>= t;
    n += t;
    //@ assert z3: x == x0 >> n && 0 <= n <= 6 && fzero(x0, n) && fsome(x, 0, 2);
    return n + ((x & 1) ^ 1);
}
#endif

/* Lowest set bit of w (not 0): two halving steps, then ctz8. */
/*@ requires fsome(w, 0, 32);
    terminates \true;
    assigns \nothing;
    ensures 0 <= \result < 32;
    ensures fbit(w, \result);
    ensures fzero(w, \result); */
static inline __attribute__((always_inline)) uint32_t ctz32(uint32_t w)
{
#if CAP_HW_CTZ
    return (uint32_t)__builtin_ctz(w);
#else
    uint32_t x = w, v, t, n = 0;
    v = (uint32_t)(x << 16);
    //@ ghost ext32(v);
    t = (uint32_t)(v == 0) * 16u;
    x >>= t;
    n += t;
    //@ assert x == w >> n && 0 <= n <= 16 && fzero(w, n) && fsome(x, 0, 16);
    v = (uint32_t)(x << 24);
    //@ ghost ext32(v);
    t = (uint32_t)(v == 0) * 8u;
    x >>= t;
    n += t;
    //@ assert z3: x == w >> n && 0 <= n <= 24 && fzero(w, n) && fsome(x, 0, 8);
    return n + ctz8(x);
#endif
}

/* Bit b of x set, or cleared (the bit operations of fmask_set, so that its
 * proof goals see only these contracts). */
/*@ requires b < 32;
    terminates \true;
    assigns \nothing;
    ensures \forall integer j; 0 <= j < 32 ==> (fbit(\result, j) <==> (fbit(x, j) || j == b)); */
static inline __attribute__((always_inline)) uint32_t bit_set(uint32_t x, uint32_t b)
{
    return x | ((uint32_t)1 << b);
}

/*@ requires b < 32;
    terminates \true;
    assigns \nothing;
    ensures \forall integer j; 0 <= j < 32 ==> (fbit(\result, j) <==> (fbit(x, j) && j != b)); */
static inline __attribute__((always_inline)) uint32_t bit_clear(uint32_t x, uint32_t b)
{
    return x & ~((uint32_t)1 << b);
}

/* Set (f != 0) or clear the mask bit of slot s of table t, and keep the
 * table's summary word exact. */
/*@ requires t < CAP_MAX_TABLES && s < CAP_TABLE_SLOTS;
    requires inv_fsum;
    terminates \true;
    assigns cap_t_free[fw(t, s / 32)], cap_t_fsum[t];
    ensures inv_fsum;
    ensures fmask(t, s) <==> f != 0;
    ensures \forall integer t2, s2; 0 <= t2 < CAP_MAX_TABLES && 0 <= s2 < CAP_TABLE_SLOTS ==>
      (t2 != t || s2 != s) ==> (fmask(t2, s2) <==> \old(fmask(t2, s2))); */
static inline __attribute__((always_inline)) void fmask_set(uint64_t t, uint64_t s, int f)
{
    /* The summary word changes only when a mask word becomes empty or stops
     * being empty: it is read and written only then. */
    uint64_t w = s / 32, b = s % 32, i = t * W + w;
    //@ assert w < CAP_FREE_WORDS && b < 32 && i == fw(t, w);
    uint32_t old = cap_t_free[i], m;
    //@ ghost ext32(old);
    if (f) {
        m = bit_set(old, (uint32_t)b);
        cap_t_free[i] = m;
        //@ assert fbit(m, b) && fsome(m, 0, 32);
        if (old == 0) {
            cap_t_fsum[t] = bit_set(cap_t_fsum[t], (uint32_t)w);
        } else {
            //@ assert fsome(old, 0, 32) && fbit(cap_t_fsum[t], w);
        }
    } else {
        m = bit_clear(old, (uint32_t)b);
        cap_t_free[i] = m;
        //@ ghost ext32(m);
        if (m == 0) {
            //@ assert !fsome(m, 0, 32);
            cap_t_fsum[t] = bit_clear(cap_t_fsum[t], (uint32_t)w);
        } else {
            //@ assert fsome(m, 0, 32) && fsome(old, 0, 32) && fbit(cap_t_fsum[t], w);
        }
    }
    //@ assert \forall integer k; 0 <= k < 32 ==> k != w ==> (fbit(cap_t_fsum[t], k) <==> fbit(\at(cap_t_fsum[t], Pre), k));
    //@ assert fbit(cap_t_fsum[t], w) <==> fsome(m, 0, 32);
    //@ assert \forall integer j; 0 <= j < 32 ==> j != b ==> (fbit(m, j) <==> fbit(old, j));
    //@ assert fbit(m, b) <==> f != 0;
}

/* Every slot's mask bit set (all FREE): table 0's bit by bit, then its
 * words copied to the other tables. */
/*@ terminates \true;
    assigns FMASK_ALL;
    ensures inv_fsum;
    ensures \forall integer t, s; 0 <= t < CAP_MAX_TABLES && 0 <= s < CAP_TABLE_SLOTS ==> fmask(t, s); */
static void fmask_init(void)
{
    /*@ loop invariant 0 <= t <= CAP_MAX_TABLES;
        loop invariant \forall integer t2, w2; 0 <= t2 < t && 0 <= w2 < CAP_FREE_WORDS ==>
          cap_t_free[fw(t2, w2)] == 0;
        loop invariant \forall integer t2; 0 <= t2 < t ==> cap_t_fsum[t2] == 0;
        loop assigns t, FMASK_ALL;
        loop variant CAP_MAX_TABLES - t; */
    for (uint32_t t = 0; t < NT; t++) {
        /*@ loop invariant 0 <= w <= CAP_FREE_WORDS;
            loop invariant \forall integer w2; 0 <= w2 < w ==> cap_t_free[fw(t, w2)] == 0;
            loop assigns w, cap_t_free[fw(t, 0) .. fw(t, CAP_FREE_WORDS - 1)];
            loop variant CAP_FREE_WORDS - w; */
        for (uint32_t w = 0; w < W; w++) {
            uint32_t k = t * W + w;
            //@ assert k == fw(t, w);
            cap_t_free[k] = 0;
        }
        cap_t_fsum[t] = 0;
    }
    //@ assert inv_fsum;
    /*@ loop invariant 0 <= s <= CAP_TABLE_SLOTS;
        loop invariant inv_fsum;
        loop invariant \forall integer k; 0 <= k < CAP_TABLE_SLOTS ==> (fmask(0, k) <==> k < s);
        loop assigns s, cap_t_free[fw(0, 0) .. fw(0, CAP_FREE_WORDS - 1)], cap_t_fsum[0];
        loop variant CAP_TABLE_SLOTS - s; */
    for (uint32_t s = 0; s < S; s++)
        fmask_set(0, s, 1);
    /*@ assert \forall integer w; 0 <= w < CAP_FREE_WORDS ==>
          (fbit(cap_t_fsum[0], w) <==> fsome(cap_t_free[fw(0, w)], 0, 32)); */
    //@ assert z3: \forall integer k; CAP_FREE_WORDS <= k < 32 ==> !fbit(cap_t_fsum[0], k);
    //@ assert \forall integer s; CAP_TABLE_SLOTS <= s < 32 * CAP_FREE_WORDS ==> !fmask(0, s);
    //@ assert \forall integer s; 0 <= s < CAP_TABLE_SLOTS ==> fmask(0, s);
    /*@ loop invariant 1 <= t <= CAP_MAX_TABLES;
        loop invariant \forall integer t2, w2; 1 <= t2 < t && 0 <= w2 < CAP_FREE_WORDS ==>
          cap_t_free[fw(t2, w2)] == cap_t_free[fw(0, w2)];
        loop invariant \forall integer t2; 1 <= t2 < t ==> cap_t_fsum[t2] == cap_t_fsum[0];
        loop assigns t, cap_t_free[fw(1, 0) .. fw(CAP_MAX_TABLES - 1, CAP_FREE_WORDS - 1)],
          cap_t_fsum[1 .. CAP_MAX_TABLES - 1];
        loop variant CAP_MAX_TABLES - t; */
    for (uint32_t t = 1; t < NT; t++) {
        /*@ loop invariant 0 <= w <= CAP_FREE_WORDS;
            loop invariant \forall integer w2; 0 <= w2 < w ==>
              cap_t_free[fw(t, w2)] == cap_t_free[fw(0, w2)];
            loop assigns w, cap_t_free[fw(t, 0) .. fw(t, CAP_FREE_WORDS - 1)];
            loop variant CAP_FREE_WORDS - w; */
        for (uint32_t w = 0; w < W; w++) {
            uint32_t k = t * W + w;
            //@ assert k == fw(t, w) && w == fw(0, w);
            cap_t_free[k] = cap_t_free[w];
        }
        cap_t_fsum[t] = cap_t_fsum[0];
    }
    /*@ assert \forall integer t, w; 0 <= t < CAP_MAX_TABLES && 0 <= w < CAP_FREE_WORDS ==>
          cap_t_free[fw(t, w)] == cap_t_free[fw(0, w)]; */
    //@ assert \forall integer t; 0 <= t < CAP_MAX_TABLES ==> cap_t_fsum[t] == cap_t_fsum[0];
    /*@ assert \forall integer t, s; 0 <= t < CAP_MAX_TABLES && 0 <= s < 32 * CAP_FREE_WORDS ==>
          (fmask(t, s) <==> fmask(0, s)); */
}

/* ===================================================================== */
/* small helpers                                                          */

/* The same list as a table, for one load instead of a chain of tests;
 * OBOL_TYPE_MAX + 1 entries, 0 for a number that is no type. */
#define CAP_X_RIGHTS_ENTRY(name, value, rights) [value] = (rights),
static const uint32_t cap_rights_of_type[OBOL_TYPE_MAX + 1] = {
    OBOL_TYPE_LIST(CAP_X_RIGHTS_ENTRY)
};

/*@ terminates \true;
    assigns \nothing;
    ensures \result == type_rights(t); */
uint32_t cap_type_rights(uint32_t t)
{
    return t <= OBOL_TYPE_MAX ? cap_rights_of_type[t] : 0;
}

/* Bit operations live in tiny functions so that the callers' proof goals
 * only see their (predicate-level) contracts. */
/*@ terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> (r & bit) != 0;
    ensures \result == 0 || \result == 1; */
static int has_bit(uint32_t r, uint32_t bit)
{
    return (r & bit) != 0;
}

/*@ terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> rights_within(req, lim);
    ensures \result == 0 || \result == 1; */
static int within(uint32_t req, uint32_t lim)
{
    return (req & lim) == req;
}

/*@ terminates \true;
    assigns \nothing;
    ensures \result == (a & b); */
static uint32_t meet(uint32_t a, uint32_t b)
{
    return a & b;
}

/* ANY: the lowest free slot of table t, from its masks in a fixed number of
 * steps: the lowest set bit of the lowest non-zero mask word. */
/*@ requires t < CAP_MAX_TABLES && inv_free;
    requires \valid(slot);
    terminates \true;
    assigns *slot;
    behavior full:
      assumes table_full(t);
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior ok:
      assumes !table_full(t);
      ensures \result == OBOL_OK;
      ensures dest_chosen(t, OBOL_DESC_ANY, *slot);
    complete behaviors; disjoint behaviors; */
static inline __attribute__((always_inline)) int pick_any(uint32_t t, uint32_t *slot)
{
    uint32_t sm = cap_t_fsum[t];
    //@ ghost ext32(sm);
    if (sm == 0) {
        //@ assert \forall integer w; 0 <= w < CAP_FREE_WORDS ==> !fsome(cap_t_free[fw(t, w)], 0, 32);
        //@ assert \forall integer k; 0 <= k < CAP_TABLE_SLOTS ==> !fmask(t, k);
        //@ assert table_full(t);
        return OBOL_ERR_NO_RESOURCES;
    }
    uint32_t i = ctz32(sm);
    uint32_t k = t * W + i;
    //@ assert i < CAP_FREE_WORDS && k == fw(t, i) && fsome(cap_t_free[k], 0, 32);
    uint32_t b = ctz32(cap_t_free[k]);
    uint32_t s = i * 32 + b;
    //@ assert s / 32 == i && s % 32 == b && fmask(t, s);
    //@ assert s < CAP_TABLE_SLOTS;
    //@ assert cap_d_state[gi(t, s)] == CAP_FREE && !table_full(t);
    //@ assert \forall integer k; 0 <= k < s ==> k / 32 < i ==> !fmask(t, k);
    //@ assert \forall integer k; 0 <= k < s ==> k / 32 == i ==> !fmask(t, k);
    //@ assert \forall integer k; 0 <= k < s ==> cap_d_state[gi(t, k)] != CAP_FREE;
    *slot = s;
    return OBOL_OK;
}

/*@ requires t < CAP_MAX_TABLES;
    requires inv_shape;
    requires \forall integer s; 0 <= s < CAP_TABLE_SLOTS ==> cap_d_state[gi(t, s)] <= CAP_REVOKED;
    requires inv_free;
    requires \valid(slot);
    terminates \true;
    assigns *slot;
    behavior range:
      assumes dest_range(t, d);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior used:
      assumes dest_used(t, d);
      ensures \result == OBOL_ERR_ALREADY_EXISTS;
    behavior full:
      assumes dest_full(t, d);
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior ok:
      assumes dest_ok(t, d);
      ensures \result == OBOL_OK;
      ensures dest_chosen(t, d, *slot);
    complete behaviors; disjoint behaviors; */
static inline __attribute__((always_inline)) int pick_dest(uint32_t t, obol_desc_t d, uint32_t *slot)
{
    if (d != OBOL_DESC_ANY) {
        if (d >= S)
            return OBOL_ERR_INVALID_ARGS;
        uint32_t g = t * S + d;
        //@ assert g == gi(t, d);
        if (CAP_D(state, g) != CAP_FREE)
            return OBOL_ERR_ALREADY_EXISTS;
        *slot = d;
        return OBOL_OK;
    }
    return pick_any(t, slot);
}

/* ===================================================================== */
/* per-object lists                                                       */

/* Take LIVE slot g out of its object's list in O(1): the list's last
 * member takes g's place (the order of a list means nothing). */
/*@ requires g < CAP_G && live(g) && inv_shape && inv_olist;
    terminates \true;
    assigns cap_d_onext[0 .. CAP_G-1], cap_d_oprev[0 .. CAP_G-1],
            cap_o_ohead[cap_d_obj[g]], cap_o_otail[cap_d_obj[g]], cap_d_opos[0 .. CAP_G-1];
    OLIST_X_ENSURES(g)
    ensures \forall integer k; om(k, g) ==> k != \old(cap_o_otail[cap_d_obj[g]]) ==>
      cap_d_opos[k] == \old(cap_d_opos[k]);
    ensures \old(cap_o_otail[cap_d_obj[g]]) != g ==>
      cap_d_opos[\old(cap_o_otail[cap_d_obj[g]])] == \old(cap_d_opos[g]); */
static inline __attribute__((always_inline)) void olist_del(uint32_t g)
{
    uint32_t o = CAP_D(obj, g);
    uint32_t t = CAP_O(otail, o), p = CAP_D(oprev, g), n = CAP_D(onext, g);
    //@ assert \forall integer o2; ocount(o2, g) == ocount(o2, CAP_NONE) - (o2 == o ? 1 : 0);
    //@ assert om(t, CAP_NONE) && cap_d_obj[t] == o && cap_d_opos[t] + 1 == ocount(o, CAP_NONE);
    //@ assert p != CAP_NONE ==> om(p, CAP_NONE) && cap_d_obj[p] == o && cap_d_opos[p] + 1 == cap_d_opos[g];
    //@ assert n != CAP_NONE ==> om(n, CAP_NONE) && cap_d_obj[n] == o && cap_d_opos[n] == cap_d_opos[g] + 1;
    //@ assert \forall integer k; om(k, CAP_NONE) ==> cap_d_onext[k] == g ==> k == p;
    //@ assert \forall integer k; om(k, CAP_NONE) ==> cap_d_oprev[k] == g ==> k == n;
    //@ assert \forall integer k; om(k, CAP_NONE) ==> cap_d_onext[k] == t ==> k == cap_d_oprev[t];
    //@ assert \forall integer k; om(k, CAP_NONE) ==> cap_d_obj[k] == o ==> k != t ==> cap_d_onext[k] != CAP_NONE;
    if (t == g) {
        CAP_O(otail, o) = p;
        if (p == CAP_NONE)
            CAP_O(ohead, o) = CAP_NONE;
        else
            CAP_D(onext, p) = CAP_NONE;
        return;
    }
    uint32_t tp = CAP_D(oprev, t);
    //@ assert tp != CAP_NONE && n != CAP_NONE && p != t && p != tp;
    if (tp == g) {
        /* g, t are the last two: t steps back */
        CAP_D(oprev, t) = p;
    } else {
        /* tp becomes the last; t goes between p and n */
        CAP_D(onext, tp) = CAP_NONE;
        CAP_O(otail, o) = tp;
        CAP_D(oprev, t) = p;
        CAP_D(onext, t) = n;
        CAP_D(oprev, n) = t;
    }
    if (p == CAP_NONE)
        CAP_O(ohead, o) = t;
    else
        CAP_D(onext, p) = t;
    //@ ghost cap_d_opos[t] = cap_d_opos[g];
}

/* Append LIVE slot g (not yet a member) to its object's list. */
/*@ requires g < CAP_G && live(g) && inv_shape && inv_olist_x(g);
    requires cnt(cap_d_obj[g], CAP_G) <= CAP_G;
    terminates \true;
    assigns cap_d_onext[cap_o_otail[cap_d_obj[g]]], cap_d_onext[g], cap_d_oprev[g],
            cap_o_ohead[cap_d_obj[g]], cap_o_otail[cap_d_obj[g]], cap_d_opos[g];
    OLIST_X_ENSURES(CAP_NONE) */
static inline __attribute__((always_inline)) void olist_add(uint32_t g)
{
    uint32_t o = CAP_D(obj, g);
    uint32_t t = CAP_O(otail, o);
    //@ assert \forall integer o2; ocount(o2, CAP_NONE) == ocount(o2, g) + (o2 == o ? 1 : 0);
    //@ assert t != CAP_NONE ==> om(t, g) && cap_d_obj[t] == o && cap_d_opos[t] + 1 == ocount(o, g);
    //@ assert t == CAP_NONE ==> \forall integer k; om(k, g) ==> cap_d_obj[k] != o;
    //@ assert t != CAP_NONE ==> \forall integer k; om(k, g) ==> cap_d_obj[k] == o ==> k != t ==> cap_d_onext[k] != CAP_NONE;
    //@ assert \forall integer k; om(k, g) ==> cap_d_onext[k] != g && cap_d_oprev[k] != g;
  Before: __attribute__((unused));
    CAP_D(onext, g) = CAP_NONE;
    CAP_D(oprev, g) = t;
    if (t == CAP_NONE) {
        CAP_O(ohead, o) = g;
        //@ ghost cap_d_opos[g] = 0;
    } else {
        CAP_D(onext, t) = g;
        //@ ghost cap_d_opos[g] = (uint32_t)(cap_d_opos[t] + 1);
    }
    CAP_O(otail, o) = g;
    //@ assert cap_d_opos[g] + 1 == ocount(o, CAP_NONE);
    //@ assert \forall integer k; om(k, g) ==> cap_d_opos[k] == \at(cap_d_opos[k], Before);
    //@ assert \forall integer k; om(k, g) ==> k != t ==> cap_d_onext[k] == \at(cap_d_onext[k], Before);
    //@ assert \forall integer k; om(k, g) ==> cap_d_oprev[k] == \at(cap_d_oprev[k], Before);
}

/* Change one slot's state/object and its free-mask bit; the ghost loop
 * re-establishes the count facts (no induction lemma needed). */
/*@ requires g < CAP_G;
    requires st <= CAP_REVOKED;
    requires inv_shape && inv_free;
    requires st != CAP_FREE ==> ob < CAP_MAX_OBJECTS;
    terminates \true;
    assigns cap_d_state[g], cap_d_obj[g], FMASK_OF(g);
    ensures inv_shape && inv_free;
    ensures cap_d_state[g] == st && cap_d_obj[g] == ob;
    ensures \forall integer o; cnt(o, CAP_G) == \old(cnt(o, CAP_G))
      - ((\old(cap_d_state[g]) == CAP_LIVE && \old(cap_d_obj[g]) == o) ? 1 : 0)
      + ((st == CAP_LIVE && ob == o) ? 1 : 0);
    ensures \forall integer o; 0 <= cnt(o, CAP_G) <= CAP_G;
    ensures \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cnt(cap_d_obj[j], CAP_G) >= 1; */
static inline __attribute__((always_inline)) void d_state(uint32_t g, uint8_t st, uint16_t ob)
{
    CAP_D(state, g) = st;
    CAP_D(obj, g) = ob;
    //@ assert g / CAP_TABLE_SLOTS == tof(g) && g % CAP_TABLE_SLOTS == sof(g) && gi(tof(g), sof(g)) == g;
    fmask_set(g / S, g % S, st == CAP_FREE);
    //@ assert \forall integer t, s; 0 <= t < CAP_MAX_TABLES && 0 <= s < CAP_TABLE_SLOTS ==> gi(t, s) == g ==> t == tof(g) && s == sof(g);
    /*@ ghost
      /@ loop invariant 0 <= i <= CAP_G;
         loop invariant \forall integer o; cnt(o, i) == cnt{Pre}(o, i)
           - ((i > g && \at(cap_d_state[g],Pre) == CAP_LIVE && \at(cap_d_obj[g],Pre) == o) ? 1 : 0)
           + ((i > g && st == CAP_LIVE && ob == o) ? 1 : 0);
         loop invariant \forall integer o; 0 <= cnt(o, i) <= i;
         loop invariant \forall integer j; 0 <= j < i ==> live(j) ==> cnt(cap_d_obj[j], i) >= 1;
         loop assigns i;
         loop variant CAP_G - i; @/
      for (unsigned i = 0; i < CAP_G; i++) { }
    */
}

/* Change one slot's state/object (d_state), keeping the object lists
 * exact: a LIVE slot leaves its list first, a slot that becomes LIVE joins
 * its object's list after.  Never LIVE to LIVE. */
/*@ requires g < CAP_G;
    requires st <= CAP_REVOKED;
    requires inv_shape && inv_free && inv_olist;
    requires st != CAP_FREE ==> ob < CAP_MAX_OBJECTS;
    requires live(g) ==> st != CAP_LIVE;
    terminates \true;
    assigns cap_d_state[g], cap_d_obj[g], FMASK_OF(g), OLIST_ALL;
    ensures inv_shape;
    ensures inv_free;
    OLIST_X_ENSURES(CAP_NONE)
    ensures cap_d_state[g] == st && cap_d_obj[g] == ob;
    ensures \forall integer o; cnt(o, CAP_G) == \old(cnt(o, CAP_G))
      - ((\old(cap_d_state[g]) == CAP_LIVE && \old(cap_d_obj[g]) == o) ? 1 : 0)
      + ((st == CAP_LIVE && ob == o) ? 1 : 0);
    ensures \forall integer o; 0 <= cnt(o, CAP_G) <= CAP_G;
    ensures \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cnt(cap_d_obj[j], CAP_G) >= 1;
    ensures \forall integer k; 0 <= k < CAP_G ==> k != g ==> live(k) ==>
      k != \old(cap_o_otail[cap_d_obj[g]]) ==> cap_d_opos[k] == \old(cap_d_opos[k]);
    ensures \old(live(g)) && \old(cap_o_otail[cap_d_obj[g]]) != g ==>
      cap_d_opos[\old(cap_o_otail[cap_d_obj[g]])] == \old(cap_d_opos[g]); */
static inline __attribute__((always_inline)) void d_set(uint32_t g, uint8_t st, uint16_t ob)
{
    if (CAP_D(state, g) == CAP_LIVE) {
        olist_del(g);
    } else {
        //@ assert \forall integer o2; ocount(o2, g) == ocount(o2, CAP_NONE);
        //@ assert \forall integer k; om(k, g) <==> om(k, CAP_NONE);
        //@ assert ol_ends(g) && ol_pos(g) && ol_next(g) && ol_prev(g) && ol_inj(g);
    }
  Unlinked: __attribute__((unused));
    d_state(g, st, ob);
    //@ assert \forall integer o2; ocount(o2, g) == \at(ocount(o2, g), Unlinked);
    //@ assert \forall integer k; om(k, g) <==> \at(om(k, g), Unlinked);
    //@ assert \forall integer k; om(k, g) ==> cap_d_obj[k] == \at(cap_d_obj[k], Unlinked);
    //@ assert ol_ends(g);
    //@ assert ol_pos(g);
    //@ assert ol_next(g);
    //@ assert ol_prev(g);
    //@ assert ol_inj(g);
    if (st == CAP_LIVE) {
        olist_add(g);
    } else {
        //@ assert \forall integer o2; ocount(o2, g) == ocount(o2, CAP_NONE);
        //@ assert \forall integer k; om(k, g) <==> om(k, CAP_NONE);
    }
}

/* Push a dying object on the reap queue. */
/*@ requires o < CAP_MAX_OBJECTS;
    requires inv_shape;
    terminates \true;
    assigns cap_o_reap_next[0 .. CAP_MAX_OBJECTS-1], cap_reap_head, cap_reap_tail;
    ensures inv_shape; */
static inline __attribute__((always_inline)) void reap_push(uint32_t o)
{
    CAP_O(reap_next, o) = CAP_NONE;
    if (cap_reap_tail == CAP_NONE)
        cap_reap_head = o;
    else
        CAP_O(reap_next, cap_reap_tail) = o;
    cap_reap_tail = o;
}

/* Drop one descriptor reference; the object dies when refs + pins hit 0. */
/*@ requires o < CAP_MAX_OBJECTS && cap_o_state[o] == CAP_OALIVE && cap_o_refs[o] >= 1;
    requires inv_shape;
    terminates \true;
    assigns cap_o_refs[o], cap_o_state[o], cap_o_reap_next[0 .. CAP_MAX_OBJECTS-1],
            cap_reap_head, cap_reap_tail;
    ensures inv_shape;
    ensures cap_o_refs[o] == \old(cap_o_refs[o]) - 1;
    ensures cap_o_refs[o] + cap_o_pins[o] == 0 ==> cap_o_state[o] == CAP_ODYING;
    ensures cap_o_refs[o] + cap_o_pins[o] != 0 ==> cap_o_state[o] == CAP_OALIVE; */
static inline __attribute__((always_inline)) void drop_ref(uint32_t o)
{
    CAP_O(refs, o)--;
    if (CAP_O(refs, o) == 0 && CAP_O(pins, o) == 0) {
        CAP_O(state, o) = CAP_ODYING;
        reap_push(o);
    }
}

/* Take a LIVE slot out of service (to REVOKED or FREE), dropping its
 * reference.  The tree fields are left alone. */
/*@ requires g < CAP_G && live(g) && (st == CAP_REVOKED || st == CAP_FREE);
    requires inv_core;
    terminates \true;
    assigns cap_d_state[g], cap_d_obj[g], cap_d_owner[g], FMASK_OF(g), OLIST_ALL,
            cap_o_owner[0 .. CAP_MAX_OBJECTS-1], cap_o_refs[0 .. CAP_MAX_OBJECTS-1],
            cap_o_state[0 .. CAP_MAX_OBJECTS-1], cap_o_reap_next[0 .. CAP_MAX_OBJECTS-1],
            cap_reap_head, cap_reap_tail;
    CAP_CORE_ENSURES
    ensures cap_d_state[g] == st && cap_d_obj[g] == \old(cap_d_obj[g]);
    ensures \old(cap_d_owner[g]) == 0 ==> cap_d_owner[g] == 0;
    ensures ostate_mono{Pre, Here};
    ensures \forall integer k; 0 <= k < CAP_G ==> k != g ==> live(k) ==>
      k != \old(cap_o_otail[cap_d_obj[g]]) ==> cap_d_opos[k] == \old(cap_d_opos[k]);
    ensures \old(cap_o_otail[cap_d_obj[g]]) != g ==>
      cap_d_opos[\old(cap_o_otail[cap_d_obj[g]])] == \old(cap_d_opos[g]);
    ensures \forall integer o; cnt(o, CAP_G) == \old(cnt(o, CAP_G)) - (o == \old(cap_d_obj[g]) ? 1 : 0); */
static inline __attribute__((always_inline)) void kill(uint32_t g, uint8_t st)
{
    uint16_t o = CAP_D(obj, g);
    if (CAP_D(owner, g) != 0) {
        CAP_O(owner, o) = CAP_NONE;
        CAP_D(owner, g) = 0;
    }
    d_set(g, st, o);
    drop_ref(o);
}

/* Bind slot g (FREE) to object o. */
/*@ requires g < CAP_G && o < CAP_MAX_OBJECTS && cap_d_state[g] == CAP_FREE;
    requires p == CAP_NONE || (p < CAP_G && p != g && cap_d_depth[p] < CAP_MAX_DEPTH);
    requires cap_o_refs[o] == cnt(o, CAP_G);
    requires inv_shape && inv_tree && inv_parent_live && inv_free && inv_olist;
    requires \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cap_d_parent[j] != g;
    requires p != CAP_NONE ==> live(p) && cap_d_obj[p] == o && rights_subset(r, cap_d_rights[p]);
    terminates \true;
    assigns cap_d_state[g], cap_d_obj[g], cap_d_rights[g], cap_d_owner[g],
            cap_d_parent[g], cap_d_depth[g], cap_d_badge[g], cap_d_haschild[g],
            cap_d_haschild[p], cap_o_refs[o], FMASK_OF(g), OLIST_ALL;
    ensures inv_shape;
    ensures inv_tree;
    ensures inv_parent_live;
    ensures inv_free;
    ensures inv_olist;
    ensures live(g) && cap_d_obj[g] == o && cap_d_rights[g] == r && cap_d_owner[g] == own &&
            cap_d_parent[g] == p && cap_d_badge[g] == b && cap_d_haschild[g] == 0;
    ensures p == CAP_NONE ==> cap_d_depth[g] == 0;
    ensures p != CAP_NONE ==> cap_d_depth[g] == \old(cap_d_depth[p]) + 1 && cap_d_haschild[p] == 1;
    ensures cap_o_refs[o] == \old(cap_o_refs[o]) + 1;
    ensures \forall integer o2; cnt(o2, CAP_G) == \old(cnt(o2, CAP_G)) + (o2 == o ? 1 : 0);
    ensures \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cnt(cap_d_obj[j], CAP_G) >= 1; */
static inline __attribute__((always_inline)) void install(uint32_t g, uint16_t o, uint32_t r, uint8_t own, uint32_t p, uint64_t b)
{
    CAP_ASSUME(CAP_D(state, g) == CAP_FREE);     /* d_set unlinks nothing */
    d_set(g, CAP_LIVE, o);
    CAP_D(rights, g) = r;
    CAP_D(owner, g) = own;
    CAP_D(parent, g) = p;
    CAP_D(badge, g) = b;
    CAP_D(haschild, g) = 0;
    if (p == CAP_NONE) {
        CAP_D(depth, g) = 0;
    } else {
        CAP_D(depth, g) = (uint8_t)(CAP_D(depth, p) + 1);
        CAP_D(haschild, p) = 1;
    }
    CAP_O(refs, o)++;
}

/* ===================================================================== */
/* derivation tree                                                        */

/*@ requires j < CAP_G && a < CAP_G;
    requires inv_shape;
    terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> desc(j, a); */
static int is_desc(uint32_t j, uint32_t a)
{
    if (CAP_D(obj, j) != CAP_D(obj, a) || CAP_D(depth, j) <= CAP_D(depth, a))
        return 0;
    uint32_t n = (uint32_t)CAP_D(depth, j) - CAP_D(depth, a);
    uint32_t cur = j;
    /*@ loop invariant 0 <= n <= CAP_MAX_DEPTH;
        loop invariant cur == CAP_NONE || cur < CAP_G;
        loop invariant up(j, cap_d_depth[j] - cap_d_depth[a]) == up(cur, n);
        loop assigns n, cur;
        loop variant n; */
    while (n > 0) {
        if (cur >= G)
            return 0;
        cur = CAP_D(parent, cur);
        n--;
    }
    return cur == a;
}

/* Mark the LIVE descendants of g: they are in g's object's list.  Marks
 * of other slots are left as they were (nothing reads them). */
/*@ requires g < CAP_G && live(g);
    requires inv_shape && inv_refs && inv_olist;
    terminates \true;
    assigns cap_mark[0 .. CAP_G-1];
    ensures \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == cap_d_obj[g] ==>
      (cap_mark[k] != 0 <==> (k != g && desc(k, g))); */
static void mark_desc(uint32_t g)
{
    uint32_t cur = CAP_O(ohead, CAP_D(obj, g));
    //@ ghost uint32_t i = 0;
    /*@ loop invariant 0 <= i <= cnt(cap_d_obj[g], CAP_G);
        loop invariant cur == CAP_NONE ==> i == cnt(cap_d_obj[g], CAP_G);
        loop invariant cur != CAP_NONE ==> om(cur, CAP_NONE) && cap_d_obj[cur] == cap_d_obj[g] &&
          cap_d_opos[cur] == i;
        loop invariant \forall integer k; om(k, CAP_NONE) ==> cap_d_obj[k] == cap_d_obj[g] ==>
          cap_d_opos[k] < i ==> (cap_mark[k] != 0 <==> (k != g && desc(k, g)));
        loop assigns cur, i, cap_mark[0 .. CAP_G-1];
        loop variant cnt(cap_d_obj[g], CAP_G) - i; */
    while (cur != CAP_NONE) {
        CAP_MARK(cur) = (uint8_t)(cur != g && is_desc(cur, g));
        cur = CAP_D(onext, cur);
        //@ ghost i++;
    }
}

/* Re-attach the marked descendants of g one level up: children of g get
 * g's parent, every descendant's depth drops by one.  They are all in g's
 * object's list (inv_tree: a child names its parent's object). */
/*@ requires g < CAP_G && live(g) && cap_inv;
    requires \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == cap_d_obj[g] ==>
      (cap_mark[k] != 0 <==> (k != g && desc(k, g)));
    terminates \true;
    assigns cap_d_depth[0 .. CAP_G-1], cap_d_parent[0 .. CAP_G-1],
            cap_d_haschild[0 .. CAP_G-1];
    CAP_INV_ENSURES
    ensures \forall integer k; 0 <= k < CAP_G ==> live(k) ==> k != g ==>
      cap_d_parent[k] != g;
    ensures cap_d_parent[g] == \old(cap_d_parent[g]);
    ensures \forall integer k; 0 <= k < CAP_G ==> \old(cap_d_haschild[k]) != 0 ==> cap_d_haschild[k] != 0; */
static void reparent(uint32_t g)
{
    uint32_t pg = CAP_D(parent, g);
    uint32_t o = CAP_D(obj, g);
    //@ assert pg != CAP_NONE ==> live(pg) && cap_d_obj[pg] == o && cap_mark[pg] == 0 && pg != g;
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == o ==> cap_mark[k] != 0 ==> cap_d_parent[k] != CAP_NONE && (cap_d_parent[k] == g || cap_mark[cap_d_parent[k]] != 0);
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == o ==> cap_mark[k] == 0 ==> k != g ==> cap_d_parent[k] != CAP_NONE ==> cap_d_parent[k] != g && cap_mark[cap_d_parent[k]] == 0;
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] != o ==> cap_d_parent[k] != CAP_NONE ==> cap_d_parent[k] != g && cap_d_obj[cap_d_parent[k]] != o;
    if (pg != CAP_NONE)
        CAP_D(haschild, pg) = 1;

    uint32_t cur = CAP_O(ohead, o);
    //@ ghost uint32_t i = 0;
    /*@ loop invariant 0 <= i <= cnt(o, CAP_G);
        loop invariant cur == CAP_NONE ==> i == cnt(o, CAP_G);
        loop invariant cur != CAP_NONE ==> om(cur, CAP_NONE) && cap_d_obj[cur] == o && cap_d_opos[cur] == i;
        loop invariant \forall integer k; 0 <= k < CAP_G ==> !(live(k) && cap_d_obj[k] == o && cap_d_opos[k] < i) ==>
          cap_d_depth[k] == \at(cap_d_depth[k], LoopEntry) && cap_d_parent[k] == \at(cap_d_parent[k], LoopEntry);
        loop invariant \forall integer k; 0 <= k < CAP_G ==> live(k) && cap_d_obj[k] == o && cap_d_opos[k] < i ==>
          cap_d_depth[k] == (cap_mark[k] != 0 ? \at(cap_d_depth[k], LoopEntry) - 1 : \at(cap_d_depth[k], LoopEntry)) &&
          cap_d_parent[k] == ((cap_mark[k] != 0 && \at(cap_d_parent[k], LoopEntry) == g) ? pg : \at(cap_d_parent[k], LoopEntry));
        loop assigns cur, i, cap_d_depth[0 .. CAP_G-1], cap_d_parent[0 .. CAP_G-1];
        loop variant cnt(o, CAP_G) - i; */
    while (cur != CAP_NONE) {
        if (CAP_MARK(cur) != 0) {
            CAP_D(depth, cur) = (uint8_t)(CAP_D(depth, cur) - 1);
            if (CAP_D(parent, cur) == g)
                CAP_D(parent, cur) = pg;
        }
        cur = CAP_D(onext, cur);
        //@ ghost i++;
    }
    /*@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) && cap_d_obj[k] == o ==>
          cap_d_depth[k] == (cap_mark[k] != 0 ? \at(cap_d_depth[k], Pre) - 1 : \at(cap_d_depth[k], Pre)) &&
          cap_d_parent[k] == ((cap_mark[k] != 0 && \at(cap_d_parent[k], Pre) == g) ? pg : \at(cap_d_parent[k], Pre)); */
    /*@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) && cap_d_obj[k] != o ==>
          cap_d_depth[k] == \at(cap_d_depth[k], Pre) && cap_d_parent[k] == \at(cap_d_parent[k], Pre); */
    //@ assert cap_d_depth[g] == \at(cap_d_depth[g], Pre) && cap_d_parent[g] == pg;
    //@ assert \let p = pg; p != CAP_NONE ==> cap_d_depth[p] == \at(cap_d_depth[p], Pre) && cap_d_haschild[p] != 0;
    /*@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == o ==> cap_mark[k] != 0 ==>
          \at(cap_d_parent[k], Pre) == g ==> cap_d_parent[k] == pg && cap_d_depth[k] == cap_d_depth[g]; */
    /*@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == o ==> cap_mark[k] != 0 ==>
          \at(cap_d_parent[k], Pre) != g ==> cap_d_parent[k] == \at(cap_d_parent[k], Pre) &&
          cap_mark[cap_d_parent[k]] != 0 && cap_d_depth[cap_d_parent[k]] + 1 == cap_d_depth[k]; */
    /*@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == o ==> cap_mark[k] == 0 ==>
          cap_d_parent[k] != CAP_NONE ==> cap_d_parent[k] == \at(cap_d_parent[k], Pre) &&
          cap_d_depth[cap_d_parent[k]] + 1 == cap_d_depth[k]; */
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> k != g ==> cap_d_parent[k] != g;
    // inv_tree, clause by clause (one goal for all of it is slow)
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_parent[k] == CAP_NONE ==> cap_d_depth[k] == 0;
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_parent[k] != CAP_NONE ==> cap_d_obj[cap_d_parent[k]] == cap_d_obj[k];
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_parent[k] != CAP_NONE ==> cap_d_depth[k] == cap_d_depth[cap_d_parent[k]] + 1;
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_parent[k] != CAP_NONE ==> rights_subset(cap_d_rights[k], cap_d_rights[cap_d_parent[k]]);
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_parent[k] != CAP_NONE ==> cap_d_haschild[cap_d_parent[k]] != 0;
}

/* Revoke every LIVE descendant of a (any table). */
/*@ requires a < CAP_G && live(a) && cap_inv;
    terminates \true;
    assigns cap_d_state[0 .. CAP_G-1], cap_d_obj[0 .. CAP_G-1], cap_d_owner[0 .. CAP_G-1],
            cap_d_haschild[a], FMASK_ALL, OLIST_ALL,
            cap_o_owner[0 .. CAP_MAX_OBJECTS-1], cap_o_refs[0 .. CAP_MAX_OBJECTS-1],
            cap_o_state[0 .. CAP_MAX_OBJECTS-1], cap_o_reap_next[0 .. CAP_MAX_OBJECTS-1],
            cap_reap_head, cap_reap_tail;
    CAP_INV_ENSURES
    ensures live(a);
    ensures revoked_all(a);
    ensures \forall integer k; 0 <= k < CAP_G ==> \old(live(k)) && desc(k, a) ==>
      cap_d_state[k] == CAP_REVOKED;
    ensures \forall integer k; 0 <= k < CAP_G ==> !(\old(live(k)) && desc(k, a)) ==>
      same_cap{Pre, Here}(k);
    ensures ostate_mono{Pre, Here}; */
static void revoke_desc(uint32_t a)
{
    uint32_t o = CAP_D(obj, a);
    uint32_t pv = CAP_NONE;     /* the last member kept (position i - 1) */
    //@ ghost uint32_t i = 0;
    /*@ loop invariant inv_core && inv_parent_live_except(a) && live(a) && cap_d_obj[a] == o;
        loop invariant 0 <= i <= cnt(o, CAP_G);
        loop invariant pv == CAP_NONE <==> i == 0;
        loop invariant pv != CAP_NONE ==> om(pv, CAP_NONE) && cap_d_obj[pv] == o && cap_d_opos[pv] + 1 == i;
        loop invariant \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == o ==>
          cap_d_opos[k] < i ==> !desc(k, a);
        loop invariant \forall integer k; 0 <= k < CAP_G ==> \at(live(k), Pre) && desc(k, a) ==>
          live(k) || cap_d_state[k] == CAP_REVOKED;
        loop invariant \forall integer k; 0 <= k < CAP_G ==> !(\at(live(k), Pre) && desc(k, a)) ==>
          same_cap{Pre, Here}(k);
        loop invariant \forall integer k; 0 <= k < CAP_G ==> cap_d_obj[k] == \at(cap_d_obj[k], Pre) &&
          cap_d_depth[k] == \at(cap_d_depth[k], Pre) && cap_d_parent[k] == \at(cap_d_parent[k], Pre);
        loop invariant ostate_mono{Pre, Here};
        loop assigns pv, i, cap_d_state[0 .. CAP_G-1], cap_d_obj[0 .. CAP_G-1], cap_d_owner[0 .. CAP_G-1],
            FMASK_ALL, OLIST_ALL, cap_o_owner[0 .. CAP_MAX_OBJECTS-1], cap_o_refs[0 .. CAP_MAX_OBJECTS-1],
            cap_o_state[0 .. CAP_MAX_OBJECTS-1], cap_o_reap_next[0 .. CAP_MAX_OBJECTS-1],
            cap_reap_head, cap_reap_tail;
        loop variant cap_o_refs[o] - i; */
    for (;;) {
        uint32_t cur = pv == CAP_NONE ? CAP_O(ohead, o) : CAP_D(onext, pv);
        if (cur == CAP_NONE)
            break;
        //@ assert om(cur, CAP_NONE) && cap_d_obj[cur] == o && cap_d_opos[cur] == i;
        //@ assert i < cnt(o, CAP_G) && cur != pv;
      Top: __attribute__((unused));
        //@ assert \forall integer k; om(k, CAP_NONE) ==> cap_d_obj[k] == o ==> cap_d_opos[k] == i ==> k == cur;
        if (cur != a && is_desc(cur, a)) {
          Kill: __attribute__((unused));
            //@ assert pv != CAP_NONE ==> pv != cap_o_otail[o];
            /* the list's last member takes cur's place: look there again */
            kill(cur, CAP_REVOKED);
            //@ assert cnt(o, CAP_G) + 1 == \at(cnt(o, CAP_G), Kill);
            //@ assert 0 <= i <= cnt(o, CAP_G);
            //@ assert pv != CAP_NONE ==> om(pv, CAP_NONE) && cap_d_obj[pv] == o && cap_d_opos[pv] + 1 == i;
            /*@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == o ==> cap_d_opos[k] < i ==>
                  \at(live(k), Kill) && cap_d_opos[k] == \at(cap_d_opos[k], Kill); */
            //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == o ==> cap_d_opos[k] < i ==> !desc(k, a);
            //@ assert (pv == CAP_NONE <==> i == 0) && i == \at(i, Top) && pv == \at(pv, Top);
            //@ assert cap_o_refs[o] == cnt(o, CAP_G) && \at(cap_o_refs[o], Top) == \at(cnt(o, CAP_G), Top);
            //@ assert 0 <= cap_o_refs[o] - i < \at(cap_o_refs[o], Top) - \at(i, Top);
        } else {
            //@ assert !desc(cur, a);
            pv = cur;
            //@ ghost i++;
            //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_obj[k] == o ==> cap_d_opos[k] < i ==> !desc(k, a);
            //@ assert pv != CAP_NONE && i != 0 && om(pv, CAP_NONE) && cap_d_obj[pv] == o && cap_d_opos[pv] + 1 == i;
            //@ assert 0 <= cap_o_refs[o] - i < \at(cap_o_refs[o], Top) - \at(i, Top);
        }
    }
    //@ assert i == cnt(o, CAP_G);
    CAP_D(haschild, a) = 0;
}

/* What closing slot g does (close_slot and its two cases): g is FREE, no
 * other slot's content changed, the invariant holds. */
#define CLOSE_SLOT_CONTRACT                                                    \
    terminates \true;                                                          \
    assigns CAP_CLOSE_FOOTPRINT;                                               \
    CAP_INV_ENSURES                                                            \
    ensures cap_d_state[g] == CAP_FREE;                                        \
    ensures \forall integer k; 0 <= k < CAP_G ==> k != g ==> same_cap{Pre, Here}(k); \
    ensures ostate_mono{Pre, Here};

/* Close LIVE slot g that may have children: its descendants move one
 * level up first.  Apart from close_slot so that closing a leaf, the
 * common case, needs no stack frame. */
/*@ requires g < CAP_G && live(g) && cap_inv;
    CLOSE_SLOT_CONTRACT */
static __attribute__((noinline)) void close_parent(uint32_t g)
{
    mark_desc(g);
    reparent(g);
    kill(g, CAP_FREE);
}

/* Close LIVE slot g that has no children (haschild 0: none LIVE). */
/*@ requires g < CAP_G && live(g) && cap_d_haschild[g] == 0 && cap_inv;
    CLOSE_SLOT_CONTRACT */
static inline __attribute__((always_inline)) void close_leaf(uint32_t g)
{
    kill(g, CAP_FREE);
}

/* Close slot g (LIVE or REVOKED) of any table.  Inline in each caller:
 * CLOSE is this and a check (measured: 12 instructions less than a call). */
/*@ requires g < CAP_G && cap_d_state[g] != CAP_FREE && cap_inv;
    CLOSE_SLOT_CONTRACT */
static inline __attribute__((always_inline)) void close_slot(uint32_t g)
{
    if (CAP_D(state, g) == CAP_REVOKED) {
        /* a REVOKED slot has left the tree: no LIVE slot's parent */
        //@ assert \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cap_d_parent[j] != g;
        d_set(g, CAP_FREE, CAP_D(obj, g));
        //@ assert \forall integer j; 0 <= j < CAP_G ==> (live(j) <==> \at(live(j), Pre));
        //@ assert \forall integer j; 0 <= j < CAP_G ==> j != g ==> cap_d_obj[j] == \at(cap_d_obj[j], Pre);
        return;
    }
    if (CAP_D(haschild, g) != 0) {
        close_parent(g);
        return;
    }
    close_leaf(g);
}

/* Empty one slot of an exiting/reaped table: revoke what an owner derived,
 * then close it. */
/*@ requires g < CAP_G && cap_inv;
    terminates \true;
    assigns CAP_CLOSE_FOOTPRINT;
    CAP_INV_ENSURES
    ensures cap_d_state[g] == CAP_FREE;
    ensures z3: \forall integer k; 0 <= k < CAP_G ==> \old(cap_d_state[k]) == CAP_FREE ==>
      cap_d_state[k] == CAP_FREE;
    ensures ostate_mono{Pre, Here}; */
static __attribute__((noinline)) void clear_slot(uint32_t g)    /* keeps clear_table's loop small */
{
    if (CAP_D(state, g) == CAP_LIVE && CAP_D(owner, g) != 0)
        revoke_desc(g);
    if (CAP_D(state, g) != CAP_FREE)
        close_slot(g);
}

/* Empty table t: revoke what its owners derived, then close every slot. */
/*@ requires t < CAP_MAX_TABLES && cap_inv;
    terminates \true;
    assigns CAP_CLOSE_FOOTPRINT;
    CAP_INV_ENSURES
    ensures \forall integer s; 0 <= s < CAP_TABLE_SLOTS ==> cap_d_state[gi(t, s)] == CAP_FREE;
    ensures \forall integer k; 0 <= k < CAP_G ==> \old(cap_d_state[k]) == CAP_FREE ==>
      cap_d_state[k] == CAP_FREE;
    ensures ostate_mono{Pre, Here}; */
static void clear_table(uint32_t t)
{
    /*@ loop invariant 0 <= s <= CAP_TABLE_SLOTS;
        loop invariant cap_inv;
        loop invariant \forall integer k; 0 <= k < s ==> cap_d_state[gi(t, k)] == CAP_FREE;
        loop invariant \forall integer k; 0 <= k < CAP_G ==> \at(cap_d_state[k], Pre) == CAP_FREE ==>
          cap_d_state[k] == CAP_FREE;
        loop invariant ostate_mono{Pre, Here};
        loop assigns s, CAP_CLOSE_FOOTPRINT;
        loop variant CAP_TABLE_SLOTS - s; */
    for (uint32_t s = 0; s < S; s++) {
        uint32_t g = t * S + s;
        //@ assert g == gi(t, s) && g < CAP_G;
        if (CAP_D(state, g) != CAP_FREE)
            clear_slot(g);
    }
}

/* ===================================================================== */
/* pools                                                                  */

/*@ terminates \true;
    assigns \nothing;
    ensures \result <= CAP_MAX_OBJECTS;
    ensures \result < CAP_MAX_OBJECTS ==> cap_o_state[\result] == CAP_OFREE;
    ensures \result == CAP_MAX_OBJECTS ==> objs_full; */
static uint32_t alloc_obj(void)
{
    /*@ loop invariant 0 <= o <= CAP_MAX_OBJECTS;
        loop invariant \forall integer k; 0 <= k < o ==> cap_o_state[k] != CAP_OFREE;
        loop assigns o;
        loop variant CAP_MAX_OBJECTS - o; */
    for (uint32_t o = 0; o < NO; o++)
        if (CAP_O(state, o) == CAP_OFREE)
            return o;
    return NO;
}

/*@ terminates \true;
    assigns \nothing;
    ensures \result <= CAP_MAX_TABLES;
    ensures \result < CAP_MAX_TABLES ==> cap_t_used[\result] == 0;
    ensures \result == CAP_MAX_TABLES ==> tables_full; */
static uint32_t alloc_table(void)
{
    /*@ loop invariant 0 <= t <= CAP_MAX_TABLES;
        loop invariant \forall integer k; 0 <= k < t ==> cap_t_used[k] != 0;
        loop assigns t;
        loop variant CAP_MAX_TABLES - t; */
    for (uint32_t t = 0; t < NT; t++)
        if (cap_t_used[t] == 0)
            return t;
    return NT;
}

#define CAP_ALL_STATE                                                         \
    cap_d_state[0 .. CAP_G-1], cap_d_owner[0 .. CAP_G-1], cap_d_depth[0 .. CAP_G-1], \
    cap_d_haschild[0 .. CAP_G-1], cap_d_obj[0 .. CAP_G-1], cap_d_rights[0 .. CAP_G-1], \
    cap_d_parent[0 .. CAP_G-1], cap_d_badge[0 .. CAP_G-1], cap_mark[0 .. CAP_G-1],   \
    cap_o_state[0 .. CAP_MAX_OBJECTS-1], cap_o_type[0 .. CAP_MAX_OBJECTS-1],        \
    cap_o_destroyed[0 .. CAP_MAX_OBJECTS-1], cap_o_refs[0 .. CAP_MAX_OBJECTS-1],    \
    cap_o_pins[0 .. CAP_MAX_OBJECTS-1], cap_o_koid[0 .. CAP_MAX_OBJECTS-1],         \
    cap_o_owner[0 .. CAP_MAX_OBJECTS-1], cap_o_table[0 .. CAP_MAX_OBJECTS-1],       \
    cap_o_reap_next[0 .. CAP_MAX_OBJECTS-1], cap_t_used[0 .. CAP_MAX_TABLES-1],     \
    cap_t_obj[0 .. CAP_MAX_TABLES-1], cap_reap_head, cap_reap_tail, cap_next_koid, \
    FMASK_ALL, OLIST_ALL

/* ===================================================================== */
/* operations                                                             */

/*@ terminates \true;
    assigns CAP_ALL_STATE;
    CAP_INV_ENSURES
    ensures \forall integer g; 0 <= g < CAP_G ==> cap_d_state[g] == CAP_FREE;
    ensures \forall integer o; 0 <= o < CAP_MAX_OBJECTS ==> cap_o_state[o] == CAP_OFREE;
    ensures \forall integer t; 0 <= t < CAP_MAX_TABLES ==> cap_t_used[t] == 0; */
void cap_init(void)
{
    /*@ loop invariant 0 <= g <= CAP_G;
        loop invariant \forall integer k; 0 <= k < g ==>
          cap_d_state[k] == CAP_FREE && cap_d_parent[k] == CAP_NONE;
        loop assigns g, cap_d_state[0 .. CAP_G-1], cap_d_owner[0 .. CAP_G-1],
          cap_d_depth[0 .. CAP_G-1], cap_d_haschild[0 .. CAP_G-1], cap_d_obj[0 .. CAP_G-1],
          cap_d_rights[0 .. CAP_G-1], cap_d_parent[0 .. CAP_G-1], cap_d_badge[0 .. CAP_G-1],
          cap_mark[0 .. CAP_G-1];
        loop variant CAP_G - g; */
    for (uint32_t g = 0; g < G; g++) {
        CAP_D(state, g) = CAP_FREE;
        CAP_D(owner, g) = 0;
        CAP_D(depth, g) = 0;
        CAP_D(haschild, g) = 0;
        CAP_D(obj, g) = 0;
        CAP_D(rights, g) = 0;
        CAP_D(parent, g) = CAP_NONE;
        CAP_D(badge, g) = 0;
        CAP_MARK(g) = 0;
    }
    /*@ loop invariant 0 <= o <= CAP_MAX_OBJECTS;
        loop invariant \forall integer k; 0 <= k < o ==>
          cap_o_state[k] == CAP_OFREE && cap_o_refs[k] == 0 && cap_o_pins[k] == 0 &&
          cap_o_owner[k] == CAP_NONE && cap_o_reap_next[k] == CAP_NONE;
        loop assigns o, cap_o_state[0 .. CAP_MAX_OBJECTS-1], cap_o_type[0 .. CAP_MAX_OBJECTS-1],
          cap_o_destroyed[0 .. CAP_MAX_OBJECTS-1], cap_o_refs[0 .. CAP_MAX_OBJECTS-1],
          cap_o_pins[0 .. CAP_MAX_OBJECTS-1], cap_o_koid[0 .. CAP_MAX_OBJECTS-1],
          cap_o_owner[0 .. CAP_MAX_OBJECTS-1], cap_o_table[0 .. CAP_MAX_OBJECTS-1],
          cap_o_reap_next[0 .. CAP_MAX_OBJECTS-1];
        loop variant CAP_MAX_OBJECTS - o; */
    for (uint32_t o = 0; o < NO; o++) {
        CAP_O(state, o) = CAP_OFREE;
        CAP_O(type, o) = 0;
        CAP_O(destroyed, o) = 0;
        CAP_O(refs, o) = 0;
        CAP_O(pins, o) = 0;
        CAP_O(koid, o) = 0;
        CAP_O(owner, o) = CAP_NONE;
        CAP_O(table, o) = CAP_NONE;
        CAP_O(reap_next, o) = CAP_NONE;
    }
    /*@ loop invariant 0 <= t <= CAP_MAX_TABLES;
        loop invariant \forall integer k; 0 <= k < t ==> cap_t_used[k] == 0;
        loop assigns t, cap_t_used[0 .. CAP_MAX_TABLES-1], cap_t_obj[0 .. CAP_MAX_TABLES-1];
        loop variant CAP_MAX_TABLES - t; */
    for (uint32_t t = 0; t < NT; t++) {
        cap_t_used[t] = 0;
        cap_t_obj[t] = CAP_NONE;
    }
    cap_reap_head = CAP_NONE;
    cap_reap_tail = CAP_NONE;
    cap_next_koid = 1;
    fmask_init();
    /*@ loop invariant 0 <= o <= CAP_MAX_OBJECTS;
        loop invariant \forall integer k; 0 <= k < o ==>
          cap_o_ohead[k] == CAP_NONE && cap_o_otail[k] == CAP_NONE;
        loop assigns o, cap_o_ohead[0 .. CAP_MAX_OBJECTS-1], cap_o_otail[0 .. CAP_MAX_OBJECTS-1];
        loop variant CAP_MAX_OBJECTS - o; */
    for (uint32_t o = 0; o < NO; o++) {
        CAP_O(ohead, o) = CAP_NONE;
        CAP_O(otail, o) = CAP_NONE;
    }
    /*@ ghost
      /@ loop invariant 0 <= i <= CAP_G;
         loop invariant \forall integer o; cnt(o, i) == 0;
         loop assigns i;
         loop variant CAP_G - i; @/
      for (unsigned i = 0; i < CAP_G; i++) { }
    */
}

/* The first process: a PROCESS object whose owner descriptor is slot 0 of
 * its own (new) table, so init holds a descriptor to itself with OPEN. */
/*@ requires cap_inv;
    requires \valid(out_table) && \valid(out_slot) && \separated(out_table, out_slot);
    terminates \true;
    assigns *out_table, *out_slot, CAP_ALL_STATE;
    CAP_INV_ENSURES
    behavior no_resources:
      assumes pool_full(OBOL_TYPE_PROCESS);
      assigns \nothing;
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior ok:
      assumes !pool_full(OBOL_TYPE_PROCESS);
      ensures \result == OBOL_OK;
      ensures valid_table(*out_table) && *out_slot == 0;
      ensures \forall integer t; t == *out_table ==> \at(cap_t_used[t], Pre) == 0;
      ensures live(gi(*out_table, 0)) && cap_d_owner[gi(*out_table, 0)] == 1;
      ensures cap_o_type[cap_d_obj[gi(*out_table, 0)]] == OBOL_TYPE_PROCESS;
      ensures cap_o_table[cap_d_obj[gi(*out_table, 0)]] == *out_table;
      ensures cap_d_rights[gi(*out_table, 0)] == type_rights(OBOL_TYPE_PROCESS);
      ensures \forall integer k; 0 <= k < CAP_G ==> k != gi(*out_table, 0) ==> same_cap{Pre, Here}(k);
    complete behaviors; disjoint behaviors; */
int cap_bootstrap(uint32_t *out_table, obol_desc_t *out_slot)
{
    uint32_t o = alloc_obj();
    if (o >= NO)
        return OBOL_ERR_NO_RESOURCES;
    if (cap_next_koid == UINT64_MAX)
        return OBOL_ERR_NO_RESOURCES;
    uint32_t tt = alloc_table();
    if (tt >= NT)
        return OBOL_ERR_NO_RESOURCES;
    CAP_O(state, o) = CAP_OALIVE;
    CAP_O(type, o) = OBOL_TYPE_PROCESS;
    CAP_O(destroyed, o) = 0;
    CAP_O(koid, o) = cap_next_koid;
    cap_next_koid++;
    CAP_O(table, o) = tt;
    cap_t_used[tt] = 1;
    cap_t_obj[tt] = o;
    uint32_t g = tt * S;
    //@ assert inv_tables;
    //@ assert cap_d_state[gi(tt, 0)] == CAP_FREE;
    //@ assert \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cap_d_parent[j] != g;
    install(g, (uint16_t)o, cap_type_rights(OBOL_TYPE_PROCESS), 1, CAP_NONE, 0);
    CAP_O(owner, o) = g;
    *out_table = tt;
    *out_slot = 0;
    return OBOL_OK;
}

#define TBL(a, t) a[(t) * CAP_TABLE_SLOTS .. (t) * CAP_TABLE_SLOTS + CAP_TABLE_SLOTS - 1]
#define TBL_CONTENT(t) TBL(cap_d_state, t), TBL(cap_d_obj, t), TBL(cap_d_rights, t), \
    TBL(cap_d_owner, t), TBL(cap_d_parent, t), TBL(cap_d_depth, t), TBL(cap_d_badge, t), \
    TBL(cap_d_haschild, t), TBL_FMASK(t), OLIST_ALL
/* Everything a create may write: the content of the table's slots, the
 * object and table pools, the koid counter. */
#define CREATE_FOOTPRINT(t) TBL_CONTENT(t), \
    cap_o_state[0 .. CAP_MAX_OBJECTS-1], cap_o_type[0 .. CAP_MAX_OBJECTS-1], \
    cap_o_destroyed[0 .. CAP_MAX_OBJECTS-1], cap_o_refs[0 .. CAP_MAX_OBJECTS-1], \
    cap_o_koid[0 .. CAP_MAX_OBJECTS-1], cap_o_owner[0 .. CAP_MAX_OBJECTS-1], \
    cap_o_table[0 .. CAP_MAX_OBJECTS-1], cap_t_used[0 .. CAP_MAX_TABLES-1], \
    cap_t_obj[0 .. CAP_MAX_TABLES-1], cap_next_koid

/* All CREATE checks, in order; no state change. */
/*@ requires table < CAP_MAX_TABLES && inv_shape && inv_free;
    requires \valid(slot) && \valid(o) && \valid(tt) && \separated(slot, o, tt);
    terminates \true;
    assigns *slot, *o, *tt;
    behavior bad_type:
      assumes !type_valid(type);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dest_range:
      assumes type_valid(type) && dest_range(table, dest);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dest_used:
      assumes type_valid(type) && dest_used(table, dest);
      ensures \result == OBOL_ERR_ALREADY_EXISTS;
    behavior table_full:
      assumes type_valid(type) && dest_full(table, dest);
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior pool_full:
      assumes type_valid(type) && dest_ok(table, dest) && pool_full(type);
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior ok:
      assumes type_valid(type) && dest_ok(table, dest) && !pool_full(type);
      ensures \result == OBOL_OK && dest_chosen(table, dest, *slot);
      ensures *o < CAP_MAX_OBJECTS && cap_o_state[*o] == CAP_OFREE;
      ensures type == OBOL_TYPE_PROCESS ==> *tt < CAP_MAX_TABLES && cap_t_used[*tt] == 0;
    complete behaviors; disjoint behaviors; */
static int create_check(uint32_t table, uint32_t type, obol_desc_t dest,
                        uint32_t *slot, uint32_t *o, uint32_t *tt)
{
    if (type < OBOL_TYPE_MIN || type > OBOL_TYPE_MAX)
        return OBOL_ERR_INVALID_ARGS;
    int r = pick_dest(table, dest, slot);
    if (r != OBOL_OK)
        return r;
    *o = alloc_obj();
    if (*o >= NO)
        return OBOL_ERR_NO_RESOURCES;
    if (cap_next_koid == UINT64_MAX)
        return OBOL_ERR_NO_RESOURCES;
    if (type == OBOL_TYPE_PROCESS) {
        *tt = alloc_table();
        if (*tt >= NT)
            return OBOL_ERR_NO_RESOURCES;
    }
    return OBOL_OK;
}

/* CREATE once checked: object o (FREE) becomes a new object of the type
 * (a PROCESS gets table tt, unused), owned by slot `slot` (FREE) of table. */
/*@ requires cap_inv && valid_table(table);
    requires slot < CAP_TABLE_SLOTS && cap_d_state[gi(table, slot)] == CAP_FREE;
    requires type_valid(type) && o < CAP_MAX_OBJECTS && cap_o_state[o] == CAP_OFREE;
    requires cap_next_koid != 0xFFFFFFFFFFFFFFFF;
    requires type == OBOL_TYPE_PROCESS ==> tt < CAP_MAX_TABLES && cap_t_used[tt] == 0;
    terminates \true;
    assigns CREATE_FOOTPRINT(table);
    CAP_INV_ENSURES
    ensures live(gi(table, slot)) && cap_d_owner[gi(table, slot)] == 1 && cap_d_obj[gi(table, slot)] == o;
    ensures cap_o_type[o] == type && cap_o_koid[o] == \old(cap_next_koid) && cap_o_refs[o] == 1 &&
      cap_o_destroyed[o] == 0 && cap_o_owner[o] == gi(table, slot);
    ensures cap_d_rights[gi(table, slot)] == type_rights(type);
    ensures \forall integer k; 0 <= k < CAP_G ==> k != gi(table, slot) ==> same_cap{Pre, Here}(k); */
static void create_commit(uint32_t table, uint32_t type, uint32_t slot, uint32_t o, uint32_t tt)
{
    CAP_O(state, o) = CAP_OALIVE;
    CAP_O(type, o) = (uint8_t)type;
    CAP_O(destroyed, o) = 0;
    CAP_O(koid, o) = cap_next_koid;
    cap_next_koid++;
    if (type == OBOL_TYPE_PROCESS) {
        CAP_O(table, o) = tt;
        cap_t_used[tt] = 1;
        cap_t_obj[tt] = o;
    }
    uint32_t g = table * S + slot;
    //@ assert g == gi(table, slot) && g < CAP_G;
    //@ assert cap_d_state[g] == CAP_FREE;
    //@ assert cap_o_refs[o] == cnt(o, CAP_G);
    //@ assert inv_shape;
    //@ assert \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cap_d_parent[j] != g;
    install(g, (uint16_t)o, cap_type_rights(type), 1, CAP_NONE, 0);
    CAP_O(owner, o) = g;
    //@ assert inv_objs;
    //@ assert inv_tables;
    //@ assert inv_refs;
    //@ assert inv_live;
}

/*@ requires cap_inv && valid_table(table);
    requires \valid(out_slot);
    terminates \true;
    assigns *out_slot, CREATE_FOOTPRINT(table);
    CAP_INV_ENSURES
    behavior bad_type:
      assumes !type_valid(type);
      assigns \nothing;
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dest_range:
      assumes type_valid(type) && dest_range(table, dest);
      assigns \nothing;
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dest_used:
      assumes type_valid(type) && dest_used(table, dest);
      assigns \nothing;
      ensures \result == OBOL_ERR_ALREADY_EXISTS;
    behavior table_full:
      assumes type_valid(type) && dest_full(table, dest);
      assigns \nothing;
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior pool_full:
      assumes type_valid(type) && dest_ok(table, dest) && pool_full(type);
      assigns \nothing;
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior ok:
      assumes type_valid(type) && dest_ok(table, dest) && !pool_full(type);
      ensures \result == OBOL_OK;
      ensures dest_chosen{Pre}(table, dest, *out_slot);
      ensures live(gi(table, *out_slot)) && cap_d_owner[gi(table, *out_slot)] == 1;
      ensures \let o = cap_d_obj[gi(table, *out_slot)];
        \old(cap_o_state[o]) == CAP_OFREE && cap_o_type[o] == type &&
        cap_o_koid[o] == \old(cap_next_koid) && cap_o_refs[o] == 1 &&
        cap_o_destroyed[o] == 0 && cap_o_owner[o] == gi(table, *out_slot);
      ensures cap_d_rights[gi(table, *out_slot)] == type_rights(type);
      ensures \forall integer k; 0 <= k < CAP_G ==> k != gi(table, *out_slot) ==> same_cap{Pre, Here}(k);
    complete behaviors; disjoint behaviors; */
int cap_create(uint32_t table, uint32_t type, obol_desc_t dest, obol_desc_t *out_slot)
{
    uint32_t slot, o, tt = CAP_NONE;
    int r = create_check(table, type, dest, &slot, &o, &tt);
    if (r != OBOL_OK)
        return r;
    create_commit(table, type, slot, o, tt);
    *out_slot = slot;
    return OBOL_OK;
}

/* All MINT checks, in order; no state change.  Small context on purpose. */
/*@ requires table < CAP_MAX_TABLES && inv_shape && inv_ptab && inv_lobj && inv_free;
    requires \valid(tt) && \valid(slot) && \valid(nr) && \separated(tt, slot, nr);
    terminates \true;
    assigns *tt, *slot, *nr;
    ensures \result == OBOL_OK ==> mint_ok3(table, od, pd, rights) && dest_ok(ttable(table, pd), dest) &&
      *tt == ttable(table, pd) && *tt < CAP_MAX_TABLES && dest_chosen(*tt, dest, *slot) &&
      *nr == mint_rights(table, od, rights);
    behavior bad_owner:
      assumes r_bad(table, od);
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
    behavior revoked_owner:
      assumes r_revoked(table, od);
      ensures \result == OBOL_ERR_REVOKED;
    behavior destroyed_owner:
      assumes r_destroyed(table, od);
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;
    behavior not_owner:
      assumes r_ok(table, od) && !downer(table, od);
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior bad_target:
      assumes mint_ok1(table, od) && r_bad(table, pd);
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
    behavior revoked_target:
      assumes mint_ok1(table, od) && r_revoked(table, pd);
      ensures \result == OBOL_ERR_REVOKED;
    behavior destroyed_target:
      assumes mint_ok1(table, od) && r_destroyed(table, pd);
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;
    behavior target_type:
      assumes mint_ok1(table, od) && tgt_type(table, pd);
      ensures \result == OBOL_ERR_WRONG_TYPE;
    behavior target_no_open:
      assumes mint_ok1(table, od) && tgt_noopen(table, pd);
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior bad_rights:
      assumes mint_ok2(table, od, pd) && !mint_rights_ok(table, od, rights);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dest_range:
      assumes mint_ok3(table, od, pd, rights) && dest_range(ttable(table, pd), dest);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dest_used:
      assumes mint_ok3(table, od, pd, rights) && dest_used(ttable(table, pd), dest);
      ensures \result == OBOL_ERR_ALREADY_EXISTS;
    behavior dest_full:
      assumes mint_ok3(table, od, pd, rights) && dest_full(ttable(table, pd), dest);
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior ok:
      assumes mint_ok3(table, od, pd, rights) && dest_ok(ttable(table, pd), dest);
      ensures \result == OBOL_OK && *tt == ttable(table, pd) && *tt < CAP_MAX_TABLES;
      ensures dest_chosen(*tt, dest, *slot);
      ensures *nr == mint_rights(table, od, rights);
    complete behaviors; disjoint behaviors; */
static int mint_check(uint32_t table, obol_desc_t od, obol_desc_t pd, obol_desc_t dest,
                      uint32_t rights, uint32_t *tt, uint32_t *slot, uint32_t *nr)
{
    int r = cap_resolve(table, od);
    if (r != OBOL_OK)
        return r;
    uint32_t go = table * S + od;
    //@ assert go == gi(table, od) && live(go);
    if (CAP_D(owner, go) == 0)
        return OBOL_ERR_ACCESS_DENIED;
    r = cap_resolve(table, pd);
    if (r != OBOL_OK)
        return r;
    uint32_t gp = table * S + pd;
    //@ assert gp == gi(table, pd) && live(gp);
    uint32_t po = CAP_D(obj, gp);
    //@ assert po < CAP_MAX_OBJECTS && cap_o_state[po] == CAP_OALIVE;
    if (CAP_O(type, po) != OBOL_TYPE_PROCESS)
        return OBOL_ERR_WRONG_TYPE;
    if (!has_bit(CAP_D(rights, gp), OBOL_RIGHT_OPEN))
        return OBOL_ERR_ACCESS_DENIED;
    uint32_t valid = cap_type_rights(CAP_O(type, CAP_D(obj, go)));
    if (rights == OBOL_SAME_RIGHTS) {
        *nr = CAP_D(rights, go);
    } else {
        if (!within(rights, valid))
            return OBOL_ERR_INVALID_ARGS;
        *nr = meet(rights, valid);
    }
    *tt = CAP_O(table, po);
    //@ assert *tt == ttable(table, pd) && *tt < CAP_MAX_TABLES;
    return pick_dest(*tt, dest, slot);
}

/*@ requires cap_inv && valid_table(table);
    requires \valid(out_slot);
    terminates \true;
    assigns *out_slot, TBL_CONTENT(ttable(table, target_proc_d)),
            cap_d_haschild[gi(table, owner_d)], cap_o_refs[dobj(table, owner_d)];
    CAP_INV_ENSURES
    behavior bad_owner:
      assumes r_bad(table, owner_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
    behavior revoked_owner:
      assumes r_revoked(table, owner_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_REVOKED;
    behavior destroyed_owner:
      assumes r_destroyed(table, owner_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;
    behavior not_owner:
      assumes r_ok(table, owner_d) && !downer(table, owner_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior bad_target:
      assumes mint_ok1(table, owner_d) && r_bad(table, target_proc_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
    behavior revoked_target:
      assumes mint_ok1(table, owner_d) && r_revoked(table, target_proc_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_REVOKED;
    behavior destroyed_target:
      assumes mint_ok1(table, owner_d) && r_destroyed(table, target_proc_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;
    behavior target_type:
      assumes mint_ok1(table, owner_d) && tgt_type(table, target_proc_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_WRONG_TYPE;
    behavior target_no_open:
      assumes mint_ok1(table, owner_d) && tgt_noopen(table, target_proc_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior bad_rights:
      assumes mint_ok2(table, owner_d, target_proc_d) && !mint_rights_ok(table, owner_d, rights);
      assigns \nothing;
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dest_range:
      assumes mint_ok3(table, owner_d, target_proc_d, rights) &&
        dest_range(ttable(table, target_proc_d), dest);
      assigns \nothing;
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dest_used:
      assumes mint_ok3(table, owner_d, target_proc_d, rights) &&
        dest_used(ttable(table, target_proc_d), dest);
      assigns \nothing;
      ensures \result == OBOL_ERR_ALREADY_EXISTS;
    behavior dest_full:
      assumes mint_ok3(table, owner_d, target_proc_d, rights) &&
        dest_full(ttable(table, target_proc_d), dest);
      assigns \nothing;
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior ok:
      assumes mint_ok3(table, owner_d, target_proc_d, rights) &&
        dest_ok(ttable(table, target_proc_d), dest);
      ensures \result == OBOL_OK;
      ensures \let tt = \old(ttable(table, target_proc_d)); \let n = gi(tt, *out_slot);
        dest_chosen{Pre}(tt, dest, *out_slot) && live(n) &&
        cap_d_obj[n] == \old(dobj(table, owner_d)) && cap_d_owner[n] == 0 &&
        cap_d_badge[n] == badge && cap_d_parent[n] == gi(table, owner_d) &&
        cap_d_rights[n] == \old(mint_rights(table, owner_d, rights));
      ensures \forall integer k; 0 <= k < CAP_G ==>
        k != gi(\old(ttable(table, target_proc_d)), *out_slot) ==> same_cap{Pre, Here}(k);
    complete behaviors; disjoint behaviors; */
int cap_mint(uint32_t table, obol_desc_t owner_d, obol_desc_t target_proc_d,
             obol_desc_t dest, uint32_t rights, uint64_t badge, obol_desc_t *out_slot)
{
    CAP_ASSUME(table < CAP_MAX_TABLES);        /* valid_table(table) */
    uint32_t tt, slot, nr;
    //@ assert inv_ptab && inv_lobj;
    int r = mint_check(table, owner_d, target_proc_d, dest, rights, &tt, &slot, &nr);
    if (r != OBOL_OK)
        return r;
    uint32_t go = table * S + owner_d;
    uint32_t g = tt * S + slot;
    //@ assert owner_d < CAP_TABLE_SLOTS && slot < CAP_TABLE_SLOTS && tt < CAP_MAX_TABLES;
    //@ assert go == gi(table, owner_d);
    //@ assert g == gi(tt, slot);
    //@ assert go == gi(table, owner_d) && g == gi(tt, slot) && live(go) && cap_d_state[g] == CAP_FREE;
    //@ assert mint_ok3(table, owner_d, target_proc_d, rights);
    //@ assert cap_d_owner[go] != 0;
    //@ assert inv_lobj;
    //@ assert cap_o_state[cap_d_obj[go]] == CAP_OALIVE;
    //@ assert cap_d_rights[go] == type_rights(cap_o_type[cap_d_obj[go]]);
    //@ assert rights_subset(nr, cap_d_rights[go]);
    //@ assert rights_subset(nr, type_rights(cap_o_type[cap_d_obj[go]]));
    //@ assert cap_t_used[tt] != 0;
    //@ assert \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cap_d_parent[j] != g;
    //@ assert cap_o_refs[cap_d_obj[go]] == cnt(cap_d_obj[go], CAP_G);
    //@ assert \forall integer x; 0 <= x < CAP_MAX_OBJECTS ==> cap_o_owner[x] != CAP_NONE ==> cap_o_owner[x] != g;
    //@ assert cap_d_depth[go] == 0;
    CAP_ASSUME(CAP_D(depth, go) == 0);           /* an owner is a root */
    install(g, CAP_D(obj, go), nr, 0, go, badge);
    //@ assert \forall integer x; 0 <= x < CAP_MAX_OBJECTS ==> cap_o_refs[x] == cnt(x, CAP_G);
    //@ assert inv_refs;
    //@ assert inv_live;
    //@ assert inv_objs;
    //@ assert inv_tables;
    //@ assert live(g) && cap_d_parent[g] == go && cap_d_obj[g] == cap_d_obj[go];
    *out_slot = slot;
    return OBOL_OK;
}

/* All DUP checks after the source slot is known to be open; no state change.
 * src (sd) is a slot of table st; the target process (pd) is resolved in the
 * caller's table.  desc_dup has st == table; desc_dup_from names st. */
/*@ requires st < CAP_MAX_TABLES && table < CAP_MAX_TABLES;
    requires inv_shape && inv_ptab && inv_lobj && inv_free;
    requires sd < CAP_TABLE_SLOTS && cap_d_state[gi(st, sd)] != CAP_FREE;
    requires \valid(tt) && \valid(slot) && \valid(nr) && \separated(tt, slot, nr);
    terminates \true;
    assigns *tt, *slot, *nr;
    ensures \result == OBOL_OK ==> dup_ok3(st, sd, table, pd, rights) && dest_ok(ttable(table, pd), dest) &&
      cap_d_depth[gi(st, sd)] < CAP_MAX_DEPTH &&
      *tt == ttable(table, pd) && *tt < CAP_MAX_TABLES && dest_chosen(*tt, dest, *slot) &&
      *nr == dup_rights(st, sd, rights);
    behavior revoked_src:
      assumes r_revoked(st, sd);
      ensures \result == OBOL_ERR_REVOKED;
    behavior destroyed_src:
      assumes r_destroyed(st, sd);
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;
    behavior src_owner:
      assumes r_ok(st, sd) && downer(st, sd);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior src_no_dup:
      assumes r_ok(st, sd) && !downer(st, sd) &&
        (drights(st, sd) & OBOL_RIGHT_DUPLICATE) == 0;
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior bad_target:
      assumes dup_ok1(st, sd) && r_bad(table, pd);
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
    behavior revoked_target:
      assumes dup_ok1(st, sd) && r_revoked(table, pd);
      ensures \result == OBOL_ERR_REVOKED;
    behavior destroyed_target:
      assumes dup_ok1(st, sd) && r_destroyed(table, pd);
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;
    behavior target_type:
      assumes dup_ok1(st, sd) && tgt_type(table, pd);
      ensures \result == OBOL_ERR_WRONG_TYPE;
    behavior target_no_open:
      assumes dup_ok1(st, sd) && tgt_noopen(table, pd);
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior bad_rights:
      assumes dup_ok2(st, sd, table, pd) && !dup_rights_ok(st, sd, rights);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dest_range:
      assumes dup_ok3(st, sd, table, pd, rights) && dest_range(ttable(table, pd), dest);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dest_used:
      assumes dup_ok3(st, sd, table, pd, rights) && dest_used(ttable(table, pd), dest);
      ensures \result == OBOL_ERR_ALREADY_EXISTS;
    behavior dest_full:
      assumes dup_ok3(st, sd, table, pd, rights) && dest_full(ttable(table, pd), dest);
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior too_deep:
      assumes dup_ok3(st, sd, table, pd, rights) && dest_ok(ttable(table, pd), dest) &&
        cap_d_depth[gi(st, sd)] >= CAP_MAX_DEPTH;
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior ok:
      assumes dup_ok3(st, sd, table, pd, rights) && dest_ok(ttable(table, pd), dest) &&
        cap_d_depth[gi(st, sd)] < CAP_MAX_DEPTH;
      ensures \result == OBOL_OK && *tt == ttable(table, pd) && *tt < CAP_MAX_TABLES;
      ensures dest_chosen(*tt, dest, *slot);
      ensures *nr == dup_rights(st, sd, rights);
    complete behaviors; disjoint behaviors; */
static int dup_check(uint32_t st, obol_desc_t sd, uint32_t table, obol_desc_t pd, obol_desc_t dest,
                     uint32_t rights, uint32_t *tt, uint32_t *slot, uint32_t *nr)
{
    int r = cap_resolve(st, sd);
    if (r != OBOL_OK)
        return r;
    uint32_t gs = st * S + sd;
    //@ assert gs == gi(st, sd) && live(gs);
    if (CAP_D(owner, gs) != 0)
        return OBOL_ERR_INVALID_ARGS;
    if (!has_bit(CAP_D(rights, gs), OBOL_RIGHT_DUPLICATE))
        return OBOL_ERR_ACCESS_DENIED;
    r = cap_resolve(table, pd);
    if (r != OBOL_OK)
        return r;
    uint32_t gp = table * S + pd;
    //@ assert gp == gi(table, pd) && live(gp);
    uint32_t po = CAP_D(obj, gp);
    //@ assert po < CAP_MAX_OBJECTS && cap_o_state[po] == CAP_OALIVE;
    if (CAP_O(type, po) != OBOL_TYPE_PROCESS)
        return OBOL_ERR_WRONG_TYPE;
    if (!has_bit(CAP_D(rights, gp), OBOL_RIGHT_OPEN))
        return OBOL_ERR_ACCESS_DENIED;
    uint32_t sr = CAP_D(rights, gs);
    if (rights == OBOL_SAME_RIGHTS) {
        *nr = sr;
    } else {
        if (!within(rights, sr))
            return OBOL_ERR_INVALID_ARGS;
        *nr = meet(rights, sr);
    }
    *tt = CAP_O(table, po);
    //@ assert *tt == ttable(table, pd) && *tt < CAP_MAX_TABLES;
    r = pick_dest(*tt, dest, slot);
    if (r != OBOL_OK)
        return r;
    if (CAP_D(depth, gs) >= CAP_MAX_DEPTH)
        return OBOL_ERR_NO_RESOURCES;
    return OBOL_OK;
}

/* Which error a failed DUP returns, stage by stage (dup_body, dup_open). */
#define DUP_FAIL_ENSURES                                                        \
    ensures r_revoked{Pre}(st, src_d) ==> \result == OBOL_ERR_REVOKED;          \
    ensures r_destroyed{Pre}(st, src_d) ==> \result == OBOL_ERR_OBJECT_DESTROYED; \
    ensures \at(r_ok(st, src_d) && downer(st, src_d), Pre) ==>                  \
      \result == OBOL_ERR_INVALID_ARGS;                                         \
    ensures \at(r_ok(st, src_d) && !downer(st, src_d) &&                        \
      (drights(st, src_d) & OBOL_RIGHT_DUPLICATE) == 0, Pre) ==>                \
      \result == OBOL_ERR_ACCESS_DENIED;                                        \
    ensures \at(dup_ok1(st, src_d) && r_bad(table, target_proc_d), Pre) ==>     \
      \result == OBOL_ERR_BAD_DESCRIPTOR;                                       \
    ensures \at(dup_ok1(st, src_d) && r_revoked(table, target_proc_d), Pre) ==> \
      \result == OBOL_ERR_REVOKED;                                              \
    ensures \at(dup_ok1(st, src_d) && r_destroyed(table, target_proc_d), Pre) ==> \
      \result == OBOL_ERR_OBJECT_DESTROYED;                                     \
    ensures \at(dup_ok1(st, src_d) && tgt_type(table, target_proc_d), Pre) ==>  \
      \result == OBOL_ERR_WRONG_TYPE;                                           \
    ensures \at(dup_ok1(st, src_d) && tgt_noopen(table, target_proc_d), Pre) ==> \
      \result == OBOL_ERR_ACCESS_DENIED;                                        \
    ensures \at(dup_ok2(st, src_d, table, target_proc_d) &&                     \
      !dup_rights_ok(st, src_d, rights), Pre) ==> \result == OBOL_ERR_INVALID_ARGS; \
    ensures \at(dup_ok3(st, src_d, table, target_proc_d, rights) &&             \
      dest_range(ttable(table, target_proc_d), dest), Pre) ==>                  \
      \result == OBOL_ERR_INVALID_ARGS;                                         \
    ensures \at(dup_ok3(st, src_d, table, target_proc_d, rights) &&             \
      dest_used(ttable(table, target_proc_d), dest), Pre) ==>                   \
      \result == OBOL_ERR_ALREADY_EXISTS;                                       \
    ensures \at(dup_ok3(st, src_d, table, target_proc_d, rights) &&             \
      dest_full(ttable(table, target_proc_d), dest), Pre) ==>                   \
      \result == OBOL_ERR_NO_RESOURCES;                                         \
    ensures \at(dup_ok3(st, src_d, table, target_proc_d, rights) &&             \
      dest_ok(ttable(table, target_proc_d), dest) &&                            \
      cap_d_depth[gi(st, src_d)] >= CAP_MAX_DEPTH, Pre) ==>                     \
      \result == OBOL_ERR_NO_RESOURCES;
/* Every DUP check passes (src open in table st). */
#define DUP_OK_COND(st)                                                         \
    (dup_ok3(st, src_d, table, target_proc_d, rights) &&                        \
     dest_ok(ttable(table, target_proc_d), dest) && cap_d_depth[gi(st, src_d)] < CAP_MAX_DEPTH)

/* DUP without the CLOSE_SOURCE part; src is an open (LIVE/REVOKED) slot of
 * table st. */
/*@ requires cap_inv && valid_table(table) && valid_table(st);
    requires src_d < CAP_TABLE_SLOTS && cap_d_state[gi(st, src_d)] != CAP_FREE;
    requires \valid(out_slot);
    terminates \true;
    assigns *out_slot, TBL_CONTENT(ttable(table, target_proc_d)),
            cap_d_haschild[gi(st, src_d)], cap_o_refs[dobj(st, src_d)];
    CAP_INV_ENSURES
    ensures cap_d_state[gi(st, src_d)] == \old(cap_d_state[gi(st, src_d)]);
    behavior fail:
      assumes !DUP_OK_COND(st);
      assigns \nothing;
      ensures \result < 0;
      ensures unchanged_caps{Pre, Here};
      DUP_FAIL_ENSURES
    behavior ok:
      assumes DUP_OK_COND(st);
      ensures \result == OBOL_OK;
      ensures \let tt = \old(ttable(table, target_proc_d)); \let n = gi(tt, *out_slot);
        dest_chosen{Pre}(tt, dest, *out_slot) && live(n) && n != gi(st, src_d) &&
        cap_d_obj[n] == \old(dobj(st, src_d)) && cap_d_owner[n] == 0 &&
        cap_d_badge[n] == \old(cap_d_badge[gi(st, src_d)]) &&
        cap_d_parent[n] == gi(st, src_d) &&
        cap_d_rights[n] == \old(dup_rights(st, src_d, rights));
      ensures \forall integer k; 0 <= k < CAP_G ==>
        k != gi(\old(ttable(table, target_proc_d)), *out_slot) ==> same_cap{Pre, Here}(k);
    complete behaviors; disjoint behaviors; */
static int dup_body(uint32_t st, obol_desc_t src_d, uint32_t table, obol_desc_t target_proc_d,
                    obol_desc_t dest, uint32_t rights, obol_desc_t *out_slot)
{
    uint32_t tt, slot, nr;
    //@ assert inv_ptab && inv_lobj;
    int r = dup_check(st, src_d, table, target_proc_d, dest, rights, &tt, &slot, &nr);
    if (r != OBOL_OK)
        return r;
    /*@ assert dup_ok3(st, src_d, table, target_proc_d, rights) &&
          dest_ok(ttable(table, target_proc_d), dest) && cap_d_depth[gi(st, src_d)] < CAP_MAX_DEPTH; */
    //@ for fail: assert \false;
    uint32_t gs = st * S + src_d;
    //@ assert gs == gi(st, src_d) && gs < CAP_G;
    uint32_t g = tt * S + slot;
    //@ assert gs == gi(st, src_d) && g == gi(tt, slot) && live(gs) && cap_d_state[g] == CAP_FREE;
    //@ assert dup_ok3(st, src_d, table, target_proc_d, rights);
    //@ assert inv_lobj;
    //@ assert cap_o_state[cap_d_obj[gs]] == CAP_OALIVE;
    //@ assert rights_subset(cap_d_rights[gs], type_rights(cap_o_type[cap_d_obj[gs]]));
    //@ assert rights_subset(nr, cap_d_rights[gs]);
    //@ assert rights_subset(nr, type_rights(cap_o_type[cap_d_obj[gs]]));
    //@ assert cap_t_used[tt] != 0;
    //@ assert \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cap_d_parent[j] != g;
    //@ assert cap_o_refs[cap_d_obj[gs]] == cnt(cap_d_obj[gs], CAP_G);
    //@ assert \forall integer x; 0 <= x < CAP_MAX_OBJECTS ==> cap_o_owner[x] != CAP_NONE ==> cap_o_owner[x] != g;
    install(g, CAP_D(obj, gs), nr, 0, gs, CAP_D(badge, gs));
    //@ assert \forall integer x; 0 <= x < CAP_MAX_OBJECTS ==> cap_o_refs[x] == cnt(x, CAP_G);
    //@ assert inv_refs;
    //@ assert inv_live;
    //@ assert inv_objs;
    //@ assert inv_tables;
    //@ assert live(g) && cap_d_parent[g] == gs && cap_d_obj[g] == cap_d_obj[gs];
    *out_slot = slot;
    return OBOL_OK;
}

/* DUP's behaviors once its options are valid, in the documented order:
 * PRE is what the enclosing contract has already established (\true for
 * desc_dup), ST the source table (an expression over the pre-state).  With
 * CLOSE_SOURCE the source is closed whatever the outcome; either way no
 * slot of any table but the source (CLOSE_SOURCE) and the new one changes. */
#define DUP_OPEN_SRC(ST) ((options & ~OBOL_DUP_OPTIONS_VALID) == 0 && !r_bad(ST, src_d))
#define DUP_CS_ENSURES(ST)                                                      \
    ensures (options & OBOL_DUP_CLOSE_SOURCE) != 0 ==>                          \
      cap_d_state[\old(gi(ST, src_d))] == CAP_FREE;                             \
    ensures (options & OBOL_DUP_CLOSE_SOURCE) != 0 ==> \forall integer k;       \
      0 <= k < CAP_G ==> k != \old(gi(ST, src_d)) ==> same_cap{Pre, Here}(k);   \
    ensures (options & OBOL_DUP_CLOSE_SOURCE) == 0 ==> unchanged_caps{Pre, Here};
#define DUP_BAD_SRC_BEHAVIOR(PRE, ST)                                           \
    behavior bad_src:                                                           \
      assumes PRE && (options & ~OBOL_DUP_OPTIONS_VALID) == 0 && r_bad(ST, src_d); \
      assigns \nothing;                                                         \
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
#define DUP_OPEN_BEHAVIORS(PRE, ST)                                             \
    behavior revoked_src:                                                       \
      assumes PRE && DUP_OPEN_SRC(ST) && r_revoked(ST, src_d);                  \
      ensures \result == OBOL_ERR_REVOKED;                                      \
      DUP_CS_ENSURES(ST)                                                        \
    behavior destroyed_src:                                                     \
      assumes PRE && DUP_OPEN_SRC(ST) && r_destroyed(ST, src_d);                \
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;                             \
      DUP_CS_ENSURES(ST)                                                        \
    behavior src_owner:                                                         \
      assumes PRE && DUP_OPEN_SRC(ST) && r_ok(ST, src_d) && downer(ST, src_d);  \
      ensures \result == OBOL_ERR_INVALID_ARGS;                                 \
      DUP_CS_ENSURES(ST)                                                        \
    behavior src_no_dup:                                                        \
      assumes PRE && DUP_OPEN_SRC(ST) && r_ok(ST, src_d) && !downer(ST, src_d) && \
        (drights(ST, src_d) & OBOL_RIGHT_DUPLICATE) == 0;                       \
      ensures \result == OBOL_ERR_ACCESS_DENIED;                                \
      DUP_CS_ENSURES(ST)                                                        \
    behavior bad_target:                                                        \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok1(ST, src_d) && r_bad(table, target_proc_d); \
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;                               \
      DUP_CS_ENSURES(ST)                                                        \
    behavior revoked_target:                                                    \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok1(ST, src_d) && r_revoked(table, target_proc_d); \
      ensures \result == OBOL_ERR_REVOKED;                                      \
      DUP_CS_ENSURES(ST)                                                        \
    behavior destroyed_target:                                                  \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok1(ST, src_d) && r_destroyed(table, target_proc_d); \
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;                             \
      DUP_CS_ENSURES(ST)                                                        \
    behavior target_type:                                                       \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok1(ST, src_d) && tgt_type(table, target_proc_d); \
      ensures \result == OBOL_ERR_WRONG_TYPE;                                   \
      DUP_CS_ENSURES(ST)                                                        \
    behavior target_no_open:                                                    \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok1(ST, src_d) && tgt_noopen(table, target_proc_d); \
      ensures \result == OBOL_ERR_ACCESS_DENIED;                                \
      DUP_CS_ENSURES(ST)                                                        \
    behavior bad_rights:                                                        \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok2(ST, src_d, table, target_proc_d) && \
        !dup_rights_ok(ST, src_d, rights);                                      \
      ensures \result == OBOL_ERR_INVALID_ARGS;                                 \
      DUP_CS_ENSURES(ST)                                                        \
    behavior dest_range:                                                        \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok3(ST, src_d, table, target_proc_d, rights) && \
        dest_range(ttable(table, target_proc_d), dest);                         \
      ensures \result == OBOL_ERR_INVALID_ARGS;                                 \
      DUP_CS_ENSURES(ST)                                                        \
    behavior dest_used:                                                         \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok3(ST, src_d, table, target_proc_d, rights) && \
        dest_used(ttable(table, target_proc_d), dest);                          \
      ensures \result == OBOL_ERR_ALREADY_EXISTS;                               \
      DUP_CS_ENSURES(ST)                                                        \
    behavior dest_full:                                                         \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok3(ST, src_d, table, target_proc_d, rights) && \
        dest_full(ttable(table, target_proc_d), dest);                          \
      ensures \result == OBOL_ERR_NO_RESOURCES;                                 \
      DUP_CS_ENSURES(ST)                                                        \
    behavior too_deep:                                                          \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok3(ST, src_d, table, target_proc_d, rights) && \
        dest_ok(ttable(table, target_proc_d), dest) && cap_d_depth[gi(ST, src_d)] >= CAP_MAX_DEPTH; \
      ensures \result == OBOL_ERR_NO_RESOURCES;                                 \
      DUP_CS_ENSURES(ST)                                                        \
    behavior ok:                                                                \
      assumes PRE && DUP_OPEN_SRC(ST) && dup_ok3(ST, src_d, table, target_proc_d, rights) && \
        dest_ok(ttable(table, target_proc_d), dest) && cap_d_depth[gi(ST, src_d)] < CAP_MAX_DEPTH; \
      ensures \result == OBOL_OK;                                               \
      ensures \let tt = \old(ttable(table, target_proc_d)); \let n = gi(tt, *out_slot); \
        dest_chosen{Pre}(tt, dest, *out_slot) && live(n) &&                     \
        cap_d_obj[n] == \old(dobj(ST, src_d)) && cap_d_owner[n] == 0 &&         \
        cap_d_badge[n] == \old(cap_d_badge[gi(ST, src_d)]) &&                   \
        cap_d_rights[n] == \old(dup_rights(ST, src_d, rights));                 \
      /* derivation: a child of src (with CLOSE_SOURCE, of src's parent) */     \
      ensures (options & OBOL_DUP_CLOSE_SOURCE) == 0 ==>                        \
        cap_d_parent[gi(\old(ttable(table, target_proc_d)), *out_slot)] == \old(gi(ST, src_d)); \
      ensures (options & OBOL_DUP_CLOSE_SOURCE) != 0 ==>                        \
        cap_d_state[\old(gi(ST, src_d))] == CAP_FREE;                           \
      /* confinement: only the new slot and (CLOSE_SOURCE) the source change */  \
      ensures \forall integer k; 0 <= k < CAP_G ==>                             \
        k != gi(\old(ttable(table, target_proc_d)), *out_slot) ==>              \
        ((options & OBOL_DUP_CLOSE_SOURCE) != 0 ==> k != \old(gi(ST, src_d))) ==> \
        same_cap{Pre, Here}(k);

#define DUP_BAD_OPTIONS_BEHAVIOR                                                \
    behavior bad_options:                                                       \
      assumes (options & ~OBOL_DUP_OPTIONS_VALID) != 0;                         \
      assigns \nothing;                                                         \
      ensures \result == OBOL_ERR_INVALID_ARGS;

/* Whether slot d of table t is open (LIVE or REVOKED). */
/*@ requires t < CAP_MAX_TABLES;
    terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> !r_bad(t, d); */
static inline __attribute__((always_inline)) int slot_open(uint32_t t, obol_desc_t d)
{
    if (d >= S)
        return 0;
    uint32_t g = t * S + d;
    //@ assert g == gi(t, d) && g < CAP_G;
    return CAP_D(state, g) != CAP_FREE;
}

/* DUP of open slot src_d of table st into the process target_proc_d names
 * in table (the caller's), then CLOSE_SOURCE.  Its contract says once what
 * CLOSE_SOURCE does, for every outcome; the callers' per-error behaviors
 * (DUP_OPEN_BEHAVIORS) follow from it without a look at the state. */
/*@ requires cap_inv && valid_table(table) && valid_table(st);
    requires (options & ~OBOL_DUP_OPTIONS_VALID) == 0 && !r_bad(st, src_d);
    requires \valid(out_slot);
    terminates \true;
    assigns *out_slot, TBL_CONTENT(ttable(table, target_proc_d)), CAP_CLOSE_FOOTPRINT;
    CAP_INV_ENSURES
    ensures (options & OBOL_DUP_CLOSE_SOURCE) != 0 ==> cap_d_state[gi(st, src_d)] == CAP_FREE;
    behavior fail:
      assumes !DUP_OK_COND(st);
      ensures \result < 0;
      ensures (options & OBOL_DUP_CLOSE_SOURCE) == 0 ==> unchanged_caps{Pre, Here};
      ensures (options & OBOL_DUP_CLOSE_SOURCE) != 0 ==> \forall integer k; 0 <= k < CAP_G ==>
        k != gi(st, src_d) ==> same_cap{Pre, Here}(k);
      DUP_FAIL_ENSURES
    behavior ok:
      assumes DUP_OK_COND(st);
      ensures \result == OBOL_OK;
      ensures \let tt = \old(ttable(table, target_proc_d)); \let n = gi(tt, *out_slot);
        dest_chosen{Pre}(tt, dest, *out_slot) && live(n) &&
        cap_d_obj[n] == \old(dobj(st, src_d)) && cap_d_owner[n] == 0 &&
        cap_d_badge[n] == \old(cap_d_badge[gi(st, src_d)]) &&
        cap_d_rights[n] == \old(dup_rights(st, src_d, rights));
      ensures (options & OBOL_DUP_CLOSE_SOURCE) == 0 ==>
        cap_d_parent[gi(\old(ttable(table, target_proc_d)), *out_slot)] == gi(st, src_d);
      ensures \forall integer k; 0 <= k < CAP_G ==>
        k != gi(\old(ttable(table, target_proc_d)), *out_slot) ==>
        ((options & OBOL_DUP_CLOSE_SOURCE) != 0 ==> k != gi(st, src_d)) ==>
        same_cap{Pre, Here}(k);
    complete behaviors; disjoint behaviors; */
static inline __attribute__((always_inline))
int dup_open(uint32_t st, uint32_t table, obol_desc_t src_d, obol_desc_t target_proc_d,
             obol_desc_t dest, uint32_t rights, uint32_t options, obol_desc_t *out_slot)
{
    int r = dup_body(st, src_d, table, target_proc_d, dest, rights, out_slot);
    //@ assert r != OBOL_OK ==> unchanged_caps{Pre, Here};
    if (has_bit(options, OBOL_DUP_CLOSE_SOURCE)) {
        uint32_t gs = st * S + src_d;
        //@ assert gs == gi(st, src_d) && gs < CAP_G;
        /*@ assert r == OBOL_OK ==> \let n = gi(\at(ttable(table, target_proc_d), Pre), *out_slot);
              0 <= n < CAP_G && n != gs && live(n); */
        /*@ assert r == OBOL_OK ==> \let n = gi(\at(ttable(table, target_proc_d), Pre), *out_slot);
              \forall integer k; 0 <= k < CAP_G ==> k != n ==> same_cap{Pre, Here}(k); */
    Dup: __attribute__((unused));   /* the state between the DUP and the close */
        close_slot(gs);
        //@ assert \forall integer k; 0 <= k < CAP_G ==> k != gs ==> same_cap{Dup, Here}(k);
        /*@ assert r == OBOL_OK ==> \let n = gi(\at(ttable(table, target_proc_d), Pre), *out_slot);
              same_cap{Dup, Here}(n); */
        /*@ assert z3: r == OBOL_OK ==> \let n = gi(\at(ttable(table, target_proc_d), Pre), *out_slot);
              \forall integer k; 0 <= k < CAP_G ==> k != n ==> k != gs ==> same_cap{Pre, Here}(k); */
        /*@ assert z3: r != OBOL_OK ==> \forall integer k; 0 <= k < CAP_G ==> k != gs ==>
              same_cap{Pre, Here}(k); */
    }
    return r;
}

/*@ requires cap_inv && valid_table(table);
    requires \valid(out_slot);
    terminates \true;
    assigns *out_slot, TBL_CONTENT(ttable(table, target_proc_d)), CAP_CLOSE_FOOTPRINT;
    CAP_INV_ENSURES
    DUP_BAD_OPTIONS_BEHAVIOR
    DUP_BAD_SRC_BEHAVIOR(\true, table)
    DUP_OPEN_BEHAVIORS(\true, table)
    complete behaviors; disjoint behaviors; */
int cap_dup(uint32_t table, obol_desc_t src_d, obol_desc_t target_proc_d,
            obol_desc_t dest, uint32_t rights, uint32_t options, obol_desc_t *out_slot)
{
    CAP_ASSUME(table < CAP_MAX_TABLES);        /* valid_table(table) */
    if (has_bit(options, ~OBOL_DUP_OPTIONS_VALID))
        return OBOL_ERR_INVALID_ARGS;
    if (!slot_open(table, src_d))
        return OBOL_ERR_BAD_DESCRIPTOR;
    return dup_open(table, table, src_d, target_proc_d, dest, rights, options, out_slot);
}

/* Third-party DUP and remote close (NT's DuplicateHandle with a source
 * process): src_d is a slot of the process src_proc_d names in the caller's
 * table, which needs EXTRACT there.  target_proc_d == OBOL_DESC_NONE with
 * CLOSE_SOURCE closes src_d and copies nothing. */
#define DF_OPTS_OK ((options & ~OBOL_DUP_OPTIONS_VALID) == 0)
#define DF_SRC_OK (DF_OPTS_OK && src_ok(table, src_proc_d))
#define DF_ST ttable(table, src_proc_d)
#define DF_PAIR_OK (target_proc_d != OBOL_DESC_NONE || (options & OBOL_DUP_CLOSE_SOURCE) != 0)
/*@ requires cap_inv && valid_table(table);
    requires \valid(out_slot);
    terminates \true;
    assigns *out_slot, TBL_CONTENT(ttable(table, target_proc_d)), CAP_CLOSE_FOOTPRINT;
    CAP_INV_ENSURES
    DUP_BAD_OPTIONS_BEHAVIOR
    behavior bad_process:
      assumes DF_OPTS_OK && r_bad(table, src_proc_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
    behavior revoked_process:
      assumes DF_OPTS_OK && r_revoked(table, src_proc_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_REVOKED;
    behavior destroyed_process:
      assumes DF_OPTS_OK && r_destroyed(table, src_proc_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;
    behavior process_type:
      assumes DF_OPTS_OK && tgt_type(table, src_proc_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_WRONG_TYPE;
    behavior process_no_extract:
      assumes DF_OPTS_OK && src_noextract(table, src_proc_d);
      assigns \nothing;
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior none_without_close:
      assumes DF_SRC_OK && !DF_PAIR_OK;
      assigns \nothing;
      ensures \result == OBOL_ERR_INVALID_ARGS;
    DUP_BAD_SRC_BEHAVIOR(DF_SRC_OK && DF_PAIR_OK, DF_ST)
    behavior remote_close:
      assumes DF_SRC_OK && target_proc_d == OBOL_DESC_NONE && (options & OBOL_DUP_CLOSE_SOURCE) != 0 &&
        !r_bad(DF_ST, src_d);
      ensures \result == OBOL_OK;
      ensures cap_d_state[\old(gi(DF_ST, src_d))] == CAP_FREE;
      ensures \forall integer k; 0 <= k < CAP_G ==> k != \old(gi(DF_ST, src_d)) ==> same_cap{Pre, Here}(k);
    DUP_OPEN_BEHAVIORS(DF_SRC_OK && target_proc_d != OBOL_DESC_NONE, DF_ST)
    complete behaviors; disjoint behaviors; */
int cap_dup_from(uint32_t table, obol_desc_t src_proc_d, obol_desc_t src_d, obol_desc_t target_proc_d,
                 obol_desc_t dest, uint32_t rights, uint32_t options, obol_desc_t *out_slot)
{
    CAP_ASSUME(table < CAP_MAX_TABLES);        /* valid_table(table) */
    if (has_bit(options, ~OBOL_DUP_OPTIONS_VALID))
        return OBOL_ERR_INVALID_ARGS;
    int r = cap_resolve(table, src_proc_d);
    if (r != OBOL_OK)
        return r;
    uint32_t gp = table * S + src_proc_d;
    //@ assert gp == gi(table, src_proc_d) && live(gp);
    uint32_t po = CAP_D(obj, gp);
    //@ assert inv_lobj && inv_ptab;
    //@ assert po < CAP_MAX_OBJECTS && cap_o_state[po] == CAP_OALIVE;
    if (CAP_O(type, po) != OBOL_TYPE_PROCESS)
        return OBOL_ERR_WRONG_TYPE;
    if (!has_bit(CAP_D(rights, gp), OBOL_RIGHT_EXTRACT))
        return OBOL_ERR_ACCESS_DENIED;
    uint32_t st = CAP_O(table, po);
    //@ assert st == ttable(table, src_proc_d) && valid_table(st);
    int none = target_proc_d == OBOL_DESC_NONE;
    if (none && !has_bit(options, OBOL_DUP_CLOSE_SOURCE))
        return OBOL_ERR_INVALID_ARGS;
    if (!slot_open(st, src_d))
        return OBOL_ERR_BAD_DESCRIPTOR;
    if (none) {
        uint32_t gs = st * S + src_d;
        //@ assert gs == gi(st, src_d) && gs < CAP_G;
        close_slot(gs);
        return OBOL_OK;
    }
    return dup_open(st, table, src_d, target_proc_d, dest, rights, options, out_slot);
}

/*@ requires cap_inv && valid_table(table);
    terminates \true;
    assigns CAP_CLOSE_FOOTPRINT;
    CAP_INV_ENSURES
    behavior bad:
      assumes r_bad(table, d);
      assigns \nothing;
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
    behavior ok:
      assumes !r_bad(table, d);
      ensures \result == OBOL_OK;
      ensures cap_d_state[gi(table, d)] == CAP_FREE;
      ensures \forall integer k; 0 <= k < CAP_G ==> k != gi(table, d) ==> same_cap{Pre, Here}(k);
    complete behaviors; disjoint behaviors; */
int cap_close(uint32_t table, obol_desc_t d)
{
    if (d >= S)
        return OBOL_ERR_BAD_DESCRIPTOR;
    uint32_t g = table * S + d;
    //@ assert g == gi(table, d) && g < CAP_G;
    if (CAP_D(state, g) == CAP_FREE)
        return OBOL_ERR_BAD_DESCRIPTOR;
    close_slot(g);
    return OBOL_OK;
}

/*@ requires cap_inv && valid_table(table);
    terminates \true;
    assigns CAP_CLOSE_FOOTPRINT, cap_o_destroyed[0 .. CAP_MAX_OBJECTS-1];
    CAP_INV_ENSURES
    behavior bad:
      assumes r_bad(table, d);
      assigns \nothing;
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
    behavior revoked:
      assumes r_revoked(table, d);
      assigns \nothing;
      ensures \result == OBOL_ERR_REVOKED;
    behavior destroyed:
      assumes r_destroyed(table, d);
      assigns \nothing;
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;
    behavior not_owner:
      assumes r_ok(table, d) && !downer(table, d);
      assigns \nothing;
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior no_right:
      assumes r_ok(table, d) && downer(table, d) && (drights(table, d) & OBOL_RIGHT_DESTROY) == 0;
      assigns \nothing;
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior ok:
      assumes r_ok(table, d) && downer(table, d) && (drights(table, d) & OBOL_RIGHT_DESTROY) != 0;
      ensures \result == OBOL_OK;
      ensures cap_o_destroyed[\old(dobj(table, d))] == 1;
      ensures cap_d_state[gi(table, d)] == CAP_FREE;
      ensures \forall integer k; 0 <= k < CAP_G ==> k != gi(table, d) ==> same_cap{Pre, Here}(k);
    complete behaviors; disjoint behaviors; */
int cap_destroy(uint32_t table, obol_desc_t d)
{
    int r = cap_resolve(table, d);
    if (r != OBOL_OK)
        return r;
    uint32_t g = table * S + d;
    //@ assert g == gi(table, d) && g < CAP_G;
    if (CAP_D(owner, g) == 0)
        return OBOL_ERR_ACCESS_DENIED;
    if (!has_bit(CAP_D(rights, g), OBOL_RIGHT_DESTROY))
        return OBOL_ERR_ACCESS_DENIED;
    CAP_O(destroyed, CAP_D(obj, g)) = 1;
    close_slot(g);
    return OBOL_OK;
}

/*@ requires cap_inv && valid_table(table);
    terminates \true;
    assigns cap_d_state[0 .. CAP_G-1], cap_d_obj[0 .. CAP_G-1], cap_d_owner[0 .. CAP_G-1],
            cap_d_haschild[0 .. CAP_G-1], FMASK_ALL, OLIST_ALL,
            cap_o_owner[0 .. CAP_MAX_OBJECTS-1], cap_o_refs[0 .. CAP_MAX_OBJECTS-1],
            cap_o_state[0 .. CAP_MAX_OBJECTS-1], cap_o_reap_next[0 .. CAP_MAX_OBJECTS-1],
            cap_reap_head, cap_reap_tail;
    CAP_INV_ENSURES
    behavior bad:
      assumes r_bad(table, d);
      assigns \nothing;
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
    behavior revoked:
      assumes r_revoked(table, d);
      assigns \nothing;
      ensures \result == OBOL_ERR_REVOKED;
    behavior destroyed:
      assumes r_destroyed(table, d);
      assigns \nothing;
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;
    behavior ok:
      assumes r_ok(table, d);
      ensures \result == OBOL_OK;
      ensures live(gi(table, d));
      ensures revoked_all(gi(table, d));
      ensures \forall integer k; 0 <= k < CAP_G ==> \old(live(k)) && desc(k, gi(table, d)) ==>
        cap_d_state[k] == CAP_REVOKED;
      ensures \forall integer k; 0 <= k < CAP_G ==> !(\old(live(k)) && desc(k, gi(table, d))) ==>
        same_cap{Pre, Here}(k);
    complete behaviors; disjoint behaviors; */
int cap_revoke(uint32_t table, obol_desc_t d)
{
    int r = cap_resolve(table, d);
    if (r != OBOL_OK)
        return r;
    uint32_t a = table * S + d;
    //@ assert a == gi(table, d) && a < CAP_G;
    revoke_desc(a);
    //@ assert \forall integer k; 0 <= k < CAP_G ==> !(\at(live(k), Pre) && desc(k, a)) ==> same_cap{Pre, Here}(k);
    return OBOL_OK;
}

/*@ requires cap_inv && valid_table(table);
    requires \valid(out);
    terminates \true;
    assigns *out;
    CAP_INFO_BEHAVIORS */
int cap_info(uint32_t table, obol_desc_t d, struct cap_info *out)
{
    struct cap_info i;
    int r = cap_info_inline(table, d, &i);
    if (r == OBOL_OK)
        *out = i;
    return r;
}

/*@ requires cap_inv && valid_table(table);
    requires \valid(out_obj);
    terminates \true;
    assigns *out_obj;
    ensures \result == OBOL_OK ==> cap_o_state[*out_obj] == CAP_OALIVE;
    CAP_LOOKUP_BEHAVIORS */
int cap_lookup(uint32_t table, obol_desc_t d, uint32_t type, uint32_t needed, uint32_t *out_obj)
{
    uint32_t o;
    //@ assert inv_lobj;
    int r = cap_lookup_inline(table, d, type, needed, &o);
    if (r == OBOL_OK)
        *out_obj = o;
    return r;
}

/*@ requires cap_inv && valid_table(table);
    terminates \true;
    assigns CAP_CLOSE_FOOTPRINT, cap_o_destroyed[cap_t_obj[table]];
    CAP_INV_ENSURES
    ensures valid_table(table);
    ensures cap_o_destroyed[cap_t_obj[table]] == 1;
    ensures \forall integer s; 0 <= s < CAP_TABLE_SLOTS ==> cap_d_state[gi(table, s)] == CAP_FREE; */
void cap_process_exit(uint32_t table)
{
    //@ assert z3: cap_t_obj[table] < CAP_MAX_OBJECTS;
    CAP_O(destroyed, cap_t_obj[table]) = 1;
    clear_table(table);
}

/*@ requires cap_inv && obj < CAP_MAX_OBJECTS && cap_o_state[obj] == CAP_OALIVE;
    terminates \true;
    assigns cap_o_pins[obj];
    CAP_INV_ENSURES
    behavior full:
      assumes cap_o_pins[obj] == 0xFFFFFFFF;
      assigns \nothing;
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior ok:
      assumes cap_o_pins[obj] != 0xFFFFFFFF;
      ensures \result == OBOL_OK && cap_o_pins[obj] == \old(cap_o_pins[obj]) + 1;
    complete behaviors; disjoint behaviors; */
int cap_pin(uint32_t obj)
{
    if (CAP_O(pins, obj) == UINT32_MAX)
        return OBOL_ERR_NO_RESOURCES;
    CAP_O(pins, obj)++;
    return OBOL_OK;
}

/*@ requires cap_inv && obj < CAP_MAX_OBJECTS && cap_o_state[obj] == CAP_OALIVE;
    requires cap_o_pins[obj] >= 1;
    terminates \true;
    assigns cap_o_pins[obj], cap_o_state[obj], cap_o_reap_next[0 .. CAP_MAX_OBJECTS-1],
            cap_reap_head, cap_reap_tail;
    CAP_INV_ENSURES
    ensures cap_o_pins[obj] == \old(cap_o_pins[obj]) - 1;
    ensures cap_o_refs[obj] + cap_o_pins[obj] == 0 ==> cap_o_state[obj] == CAP_ODYING; */
void cap_unpin(uint32_t obj)
{
    CAP_O(pins, obj)--;
    if (CAP_O(refs, obj) == 0 && CAP_O(pins, obj) == 0) {
        CAP_O(state, obj) = CAP_ODYING;
        reap_push(obj);
    }
}

/* Pop one dead object: 1 and its index/type, or 0 when the queue is empty.
 * A PROCESS is emptied (as at exit) and its table released first. */
/*@ requires cap_inv;
    requires \valid(out_obj) && \valid(out_type) && \separated(out_obj, out_type);
    terminates \true;
    assigns *out_obj, *out_type, CAP_CLOSE_FOOTPRINT, cap_t_used[0 .. CAP_MAX_TABLES-1];
    CAP_INV_ENSURES
    behavior empty:
      assumes cap_reap_head == CAP_NONE;
      assigns \nothing;
      ensures \result == 0;
    behavior some:
      assumes cap_reap_head != CAP_NONE;
      ensures \result == 0 || \result == 1;
      ensures \result == 1 ==> *out_obj < CAP_MAX_OBJECTS &&
        cap_o_state[*out_obj] == CAP_OFREE && *out_type == cap_o_type[*out_obj];
      ensures \result == 1 ==> \forall integer o; o == *out_obj ==>
        \at(cap_o_state[o], Pre) == CAP_ODYING;
    complete behaviors; disjoint behaviors; */
int cap_reap_next(uint32_t *out_obj, uint32_t *out_type)
{
    uint32_t o = cap_reap_head;
    if (o == CAP_NONE)
        return 0;
    cap_reap_head = CAP_O(reap_next, o);
    if (cap_reap_head == CAP_NONE)
        cap_reap_tail = CAP_NONE;
    CAP_O(reap_next, o) = CAP_NONE;
    //@ assert inv_shape;
    if (CAP_O(state, o) != CAP_ODYING)
        return 0;   /* cannot happen: only dying objects are queued */
    if (CAP_O(type, o) == OBOL_TYPE_PROCESS) {
        uint32_t t = CAP_O(table, o);
        clear_table(t);
        cap_t_used[t] = 0;
    }
    //@ assert inv_shape;
    CAP_O(state, o) = CAP_OFREE;
    *out_obj = o;
    *out_type = CAP_O(type, o);
    return 1;
}

/* ===================================================================== */
/* descriptor transfer (IPC)                                              */
/*
 * A message's descriptors go from the sender's table to the receiver's in
 * one step, all or nothing: every entry is checked on the sender's side
 * (xfer_check), every entry gets a receiver slot (xfer_place), and only
 * then is anything changed (xfer_commit).  DUP derives the new descriptor
 * from its source; MOVE puts it where the source was in the derivation
 * tree (with the same rights its derived descriptors follow it; with fewer,
 * it becomes the source's sibling and the source is closed, as by close).
 */

obol_desc_t cap_x_src[CAP_XFER_MAX];
uint32_t    cap_x_op[CAP_XFER_MAX];
uint32_t    cap_x_rights[CAP_XFER_MAX];
obol_desc_t cap_x_dest[CAP_XFER_MAX];
int32_t     cap_x_result[CAP_XFER_MAX];
uint32_t    cap_x_nr[CAP_XFER_MAX];
uint32_t    cap_x_slot[CAP_XFER_MAX];

/* Does an earlier entry of the request name the same descriptor? */
/*@ requires i < CAP_XFER_MAX;
    terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> x_repeat(i); */
static int xfer_repeat(uint32_t i)
{
    /*@ loop invariant 0 <= j <= i;
        loop invariant \forall integer k; 0 <= k < j ==> cap_x_src[k] != cap_x_src[i];
        loop assigns j;
        loop variant i - j; */
    for (uint32_t j = 0; j < i; j++)
        if (cap_x_src[j] == cap_x_src[i])
            return 1;
    return 0;
}

/* Sender-side checks of entry i, in the documented order; no state change. */
/*@ requires t < CAP_MAX_TABLES && i < CAP_XFER_MAX;
    requires inv_shape && inv_lobj;
    terminates \true;
    assigns cap_x_nr[i];
    ensures \result <= 0;
    ensures \result == OBOL_OK <==> x_ok(t, i);
    behavior bad_op:
      assumes !x_op_ok(i);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior repeated:
      assumes x_op_ok(i) && x_repeat(i);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior bad:
      assumes x_ok0(t, i) && r_bad(t, cap_x_src[i]);
      ensures \result == OBOL_ERR_BAD_DESCRIPTOR;
    behavior revoked:
      assumes x_ok0(t, i) && r_revoked(t, cap_x_src[i]);
      ensures \result == OBOL_ERR_REVOKED;
    behavior destroyed:
      assumes x_ok0(t, i) && r_destroyed(t, cap_x_src[i]);
      ensures \result == OBOL_ERR_OBJECT_DESTROYED;
    behavior no_transfer:
      assumes x_ok0(t, i) && r_ok(t, cap_x_src[i]) &&
        (drights(t, cap_x_src[i]) & OBOL_RIGHT_TRANSFER) == 0;
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior dup_owner:
      assumes x_ok1(t, i) && x_isdup(i) && downer(t, cap_x_src[i]);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior dup_no_right:
      assumes x_ok1(t, i) && x_isdup(i) && !downer(t, cap_x_src[i]) &&
        (drights(t, cap_x_src[i]) & OBOL_RIGHT_DUPLICATE) == 0;
      ensures \result == OBOL_ERR_ACCESS_DENIED;
    behavior bad_rights:
      assumes x_ok2(t, i) && !x_rights_ok(t, i);
      ensures \result == OBOL_ERR_INVALID_ARGS;
    behavior too_deep:
      assumes x_ok3(t, i) && x_isdup(i) && cap_d_depth[xs(t, i)] >= CAP_MAX_DEPTH;
      ensures \result == OBOL_ERR_NO_RESOURCES;
    behavior ok:
      assumes x_ok(t, i);
      ensures cap_x_nr[i] == x_rights(t, i);
      ensures rights_subset(cap_x_nr[i], drights(t, cap_x_src[i]));
    complete behaviors; disjoint behaviors; */
static int xfer_check1(uint32_t t, uint32_t i)
{
    uint32_t op = cap_x_op[i];
    if (op != OBOL_XFER_MOVE && op != OBOL_XFER_DUP)
        return OBOL_ERR_INVALID_ARGS;
    if (xfer_repeat(i))
        return OBOL_ERR_INVALID_ARGS;
    obol_desc_t d = cap_x_src[i];
    int r = cap_resolve(t, d);
    if (r != OBOL_OK)
        return r;
    uint32_t g = t * S + d;
    //@ assert g == xs(t, i) && live(g);
    uint32_t sr = CAP_D(rights, g);
    if (!has_bit(sr, OBOL_RIGHT_TRANSFER))
        return OBOL_ERR_ACCESS_DENIED;
    if (op == OBOL_XFER_DUP) {
        if (CAP_D(owner, g) != 0)
            return OBOL_ERR_INVALID_ARGS;
        if (!has_bit(sr, OBOL_RIGHT_DUPLICATE))
            return OBOL_ERR_ACCESS_DENIED;
    }
    uint32_t rq = cap_x_rights[i];
    if (rq == OBOL_SAME_RIGHTS) {
        cap_x_nr[i] = sr;
    } else {
        if (!within(rq, sr))
            return OBOL_ERR_INVALID_ARGS;
        if (CAP_D(owner, g) != 0 && rq != sr)
            return OBOL_ERR_INVALID_ARGS;     /* an owner keeps all its rights */
        cap_x_nr[i] = meet(rq, sr);
    }
    if (op == OBOL_XFER_DUP && CAP_D(depth, g) >= CAP_MAX_DEPTH)
        return OBOL_ERR_NO_RESOURCES;
    return OBOL_OK;
}

/* Check every entry (each gets its result); return the first failure. */
/*@ requires t < CAP_MAX_TABLES && n <= CAP_XFER_MAX;
    requires inv_shape && inv_lobj;
    terminates \true;
    assigns cap_x_nr[0 .. CAP_XFER_MAX-1], cap_x_result[0 .. CAP_XFER_MAX-1];
    ensures \forall integer i; 0 <= i < n ==> cap_x_result[i] <= 0 &&
      (cap_x_result[i] == OBOL_OK <==> x_ok(t, i));
    ensures \forall integer i; 0 <= i < n ==> x_ok(t, i) ==>
      cap_x_nr[i] == x_rights(t, i) && rights_subset(cap_x_nr[i], drights(t, cap_x_src[i]));
    ensures \result == OBOL_OK <==> x_all_ok(t, n);
    ensures \result != OBOL_OK ==> \exists integer i; 0 <= i < n &&
      \result == cap_x_result[i] && x_all_ok(t, i); */
static int xfer_check(uint32_t t, uint32_t n)
{
    int first = OBOL_OK;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> cap_x_result[k] <= 0 &&
          (cap_x_result[k] == OBOL_OK <==> x_ok(t, k));
        loop invariant \forall integer k; 0 <= k < i ==> x_ok(t, k) ==>
          cap_x_nr[k] == x_rights(t, k) && rights_subset(cap_x_nr[k], drights(t, cap_x_src[k]));
        loop invariant first == OBOL_OK <==> x_all_ok(t, i);
        loop invariant first != OBOL_OK ==> \exists integer k; 0 <= k < i &&
          first == cap_x_result[k] && x_all_ok(t, k);
        loop assigns i, first, cap_x_nr[0 .. CAP_XFER_MAX-1], cap_x_result[0 .. CAP_XFER_MAX-1];
        loop variant n - i; */
    for (uint32_t i = 0; i < n; i++) {
        int r = xfer_check1(t, i);
        cap_x_result[i] = r;
        if (r != OBOL_OK && first == OBOL_OK)
            first = r;
    }
    return first;
}

/* Is receiver slot s taken by another entry of the request (x_taken)? */
/*@ requires n <= CAP_XFER_MAX && i < n;
    terminates \true;
    assigns \nothing;
    ensures \result != 0 <==> x_taken(n, i, s); */
static int xfer_taken(uint32_t n, uint32_t i, uint32_t s)
{
    /*@ loop invariant 0 <= j <= n;
        loop invariant \forall integer k; 0 <= k < j ==>
          !((x_explicit(k) && cap_x_dest[k] == s) || (k < i && !x_explicit(k) && cap_x_slot[k] == s));
        loop assigns j;
        loop variant n - j; */
    for (uint32_t j = 0; j < n; j++) {
        if (cap_x_dest[j] != OBOL_DESC_ANY ? cap_x_dest[j] == s
                                            : (j < i && cap_x_slot[j] == s))
            return 1;
    }
    return 0;
}

/* Choose the receiver's slot of every entry: an explicit slot must be in
 * range, free and named once; ANY takes the lowest free slot that no other
 * entry takes.  Each entry gets its result; return the first failure. */
/*@ requires t < CAP_MAX_TABLES && n <= CAP_XFER_MAX && inv_shape;
    terminates \true;
    assigns cap_x_slot[0 .. CAP_XFER_MAX-1], cap_x_result[0 .. CAP_XFER_MAX-1];
    ensures \result == OBOL_OK ==> x_all_placed(t, n);
    ensures \forall integer i; 0 <= i < n ==> cap_x_result[i] <= 0;
    ensures \result == OBOL_OK || \result == OBOL_ERR_INVALID_ARGS ||
            \result == OBOL_ERR_ALREADY_EXISTS || \result == OBOL_ERR_NO_RESOURCES;
    ensures \forall integer i; 0 <= i < n ==> x_explicit(i) && cap_x_dest[i] >= CAP_TABLE_SLOTS ==>
      cap_x_result[i] == OBOL_ERR_INVALID_ARGS;
    ensures \forall integer i; 0 <= i < n ==> x_explicit(i) && cap_x_dest[i] < CAP_TABLE_SLOTS &&
      cap_d_state[gi(t, cap_x_dest[i])] != CAP_FREE ==> cap_x_result[i] == OBOL_ERR_ALREADY_EXISTS; */
static int xfer_place(uint32_t t, uint32_t n)
{
    int first = OBOL_OK;
    /*@ loop invariant 0 <= i <= n;
        loop invariant \forall integer k; 0 <= k < i ==> cap_x_result[k] == OBOL_OK ==> x_placed(t, n, k);
        loop invariant \forall integer k; 0 <= k < i ==> cap_x_result[k] <= 0;
        loop invariant \forall integer k; 0 <= k < i ==>
          (x_explicit(k) && cap_x_dest[k] >= CAP_TABLE_SLOTS ==> cap_x_result[k] == OBOL_ERR_INVALID_ARGS) &&
          (x_explicit(k) && cap_x_dest[k] < CAP_TABLE_SLOTS && cap_d_state[gi(t, cap_x_dest[k])] != CAP_FREE ==>
             cap_x_result[k] == OBOL_ERR_ALREADY_EXISTS);
        loop invariant \forall integer k; 0 <= k < i ==> !x_explicit(k) ==> cap_x_result[k] == OBOL_OK ==>
          !x_taken(n, k, cap_x_slot[k]);
        loop invariant \forall integer a, b; 0 <= b < a < i ==>
          cap_x_result[a] == OBOL_OK ==> cap_x_result[b] == OBOL_OK ==> cap_x_slot[a] != cap_x_slot[b];
        loop invariant first == OBOL_OK <==> (\forall integer k; 0 <= k < i ==> cap_x_result[k] == OBOL_OK);
        loop invariant first == OBOL_OK || first == OBOL_ERR_INVALID_ARGS ||
          first == OBOL_ERR_ALREADY_EXISTS || first == OBOL_ERR_NO_RESOURCES;
        loop assigns i, first, cap_x_slot[0 .. CAP_XFER_MAX-1], cap_x_result[0 .. CAP_XFER_MAX-1];
        loop variant n - i; */
    for (uint32_t i = 0; i < n; i++) {
        int r = OBOL_OK;
        obol_desc_t d = cap_x_dest[i];
        if (d != OBOL_DESC_ANY) {
            cap_x_slot[i] = d;
            if (d >= S) {
                r = OBOL_ERR_INVALID_ARGS;
            } else if (CAP_D(state, t * S + d) != CAP_FREE) {
                r = OBOL_ERR_ALREADY_EXISTS;
            } else {
                /*@ loop invariant 0 <= j <= i;
                    loop invariant r == OBOL_OK ==> \forall integer k; 0 <= k < j ==>
                      !(x_explicit(k) && cap_x_dest[k] == d);
                    loop invariant r == OBOL_OK || r == OBOL_ERR_ALREADY_EXISTS;
                    loop assigns j, r;
                    loop variant i - j; */
                for (uint32_t j = 0; j < i; j++)
                    if (cap_x_dest[j] == d)
                        r = OBOL_ERR_ALREADY_EXISTS;
            }
        } else {
            r = OBOL_ERR_NO_RESOURCES;
            /*@ loop invariant 0 <= s <= CAP_TABLE_SLOTS;
                loop invariant \forall integer k; 0 <= k < s ==>
                  cap_d_state[gi(t, k)] != CAP_FREE || x_taken(n, i, k);
                loop assigns s;
                loop variant CAP_TABLE_SLOTS - s; */
            for (uint32_t s = 0; s < S; s++) {
                if (CAP_D(state, t * S + s) == CAP_FREE && !xfer_taken(n, i, s)) {
                    cap_x_slot[i] = s;
                    r = OBOL_OK;
                    break;
                }
            }
        }
        /*@ assert r == OBOL_OK ==> \forall integer a; 0 <= a < i ==> cap_x_result[a] == OBOL_OK ==>
              x_explicit(a) ==> cap_x_slot[a] == cap_x_dest[a] && cap_x_slot[a] != cap_x_slot[i]; */
        /*@ assert r == OBOL_OK ==> \forall integer a; 0 <= a < i ==> cap_x_result[a] == OBOL_OK ==>
              !x_explicit(a) ==> cap_x_slot[a] != cap_x_slot[i]; */
        //@ assert r == OBOL_OK ==> \forall integer a; 0 <= a < i ==> cap_x_result[a] == OBOL_OK ==> cap_x_slot[a] != cap_x_slot[i];
        //@ assert r == OBOL_OK ==> x_placed(t, n, i);
        cap_x_result[i] = r;
        if (r != OBOL_OK && first == OBOL_OK)
            first = r;
    }
    return first;
}

/* Slot g lies in a table in use (inv_tables then holds for it). */
#define IN_USED_TABLE(g) \forall integer t; 0 <= t < CAP_MAX_TABLES ==> in_table(g, t) ==> cap_t_used[t] != 0

/* Move LIVE slot gs to FREE slot gd: same object, rights, badge, owner
 * flag and place in the derivation tree; its children follow it. */
/*@ requires gs < CAP_G && gd < CAP_G && gs != gd;
    requires live(gs) && cap_d_state[gd] == CAP_FREE && cap_inv;
    requires IN_USED_TABLE(gd);
    terminates \true;
    assigns cap_d_state[gs], cap_d_obj[gs], cap_d_owner[gs], FMASK_OF(gs), FMASK_OF(gd), OLIST_ALL,
            cap_d_state[gd], cap_d_obj[gd], cap_d_rights[gd], cap_d_owner[gd],
            cap_d_parent[0 .. CAP_G-1], cap_d_depth[gd], cap_d_badge[gd], cap_d_haschild[gd],
            cap_o_owner[cap_d_obj[gs]];
    CAP_INV_ENSURES
    ensures cap_d_state[gs] == CAP_FREE;
    ensures live(gd) && cap_d_obj[gd] == \old(cap_d_obj[gs]) &&
      cap_d_rights[gd] == \old(cap_d_rights[gs]) && cap_d_badge[gd] == \old(cap_d_badge[gs]) &&
      cap_d_owner[gd] == \old(cap_d_owner[gs]);
    ensures \forall integer k; 0 <= k < CAP_G ==> k != gs ==> k != gd ==> same_cap{Pre, Here}(k); */
static void relocate(uint32_t gs, uint32_t gd)
{
    uint16_t o = CAP_D(obj, gs);
    //@ assert cap_d_parent[gs] != gs;
    CAP_D(rights, gd) = CAP_D(rights, gs);
    CAP_D(parent, gd) = CAP_D(parent, gs);
    CAP_D(depth, gd) = CAP_D(depth, gs);
    CAP_D(badge, gd) = CAP_D(badge, gs);
    CAP_D(haschild, gd) = CAP_D(haschild, gs);
    CAP_D(owner, gd) = CAP_D(owner, gs);
    if (CAP_D(owner, gs) != 0) {
        CAP_O(owner, o) = gd;
        CAP_D(owner, gs) = 0;
    }
    d_set(gd, CAP_LIVE, o);
    d_set(gs, CAP_FREE, o);
    //@ assert cap_d_parent[gd] == \at(cap_d_parent[gs], Pre) && cap_d_parent[gd] != gs;
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> k != gd ==> \at(live(k), Pre);
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> k != gd ==> \at(cap_d_parent[k], Pre) == gs ==> cap_d_obj[k] == o && \at(cap_d_haschild[gs], Pre) != 0;
    if (CAP_D(haschild, gs) != 0) {
        /* its LIVE children name its object: they are in that list */
        uint32_t cur = CAP_O(ohead, o);
        //@ ghost uint32_t i = 0;
        /*@ loop invariant 0 <= i <= cnt(o, CAP_G);
            loop invariant cur == CAP_NONE ==> i == cnt(o, CAP_G);
            loop invariant cur != CAP_NONE ==> om(cur, CAP_NONE) && cap_d_obj[cur] == o && cap_d_opos[cur] == i;
            loop invariant \forall integer k; 0 <= k < CAP_G ==> live(k) && cap_d_obj[k] == o && cap_d_opos[k] < i ==>
              cap_d_parent[k] == (\at(cap_d_parent[k], LoopEntry) == gs ? gd : \at(cap_d_parent[k], LoopEntry));
            loop invariant \forall integer k; 0 <= k < CAP_G ==> !(live(k) && cap_d_obj[k] == o && cap_d_opos[k] < i) ==>
              cap_d_parent[k] == \at(cap_d_parent[k], LoopEntry);
            loop assigns cur, i, cap_d_parent[0 .. CAP_G-1];
            loop variant cnt(o, CAP_G) - i; */
        while (cur != CAP_NONE) {
            if (CAP_D(parent, cur) == gs)
                CAP_D(parent, cur) = gd;
            cur = CAP_D(onext, cur);
            //@ ghost i++;
        }
    }
    /*@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> k != gd ==>
          cap_d_parent[k] == (\at(cap_d_parent[k], Pre) == gs ? gd : \at(cap_d_parent[k], Pre)); */
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> k != gd ==> \at(cap_d_parent[k], Pre) == gs ==> cap_d_parent[k] == gd;
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> k != gd ==> \at(cap_d_parent[k], Pre) != gs ==> cap_d_parent[k] == \at(cap_d_parent[k], Pre);
    //@ assert cap_d_parent[gd] == \at(cap_d_parent[gs], Pre);
    /*@ assert live(gd) && cap_d_obj[gd] == \at(cap_d_obj[gs], Pre) && cap_d_depth[gd] == \at(cap_d_depth[gs], Pre) &&
          cap_d_rights[gd] == \at(cap_d_rights[gs], Pre) && cap_d_haschild[gd] == \at(cap_d_haschild[gs], Pre) &&
          cap_d_owner[gd] == \at(cap_d_owner[gs], Pre); */
    /*@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> k != gd ==> \at(live(k), Pre) && k != gs &&
          cap_d_obj[k] == \at(cap_d_obj[k], Pre) && cap_d_depth[k] == \at(cap_d_depth[k], Pre) &&
          cap_d_rights[k] == \at(cap_d_rights[k], Pre) && cap_d_haschild[k] == \at(cap_d_haschild[k], Pre) &&
          cap_d_owner[k] == \at(cap_d_owner[k], Pre); */
    // inv_tree, clause by clause (one goal for all of it is slow)
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_parent[k] == CAP_NONE ==> cap_d_depth[k] == 0;
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_parent[k] != CAP_NONE ==> cap_d_obj[cap_d_parent[k]] == cap_d_obj[k];
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_parent[k] != CAP_NONE ==> cap_d_depth[k] == cap_d_depth[cap_d_parent[k]] + 1;
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_parent[k] != CAP_NONE ==> rights_subset(cap_d_rights[k], cap_d_rights[cap_d_parent[k]]);
    //@ assert \forall integer k; 0 <= k < CAP_G ==> live(k) ==> cap_d_parent[k] != CAP_NONE ==> cap_d_haschild[cap_d_parent[k]] != 0;
}

/* The global index of slot s of table t, in a table in use. */
/*@ requires valid_table(t) && s < CAP_TABLE_SLOTS;
    terminates \true;
    assigns \nothing;
    ensures \result == gi(t, s) && \result < CAP_G && in_table(\result, t);
    ensures IN_USED_TABLE(\result); */
static uint32_t slot_of(uint32_t t, uint32_t s)
{
    return t * S + s;
}

/* One DUP entry: a new child of gs in FREE slot gd. */
/*@ requires gs < CAP_G && gd < CAP_G && live(gs) && cap_d_state[gd] == CAP_FREE && cap_inv;
    requires cap_d_depth[gs] < CAP_MAX_DEPTH && rights_subset(nr, cap_d_rights[gs]);
    requires IN_USED_TABLE(gd);
    terminates \true;
    assigns cap_d_state[gd], cap_d_obj[gd], cap_d_rights[gd], cap_d_owner[gd],
            cap_d_parent[gd], cap_d_depth[gd], cap_d_badge[gd], cap_d_haschild[gd],
            cap_d_haschild[gs], cap_o_refs[cap_d_obj[gs]], FMASK_OF(gd), OLIST_ALL;
    CAP_INV_ENSURES
    ensures live(gd) && cap_d_obj[gd] == cap_d_obj[gs] && cap_d_rights[gd] == nr &&
      cap_d_badge[gd] == cap_d_badge[gs];
    ensures \forall integer k; 0 <= k < CAP_G ==> k != gd ==> same_cap{Pre, Here}(k); */
static void xfer_dup_one(uint32_t gs, uint32_t gd, uint32_t nr)
{
    //@ assert inv_lobj;
    //@ assert rights_subset(nr, type_rights(cap_o_type[cap_d_obj[gs]]));
    //@ assert \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cap_d_parent[j] != gd;
    //@ assert cap_o_refs[cap_d_obj[gs]] == cnt(cap_d_obj[gs], CAP_G);
    //@ assert \forall integer x; 0 <= x < CAP_MAX_OBJECTS ==> cap_o_owner[x] != CAP_NONE ==> cap_o_owner[x] != gd;
    /*@ assert \forall integer t, s; 0 <= t < CAP_MAX_TABLES && 0 <= s < CAP_TABLE_SLOTS ==>
          cap_t_used[t] == 0 ==> gi(t, s) != gd; */
    install(gd, CAP_D(obj, gs), nr, 0, gs, CAP_D(badge, gs));
    //@ assert \forall integer x; 0 <= x < CAP_MAX_OBJECTS ==> cap_o_refs[x] == cnt(x, CAP_G);
    //@ assert inv_refs;
    //@ assert inv_live;
    //@ assert inv_objs;
    //@ assert inv_tables;
}

/* One MOVE entry: gs goes to FREE slot gd.  With all its rights it keeps
 * its place in the tree (relocate); with fewer it becomes a sibling of
 * itself and the original is closed. */
/*@ requires gs < CAP_G && gd < CAP_G && live(gs) && cap_d_state[gd] == CAP_FREE && cap_inv;
    requires rights_subset(nr, cap_d_rights[gs]);
    requires cap_d_owner[gs] != 0 ==> nr == cap_d_rights[gs];
    requires IN_USED_TABLE(gd);
    terminates \true;
    assigns CAP_CLOSE_FOOTPRINT, cap_d_rights[gd], cap_d_badge[gd];
    CAP_INV_ENSURES
    ensures cap_d_state[gs] == CAP_FREE;
    ensures live(gd) && cap_d_obj[gd] == \old(cap_d_obj[gs]) && cap_d_rights[gd] == nr &&
      cap_d_badge[gd] == \old(cap_d_badge[gs]);
    ensures \forall integer k; 0 <= k < CAP_G ==> k != gs ==> k != gd ==> same_cap{Pre, Here}(k); */
static void xfer_move_one(uint32_t gs, uint32_t gd, uint32_t nr)
{
    if (nr == CAP_D(rights, gs)) {
        relocate(gs, gd);
        //@ assert \forall integer k; 0 <= k < CAP_G ==> k != gs ==> k != gd ==> same_cap{Pre, Here}(k);
        return;
    }
    uint32_t p = CAP_D(parent, gs);
    //@ assert cap_d_owner[gs] == 0;
    //@ assert p == CAP_NONE || (p < CAP_G && live(p) && p != gd && cap_d_depth[p] < CAP_MAX_DEPTH);
    //@ assert p != CAP_NONE ==> cap_d_obj[p] == cap_d_obj[gs] && rights_subset(nr, cap_d_rights[p]);
    //@ assert inv_lobj;
    //@ assert rights_subset(nr, type_rights(cap_o_type[cap_d_obj[gs]]));
    //@ assert \forall integer j; 0 <= j < CAP_G ==> live(j) ==> cap_d_parent[j] != gd;
    //@ assert cap_o_refs[cap_d_obj[gs]] == cnt(cap_d_obj[gs], CAP_G);
    //@ assert \forall integer x; 0 <= x < CAP_MAX_OBJECTS ==> cap_o_owner[x] != CAP_NONE ==> cap_o_owner[x] != gd;
    install(gd, CAP_D(obj, gs), nr, 0, p, CAP_D(badge, gs));
    //@ assert live(gd) && cap_d_obj[gd] == \at(cap_d_obj[gs], Pre) && cap_d_rights[gd] == nr && cap_d_badge[gd] == \at(cap_d_badge[gs], Pre);
    //@ assert \forall integer k; 0 <= k < CAP_G ==> k != gd ==> same_cap{Pre, Here}(k);
  Installed: __attribute__((unused));
    close_slot(gs);
    //@ assert \forall integer k; 0 <= k < CAP_G ==> k != gs ==> same_cap{Installed, Here}(k);
    //@ assert z3: live(gd) && cap_d_obj[gd] == \at(cap_d_obj[gs], Pre) && cap_d_rights[gd] == nr && cap_d_badge[gd] == \at(cap_d_badge[gs], Pre);
    /*@ assert \forall integer k; 0 <= k < CAP_G ==> k != gs ==> k != gd ==>
          same_cap{Pre, Installed}(k) && same_cap{Installed, Here}(k); */
    //@ assert z3: \forall integer k; 0 <= k < CAP_G ==> k != gs ==> k != gd ==> same_cap{Pre, Here}(k);
}

/* Carry out a checked and placed request: DUP entries first (they need
 * their source's depth as checked), then MOVE entries. */
/*@ requires cap_inv && valid_table(from) && valid_table(to) && n <= CAP_XFER_MAX;
    requires x_all_ok(from, n) && x_all_placed(to, n);
    requires \forall integer i; 0 <= i < n ==>
      rights_subset(cap_x_nr[i], drights(from, cap_x_src[i])) &&
      (downer(from, cap_x_src[i]) ==> cap_x_nr[i] == drights(from, cap_x_src[i]));
    terminates \true;
    assigns CAP_CLOSE_FOOTPRINT, cap_d_rights[0 .. CAP_G-1], cap_d_badge[0 .. CAP_G-1];
    CAP_INV_ENSURES
    ensures \forall integer i; 0 <= i < n ==> x_delivered{Pre, Here}(from, to, i);
    ensures \forall integer i; 0 <= i < n ==> x_isdup(i) ==> same_cap{Pre, Here}(xs(from, i));
    ensures \forall integer i; 0 <= i < n ==> !x_isdup(i) ==> cap_d_state[xs(from, i)] == CAP_FREE;
    ensures \forall integer k; 0 <= k < CAP_G ==> x_untouched(from, to, n, k) ==>
      same_cap{Pre, Here}(k); */
static void xfer_commit(uint32_t from, uint32_t to, uint32_t n)
{
    /*@ loop invariant 0 <= i <= n;
        loop invariant cap_inv;
        loop invariant \forall integer j; 0 <= j < n ==> same_cap{Pre, Here}(xs(from, j));
        loop invariant \forall integer j; 0 <= j < n ==>
          cap_d_depth[xs(from, j)] == \at(cap_d_depth[xs(from, j)], Pre);
        loop invariant z3: \forall integer j; 0 <= j < n ==> (j >= i || !x_isdup(j)) ==>
          cap_d_state[xd(to, j)] == CAP_FREE;
        loop invariant \forall integer j; 0 <= j < i ==> x_isdup(j) ==>
          x_delivered{Pre, Here}(from, to, j);
        loop invariant \forall integer k; 0 <= k < CAP_G ==> x_untouched(from, to, n, k) ==>
          same_cap{Pre, Here}(k);
        loop assigns i, CAP_CLOSE_FOOTPRINT, cap_d_rights[0 .. CAP_G-1], cap_d_badge[0 .. CAP_G-1];
        loop variant n - i; */
    for (uint32_t i = 0; i < n; i++) {
        if (cap_x_op[i] != OBOL_XFER_DUP)
            continue;
        //@ assert x_ok{Pre}(from, i) && x_placed{Pre}(to, n, i);
        //@ assert cap_x_src[i] < CAP_TABLE_SLOTS && cap_x_slot[i] < CAP_TABLE_SLOTS;
        uint32_t gs = from * S + cap_x_src[i];
        uint32_t gd = slot_of(to, cap_x_slot[i]);
        //@ assert gs == xs(from, i) && gd == xd(to, i);
        //@ assert same_cap{Pre, Here}(gs) && \let g0 = gs; cap_d_depth[g0] == \at(cap_d_depth[g0], Pre);
        //@ assert live(gs) && cap_d_state[gd] == CAP_FREE && cap_d_depth[gs] < CAP_MAX_DEPTH;
        //@ assert rights_subset(cap_x_nr[i], cap_d_rights[gs]);
        //@ assert z3: \forall integer j; 0 <= j < n ==> \at(cap_d_state[xs(from, j)], Pre) == CAP_LIVE;
        //@ assert \let g1 = gd; \at(cap_d_state[g1], Pre) == CAP_FREE;
        //@ assert \forall integer j; 0 <= j < n ==> xs(from, j) != gd;
        //@ assert \forall integer j; 0 <= j < n ==> j != i ==> xd(to, j) != gd;
        xfer_dup_one(gs, gd, cap_x_nr[i]);
        //@ assert x_delivered{Pre, Here}(from, to, i);
        //@ assert \forall integer j; 0 <= j < n ==> same_cap{LoopCurrent, Here}(xs(from, j));
        //@ assert \forall integer j; 0 <= j < n ==> same_cap{Pre, LoopCurrent}(xs(from, j));
        //@ assert \forall integer j; 0 <= j < n ==> same_cap{Pre, Here}(xs(from, j));
        //@ assert \forall integer j; 0 <= j < n ==> cap_d_depth[xs(from, j)] == \at(cap_d_depth[xs(from, j)], LoopCurrent);
        //@ assert \forall integer j; 0 <= j < i ==> x_isdup(j) ==> same_cap{LoopCurrent, Here}(xd(to, j));
        //@ assert \forall integer j; 0 <= j < i ==> x_isdup(j) ==> x_delivered{Pre, Here}(from, to, j);
        //@ assert \forall integer k; 0 <= k < CAP_G ==> x_untouched(from, to, n, k) ==> same_cap{LoopCurrent, Here}(k);
        //@ assert \forall integer k; 0 <= k < CAP_G ==> x_untouched(from, to, n, k) ==> same_cap{Pre, Here}(k);
    }
    /*@ loop invariant 0 <= i <= n;
        loop invariant cap_inv;
        loop invariant \forall integer j; 0 <= j < n ==> x_isdup(j) ==>
          x_delivered{Pre, Here}(from, to, j) && same_cap{Pre, Here}(xs(from, j));
        loop invariant \forall integer j; 0 <= j < n ==> !x_isdup(j) ==> j >= i ==>
          same_cap{Pre, Here}(xs(from, j)) && cap_d_state[xd(to, j)] == CAP_FREE;
        loop invariant \forall integer j; 0 <= j < i ==> !x_isdup(j) ==>
          x_delivered{Pre, Here}(from, to, j) && cap_d_state[xs(from, j)] == CAP_FREE;
        loop invariant \forall integer k; 0 <= k < CAP_G ==> x_untouched(from, to, n, k) ==>
          same_cap{Pre, Here}(k);
        loop assigns i, CAP_CLOSE_FOOTPRINT, cap_d_rights[0 .. CAP_G-1], cap_d_badge[0 .. CAP_G-1];
        loop variant n - i; */
    for (uint32_t i = 0; i < n; i++) {
        if (cap_x_op[i] == OBOL_XFER_DUP)
            continue;
        //@ assert x_ok{Pre}(from, i) && x_placed{Pre}(to, n, i);
        //@ assert cap_x_src[i] < CAP_TABLE_SLOTS && cap_x_slot[i] < CAP_TABLE_SLOTS;
        uint32_t gs = from * S + cap_x_src[i];
        uint32_t gd = slot_of(to, cap_x_slot[i]);
        //@ assert gs == xs(from, i) && gd == xd(to, i);
        //@ assert same_cap{Pre, Here}(gs);
        //@ assert live(gs) && cap_d_state[gd] == CAP_FREE;
        //@ assert rights_subset(cap_x_nr[i], cap_d_rights[gs]);
        //@ assert cap_d_owner[gs] != 0 ==> cap_x_nr[i] == cap_d_rights[gs];
        //@ assert z3: \forall integer j; 0 <= j < n ==> \at(cap_d_state[xs(from, j)], Pre) == CAP_LIVE;
        //@ assert \let ii = i; \at(cap_d_state[xd(to, ii)], Pre) == CAP_FREE;
        //@ assert \forall integer j; 0 <= j < n ==> xs(from, j) != gd;
        //@ assert \forall integer j; 0 <= j < i ==> !x_repeat{Pre}(i) ==> cap_x_src[j] != cap_x_src[i];
        //@ assert \forall integer j; i < j < n ==> !x_repeat{Pre}(j) ==> cap_x_src[j] != cap_x_src[i];
        //@ assert \forall integer j; 0 <= j < n ==> j != i ==> x_ok{Pre}(from, j);
        //@ assert z3: \forall integer j; 0 <= j < n ==> j != i ==> cap_x_src[j] != cap_x_src[i];
        //@ assert \forall integer j; 0 <= j < n ==> j != i ==> xs(from, j) != gs;
        //@ assert \forall integer j; 0 <= j < n ==> j != i ==> xd(to, j) != gd && xd(to, j) != gs;
        xfer_move_one(gs, gd, cap_x_nr[i]);
        //@ assert x_delivered{Pre, Here}(from, to, i) && cap_d_state[gs] == CAP_FREE;
        /*@ assert z3: \forall integer j; 0 <= j < n ==> j != i ==>
              same_cap{LoopCurrent, Here}(xs(from, j)) && same_cap{LoopCurrent, Here}(xd(to, j)); */
        //@ assert \forall integer j; 0 <= j < n ==> x_isdup(j) ==> x_delivered{Pre, Here}(from, to, j);
        //@ assert \forall integer j; 0 <= j < n ==> x_isdup(j) ==> same_cap{Pre, Here}(xs(from, j));
        //@ assert \forall integer j; 0 <= j < n ==> !x_isdup(j) ==> j > i ==> same_cap{Pre, Here}(xs(from, j));
        //@ assert \forall integer j; 0 <= j < i ==> !x_isdup(j) ==> x_delivered{Pre, Here}(from, to, j);
        //@ assert \forall integer k; 0 <= k < CAP_G ==> x_untouched(from, to, n, k) ==> same_cap{LoopCurrent, Here}(k);
        //@ assert \forall integer k; 0 <= k < CAP_G ==> x_untouched(from, to, n, k) ==> same_cap{Pre, Here}(k);
    }
}

/* The sender's checks alone (each entry's result; the first failure), for
 * a sender about to block with descriptors in its message. */
/*@ requires cap_inv && valid_table(from) && n <= CAP_XFER_MAX;
    terminates \true;
    assigns cap_x_nr[0 .. CAP_XFER_MAX-1], cap_x_result[0 .. CAP_XFER_MAX-1];
    ensures \result == OBOL_OK <==> x_all_ok(from, n);
    ensures \forall integer i; 0 <= i < n ==> cap_x_result[i] <= 0 &&
      (cap_x_result[i] == OBOL_OK <==> x_ok(from, i));
    ensures \result != OBOL_OK ==> \exists integer i; 0 <= i < n &&
      \result == cap_x_result[i] && x_all_ok(from, i); */
int cap_xfer_check(uint32_t from, uint32_t n)
{
    //@ assert inv_lobj;
    return xfer_check(from, n);
}

/* Transfer n descriptors (the request in cap_x_*) from table `from` to
 * table `to`, all or nothing.  On failure *side says whose the error is:
 * the sender's (an entry failed its checks) or the receiver's (no slot). */
/*@ requires cap_inv && valid_table(from) && valid_table(to) && n <= CAP_XFER_MAX;
    requires \valid(side);
    terminates \true;
    assigns *side, CAP_CLOSE_FOOTPRINT, cap_d_rights[0 .. CAP_G-1], cap_d_badge[0 .. CAP_G-1],
            cap_x_nr[0 .. CAP_XFER_MAX-1], cap_x_result[0 .. CAP_XFER_MAX-1],
            cap_x_slot[0 .. CAP_XFER_MAX-1];
    CAP_INV_ENSURES
    ensures \result != OBOL_OK ==> \result < 0 && unchanged_caps{Pre, Here};
    ensures \forall integer i; 0 <= i < n ==> cap_x_result[i] <= 0;
    behavior sender:
      assumes !x_all_ok(from, n);
      ensures *side == CAP_XFER_SENDER && \result != OBOL_OK;
      ensures \exists integer i; 0 <= i < n && \result == cap_x_result[i] && x_all_ok(from, i);
    behavior checked:
      assumes x_all_ok(from, n);
      ensures \forall integer i; 0 <= i < n ==> cap_x_result[i] == OBOL_OK ==>
        cap_x_nr[i] == x_rights{Pre}(from, i);
      ensures \result != OBOL_OK ==> *side == CAP_XFER_RECEIVER && (\result == OBOL_ERR_INVALID_ARGS ||
        \result == OBOL_ERR_ALREADY_EXISTS || \result == OBOL_ERR_NO_RESOURCES);
      ensures z3: \result == OBOL_OK ==> \forall integer i; 0 <= i < n ==>
        x_delivered{Pre, Here}(from, to, i) &&
        (\let s = cap_x_slot[i]; s < CAP_TABLE_SLOTS && \at(cap_d_state[gi(to, s)], Pre) == CAP_FREE &&
           (x_explicit(i) ==> s == cap_x_dest[i])) &&
        cap_x_nr[i] == x_rights{Pre}(from, i) &&
        rights_subset(cap_x_nr[i], \at(drights(from, cap_x_src[i]), Pre)) &&
        (x_isdup(i) ==> same_cap{Pre, Here}(xs(from, i))) &&
        (!x_isdup(i) ==> cap_d_state[xs(from, i)] == CAP_FREE);
      ensures \result == OBOL_OK ==> x_distinct(n);
      ensures \result == OBOL_OK ==> \forall integer k; 0 <= k < CAP_G ==>
        x_untouched(from, to, n, k) ==> same_cap{Pre, Here}(k);
    complete behaviors; disjoint behaviors; */
int cap_transfer(uint32_t from, uint32_t to, uint32_t n, int *side)
{
    //@ assert inv_lobj;
    int r = xfer_check(from, n);
    if (r != OBOL_OK) {
        *side = CAP_XFER_SENDER;
        return r;
    }
    r = xfer_place(to, n);
    if (r != OBOL_OK) {
        *side = CAP_XFER_RECEIVER;
        return r;
    }
    xfer_commit(from, to, n);
    return OBOL_OK;
}

/* ===================================================================== */
/* accessors                                                              */

/*@ requires obj < CAP_MAX_OBJECTS; terminates \true; assigns \nothing;
    ensures \result == (cap_o_state[obj] == CAP_OFREE ? 0 : cap_o_type[obj]); */
uint32_t cap_obj_type(uint32_t obj)
{
    return CAP_O(state, obj) == CAP_OFREE ? 0u : CAP_O(type, obj);
}

/*@ requires obj < CAP_MAX_OBJECTS; terminates \true; assigns \nothing;
    ensures \result == (cap_o_state[obj] == CAP_OFREE ? 0 : cap_o_koid[obj]); */
uint64_t cap_obj_koid(uint32_t obj)
{
    return CAP_O(state, obj) == CAP_OFREE ? 0u : CAP_O(koid, obj);
}

/*@ requires obj < CAP_MAX_OBJECTS; terminates \true; assigns \nothing;
    ensures \result == cap_o_refs[obj]; */
uint32_t cap_obj_refs(uint32_t obj)
{
    return CAP_O(refs, obj);
}

/*@ requires obj < CAP_MAX_OBJECTS; terminates \true; assigns \nothing;
    ensures \result == ((cap_o_state[obj] != CAP_OFREE && cap_o_type[obj] == OBOL_TYPE_PROCESS) ?
                        cap_o_table[obj] : CAP_NONE); */
uint32_t cap_proc_table(uint32_t obj)
{
    if (CAP_O(state, obj) != CAP_OFREE && CAP_O(type, obj) == OBOL_TYPE_PROCESS)
        return CAP_O(table, obj);
    return CAP_NONE;
}

/*@ requires table < CAP_MAX_TABLES; terminates \true; assigns \nothing;
    ensures \result == (cap_t_used[table] != 0 ? cap_t_obj[table] : CAP_NONE); */
uint32_t cap_table_proc(uint32_t table)
{
    return cap_t_used[table] != 0 ? cap_t_obj[table] : CAP_NONE;
}

/*@ requires table < CAP_MAX_TABLES; terminates \true; assigns \nothing;
    ensures \result <= CAP_TABLE_SLOTS; */
uint32_t cap_table_free_count(uint32_t table)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= s <= CAP_TABLE_SLOTS && n <= s;
        loop assigns s, n;
        loop variant CAP_TABLE_SLOTS - s; */
    for (uint32_t s = 0; s < S; s++)
        if (CAP_D(state, table * S + s) == CAP_FREE)
            n++;
    return n;
}

/*@ terminates \true; assigns \nothing; ensures \result <= CAP_MAX_OBJECTS; */
uint32_t cap_free_objects(void)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= o <= CAP_MAX_OBJECTS && n <= o;
        loop assigns o, n;
        loop variant CAP_MAX_OBJECTS - o; */
    for (uint32_t o = 0; o < NO; o++)
        if (CAP_O(state, o) == CAP_OFREE)
            n++;
    return n;
}

/*@ terminates \true; assigns \nothing; ensures \result <= CAP_MAX_TABLES; */
uint32_t cap_free_tables(void)
{
    uint32_t n = 0;
    /*@ loop invariant 0 <= t <= CAP_MAX_TABLES && n <= t;
        loop assigns t, n;
        loop variant CAP_MAX_TABLES - t; */
    for (uint32_t t = 0; t < NT; t++)
        if (cap_t_used[t] == 0)
            n++;
    return n;
}
