/* Host test: gcc -O1 -g -fsanitize=address,undefined host_test.c -o host_test */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include "freeslot.c"

static int naive_ctz32(uint32_t w) { for (int k = 0; k < 32; k++) if (w >> k & 1) return k; return -1; }
static int naive_find(void) {
  for (int s = 0; s < 256; s++) if (fs_map[s / 32] >> (s % 32) & 1) return s;
  return -1;
}
static uint64_t rng = 88172645463325252ull;
static uint64_t xs(void) { rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17; return rng; }
static void check_inv(void) {
  for (int i = 0; i < 8; i++) if (((fs_sum >> i) & 1) != (fs_map[i] != 0)) { printf("inv fail\n"); exit(1); }
  if (fs_sum >> 8) { printf("inv fail hi\n"); exit(1); }
}
int main(void) {
  unsigned long n = 0;
  /* exhaustive ctz8 over all nonzero 8-bit values; ctz32 over all 2^16 16-bit values and
     their shifts by 0..16, plus every single-bit and random words */
  for (uint32_t x = 1; x < 256; x++) if (ctz8(x) != naive_ctz32(x)) { printf("ctz8 %u\n", x); return 1; }
  for (uint32_t x = 1; x < 65536; x++)
    for (int sh = 0; sh <= 16; sh++) { uint32_t w = x << sh; if (ctz32(w) != naive_ctz32(w)) { printf("ctz32 %x\n", w); return 1; } n++; }
  for (int i = 0; i < 10000000; i++) { uint32_t w = (uint32_t)xs(); if (!w) continue; w &= (uint32_t)xs() | (uint32_t)-1 << (xs() % 32);
    if (w && ctz32(w) != naive_ctz32(w)) { printf("ctz32r %x\n", w); return 1; } n++; }
  /* random operation sequences against the naive scan */
  fs_init_used(); check_inv();
  if (fs_find() != -1) { printf("empty\n"); return 1; }
  for (int it = 0; it < 20000000; it++) {
    uint32_t s = (uint32_t)(xs() % 256);
    /* bias: sometimes fill or drain heavily */
    int mode = (it >> 16) % 3;
    int op = (int)(xs() % 4);
    if (mode == 0 ? op == 0 : mode == 1 ? op != 0 : op < 2) fs_set_free(s); else fs_set_used(s);
    check_inv();
    if (fs_find() != naive_find()) { printf("find mismatch it=%d\n", it); return 1; }
    n++;
  }
  /* all single-free-slot and all-but-one states */
  for (uint32_t s = 0; s < 256; s++) {
    fs_init_used(); fs_set_free(s); if (fs_find() != (int)s) { printf("single %u\n", s); return 1; }
    for (uint32_t t = 0; t < 256; t++) fs_set_free(t);
    for (uint32_t t = 0; t <= s; t++) fs_set_used(t);
    if (fs_find() != naive_find()) { printf("prefix %u\n", s); return 1; }
  }
  printf("OK %lu checks\n", n);
  return 0;
}
