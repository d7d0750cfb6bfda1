/*
 * System call layer: decode the registers, validate every argument, call the
 * capability core or the object code, put the status in a0 and a value in a1.
 * No capability logic lives here: rights, ownership and derivation are the
 * core's (kernel/cap).
 */
#include "object.h"
#include "kernel.h"
#include "uaccess.h"
#include "mm/frame.h"
#include "cap/cap_lookup.h"

#define ARG(tf, n) ((tf)->regs[10 + (n)])
#define DEBUG_WRITE_MAX 4096u
/* The descriptor calls with a fast entry (below) are inlined there. */
#define HOT inline __attribute__((always_inline))

static struct thread *self(void) { return thread_of(current); }
static uint32_t self_proc(void) { return self()->proc; }
static uint32_t self_table(void) { return current_table; }
static pte_t *self_root(void) { return current_root; }

/* Descriptor numbers are 32 bits; a wider value is no descriptor at all
 * (never OBOL_DESC_ANY or OBOL_DESC_NONE, which mean something). */
#define DESC_TOO_WIDE 0xFFFFFF00u
static uint32_t desc_value(uint64_t v)
{
    return v > 0xFFFFFFFFul ? DESC_TOO_WIDE : (uint32_t)v;
}

static uint32_t desc_arg(struct trapframe *tf, int n)
{
    return desc_value(ARG(tf, n));
}

static uint32_t u32_arg(struct trapframe *tf, int n, int *bad)
{
    uint64_t v = ARG(tf, n);
    if (v > 0xFFFFFFFFul)
        *bad = 1;
    return (uint32_t)v;
}

static void ret(struct trapframe *tf, long status, uint64_t value)
{
    ARG(tf, 0) = (uint64_t)status;
    ARG(tf, 1) = value;
}

static void sys_debug_write(struct trapframe *tf)
{
    static char buf[DEBUG_WRITE_MAX];
    uint64_t len = ARG(tf, 1);
    if (len > DEBUG_WRITE_MAX)
        return ret(tf, OBOL_ERR_INVALID_ARGS, 0);
    int r = copy_from_user(self_root(), buf, ARG(tf, 0), len, 1);
    if (r == OBOL_OK)
        console_write(buf, len);
    ret(tf, r, r == OBOL_OK ? len : 0);
}

/* Create an object of `type` bound to an owner in the caller's table, and
 * give it its kernel state; undo the creation if that fails. */
static int create_object(uint32_t type, obol_desc_t dest, obol_desc_t *slot, uint32_t *obj)
{
    int r = cap_create(self_table(), type, dest, slot);
    if (r != OBOL_OK)
        return r;
    return cap_lookup(self_table(), *slot, type, 0, obj);
}

static void undo_create(obol_desc_t slot)
{
    cap_destroy(self_table(), slot);
}

static void sys_process_create(struct trapframe *tf)
{
    obol_desc_t slot;
    uint32_t obj;
    int r = create_object(OBOL_TYPE_PROCESS, desc_arg(tf, 0), &slot, &obj);
    if (r == OBOL_OK && (r = proc_init_object(obj)) != OBOL_OK)
        undo_create(slot);
    ret(tf, r, r == OBOL_OK ? slot : 0);
}

static void sys_process_exit(struct trapframe *tf)
{
    proc_exit(self_proc(), (long)ARG(tf, 0));
}

static void sys_thread_create(struct trapframe *tf)
{
    uint32_t proc, obj;
    obol_desc_t slot;
    int r = cap_lookup(self_table(), desc_arg(tf, 0), OBOL_TYPE_PROCESS, OBOL_RIGHT_OPEN, &proc);
    if (r == OBOL_OK && !proc_of(proc)->alive)
        r = OBOL_ERR_BAD_STATE;
    if (r == OBOL_OK && (r = create_object(OBOL_TYPE_THREAD, desc_arg(tf, 1), &slot, &obj)) == OBOL_OK)
        thread_init_object(obj, proc);
    ret(tf, r, r == OBOL_OK ? slot : 0);
}

static void sys_thread_start(struct trapframe *tf)
{
    uint32_t obj;
    uint64_t pc = ARG(tf, 1), sp = ARG(tf, 2);
    int r = cap_lookup(self_table(), desc_arg(tf, 0), OBOL_TYPE_THREAD, OBOL_RIGHT_WRITE, &obj);
    if (r == OBOL_OK && (pc >= OBOL_USER_TOP || (pc & 1) || sp > OBOL_USER_TOP))
        r = OBOL_ERR_INVALID_ARGS;
    if (r == OBOL_OK)
        r = thread_start(obj, pc, sp, ARG(tf, 3));
    ret(tf, r, 0);
}

static void sys_thread_exit(struct trapframe *tf)
{
    (void)tf;
    thread_kill(current);
}

static void sys_thread_yield(struct trapframe *tf)
{
    ret(tf, OBOL_OK, 0);
    sched_yield();
}

static void sys_region_create(struct trapframe *tf)
{
    uint64_t size = ARG(tf, 0);
    obol_desc_t slot;
    uint32_t obj;
    int r = OBOL_OK;
    if (size == 0 || size > REGION_MAX_PAGES * PAGE_SIZE)
        r = OBOL_ERR_INVALID_ARGS;
    if (r == OBOL_OK && (r = create_object(OBOL_TYPE_REGION, desc_arg(tf, 1), &slot, &obj)) == OBOL_OK &&
        (r = region_init_object(obj, size)) != OBOL_OK)
        undo_create(slot);
    ret(tf, r, r == OBOL_OK ? slot : 0);
}

static void sys_region_map(struct trapframe *tf)
{
    uint32_t region, proc;
    uint64_t va = ARG(tf, 2);
    int bad = 0;
    uint32_t prot = u32_arg(tf, 3, &bad);
    int r = cap_lookup(self_table(), desc_arg(tf, 0), OBOL_TYPE_REGION, OBOL_RIGHT_MAP, &region);
    if (r == OBOL_OK && (bad || prot == 0 || (prot & ~OBOL_PROT_MASK) ||
                         ((prot & OBOL_RIGHT_WRITE) && !(prot & OBOL_RIGHT_READ))))
        r = OBOL_ERR_INVALID_ARGS;
    if (r == OBOL_OK)           /* page permissions never exceed the descriptor's rights */
        r = cap_lookup(self_table(), desc_arg(tf, 0), OBOL_TYPE_REGION, OBOL_RIGHT_MAP | prot, &region);
    if (r == OBOL_OK)
        r = cap_lookup(self_table(), desc_arg(tf, 1), OBOL_TYPE_PROCESS, OBOL_RIGHT_OPEN, &proc);
    if (r == OBOL_OK && ((va & (PAGE_SIZE - 1)) || va < OBOL_USER_BASE || va >= OBOL_USER_TOP))
        r = OBOL_ERR_INVALID_ARGS;
    if (r == OBOL_OK)
        r = region_map(region, proc, va, prot);
    ret(tf, r, 0);
}

static void sys_region_unmap(struct trapframe *tf)
{
    uint32_t proc;
    int r = cap_lookup(self_table(), desc_arg(tf, 0), OBOL_TYPE_PROCESS, OBOL_RIGHT_OPEN, &proc);
    if (r == OBOL_OK)
        r = region_unmap(proc, ARG(tf, 1));
    ret(tf, r, 0);
}

/* The caller's frame, in tp from trapentry.S to the end of the trap: the
 * fast entries below write their results through it, so that no register
 * has to keep the frame across the call into the core. */
register struct trapframe *trap_frame __asm__("tp");

/* ret() for the descriptor calls, through tp itself: ret(trap_frame, ...)
 * copies tp into a temporary first (measured: mint 301 instead of 298,
 * close 186 instead of 184, which stores through tp as well). */
static HOT void desc_result(int r, obol_desc_t out)
{
    ARG(trap_frame, 0) = (uint64_t)(long)r;
    ARG(trap_frame, 1) = r == OBOL_OK ? out : 0;
}

/* The general entries of MINT and DUP: any argument values, each
 * checked in the documented order.  The fast entries (below) take the
 * common case and leave the rest here. */
static void sys_desc_mint(struct trapframe *tf)
{
    obol_desc_t out = 0;
    int r = ARG(tf, 3) > 0xFFFFFFFFul ? OBOL_ERR_INVALID_ARGS
          : cap_mint(self_table(), desc_arg(tf, 0), desc_arg(tf, 1), desc_arg(tf, 2),
                     (uint32_t)ARG(tf, 3), ARG(tf, 4), &out);
    desc_result(r, out);
}

static void sys_desc_dup(struct trapframe *tf)
{
    obol_desc_t out = 0;
    int r = (ARG(tf, 3) | ARG(tf, 4)) > 0xFFFFFFFFul ? OBOL_ERR_INVALID_ARGS
          : cap_dup(self_table(), desc_arg(tf, 0), desc_arg(tf, 1), desc_arg(tf, 2),
                    (uint32_t)ARG(tf, 3), (uint32_t)ARG(tf, 4), &out);
    desc_result(r, out);
    if (ARG(tf, 4) & OBOL_DUP_CLOSE_SOURCE)
        note_descs_dropped();
}

/* Third-party DUP and remote close: a0 = source process, a1 = src (in the
 * source process's table), a2 = target process or OBOL_DESC_NONE, a3 =
 * dest, a4 = rights, a5 = options. */
static void sys_desc_dup_from(struct trapframe *tf)
{
    obol_desc_t out = 0;
    int r = (ARG(tf, 4) | ARG(tf, 5)) > 0xFFFFFFFFul ? OBOL_ERR_INVALID_ARGS
          : cap_dup_from(self_table(), desc_arg(tf, 0), desc_arg(tf, 1), desc_arg(tf, 2),
                         desc_arg(tf, 3), (uint32_t)ARG(tf, 4), (uint32_t)ARG(tf, 5), &out);
    desc_result(r, out);
    if (ARG(tf, 5) & OBOL_DUP_CLOSE_SOURCE)
        note_descs_dropped();
}

/* Destroying a process or thread through its owner also stops it. */
static void sys_desc_destroy(struct trapframe *tf)
{
    struct cap_info info;
    uint32_t obj = NONE;
    obol_desc_t d = desc_arg(tf, 0);
    if (cap_info(self_table(), d, &info) == OBOL_OK && info.is_owner)
        cap_lookup(self_table(), d, info.type, 0, &obj);
    int r = cap_destroy(self_table(), d);
    ret(tf, r, 0);
    if (r == OBOL_OK && obj != NONE) {
        if (info.type == OBOL_TYPE_PROCESS)
            proc_exit(obj, EXIT_KILLED);
        else if (info.type == OBOL_TYPE_THREAD)
            thread_kill(obj);
        else if (info.type == OBOL_TYPE_ENDPOINT || info.type == OBOL_TYPE_NOTIFICATION)
            ipc_object_gone(obj, info.type, OBOL_ERR_OBJECT_DESTROYED);
    }
    note_descs_dropped();
}

static void sys_desc_revoke(struct trapframe *tf)
{
    ret(tf, cap_revoke(self_table(), desc_arg(tf, 0)), 0);
    note_descs_dropped();
}

/* The fields go back in a1..a5, which struct cap_info mirrors: the core
 * fills them in place (and leaves them alone on failure); the stub stores
 * them (no user copy). */
_Static_assert(sizeof(struct cap_info) == 5 * sizeof(uint64_t) &&
               offsetof(struct cap_info, rights) == 1 * sizeof(uint64_t) &&
               offsetof(struct cap_info, is_owner) == 2 * sizeof(uint64_t) &&
               offsetof(struct cap_info, koid) == 3 * sizeof(uint64_t) &&
               offsetof(struct cap_info, badge) == 4 * sizeof(uint64_t), "cap_info is a1..a5");

static void sys_system_info(struct trapframe *tf)
{
    struct obol_system_info out = {
        .frames_free = frame_free_count(),
        .frames_total = frame_total_count(),
        .objects_free = cap_free_objects(),
        .tables_free = cap_free_tables(),
        .mappings = mappings_in_use(),
        .reserved = 0,
        .boot_instret = boot_instret,
        .ipc_fastpath = ipc_fastpath_count,
    };
    ret(tf, copy_to_user(self_root(), ARG(tf, 0), &out, sizeof out, 8), 0);
}

/* ---- IPC: these write only a0 (and a1 where they say so): the other
 * registers carry the message (kernel/ipc.c). ---- */

static void status(struct trapframe *tf, long st)
{
    ARG(tf, 0) = (uint64_t)st;
}

static void create_ipc_object(struct trapframe *tf, uint32_t type)
{
    obol_desc_t slot;
    uint32_t obj;
    int r = create_object(type, desc_arg(tf, 0), &slot, &obj);
    if (r == OBOL_OK)
        ipc_object_init(obj, type);
    ret(tf, r, r == OBOL_OK ? slot : 0);
}

static void sys_endpoint_create(struct trapframe *tf)
{
    create_ipc_object(tf, OBOL_TYPE_ENDPOINT);
}

static void sys_notification_create(struct trapframe *tf)
{
    create_ipc_object(tf, OBOL_TYPE_NOTIFICATION);
}

static void send_or_call(struct trapframe *tf, int call)
{
    uint32_t ep;
    obol_desc_t d = desc_arg(tf, 0);
    int r = cap_lookup(self_table(), d, OBOL_TYPE_ENDPOINT, OBOL_RIGHT_SEND, &ep);
    status(tf, r == OBOL_OK ? ipc_send(ep, CAP_D(badge, self_table() * CAP_TABLE_SLOTS + d), call) : r);
}

static void sys_ipc_send(struct trapframe *tf)
{
    send_or_call(tf, 0);
}

static void sys_ipc_call(struct trapframe *tf)
{
    send_or_call(tf, 1);
}

static void sys_ipc_recv(struct trapframe *tf)
{
    uint32_t ep;
    int r = cap_lookup(self_table(), desc_arg(tf, 0), OBOL_TYPE_ENDPOINT, OBOL_RIGHT_RECEIVE, &ep);
    status(tf, r == OBOL_OK ? ipc_recv(ep) : r);
}

static void sys_ipc_reply(struct trapframe *tf)
{
    status(tf, ipc_reply(ARG(tf, 0)));
}

/* Reply to the call named by a0 (none if 0), then receive on the endpoint
 * in a6.  The endpoint is checked first, so a bad one costs no reply. */
static void sys_ipc_reply_recv(struct trapframe *tf)
{
    uint32_t ep;
    uint64_t d = tf->regs[16];
    int r = cap_lookup(self_table(), desc_value(d), OBOL_TYPE_ENDPOINT,
                       OBOL_RIGHT_RECEIVE, &ep);
    if (r == OBOL_OK && ARG(tf, 0) != 0)
        r = ipc_reply(ARG(tf, 0));
    status(tf, r == OBOL_OK ? ipc_recv(ep) : r);
}

static void sys_notify_signal(struct trapframe *tf)
{
    uint32_t n;
    int r = cap_lookup(self_table(), desc_arg(tf, 0), OBOL_TYPE_NOTIFICATION, OBOL_RIGHT_SIGNAL, &n);
    if (r == OBOL_OK)
        notify_signal(n, ARG(tf, 1));
    ret(tf, r, 0);
}

static void sys_notify_timer(struct trapframe *tf)
{
    uint32_t n;
    uint64_t bits = ARG(tf, 1), ticks = ARG(tf, 2), period = ARG(tf, 3);
    int r = cap_lookup(self_table(), desc_arg(tf, 0), OBOL_TYPE_NOTIFICATION, OBOL_RIGHT_SIGNAL, &n);
    if (r == OBOL_OK && ticks != 0 &&
        (bits == 0 || ticks > OBOL_TIMER_TICKS_MAX || period > OBOL_TIMER_TICKS_MAX))
        r = OBOL_ERR_INVALID_ARGS;
    if (r == OBOL_OK)
        r = notify_timer_set(n, bits, ticks, period);
    ret(tf, r, 0);
}

static void sys_notify_wait(struct trapframe *tf)
{
    uint32_t n;
    uint64_t bits = 0;
    int r = cap_lookup(self_table(), desc_arg(tf, 0), OBOL_TYPE_NOTIFICATION, OBOL_RIGHT_WAIT, &n);
    if (r != OBOL_OK)
        return ret(tf, r, 0);
    if (notify_wait(n, &bits) == 0)
        ret(tf, OBOL_OK, bits);         /* else the signaller fills a0/a1 */
}

/* Numbers with no entry (and past the table) are answered by this; the
 * caller goes on (trapentry.S resumes the frame it returns). */
struct trapframe *syscall_bad(struct trapframe *tf)
{
    status(tf, OBOL_ERR_BAD_SYSCALL);
    return tf;
}

/* MINT, DUP, DUP_FROM, CLOSE and INFO answer in the entry's fast slot and resume the
 * caller at once: they block, wake and switch nothing, so the trap's common
 * end has work only when descriptors went away (CLOSE).  a0 is read from
 * the frame, a1..a5 come in their registers.  MINT and DUP take the
 * common case only: every descriptor and rights argument 32 bits wide, and
 * DUP without options; anything else returns 0, to the general entry.
 * flatten: the core's operation is inlined here (syscall.c and cap.c are
 * compiled for link-time optimisation, kernel/kernel.mk). */
static __attribute__((flatten)) struct trapframe *fast_desc_mint(FAST_ENTRY_PARAMS(tf))
{
    uint64_t a0 = ARG(tf, 0);
    if ((a0 | a1 | a2 | a3) >> 32)
        return 0;
    obol_desc_t out = 0;
    desc_result(cap_mint(self_table(), (uint32_t)a0, (uint32_t)a1, (uint32_t)a2, (uint32_t)a3, a4, &out),
                out);
    return trap_frame;
}

static __attribute__((flatten)) struct trapframe *fast_desc_dup(FAST_ENTRY_PARAMS(tf))
{
    uint64_t a0 = ARG(tf, 0);
    if (((a0 | a1 | a2 | a3) >> 32) | a4)
        return 0;
    obol_desc_t out = 0;
    desc_result(cap_dup(self_table(), (uint32_t)a0, (uint32_t)a1, (uint32_t)a2, (uint32_t)a3, 0, &out),
                out);
    return trap_frame;
}

/* Third-party DUP's common case: every argument 32 bits wide, no options
 * (so no remote close: nothing goes away). */
static __attribute__((flatten)) struct trapframe *fast_desc_dup_from(FAST_ENTRY_PARAMS(tf))
{
    uint64_t a0 = ARG(tf, 0);
    if (((a0 | a1 | a2 | a3 | a4) >> 32) | a5)
        return 0;
    obol_desc_t out = 0;
    desc_result(cap_dup_from(self_table(), (uint32_t)a0, (uint32_t)a1, (uint32_t)a2, (uint32_t)a3,
                             (uint32_t)a4, 0, &out),
                out);
    return trap_frame;
}

static __attribute__((flatten)) struct trapframe *fast_desc_close(FAST_ENTRY_PARAMS(tf))
{
    ARG(tf, 1) = 0;                     /* before the call: tf is in a0 until then */
    ARG(trap_frame, 0) = (uint64_t)(long)cap_close(self_table(), desc_value(ARG(tf, 0)));
    note_descs_dropped();
    return trap_cleanup_due() ? trap_syscall_done(trap_frame) : trap_frame;
}

static struct trapframe *fast_desc_info(FAST_ENTRY_PARAMS(tf))
{
    int r = cap_info_inline(self_table(), desc_value(ARG(tf, 0)), (struct cap_info *)&ARG(tf, 1));
    ARG(tf, 0) = (uint64_t)(long)r;
    if (r != OBOL_OK)
        ARG(tf, 1) = 0;
    return tf;
}

/* The IPC numbers try a fast path first (kernel/ipc.c). */
#define FAST_PATH(n)                                                              \
    ((n) == OBOL_SYS_IPC_CALL ? ipc_fast_call :                                   \
     (n) == OBOL_SYS_IPC_REPLY ? ipc_fast_reply :                                 \
     (n) == OBOL_SYS_IPC_REPLY_RECV ? ipc_fast_reply_recv :                       \
     (n) == OBOL_SYS_DESC_MINT ? fast_desc_mint :                                 \
     (n) == OBOL_SYS_DESC_DUP ? fast_desc_dup :                                   \
     (n) == OBOL_SYS_DESC_DUP_FROM ? fast_desc_dup_from :                         \
     (n) == OBOL_SYS_DESC_CLOSE ? fast_desc_close :                               \
     (n) == OBOL_SYS_DESC_INFO ? fast_desc_info : 0)

/* Indexed by syscall number (abi.h) by riscv/trapentry.S. */
#define OBOL_X_NONZERO(NAME, name, number, params) \
    _Static_assert((number) != 0, "entry 0 answers the numbers past the table");
OBOL_SYSCALL_LIST(OBOL_X_NONZERO)
#undef OBOL_X_NONZERO
_Static_assert(OBOL_SYSCALL_MAX < (1 << SYSCALL_TABLE_SHIFT), "syscall numbers fit the table");
_Static_assert(sizeof(struct syscall_entry) == 1 << SYSCALL_ENTRY_SHIFT, "trapentry.S indexes entries");

/* CLOSE's and INFO's fast entries always answer: they have no general one. */
#define sys_desc_close 0
#define sys_desc_info 0

const struct syscall_entry syscall_table[1 << SYSCALL_TABLE_SHIFT] = {
#define OBOL_X_ENTRY(NAME, name, number, params) \
    [number] = { FAST_PATH(number), sys_##name },
    OBOL_SYSCALL_LIST(OBOL_X_ENTRY)
#undef OBOL_X_ENTRY
};
