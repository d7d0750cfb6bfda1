/* One line of memory figures for the benchmark (boot argument "memstats"):
 * the bytes one descriptor slot and one object of each type cost, counted
 * from the arrays and structures that hold them. */
#include "object.h"
#include "kernel.h"

#define ELEM(a) sizeof((a)[0])

void print_memstats(void)
{
    /* Per slot: every cap_d_* array (with the object-list links), plus the
     * close scratch mark. */
    size_t slot = ELEM(cap_d_state) + ELEM(cap_d_owner) + ELEM(cap_d_depth) + ELEM(cap_d_haschild) +
                  ELEM(cap_d_obj) + ELEM(cap_d_rights) + ELEM(cap_d_parent) + ELEM(cap_d_badge) +
                  ELEM(cap_mark) + ELEM(cap_d_onext) + ELEM(cap_d_oprev);
    /* Per object: the core's header (cap_o_* arrays) and the kernel's part
     * for each type; object_storage is what every pool entry really takes
     * (the kernel's parts share one union). */
    size_t header = ELEM(cap_o_state) + ELEM(cap_o_type) + ELEM(cap_o_destroyed) + ELEM(cap_o_refs) +
                    ELEM(cap_o_pins) + ELEM(cap_o_koid) + ELEM(cap_o_owner) + ELEM(cap_o_table) +
                    ELEM(cap_o_reap_next) + ELEM(cap_o_ohead) + ELEM(cap_o_otail);
    kprintf("memstats: slot=%lu object_header=%lu process=%lu thread=%lu endpoint=%lu notification=%lu "
            "region=%lu object_storage=%lu\n",
            slot, header, header + sizeof(struct process), header + sizeof(struct thread),
            header + sizeof(struct endpoint), header + sizeof(struct notification),
            header + sizeof(struct region), header + sizeof(union kobject));
}
