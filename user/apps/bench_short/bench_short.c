/* The benchmark in short mode (fewer iterations), for `make test-bench`:
 * the same source as user/apps/bench with BENCH_SHORT set (spec/bench.md). */
#define BENCH_SHORT 1
#include "../bench/bench.c"
