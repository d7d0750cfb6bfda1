/* Give back the resources of objects the capability core has freed. */
#include "object.h"

void reap_objects(void)
{
    uint32_t obj, type;
    while (cap_reap_next(&obj, &type) == 1) {
        if (type == OBOL_TYPE_PROCESS) {
            proc_release(obj);
            descs_dropped = 1;      /* the core emptied its table */
        }
        else if (type == OBOL_TYPE_THREAD)
            thread_release(obj);
        else if (type == OBOL_TYPE_REGION)
            region_release(obj);
        else
            ipc_object_gone(obj, type, OBOL_ERR_PEER_CLOSED);
    }
}
