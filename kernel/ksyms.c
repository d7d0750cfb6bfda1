/* Symbol lookup over the sorted table that gen-ksyms.sh emits. */
#include "ksyms.h"
#include "kernel.h"

extern const uint64_t ksyms_count;
extern const uint64_t ksyms_addrs[];
extern const uint32_t ksyms_name_offsets[];
extern const char ksyms_names[];

const char *ksym_lookup(uint64_t addr, uint64_t *offset)
{
    if (ksyms_count == 0 || addr < ksyms_addrs[0] || addr >= (uint64_t)_text_end)
        return 0;
    uint64_t lo = 0, hi = ksyms_count;      /* last entry <= addr lies in [lo, hi) */
    while (hi - lo > 1) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (ksyms_addrs[mid] <= addr)
            lo = mid;
        else
            hi = mid;
    }
    *offset = addr - ksyms_addrs[lo];
    return &ksyms_names[ksyms_name_offsets[lo]];
}
