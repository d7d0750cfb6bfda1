/*
 * Obol capability core: public interface and state layout.
 *
 * Portable, freestanding C: no platform headers, no libc, no allocation.
 * The state is fixed tables of slots, objects and per-table words, in one of
 * two layouts (below).  The ACSL model of this state lives in
 * spec/cap_spec.h; spec/capabilities.md explains it.
 *
 * Descriptors are indexed globally as g = table * CAP_TABLE_SLOTS + slot.
 */
#ifndef OBOL_CAP_H
#define OBOL_CAP_H

#include <stdint.h>
#include "obol/abi.h"

/* ---- Build constants (override with -D) ------------------------------- */
#ifndef CAP_TABLE_SLOTS
#define CAP_TABLE_SLOTS 256u      /* descriptors per process table        */
#endif
#ifndef CAP_MAX_TABLES
#define CAP_MAX_TABLES 64u        /* process tables (= max live processes) */
#endif
#ifndef CAP_MAX_OBJECTS
#define CAP_MAX_OBJECTS 1024u     /* kernel object pool                   */
#endif
#define CAP_G (CAP_MAX_TABLES * CAP_TABLE_SLOTS)  /* all descriptor slots */
#define CAP_FREE_WORDS ((CAP_TABLE_SLOTS + 31u) / 32u) /* free-mask words per table */
#if CAP_TABLE_SLOTS < 1u || CAP_TABLE_SLOTS > 1024u
#error "CAP_TABLE_SLOTS must be 1..1024 (one summary word of 32 mask words)"
#endif
#define CAP_MAX_DEPTH 255u        /* derivation depth limit (uint8 depth)  */
#define CAP_NONE 0xFFFFFFFFu      /* "no index"                            */

/* Descriptor states */
#define CAP_FREE    0u
#define CAP_LIVE    1u
#define CAP_REVOKED 2u
/* Object states */
#define CAP_OFREE   0u            /* in the pool, allocatable              */
#define CAP_OALIVE  1u            /* referenced (descriptors or pins)      */
#define CAP_ODYING  2u            /* last reference gone, on reap queue    */

/* ---- State (read-only outside kernel/cap) ----------------------------- */
/* The fields of one descriptor slot, and of one object.  Code reaches every
 * field as CAP_D(field, g) / CAP_O(field, o) / CAP_MARK(g), never by
 * address, and the proofs show every index in bounds.  So the two layouts
 * below run the same program:
 *   - one record per slot and per object (array of structs), what the kernel
 *     and the host tests build: an operation finds a slot's fields from one
 *     address;
 *   - one array per field (struct of arrays, CAP_LAYOUT_SOA), what Frama-C
 *     proves: WP's Typed model handles each array as a variable of its own,
 *     so a write to one field leaves the others out of every frame goal.
 * The host tests also build and run the core in the second layout
 * (tests/host/cap.mk); proofs/REPORT.md lists the layout among the trusted
 * steps. */
#if defined(__FRAMAC__) && !defined(CAP_LAYOUT_SOA)
#define CAP_LAYOUT_SOA 1
#endif
#ifdef CAP_LAYOUT_SOA
/* per descriptor slot g */
extern uint8_t  cap_d_state[CAP_G];    /* FREE / LIVE / REVOKED            */
extern uint8_t  cap_d_owner[CAP_G];    /* 1: the object's owner descriptor  */
extern uint8_t  cap_d_depth[CAP_G];    /* derivation depth (root = 0)       */
extern uint8_t  cap_d_haschild[CAP_G]; /* may have LIVE children (1 = maybe)*/
extern uint16_t cap_d_obj[CAP_G];      /* object index                      */
extern uint32_t cap_d_rights[CAP_G];   /* rights mask                       */
extern uint32_t cap_d_parent[CAP_G];   /* parent slot g, or CAP_NONE        */
extern uint64_t cap_d_badge[CAP_G];    /* badge (MINT), copied by DUP       */
extern uint8_t  cap_mark[CAP_G];       /* scratch for close (not state)     */
extern uint32_t cap_d_onext[CAP_G];    /* next LIVE descriptor of the object */
extern uint32_t cap_d_oprev[CAP_G];    /* previous one (both CAP_NONE: ends) */
/* per object o */
extern uint8_t  cap_o_state[CAP_MAX_OBJECTS];
extern uint8_t  cap_o_type[CAP_MAX_OBJECTS];
extern uint8_t  cap_o_destroyed[CAP_MAX_OBJECTS];
extern uint32_t cap_o_refs[CAP_MAX_OBJECTS];   /* LIVE descriptors          */
extern uint32_t cap_o_pins[CAP_MAX_OBJECTS];   /* kernel references         */
extern uint64_t cap_o_koid[CAP_MAX_OBJECTS];
extern uint32_t cap_o_owner[CAP_MAX_OBJECTS];  /* owner slot g or CAP_NONE  */
extern uint32_t cap_o_table[CAP_MAX_OBJECTS];  /* PROCESS: its table        */
extern uint32_t cap_o_reap_next[CAP_MAX_OBJECTS];
extern uint32_t cap_o_ohead[CAP_MAX_OBJECTS];  /* its LIVE descriptors: list */
extern uint32_t cap_o_otail[CAP_MAX_OBJECTS];  /* ends, or CAP_NONE          */
#define CAP_D(f, g) cap_d_##f[g]
#define CAP_O(f, o) cap_o_##f[o]
#define CAP_MARK(g) cap_mark[g]
#else
struct cap_slot {               /* 32 bytes */
    uint64_t badge;             /* badge (MINT), copied by DUP       */
    uint32_t rights;            /* rights mask                       */
    uint32_t parent;            /* parent slot g, or CAP_NONE        */
    uint32_t onext, oprev;      /* the object's LIVE descriptors: list */
    uint16_t obj;               /* object index                      */
    uint8_t  state;             /* FREE / LIVE / REVOKED             */
    uint8_t  owner;             /* 1: the object's owner descriptor  */
    uint8_t  depth;             /* derivation depth (root = 0)       */
    uint8_t  haschild;          /* may have LIVE children (1 = maybe) */
    uint8_t  mark;              /* scratch for close (not state)     */
};
struct cap_object {             /* 40 bytes */
    uint64_t koid;
    uint32_t refs;              /* LIVE descriptors                  */
    uint32_t pins;              /* kernel references                 */
    uint32_t owner;             /* owner slot g or CAP_NONE          */
    uint32_t table;             /* PROCESS: its table                */
    uint32_t reap_next;
    uint32_t ohead, otail;      /* its LIVE descriptors: list ends   */
    uint8_t  state, type, destroyed;
};
extern struct cap_slot cap_d[CAP_G];
extern struct cap_object cap_o[CAP_MAX_OBJECTS];
#define CAP_D(f, g) (cap_d[g].f)
#define CAP_O(f, o) (cap_o[o].f)
#define CAP_MARK(g) (cap_d[g].mark)
#endif
/* per table t */
extern uint8_t  cap_t_used[CAP_MAX_TABLES];
extern uint32_t cap_t_obj[CAP_MAX_TABLES];     /* the PROCESS object        */
/* free-slot masks, kept exact by every change of a slot's state: bit s % 32
 * of cap_t_free[t * CAP_FREE_WORDS + s / 32] is set iff slot s of table t
 * is FREE (bits past CAP_TABLE_SLOTS are 0); bit w of cap_t_fsum[t] is set
 * iff that table's mask word w is not 0 (bits past CAP_FREE_WORDS are 0).
 * OBOL_DESC_ANY takes the lowest free slot from them in a fixed number of
 * steps, whatever the table size and occupancy. */
extern uint32_t cap_t_free[CAP_MAX_TABLES * CAP_FREE_WORDS];
extern uint32_t cap_t_fsum[CAP_MAX_TABLES];
/* scalars */
extern uint32_t cap_reap_head, cap_reap_tail;
extern uint64_t cap_next_koid;

/* A descriptor transfer request (IPC): the caller fills entries 0..n-1 of
 * src/op/rights (the sender's side) and dest (the receiver's side), then
 * calls cap_transfer; the core fills result, nr and slot. */
#define CAP_XFER_MAX OBOL_MSG_DESC_MAX
extern obol_desc_t cap_x_src[CAP_XFER_MAX];    /* sender's descriptor          */
extern uint32_t    cap_x_op[CAP_XFER_MAX];     /* OBOL_XFER_MOVE / _DUP        */
extern uint32_t    cap_x_rights[CAP_XFER_MAX]; /* SAME_RIGHTS or a subset      */
extern obol_desc_t cap_x_dest[CAP_XFER_MAX];   /* receiver's slot, or ANY      */
extern int32_t     cap_x_result[CAP_XFER_MAX]; /* out: this entry's outcome    */
extern uint32_t    cap_x_nr[CAP_XFER_MAX];     /* out: rights it arrives with  */
extern uint32_t    cap_x_slot[CAP_XFER_MAX];   /* out: the receiver's slot     */
#define CAP_XFER_SENDER   1                    /* cap_transfer: whose error    */
#define CAP_XFER_RECEIVER 2

/* Five words in the order DESC_INFO returns them (a1..a5), so that the
 * syscall layer can have cap_info fill the result registers in place. */
struct cap_info {
    uint64_t type;
    uint64_t rights;
    uint64_t is_owner;
    uint64_t koid;
    uint64_t badge;
};

/* ---- Operations (return OBOL_OK or a negative OBOL_ERR_*) ------------- */
void cap_init(void);
int  cap_bootstrap(uint32_t *out_table, obol_desc_t *out_slot);
int  cap_create(uint32_t table, uint32_t type, obol_desc_t dest, obol_desc_t *out_slot);
int  cap_mint(uint32_t table, obol_desc_t owner_d, obol_desc_t target_proc_d,
              obol_desc_t dest, uint32_t rights, uint64_t badge, obol_desc_t *out_slot);
int  cap_dup(uint32_t table, obol_desc_t src_d, obol_desc_t target_proc_d,
             obol_desc_t dest, uint32_t rights, uint32_t options, obol_desc_t *out_slot);
int  cap_dup_from(uint32_t table, obol_desc_t src_proc_d, obol_desc_t src_d,
                  obol_desc_t target_proc_d, obol_desc_t dest, uint32_t rights,
                  uint32_t options, obol_desc_t *out_slot);
int  cap_close(uint32_t table, obol_desc_t d);
int  cap_destroy(uint32_t table, obol_desc_t d);
int  cap_revoke(uint32_t table, obol_desc_t d);
int  cap_info(uint32_t table, obol_desc_t d, struct cap_info *out);
int  cap_lookup(uint32_t table, obol_desc_t d, uint32_t type, uint32_t needed,
                uint32_t *out_obj);
void cap_process_exit(uint32_t table);
int  cap_transfer(uint32_t from, uint32_t to, uint32_t n, int *side);
int  cap_xfer_check(uint32_t from, uint32_t n);
int  cap_pin(uint32_t obj);
void cap_unpin(uint32_t obj);
int  cap_reap_next(uint32_t *out_obj, uint32_t *out_type);

/* ---- Accessors ------------------------------------------------------- */
uint32_t cap_type_rights(uint32_t type);
uint32_t cap_obj_type(uint32_t obj);
uint64_t cap_obj_koid(uint32_t obj);
uint32_t cap_obj_refs(uint32_t obj);
uint32_t cap_proc_table(uint32_t obj);
uint32_t cap_table_proc(uint32_t table);
uint32_t cap_table_free_count(uint32_t table);
uint32_t cap_free_objects(void);
uint32_t cap_free_tables(void);

#endif /* OBOL_CAP_H */
