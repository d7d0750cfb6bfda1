/*
 * ACSL model of the Obol capability core (kernel/cap).
 * Plain-English version: spec/capabilities.md.  Every contract in
 * kernel/cap/cap.c is written with the names defined here.
 */
#ifndef OBOL_CAP_SPEC_H
#define OBOL_CAP_SPEC_H

#include "cap/cap.h"

/* Type -> valid rights, from the single ABI list (obol/abi.h): the logic
 * type_rights.  The C function cap_type_rights reads a table built from the
 * same list, and is proved to equal it. */
#define CAP_X_TYPE_RIGHTS(name, value, rights) (t == (value)) ? (rights) :
#define CAP_TYPE_RIGHTS_EXPR (OBOL_TYPE_LIST(CAP_X_TYPE_RIGHTS) 0)

/* Ghost numbering of the per-object lists (inv_olist); no code reads it. */
//@ ghost uint32_t cap_d_opos[CAP_G];

/*@
  // ---------------------------------------------------------------- rights
  predicate has_right(integer r, integer k) = (r & (1 << k)) != 0;
  // a is a subset of b, bit by bit, over the defined rights
  predicate rights_subset(integer a, integer b) =
    \forall integer k; 0 <= k < OBOL_RIGHT_COUNT ==> has_right(a, k) ==> has_right(b, k);
  // the check the code makes: req has no bit outside lim
  predicate rights_within(integer req, integer lim) = (req & lim) == req;
  logic integer type_rights(integer t) = CAP_TYPE_RIGHTS_EXPR;
  predicate type_valid(integer t) = OBOL_TYPE_MIN <= t <= OBOL_TYPE_MAX;

  // ---------------------------------------------------------- descriptors
  logic integer gi(integer t, integer s) = t * CAP_TABLE_SLOTS + s;
  // the table and the slot of global index g (lemma tof_gi in cap.c)
  logic integer tof(integer g) = g / CAP_TABLE_SLOTS;
  logic integer sof(integer g) = g % CAP_TABLE_SLOTS;
  predicate live(integer g) = cap_d_state[g] == CAP_LIVE;

  // walking up n parent links from j (CAP_NONE or out of range: fixed point)
  logic integer up{L}(integer j, integer n) =
    n <= 0 ? j : (0 <= j < CAP_G ? up{L}(cap_d_parent[j], n - 1) : j);
  // j is a (proper) descendant of a in the derivation tree.  A derived
  // descriptor names its parent's object (inv_tree), so a descendant names
  // a's object; saying so here lets a search visit only that object's
  // descriptors (its list, inv_olist) without an induction over the tree.
  predicate desc{L}(integer j, integer a) =
    0 <= j < CAP_G && 0 <= a < CAP_G && cap_d_obj[j] == cap_d_obj[a] &&
    cap_d_depth[j] > cap_d_depth[a] &&
    up{L}(j, cap_d_depth[j] - cap_d_depth[a]) == a;

  // number of LIVE descriptors in slots [0, n) that refer to object o
  logic integer cnt{L}(integer o, integer n) =
    n <= 0 ? 0 :
    cnt{L}(o, n - 1) + ((cap_d_state[n-1] == CAP_LIVE && cap_d_obj[n-1] == o) ? 1 : 0);

  // -------------------------------------------------- well-formed state
  predicate inv_shape =
    cap_next_koid >= 1 &&
    (cap_reap_head == CAP_NONE || cap_reap_head < CAP_MAX_OBJECTS) &&
    (cap_reap_tail == CAP_NONE || cap_reap_tail < CAP_MAX_OBJECTS) &&
    (\forall integer o; 0 <= o < CAP_MAX_OBJECTS ==>
       cap_o_reap_next[o] == CAP_NONE || cap_o_reap_next[o] < CAP_MAX_OBJECTS) &&
    (\forall integer g; 0 <= g < CAP_G ==>
       cap_d_state[g] <= CAP_REVOKED &&
       (cap_d_parent[g] == CAP_NONE || cap_d_parent[g] < CAP_G) &&
       (cap_d_state[g] != CAP_FREE ==> cap_d_obj[g] < CAP_MAX_OBJECTS));

  predicate inv_objs =
    \forall integer o; 0 <= o < CAP_MAX_OBJECTS ==>
      cap_o_state[o] <= CAP_ODYING &&
      (cap_o_state[o] == CAP_OFREE ==>
         cap_o_refs[o] == 0 && cap_o_pins[o] == 0 && cap_o_owner[o] == CAP_NONE) &&
      (cap_o_state[o] != CAP_OFREE ==>
         type_valid(cap_o_type[o]) && 1 <= cap_o_koid[o] < cap_next_koid) &&
      (cap_o_state[o] == CAP_OALIVE ==> cap_o_refs[o] + cap_o_pins[o] > 0) &&
      (cap_o_state[o] == CAP_ODYING ==>
         cap_o_refs[o] == 0 && cap_o_pins[o] == 0 && cap_o_owner[o] == CAP_NONE) &&
      (cap_o_state[o] != CAP_OFREE && cap_o_type[o] == OBOL_TYPE_PROCESS ==>
         cap_o_table[o] < CAP_MAX_TABLES && cap_t_used[cap_o_table[o]] != 0 &&
         cap_t_obj[cap_o_table[o]] == o) &&
      (cap_o_owner[o] != CAP_NONE ==>
         cap_o_owner[o] < CAP_G && live(cap_o_owner[o]) &&
         cap_d_owner[cap_o_owner[o]] != 0 && cap_d_obj[cap_o_owner[o]] == o);

  // koids are never shared by two allocated objects (and below next_koid)
  predicate inv_koid =
    \forall integer o1, o2; 0 <= o1 < CAP_MAX_OBJECTS && 0 <= o2 < CAP_MAX_OBJECTS &&
      o1 != o2 && cap_o_state[o1] != CAP_OFREE && cap_o_state[o2] != CAP_OFREE ==>
      cap_o_koid[o1] != cap_o_koid[o2];

  predicate inv_tables =
    \forall integer t; 0 <= t < CAP_MAX_TABLES ==>
      (cap_t_used[t] != 0 ==>
         cap_t_obj[t] < CAP_MAX_OBJECTS && cap_o_state[cap_t_obj[t]] != CAP_OFREE &&
         cap_o_type[cap_t_obj[t]] == OBOL_TYPE_PROCESS && cap_o_table[cap_t_obj[t]] == t) &&
      (cap_t_used[t] == 0 ==>
         \forall integer s; 0 <= s < CAP_TABLE_SLOTS ==> cap_d_state[gi(t, s)] == CAP_FREE);

  // reference counts are exact
  predicate inv_refs =
    (\forall integer o; 0 <= o < CAP_MAX_OBJECTS ==> cap_o_refs[o] == cnt(o, CAP_G)) &&
    (\forall integer g; 0 <= g < CAP_G ==> live(g) ==> cnt(cap_d_obj[g], CAP_G) >= 1);

  // LIVE descriptors: live object, no amplification over the type, owner facts
  predicate inv_live =
    \forall integer g; 0 <= g < CAP_G ==> live(g) ==>
      cap_o_state[cap_d_obj[g]] == CAP_OALIVE &&
      rights_subset(cap_d_rights[g], type_rights(cap_o_type[cap_d_obj[g]])) &&
      (cap_d_owner[g] != 0 ==>
         cap_o_owner[cap_d_obj[g]] == g && cap_d_parent[g] == CAP_NONE &&
         cap_d_rights[g] == type_rights(cap_o_type[cap_d_obj[g]]));

  // derivation tree: same object as the parent, depth + 1, no amplification
  predicate inv_tree =
    \forall integer g; 0 <= g < CAP_G ==> live(g) ==>
      (cap_d_parent[g] == CAP_NONE ==> cap_d_depth[g] == 0) &&
      (cap_d_parent[g] != CAP_NONE ==>
         cap_d_obj[cap_d_parent[g]] == cap_d_obj[g] &&
         cap_d_depth[g] == cap_d_depth[cap_d_parent[g]] + 1 &&
         rights_subset(cap_d_rights[g], cap_d_rights[cap_d_parent[g]]) &&
         cap_d_haschild[cap_d_parent[g]] != 0);

  // a LIVE descriptor's parent is LIVE (revoked/closed ones leave the tree)
  predicate inv_parent_live =
    \forall integer g; 0 <= g < CAP_G ==> live(g) ==> cap_d_parent[g] != CAP_NONE ==>
      live(cap_d_parent[g]);
  predicate inv_parent_live_except(integer a) =
    \forall integer g; 0 <= g < CAP_G ==> live(g) ==> cap_d_parent[g] != CAP_NONE ==>
      live(cap_d_parent[g]) || desc(g, a);

  // ------------------------------------------------ free-slot masks
  // bit k of a mask word; some bit in [lo, hi); no bit below n
  predicate fbit(integer w, integer k) = (w & (1 << k)) != 0;
  predicate fsome(integer w, integer lo, integer hi) = \exists integer k; lo <= k < hi && fbit(w, k);
  predicate fzero(integer w, integer n) = \forall integer k; 0 <= k < n ==> !fbit(w, k);
  // mask word w of table t; the mask bit of slot s of table t
  logic integer fw(integer t, integer w) = t * CAP_FREE_WORDS + w;
  predicate fmask(integer t, integer s) = fbit(cap_t_free[fw(t, s / 32)], s % 32);
  // the masks are exact: a slot's bit is set iff the slot is FREE
  predicate inv_fmask =
    \forall integer t, s; 0 <= t < CAP_MAX_TABLES && 0 <= s < CAP_TABLE_SLOTS ==>
      (fmask(t, s) <==> cap_d_state[gi(t, s)] == CAP_FREE);
  // summary bit w of a table is set iff its mask word w has a bit set; no
  // summary bit past the words, no mask bit past the slots
  predicate inv_fsum =
    (\forall integer t, w; 0 <= t < CAP_MAX_TABLES && 0 <= w < CAP_FREE_WORDS ==>
       (fbit(cap_t_fsum[t], w) <==> fsome(cap_t_free[fw(t, w)], 0, 32))) &&
    (\forall integer t, k; 0 <= t < CAP_MAX_TABLES && CAP_FREE_WORDS <= k < 32 ==>
       !fbit(cap_t_fsum[t], k)) &&
    (\forall integer t, s; 0 <= t < CAP_MAX_TABLES && CAP_TABLE_SLOTS <= s < 32 * CAP_FREE_WORDS ==>
       !fmask(t, s));
  predicate inv_free = inv_fmask && inv_fsum;

  // ------------------------------------------------ per-object lists
  // The LIVE descriptors of each object form a doubly linked list
  // (cap_o_ohead/otail, cap_d_onext/oprev), so that revoke, close and move
  // visit one object's descriptors rather than every slot.  The ghost
  // array cap_d_opos numbers each list 0, 1, ...  om(k, x): k is a member,
  // leaving out x (CAP_NONE: none); inv_olist_x(x) is the invariant while
  // x is being taken out or put in; ocount(o, x) the members of o's list.
  predicate om(integer k, integer x) = 0 <= k < CAP_G && k != x && live(k);
  logic integer ocount(integer o, integer x) =
    cnt(o, CAP_G) - ((0 <= x < CAP_G && cap_d_state[x] == CAP_LIVE && cap_d_obj[x] == o) ? 1 : 0);
  predicate ol_ends(integer x) =
    \forall integer o; 0 <= o < CAP_MAX_OBJECTS ==>
       (cap_o_ohead[o] == CAP_NONE <==> ocount(o, x) == 0) &&
       (cap_o_otail[o] == CAP_NONE <==> ocount(o, x) == 0) &&
       (cap_o_ohead[o] != CAP_NONE ==> om(cap_o_ohead[o], x) &&
          cap_d_obj[cap_o_ohead[o]] == o && cap_d_opos[cap_o_ohead[o]] == 0) &&
       (cap_o_otail[o] != CAP_NONE ==> om(cap_o_otail[o], x) &&
          cap_d_obj[cap_o_otail[o]] == o && cap_d_opos[cap_o_otail[o]] + 1 == ocount(o, x));
  predicate ol_pos(integer x) =
    \forall integer k; om(k, x) ==> cap_d_opos[k] < ocount(cap_d_obj[k], x);
  predicate ol_next(integer x) =
    \forall integer k; om(k, x) ==>
       (cap_d_onext[k] == CAP_NONE <==> cap_d_opos[k] + 1 == ocount(cap_d_obj[k], x)) &&
       (cap_d_onext[k] != CAP_NONE ==> om(cap_d_onext[k], x) &&
          cap_d_obj[cap_d_onext[k]] == cap_d_obj[k] && cap_d_opos[cap_d_onext[k]] == cap_d_opos[k] + 1);
  predicate ol_prev(integer x) =
    \forall integer k; om(k, x) ==>
       (cap_d_oprev[k] == CAP_NONE <==> cap_d_opos[k] == 0) &&
       (cap_d_oprev[k] != CAP_NONE ==> om(cap_d_oprev[k], x) &&
          cap_d_obj[cap_d_oprev[k]] == cap_d_obj[k] && cap_d_opos[cap_d_oprev[k]] + 1 == cap_d_opos[k]);
  predicate ol_inj(integer x) =
    \forall integer j, k; om(j, x) && om(k, x) && cap_d_obj[j] == cap_d_obj[k] &&
       cap_d_opos[j] == cap_d_opos[k] ==> j == k;
  predicate inv_olist_x(integer x) =
    ol_ends(x) && ol_pos(x) && ol_next(x) && ol_prev(x) && ol_inj(x);
  predicate inv_olist = inv_olist_x(CAP_NONE);

  predicate inv_core = inv_shape && inv_objs && inv_koid && inv_tables &&
                       inv_refs && inv_live && inv_tree && inv_free && inv_olist;
  predicate cap_inv = inv_core && inv_parent_live;

  // ------------------------------------------------- security properties
  // no amplification (implied by cap_inv; stated on its own for reading)
  predicate no_amplification =
    \forall integer g; 0 <= g < CAP_G ==> live(g) ==>
      rights_subset(cap_d_rights[g], type_rights(cap_o_type[cap_d_obj[g]])) &&
      (cap_d_parent[g] != CAP_NONE ==>
         rights_subset(cap_d_rights[g], cap_d_rights[cap_d_parent[g]]));
  // revocation complete: no LIVE descendant of a
  predicate revoked_all(integer a) =
    \forall integer j; 0 <= j < CAP_G ==> live(j) ==> !desc(j, a);
  // confinement: capability content outside the slot set S unchanged
  predicate same_cap{A,B}(integer g) =
    \at(cap_d_state[g],A) == \at(cap_d_state[g],B) &&
    \at(cap_d_obj[g],A) == \at(cap_d_obj[g],B) &&
    \at(cap_d_rights[g],A) == \at(cap_d_rights[g],B) &&
    \at(cap_d_badge[g],A) == \at(cap_d_badge[g],B) &&
    \at(cap_d_owner[g],A) == \at(cap_d_owner[g],B);
  predicate unchanged_caps{A,B} =
    \forall integer g; 0 <= g < CAP_G ==> same_cap{A,B}(g);
  // objects only move ALIVE -> DYING (never back, never freed) except in reap
  predicate ostate_mono{A,B} =
    \forall integer o; 0 <= o < CAP_MAX_OBJECTS ==>
      \at(cap_o_state[o],A) != CAP_OALIVE ==> \at(cap_o_state[o],B) == \at(cap_o_state[o],A);
  predicate in_table(integer g, integer t) =
    t * CAP_TABLE_SLOTS <= g < t * CAP_TABLE_SLOTS + CAP_TABLE_SLOTS;

  // ---------------------------------------------- descriptor resolution
  predicate valid_table(integer t) = 0 <= t < CAP_MAX_TABLES && cap_t_used[t] != 0;
  predicate r_bad(integer t, integer d) =
    d >= CAP_TABLE_SLOTS || cap_d_state[gi(t, d)] == CAP_FREE;
  predicate r_revoked(integer t, integer d) =
    d < CAP_TABLE_SLOTS && cap_d_state[gi(t, d)] == CAP_REVOKED;
  predicate r_destroyed(integer t, integer d) =
    d < CAP_TABLE_SLOTS && live(gi(t, d)) && cap_o_destroyed[cap_d_obj[gi(t, d)]] != 0;
  predicate r_ok(integer t, integer d) =
    d < CAP_TABLE_SLOTS && live(gi(t, d)) && cap_o_destroyed[cap_d_obj[gi(t, d)]] == 0;
  logic integer dobj(integer t, integer d) = cap_d_obj[gi(t, d)];
  logic integer drights(integer t, integer d) = cap_d_rights[gi(t, d)];
  predicate downer(integer t, integer d) = cap_d_owner[gi(t, d)] != 0;

  // target process descriptor (mint, dup)
  predicate tgt_type(integer t, integer d) =
    r_ok(t, d) && cap_o_type[dobj(t, d)] != OBOL_TYPE_PROCESS;
  predicate tgt_noopen(integer t, integer d) =
    r_ok(t, d) && cap_o_type[dobj(t, d)] == OBOL_TYPE_PROCESS &&
    (drights(t, d) & OBOL_RIGHT_OPEN) == 0;
  predicate tgt_ok(integer t, integer d) =
    r_ok(t, d) && cap_o_type[dobj(t, d)] == OBOL_TYPE_PROCESS &&
    (drights(t, d) & OBOL_RIGHT_OPEN) != 0;
  logic integer ttable(integer t, integer d) = cap_o_table[dobj(t, d)];

  // destination slot
  predicate table_full(integer t) =
    \forall integer s; 0 <= s < CAP_TABLE_SLOTS ==> cap_d_state[gi(t, s)] != CAP_FREE;
  predicate dest_range(integer t, integer d) = d != OBOL_DESC_ANY && d >= CAP_TABLE_SLOTS;
  predicate dest_used(integer t, integer d) =
    d != OBOL_DESC_ANY && d < CAP_TABLE_SLOTS && cap_d_state[gi(t, d)] != CAP_FREE;
  predicate dest_full(integer t, integer d) = d == OBOL_DESC_ANY && table_full(t);
  predicate dest_ok(integer t, integer d) =
    !dest_range(t, d) && !dest_used(t, d) && !dest_full(t, d);
  // the slot chosen for dest
  predicate dest_chosen{L}(integer t, integer d, integer s) =
    0 <= s < CAP_TABLE_SLOTS && cap_d_state[gi(t, s)] == CAP_FREE &&
    (d != OBOL_DESC_ANY ==> s == d) &&
    (d == OBOL_DESC_ANY ==>
       \forall integer k; 0 <= k < s ==> cap_d_state[gi(t, k)] != CAP_FREE);

  // mint / dup check stages (each error behavior assumes the previous stages passed)
  predicate mint_ok1(integer t, integer od) = r_ok(t, od) && downer(t, od);
  predicate mint_ok2(integer t, integer od, integer pd) = mint_ok1(t, od) && tgt_ok(t, pd);
  predicate mint_rights_ok(integer t, integer od, integer rights) =
    rights == OBOL_SAME_RIGHTS || rights_within(rights, type_rights(cap_o_type[dobj(t, od)]));
  predicate mint_ok3(integer t, integer od, integer pd, integer rights) =
    mint_ok2(t, od, pd) && mint_rights_ok(t, od, rights);
  logic integer mint_rights(integer t, integer od, integer rights) =
    rights == OBOL_SAME_RIGHTS ? drights(t, od) : (rights & type_rights(cap_o_type[dobj(t, od)]));
  predicate dup_ok1(integer t, integer sd) =
    r_ok(t, sd) && !downer(t, sd) && (drights(t, sd) & OBOL_RIGHT_DUPLICATE) != 0;
  // DUP takes src from table st and resolves the target process pd in the
  // caller's table t (st == t for desc_dup; desc_dup_from names st through
  // a source-process descriptor, below)
  predicate dup_ok2(integer st, integer sd, integer t, integer pd) = dup_ok1(st, sd) && tgt_ok(t, pd);
  predicate dup_rights_ok(integer t, integer sd, integer rights) =
    rights == OBOL_SAME_RIGHTS || rights_within(rights, drights(t, sd));
  predicate dup_ok3(integer st, integer sd, integer t, integer pd, integer rights) =
    dup_ok2(st, sd, t, pd) && dup_rights_ok(st, sd, rights);
  // source process descriptor (desc_dup_from): a PROCESS with EXTRACT
  // (taking authority out of a table is not OPEN, putting it in)
  predicate src_noextract(integer t, integer d) =
    r_ok(t, d) && cap_o_type[dobj(t, d)] == OBOL_TYPE_PROCESS &&
    (drights(t, d) & OBOL_RIGHT_EXTRACT) == 0;
  predicate src_ok(integer t, integer d) =
    r_ok(t, d) && cap_o_type[dobj(t, d)] == OBOL_TYPE_PROCESS &&
    (drights(t, d) & OBOL_RIGHT_EXTRACT) != 0;
  logic integer dup_rights(integer t, integer sd, integer rights) =
    rights == OBOL_SAME_RIGHTS ? drights(t, sd) : (rights & drights(t, sd));
  // process objects have a table (the part of inv_objs the checks need)
  predicate inv_ptab = \forall integer o; 0 <= o < CAP_MAX_OBJECTS ==>
    cap_o_state[o] != CAP_OFREE && cap_o_type[o] == OBOL_TYPE_PROCESS ==> cap_o_table[o] < CAP_MAX_TABLES;

  // LIVE descriptors name allocated objects (the part of inv_live the checks need)
  predicate inv_lobj = \forall integer g; 0 <= g < CAP_G ==> live(g) ==>
    cap_o_state[cap_d_obj[g]] == CAP_OALIVE;

  // -------------------------------------------- descriptor transfer (IPC)
  // Request entry i (cap_x_* arrays) of a transfer from table t.  The checks
  // run in this order; each stage predicate says the earlier ones passed.
  logic integer xs(integer t, integer i) = gi(t, cap_x_src[i]);
  predicate x_isdup(integer i) = cap_x_op[i] == OBOL_XFER_DUP;
  predicate x_op_ok(integer i) = cap_x_op[i] == OBOL_XFER_MOVE || cap_x_op[i] == OBOL_XFER_DUP;
  // the same descriptor named by an earlier entry
  predicate x_repeat(integer i) = \exists integer j; 0 <= j < i && cap_x_src[j] == cap_x_src[i];
  predicate x_ok0(integer t, integer i) = x_op_ok(i) && !x_repeat(i);
  predicate x_ok1(integer t, integer i) =
    x_ok0(t, i) && r_ok(t, cap_x_src[i]) && (drights(t, cap_x_src[i]) & OBOL_RIGHT_TRANSFER) != 0;
  predicate x_ok2(integer t, integer i) =
    x_ok1(t, i) && (x_isdup(i) ==> !downer(t, cap_x_src[i]) &&
                                  (drights(t, cap_x_src[i]) & OBOL_RIGHT_DUPLICATE) != 0);
  // SAME_RIGHTS or a subset; an owner moves only with all its rights
  predicate x_rights_ok(integer t, integer i) =
    cap_x_rights[i] == OBOL_SAME_RIGHTS ||
    (rights_within(cap_x_rights[i], drights(t, cap_x_src[i])) &&
     (downer(t, cap_x_src[i]) ==> cap_x_rights[i] == drights(t, cap_x_src[i])));
  predicate x_ok3(integer t, integer i) = x_ok2(t, i) && x_rights_ok(t, i);
  predicate x_ok(integer t, integer i) =
    x_ok3(t, i) && (x_isdup(i) ==> cap_d_depth[xs(t, i)] < CAP_MAX_DEPTH);
  logic integer x_rights(integer t, integer i) =
    cap_x_rights[i] == OBOL_SAME_RIGHTS ? drights(t, cap_x_src[i])
                                        : (cap_x_rights[i] & drights(t, cap_x_src[i]));
  predicate x_all_ok(integer t, integer n) = \forall integer i; 0 <= i < n ==> x_ok(t, i);

  // receiver side: entry i's slot; explicit slots are free and distinct,
  // ANY avoids every explicit slot and the earlier ANY picks
  logic integer xd(integer t, integer i) = gi(t, cap_x_slot[i]);
  predicate x_explicit(integer i) = cap_x_dest[i] != OBOL_DESC_ANY;
  predicate x_taken(integer n, integer i, integer s) =
    \exists integer j; 0 <= j < n &&
      ((x_explicit(j) && cap_x_dest[j] == s) || (j < i && !x_explicit(j) && cap_x_slot[j] == s));
  predicate x_placed(integer t, integer n, integer i) =
    cap_x_slot[i] < CAP_TABLE_SLOTS && cap_d_state[xd(t, i)] == CAP_FREE &&
    (x_explicit(i) ==> cap_x_slot[i] == cap_x_dest[i]);

  predicate x_distinct(integer n) =
    \forall integer i, j; 0 <= i < n && 0 <= j < n && i != j ==> cap_x_slot[i] != cap_x_slot[j];
  predicate x_all_placed(integer t, integer n) =
    x_distinct(n) && \forall integer i; 0 <= i < n ==> x_placed(t, n, i);
  // entry i arrived: a LIVE descriptor in the receiver's slot with the source's
  // object and badge (state A before, B after) and the checked rights
  predicate x_delivered{A,B}(integer from, integer to, integer i) =
    \let d = gi(to, \at(cap_x_slot[i], B)); \let s = gi(from, \at(cap_x_src[i], B));
    \at(cap_d_state[d], B) == CAP_LIVE &&
    \at(cap_d_obj[d], B) == \at(cap_d_obj[s], A) &&
    \at(cap_d_rights[d], B) == \at(cap_x_nr[i], B) &&
    \at(cap_d_badge[d], B) == \at(cap_d_badge[s], A);
  // slot k is neither a source nor a destination of the request
  predicate x_untouched(integer from, integer to, integer n, integer k) =
    \forall integer i; 0 <= i < n ==> k != xs(from, i) && k != xd(to, i);

  // pools
  predicate objs_full = \forall integer o; 0 <= o < CAP_MAX_OBJECTS ==> cap_o_state[o] != CAP_OFREE;
  predicate tables_full = \forall integer t; 0 <= t < CAP_MAX_TABLES ==> cap_t_used[t] != 0;
  predicate pool_full(integer type) =
    objs_full || cap_next_koid == 0xFFFFFFFFFFFFFFFF ||
    (type == OBOL_TYPE_PROCESS && tables_full);
*/

/* The invariant as separate clauses (smaller proof goals). */
#define CAP_CORE_ENSURES ensures inv_shape; ensures inv_objs; ensures inv_koid; \
    ensures inv_tables; ensures inv_refs; ensures inv_live; ensures inv_tree; ensures inv_free; \
    ensures inv_olist;
#define CAP_INV_ENSURES CAP_CORE_ENSURES ensures inv_parent_live;
/* inv_olist_x(x) as separate clauses */
#define OLIST_X_ENSURES(x) ensures ol_ends(x); ensures ol_pos(x); ensures ol_next(x); \
    ensures ol_prev(x); ensures ol_inj(x);

#endif /* OBOL_CAP_SPEC_H */
