/* freeslot.c -- lowest-free-slot finder for a 256-slot table, flat cost.
 * Proved with Frama-C 25 WP (see README.md in this directory). */
#include <stdint.h>

#define FS_WORDS 8u              /* 8 x 32 bits = 256 slots */

uint32_t fs_map[FS_WORDS];       /* bit s%32 of fs_map[s/32] set iff slot s free */
uint32_t fs_sum;                 /* bit i set iff fs_map[i] != 0 (bits 8..31 zero) */

/*@ predicate has(integer w, integer k) = (w & (1 << k)) != 0;
    predicate some(integer w, integer lo, integer hi) =
      \exists integer k; lo <= k < hi && has(w, k);
    predicate zb(integer w, integer n) = \forall integer j; 0 <= j < n ==> !has(w, j);

    lemma has_zero: \forall integer j; 0 <= j ==> !has(0, j);
    lemma has_shr: \forall integer x, n, k; 0 <= n <= k ==> (has(x, k) <==> has(x >> n, k - n));
    lemma has_shr2: \forall integer x, n, j; 0 <= n && 0 <= j ==> (has(x >> n, j) <==> has(x, j + n));
    lemma has_shl: \forall integer x, s, j; 0 <= s && 0 <= j && j + s < 32 ==>
        (has(x, j) <==> has((uint32_t)(x << s), j + s));
    lemma has_shl2: \forall integer x, s, k; 0 <= s <= k < 32 ==>
        (has((uint32_t)(x << s), k) <==> has(x, k - s));
    lemma has_shl_lo: \forall integer x, s, k; 0 <= k < s ==> !has((uint32_t)(x << s), k);
    lemma has_b0: \forall integer x; (x & 1) == 0 ==> !has(x, 0);
*/

/*@ ghost
  /@ assigns \nothing;
     ensures ext: zb(v, 32) ==> v == 0; @/
  void ext32(uint32_t v) {
    /@ assert zb(v, 32) ==> !has(v, 0); @/
    /@ assert zb(v, 32) ==> !has(v, 1); @/
    /@ assert zb(v, 32) ==> !has(v, 2); @/
    /@ assert zb(v, 32) ==> !has(v, 3); @/
    /@ assert zb(v, 32) ==> !has(v, 4); @/
    /@ assert zb(v, 32) ==> !has(v, 5); @/
    /@ assert zb(v, 32) ==> !has(v, 6); @/
    /@ assert zb(v, 32) ==> !has(v, 7); @/
    /@ assert zb(v, 32) ==> !has(v, 8); @/
    /@ assert zb(v, 32) ==> !has(v, 9); @/
    /@ assert zb(v, 32) ==> !has(v, 10); @/
    /@ assert zb(v, 32) ==> !has(v, 11); @/
    /@ assert zb(v, 32) ==> !has(v, 12); @/
    /@ assert zb(v, 32) ==> !has(v, 13); @/
    /@ assert zb(v, 32) ==> !has(v, 14); @/
    /@ assert zb(v, 32) ==> !has(v, 15); @/
    /@ assert zb(v, 32) ==> !has(v, 16); @/
    /@ assert zb(v, 32) ==> !has(v, 17); @/
    /@ assert zb(v, 32) ==> !has(v, 18); @/
    /@ assert zb(v, 32) ==> !has(v, 19); @/
    /@ assert zb(v, 32) ==> !has(v, 20); @/
    /@ assert zb(v, 32) ==> !has(v, 21); @/
    /@ assert zb(v, 32) ==> !has(v, 22); @/
    /@ assert zb(v, 32) ==> !has(v, 23); @/
    /@ assert zb(v, 32) ==> !has(v, 24); @/
    /@ assert zb(v, 32) ==> !has(v, 25); @/
    /@ assert zb(v, 32) ==> !has(v, 26); @/
    /@ assert zb(v, 32) ==> !has(v, 27); @/
    /@ assert zb(v, 32) ==> !has(v, 28); @/
    /@ assert zb(v, 32) ==> !has(v, 29); @/
    /@ assert zb(v, 32) ==> !has(v, 30); @/
    /@ assert zb(v, 32) ==> !has(v, 31); @/
  }
*/

/*@ requires some(x, 0, 8);
    assigns \nothing;
    ensures 0 <= \result < 8;
    ensures has(x, \result);
    ensures zb(x, \result);
*/
static inline int ctz8(uint32_t x)
{
  uint32_t v, t;
  int n = 0;
  //@ ghost uint32_t x0 = x;
  v = (uint32_t)(x << 28);
  //@ ghost ext32(v);
  t = (uint32_t)(v == 0) * 4u;
  x >>= t; n += (int)t;
  //@ assert x == x0 >> n && 0 <= n <= 4 && zb(x0, n) && some(x, 0, 4);
  v = (uint32_t)(x << 30);
  //@ ghost ext32(v);
  t = (uint32_t)(v == 0) * 2u;
  x >>= t; n += (int)t;
  //@ assert x == x0 >> n && 0 <= n <= 6 && zb(x0, n) && some(x, 0, 2);
  n += (int)((x & 1) ^ 1);
  return n;
}

/*@ requires some(w, 0, 32);
    assigns \nothing;
    ensures 0 <= \result < 32;
    ensures has(w, \result);
    ensures zb(w, \result);
*/
static inline int ctz32(uint32_t w)
{
  uint32_t x = w, v, t;
  int n = 0;
  v = (uint32_t)(x << 16);
  //@ ghost ext32(v);
  t = (uint32_t)(v == 0) * 16u;
  x >>= t; n += (int)t;
  //@ assert x == w >> n && 0 <= n <= 16 && zb(w, n) && some(x, 0, 16);
  v = (uint32_t)(x << 24);
  //@ ghost ext32(v);
  t = (uint32_t)(v == 0) * 8u;
  x >>= t; n += (int)t;
  //@ assert x == w >> n && 0 <= n <= 24 && zb(w, n) && some(x, 0, 8);
  return n + ctz8(x);
}

/*@ predicate fs_free{L}(integer s) = has(\at(fs_map[s / 32], L), s % 32);
    predicate fs_inv{L} =
      (\forall integer i; 0 <= i < 8 ==> (has(\at(fs_sum, L), i) <==> some(\at(fs_map[i], L), 0, 32))) &&
      (\forall integer k; 8 <= k < 32 ==> !has(\at(fs_sum, L), k));
*/

/* Lowest free slot, or -1 if none. Fixed number of steps. */
/*@ requires fs_inv;
    assigns \nothing;
    ensures none: \result == -1 ==> \forall integer s; 0 <= s < 256 ==> !fs_free(s);
    ensures found: \result != -1 ==> 0 <= \result < 256 && fs_free(\result);
    ensures lowest: \forall integer s; 0 <= s < \result ==> !fs_free(s);
*/
int fs_find(void)
{
  uint32_t sm = fs_sum;
  //@ ghost ext32(sm);
  if (sm == 0) return -1;
  //@ assert some(sm, 0, 8);
  int i = ctz8(sm);
  int b = ctz32(fs_map[i]);
  //@ assert \forall integer s; 0 <= s < i * 32 + b ==> s / 32 < i || (s / 32 == i && s % 32 < b);
  return i * 32 + b;
}

/* Slot s becomes used. */
/*@ requires fs_inv;
    requires s < 256;
    assigns fs_map[s / 32], fs_sum;
    ensures fs_inv;
    ensures !fs_free(s);
    ensures \forall integer t; 0 <= t < 256 && t != s ==> (fs_free(t) <==> \old(fs_free(t)));
*/
void fs_set_used(uint32_t s)
{
  uint32_t i = s / 32, b = s % 32;
  uint32_t old = fs_map[i];
  uint32_t m = old & ~((uint32_t)1 << b);
  //@ assert bits: \forall integer j; 0 <= j < 32 ==> (has(m, j) <==> (has(old, j) && j != b));
  fs_map[i] = m;
  //@ ghost ext32(m);
  if (m == 0) {
    fs_sum &= ~((uint32_t)1 << i);
    //@ assert !has(fs_sum, i);
  } else {
    //@ assert some(m, 0, 32) && some(old, 0, 32);
    //@ assert has(fs_sum, i);
  }
  //@ assert \forall integer k; 0 <= k < 32 && k != i ==> (has(fs_sum, k) <==> has(\at(fs_sum, Pre), k));
}

/* Slot s becomes free. */
/*@ requires fs_inv;
    requires s < 256;
    assigns fs_map[s / 32], fs_sum;
    ensures fs_inv;
    ensures fs_free(s);
    ensures \forall integer t; 0 <= t < 256 && t != s ==> (fs_free(t) <==> \old(fs_free(t)));
*/
void fs_set_free(uint32_t s)
{
  uint32_t i = s / 32, b = s % 32;
  fs_map[i] |= (uint32_t)1 << b;
  fs_sum |= (uint32_t)1 << i;
}

/* All slots used. */
/*@ assigns fs_map[0 .. 7], fs_sum;
    ensures fs_inv;
    ensures \forall integer s; 0 <= s < 256 ==> !fs_free(s);
*/
void fs_init_used(void)
{
  /*@ loop invariant 0 <= i <= 8;
      loop invariant \forall integer k; 0 <= k < i ==> fs_map[k] == 0;
      loop assigns i, fs_map[0 .. 7];
      loop variant 8 - i; */
  for (uint32_t i = 0; i < FS_WORDS; i++) fs_map[i] = 0;
  fs_sum = 0;
}
