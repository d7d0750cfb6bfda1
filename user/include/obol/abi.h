/*
 * Obol ABI: the one definition of error codes, rights, object types,
 * descriptor constants and (later) syscall numbers.
 *
 * The kernel, the capability core, the user runtime and the reference
 * pages in spec/ all take these values from here.  The X-macro lists are
 * also read by tools/ checks, so keep one entry per line.
 *
 * This header is freestanding: it includes nothing, so it compiles for the
 * host, the RISC-V target and Frama-C alike.
 */
#ifndef OBOL_ABI_H
#define OBOL_ABI_H

/* ---- Status codes ------------------------------------------------------
 * 0 is success; every error is a distinct negative integer.
 * X(name, value, one-line meaning)                                        */
#define OBOL_OK 0
#define OBOL_ERROR_LIST(X)                                                    \
    X(BAD_DESCRIPTOR,   -1, "no such open descriptor, or number out of range") \
    X(WRONG_TYPE,       -2, "descriptor refers to an object of another type")   \
    X(ACCESS_DENIED,    -3, "a required right or ownership is missing")         \
    X(INVALID_ARGS,     -4, "an argument is malformed or not allowed")          \
    X(ALREADY_EXISTS,   -5, "the destination slot is in use")                   \
    X(NO_RESOURCES,     -6, "a table, pool or memory is exhausted")             \
    X(OBJECT_DESTROYED, -7, "the object was destroyed through its owner")       \
    X(REVOKED,          -8, "the descriptor was invalidated by a revoke")       \
    X(BAD_ADDRESS,      -9, "a user pointer is unmapped, misaligned or kernel") \
    X(BAD_SYSCALL,     -10, "unknown syscall number")                           \
    X(PEER_CLOSED,     -11, "the other side of the IPC went away")              \
    X(BAD_STATE,       -12, "the object is not in a state that allows this")   \
    X(BUFFER_TOO_SMALL,-13, "the receive buffers cannot hold the message")

enum obol_error {
#define OBOL_X_ERROR(name, value, text) OBOL_ERR_##name = (value),
    OBOL_ERROR_LIST(OBOL_X_ERROR)
#undef OBOL_X_ERROR
};

/* ---- Rights --------------------------------------------------------------
 * A descriptor's rights are a 32-bit mask.  X(name, bit number)            */
#define OBOL_RIGHT_LIST(X) \
    X(DUPLICATE, 0)        \
    X(TRANSFER,  1)        \
    X(READ,      2)        \
    X(WRITE,     3)        \
    X(EXECUTE,   4)        \
    X(MAP,       5)        \
    X(SEND,      6)        \
    X(RECEIVE,   7)        \
    X(SIGNAL,    8)        \
    X(WAIT,      9)        \
    X(OPEN,     10)        \
    X(DESTROY,  11)        \
    X(INSPECT,  12)        \
    X(EXTRACT,  13)

#define OBOL_RIGHT_COUNT 14

enum obol_right {
#define OBOL_X_RIGHT(name, bit) OBOL_RIGHT_##name = (1 << (bit)),
    OBOL_RIGHT_LIST(OBOL_X_RIGHT)
#undef OBOL_X_RIGHT
};

#define OBOL_RIGHTS_NONE  0x00000000u
/* "The source's rights": accepted wherever a rights mask is asked for. */
#define OBOL_SAME_RIGHTS  0x80000000u

/* ---- Object types --------------------------------------------------------
 * X(name, value, valid rights of the type).  The owner descriptor made at
 * creation holds exactly the type's valid rights.                          */
#define OBOL_RIGHTS_COMMON \
    (OBOL_RIGHT_DUPLICATE | OBOL_RIGHT_TRANSFER | OBOL_RIGHT_DESTROY | OBOL_RIGHT_INSPECT)

#define OBOL_TYPE_LIST(X)                                                          \
    X(PROCESS,      1, OBOL_RIGHTS_COMMON | OBOL_RIGHT_OPEN | OBOL_RIGHT_EXTRACT)     \
    X(THREAD,       2, OBOL_RIGHTS_COMMON | OBOL_RIGHT_WRITE)                         \
    X(ENDPOINT,     3, OBOL_RIGHTS_COMMON | OBOL_RIGHT_SEND | OBOL_RIGHT_RECEIVE)     \
    X(NOTIFICATION, 4, OBOL_RIGHTS_COMMON | OBOL_RIGHT_SIGNAL | OBOL_RIGHT_WAIT)      \
    X(REGION,       5, OBOL_RIGHTS_COMMON | OBOL_RIGHT_READ | OBOL_RIGHT_WRITE |      \
                       OBOL_RIGHT_EXECUTE | OBOL_RIGHT_MAP)

#define OBOL_TYPE_MIN 1
#define OBOL_TYPE_MAX 5

enum obol_type {
#define OBOL_X_TYPE(name, value, rights) OBOL_TYPE_##name = (value),
    OBOL_TYPE_LIST(OBOL_X_TYPE)
#undef OBOL_X_TYPE
};

/* ---- Descriptors ---------------------------------------------------------*/
typedef unsigned int obol_desc_t;

/* As a destination slot: "the lowest free slot", returned to the caller. */
#define OBOL_DESC_ANY 0xFFFFFFFFu
/* As desc_dup_from's target process: "no process" (with
 * OBOL_DUP_CLOSE_SOURCE: close the source descriptor, copy nothing). */
#define OBOL_DESC_NONE 0xFFFFFFFEu

/* Options of DUP. */
#define OBOL_DUP_CLOSE_SOURCE 0x1u
#define OBOL_DUP_OPTIONS_VALID (OBOL_DUP_CLOSE_SOURCE)

/* ---- Syscalls ------------------------------------------------------------
 * ecall with the number in a7 and arguments in a0..a5; the kernel returns
 * the status (OBOL_OK or a negative OBOL_ERR_*) in a0 and a value in a1,
 * t0..t6 as 0, and every other register as it was (but for the values some
 * calls return in a2..a7, below).
 *
 * X(NAME, name, number, (C parameters of the user function obol_<name>))
 * The kernel handler is sys_<name>.  Where the user function takes a last
 * parameter `out`, the stub stores a1 there on success; the kernel never
 * sees that pointer.  desc_info returns its struct's fields in a1..a5
 * (below), which the stub stores; system_info's `out` is the exception:
 * the kernel copies the structure out to it.                               */
#define OBOL_SYSCALL_LIST(X)                                                              \
    X(DEBUG_WRITE,    debug_write,     1, (const char *buf, unsigned long len))                 \
    X(PROCESS_CREATE, process_create,  2, (obol_desc_t dest, obol_desc_t *out))                 \
    X(PROCESS_EXIT,   process_exit,    3, (long status))                                        \
    X(THREAD_CREATE,  thread_create,   4, (obol_desc_t process, obol_desc_t dest, obol_desc_t *out)) \
    X(THREAD_START,   thread_start,    5, (obol_desc_t thread, unsigned long pc, unsigned long sp, unsigned long arg)) \
    X(THREAD_EXIT,    thread_exit,     6, (void))                                               \
    X(THREAD_YIELD,   thread_yield,    7, (void))                                               \
    X(REGION_CREATE,  region_create,   8, (unsigned long size, obol_desc_t dest, obol_desc_t *out)) \
    X(REGION_MAP,     region_map,      9, (obol_desc_t region, obol_desc_t process, unsigned long va, unsigned int prot)) \
    X(REGION_UNMAP,   region_unmap,   10, (obol_desc_t process, unsigned long va))              \
    X(DESC_MINT,      desc_mint,      11, (obol_desc_t owner, obol_desc_t process, obol_desc_t dest, unsigned int rights, unsigned long badge, obol_desc_t *out)) \
    X(DESC_DUP,       desc_dup,       12, (obol_desc_t src, obol_desc_t process, obol_desc_t dest, unsigned int rights, unsigned int options, obol_desc_t *out)) \
    X(DESC_CLOSE,     desc_close,     13, (obol_desc_t desc))                                   \
    X(DESC_DESTROY,   desc_destroy,   14, (obol_desc_t owner))                                  \
    X(DESC_REVOKE,    desc_revoke,    15, (obol_desc_t desc))                                   \
    X(DESC_INFO,      desc_info,      16, (obol_desc_t desc, struct obol_desc_info *out))  \
    X(SYSTEM_INFO,    system_info,    17, (struct obol_system_info *out))                   \
    X(ENDPOINT_CREATE, endpoint_create, 18, (obol_desc_t dest, obol_desc_t *out))            \
    X(NOTIFICATION_CREATE, notification_create, 19, (obol_desc_t dest, obol_desc_t *out))    \
    X(IPC_SEND,       ipc_send,       20, (obol_desc_t endpoint, struct obol_msg *msg))        \
    X(IPC_RECV,       ipc_recv,       21, (obol_desc_t endpoint, struct obol_msg *msg))        \
    X(IPC_CALL,       ipc_call,       22, (obol_desc_t endpoint, struct obol_msg *msg))        \
    X(IPC_REPLY,      ipc_reply,      23, (unsigned long reply_token, struct obol_msg *msg))   \
    X(NOTIFY_SIGNAL,  notify_signal,  24, (obol_desc_t notification, unsigned long bits))      \
    X(NOTIFY_WAIT,    notify_wait,    25, (obol_desc_t notification, unsigned long *out))      \
    X(IPC_REPLY_RECV, ipc_reply_recv, 26, (unsigned long reply_token, obol_desc_t endpoint, struct obol_msg *msg)) \
    X(NOTIFY_TIMER,   notify_timer,   27, (obol_desc_t notification, unsigned long bits, unsigned long ticks, unsigned long period)) \
    X(DESC_DUP_FROM,  desc_dup_from,  28, (obol_desc_t src_process, obol_desc_t src, obol_desc_t process, obol_desc_t dest, unsigned int rights, unsigned int options, obol_desc_t *out))

#define OBOL_SYSCALL_MAX 28

/* notify_timer: the clock signals a notification.  Times are in timer ticks
 * (the kernel's TICK_HZ, 100 per second unless built otherwise). */
#define OBOL_TIMER_TICKS_MAX 0xFFFFFFFFul   /* largest ticks or period */
#define OBOL_TIMERS_MAX      64             /* notifications armed at once */

enum obol_syscall {
#define OBOL_X_SYSCALL(NAME, name, number, params) OBOL_SYS_##NAME = (number),
    OBOL_SYSCALL_LIST(OBOL_X_SYSCALL)
#undef OBOL_X_SYSCALL
};

/* What DESC_INFO reports: on success the kernel returns type in a1, rights
 * in a2, is_owner in a3, koid in a4 and badge in a5 (on failure a1 = 0,
 * a2..a5 unchanged); the stub stores them, with reserved = 0. */
struct obol_desc_info {
    unsigned int type;          /* OBOL_TYPE_* */
    unsigned int rights;        /* the descriptor's rights */
    unsigned int is_owner;      /* 1 for the owner descriptor */
    unsigned int reserved;      /* 0 */
    unsigned long long koid;    /* the object's id: unique, never reused */
    unsigned long long badge;   /* set at MINT, copied by DUP */
};

/* ---- IPC messages -----------------------------------------------------------
 * A message is 4 words (carried in registers a2..a5), up to OBOL_MSG_DATA_MAX
 * bytes of data and up to OBOL_MSG_DESC_MAX descriptors.  The kernel reads
 * and writes struct obol_msg itself (a1 of the ecall; 0 = words only).
 *
 * Registers (the stubs do this): send/call/reply: a0 = endpoint or reply
 * token, a1 = &msg or 0, a2..a5 = words; reply_recv as reply, with the
 * endpoint in a6.  On return from recv: a0 = status,
 * a1 = badge, a2..a5 = words, a6 = reply token (0 for a plain send),
 * a7 = data bytes | descriptors << 32 (reply_recv returns as recv); from
 * call: a0 = status, a2..a5 = the reply's words, a7 as for recv.            */
#define OBOL_MSG_WORDS     4
#define OBOL_MSG_DATA_MAX  256u
#define OBOL_MSG_DESC_MAX  8u

/* One descriptor in a message: what to send (send/call/reply), or where
 * to put what arrives (recv, call's reply). */
struct obol_msg_desc {
    obol_desc_t desc;           /* send: the descriptor; recv: the slot, or OBOL_DESC_ANY */
    unsigned int op;            /* send: OBOL_XFER_MOVE or OBOL_XFER_DUP */
    unsigned int rights;        /* send: OBOL_SAME_RIGHTS or a subset; recv: the rights it arrived with */
    int result;                 /* send: this entry's outcome (OBOL_OK or an error) */
};
#define OBOL_XFER_MOVE 1u       /* the sender's descriptor goes away */
#define OBOL_XFER_DUP  2u       /* the sender keeps it; needs DUPLICATE */

struct obol_msg {
    unsigned long words[OBOL_MSG_WORDS];
    unsigned long badge;        /* after recv: the badge of the descriptor the sender used */
    unsigned long reply_token;  /* after recv: pass to ipc_reply to answer a call; 0 for a send */
    void *data;                 /* the bytes to send; and where received bytes go */
    unsigned int data_len;      /* send: bytes to send; after a receive: bytes received */
    unsigned int data_cap;      /* receive (recv, call's reply): room at data */
    struct obol_msg_desc *desc; /* send: entries to send; receive: where they go */
    unsigned int ndesc;         /* send: entries; after a receive: entries received */
    unsigned int desc_cap;      /* receive: entries available at desc */
};

/* What SYSTEM_INFO reports: kernel resource counts, for tests and tools. */
struct obol_system_info {
    unsigned long long frames_free;     /* physical frames not in use */
    unsigned long long frames_total;    /* frames the kernel manages */
    unsigned int objects_free;          /* free entries in the object pool */
    unsigned int tables_free;           /* free descriptor tables (processes) */
    unsigned int mappings;              /* region mappings in use */
    unsigned int reserved;              /* 0 */
    unsigned long long boot_instret;    /* instret at the kernel's first instruction */
    unsigned long long ipc_fastpath;    /* calls and replies taken by the IPC fast path */
};

/* ---- User address space ----------------------------------------------------
 * User virtual addresses lie in [OBOL_USER_BASE, OBOL_USER_TOP).  REGION_MAP's
 * prot is a mask of OBOL_RIGHT_READ, OBOL_RIGHT_WRITE and OBOL_RIGHT_EXECUTE,
 * each of which the region descriptor must hold.                            */
#define OBOL_PAGE_SIZE   4096ul
#define OBOL_USER_BASE   0x0000000000010000ul
#define OBOL_USER_TOP    0x0000004000000000ul
#define OBOL_PROT_MASK   (OBOL_RIGHT_READ | OBOL_RIGHT_WRITE | OBOL_RIGHT_EXECUTE)

/* ---- Boot-time convention for init (spec/boot.md) ---------------------------
 * init starts with these descriptors in its table, and with a0 = the virtual
 * address of the boot archive (mapped read-only), a1 = its size in bytes.    */
#define OBOL_INIT_SELF     0u   /* init's own process (owner: OPEN, DESTROY, ...) */
#define OBOL_INIT_THREAD   1u   /* init's main thread (owner) */
#define OBOL_INIT_ARCHIVE  2u   /* the boot archive's region (owner) */

#endif /* OBOL_ABI_H */
