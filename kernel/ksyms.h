/* Kernel symbol table for backtraces, generated at link time (kernel/gen-ksyms.sh). */
#ifndef KSYMS_H
#define KSYMS_H
#include <stdint.h>

/* Name of the function containing addr and the offset into it; NULL if none. */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);
#endif
