/*
 * Cost measurements of the capability core at the default build sizes
 * (not a test; "make cap-bench").  Times are per operation, host -O2.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <time.h>
#include "cap/cap.h"

#define S CAP_TABLE_SLOTS
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static uint32_t T0;
static void fill(uint32_t t, uint32_t ep, uint32_t n)   /* n minted copies of ep */
{
    uint32_t s;
    for (uint32_t i = 0; i < n; i++)
        if (cap_mint(T0, ep, 0, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &s)) break;
    (void)t;
}

int main(void)
{
    uint32_t s, ep, o;
    printf("sizes: %u slots/table, %u tables, %u objects; slot storage %zu bytes (+1 scratch)\n",
           S, CAP_MAX_TABLES, CAP_MAX_OBJECTS,
           sizeof CAP_D(state, 0) + sizeof CAP_D(owner, 0) + sizeof CAP_D(depth, 0) +
           sizeof CAP_D(haschild, 0) + sizeof CAP_D(obj, 0) + sizeof CAP_D(rights, 0) +
           sizeof CAP_D(parent, 0) + sizeof CAP_D(badge, 0) + sizeof CAP_D(onext, 0) +
           sizeof CAP_D(oprev, 0));
    for (uint32_t occ = 0; occ <= 100; occ += 50) {
        cap_init();
        cap_bootstrap(&T0, &s);
        cap_create(T0, OBOL_TYPE_ENDPOINT, OBOL_DESC_ANY, &ep);
        uint32_t want = occ * (S - 4) / 100;
        fill(T0, ep, want > 2 ? want - 2 : 0);
        uint32_t n = 20000;
        double t0 = now();
        for (uint32_t i = 0; i < n; i++) cap_lookup(T0, ep, OBOL_TYPE_ENDPOINT, OBOL_RIGHT_SEND, &o);
        double t1 = now();
        for (uint32_t i = 0; i < n; i++) {           /* mint ANY (lowest free) + close leaf */
            cap_mint(T0, ep, 0, OBOL_DESC_ANY, OBOL_RIGHT_SEND, 0, &s);
            cap_close(T0, s);
        }
        double t2 = now();
        for (uint32_t i = 0; i < n; i++) {           /* mint to an explicit slot + close leaf */
            cap_mint(T0, ep, 0, S - 1, OBOL_RIGHT_SEND, 0, &s);
            cap_close(T0, s);
        }
        double t3 = now();
        uint32_t a;
        cap_mint(T0, ep, 0, S - 2, OBOL_SAME_RIGHTS, 0, &a);
        uint32_t m = 200;
        double t4 = now();
        for (uint32_t i = 0; i < m; i++) {           /* close of a descriptor with a child */
            uint32_t b, c;
            cap_dup(T0, a, 0, S - 1, OBOL_SAME_RIGHTS, 0, &b);
            cap_dup(T0, b, 0, S - 3, OBOL_SAME_RIGHTS, 0, &c);
            cap_close(T0, b);
            cap_close(T0, c);
        }
        double t5 = now();
        for (uint32_t i = 0; i < m; i++)            /* revoke of a leaf */
            cap_revoke(T0, a);
        double t6 = now();
        printf("table %3u%% full: lookup %6.1f ns | mint ANY+close leaf %7.1f ns | mint slot+close leaf %6.1f ns |"
               " 2 dup + close(with child) + close %8.0f ns | revoke %8.0f ns\n",
               occ, (t1 - t0) / n, (t2 - t1) / n, (t3 - t2) / n, (t5 - t4) / m, (t6 - t5) / m);
    }
    /* whole-system occupancy: revoke / exit cost with many live slots */
    cap_init();
    cap_bootstrap(&T0, &s);
    cap_create(T0, OBOL_TYPE_ENDPOINT, OBOL_DESC_ANY, &ep);
    uint32_t p[CAP_MAX_TABLES], live = 2;
    for (uint32_t i = 0; i + 1 < CAP_MAX_TABLES; i++) {
        if (cap_create(T0, OBOL_TYPE_PROCESS, OBOL_DESC_ANY, &p[i])) break;
        live++;
        uint32_t t = CAP_D(obj, T0 * S + p[i]);
        (void)t;
        while (cap_mint(T0, ep, p[i], OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &s) == OBOL_OK) live++;
    }
    double t0 = now();
    cap_revoke(T0, ep);
    double t1 = now();
    printf("revoke of an owner with %u live descendants over %u tables: %.0f us\n",
           live - 2 - (CAP_MAX_TABLES - 1), CAP_MAX_TABLES - 1, (t1 - t0) / 1e3);
    return 0;
}
