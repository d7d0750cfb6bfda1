/* The syscall fuzzer in short mode (about 50,000 syscalls), for make test:
 * the same source as user/apps/fuzz with FUZZ_SHORT set (spec/fuzzing.md). */
#define FUZZ_SHORT 1
#include "../fuzz/fuzz.c"
