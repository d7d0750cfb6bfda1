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
    X(BAD_STATE,       -12, "the object is not in a state that allows this")

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
    X(INSPECT,  12)

#define OBOL_RIGHT_COUNT 13

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
    X(PROCESS,      1, OBOL_RIGHTS_COMMON | OBOL_RIGHT_OPEN)                          \
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

/* Options of DUP. */
#define OBOL_DUP_CLOSE_SOURCE 0x1u
#define OBOL_DUP_OPTIONS_VALID (OBOL_DUP_CLOSE_SOURCE)

#endif /* OBOL_ABI_H */
