/* In-kernel test payloads, chosen at boot with "ktest=NAME" (tests/qemu). */
#ifndef KTEST_H
#define KTEST_H
/* Runs the named test; returns only if it passed.  Unknown name: panic. */
void ktest_run(const char *name);
#endif
