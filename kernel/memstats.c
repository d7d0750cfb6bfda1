/* One line of memory figures for the benchmark (boot argument "memstats"):
 * the bytes one descriptor slot and one object of each type cost, counted
 * from the arrays and structures that hold them. */
#include "object.h"
#include "kernel.h"

void print_memstats(void)
{
    /* Per slot: its record (the object-list links and the close scratch
     * mark included).  Per object: the core's record and the kernel's part
     * for each type; object_storage is what every pool entry really takes
     * (the kernel's parts share one union). */
    size_t slot = sizeof(struct cap_slot);
    size_t header = sizeof(struct cap_object);
    kprintf("memstats: slot=%lu object_header=%lu process=%lu thread=%lu endpoint=%lu notification=%lu "
            "region=%lu object_storage=%lu\n",
            slot, header, header + sizeof(struct process), header + sizeof(struct thread),
            header + sizeof(struct endpoint), header + sizeof(struct notification),
            header + sizeof(struct region), header + sizeof(union kobject));
}
