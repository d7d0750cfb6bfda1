/*
 * One stub per OBOL_SYSCALL_LIST entry.  The prototypes come from
 * <obol/obol.h>, which expands the list, so the compiler checks every stub
 * against abi.h.  Arguments go to a0..a5 as unsigned long: descriptors,
 * rights and options (unsigned int) are zero-extended, process_exit's
 * status (long) is passed as is.
 */
#include <obol/obol.h>
#include <obol/syscall.h>

unsigned long obol_start_arg0;
unsigned long obol_start_arg1;

#define A(x) ((unsigned long)(x))

static int call(enum obol_syscall n, unsigned long a0, unsigned long a1, unsigned long a2,
                unsigned long a3, unsigned long a4)
{
    return (int)obol_syscall6(n, a0, a1, a2, a3, a4, 0).status;
}

static int call1(enum obol_syscall n, unsigned long a0)
{
    return (int)obol_syscall1(n, a0).status;
}

/* A call whose a1 is a descriptor number stored to *out on success. */
static int call_out(enum obol_syscall n, unsigned long a0, unsigned long a1, unsigned long a2,
                    unsigned long a3, unsigned long a4, unsigned long a5, obol_desc_t *out)
{
    struct obol_sysret r = obol_syscall6(n, a0, a1, a2, a3, a4, a5);
    if (r.status == OBOL_OK && out)
        *out = (obol_desc_t)r.value;
    return (int)r.status;
}

int obol_debug_write(const char *buf, unsigned long len)
{
    return call(OBOL_SYS_DEBUG_WRITE, A(buf), len, 0, 0, 0);
}

int obol_process_create(obol_desc_t dest, obol_desc_t *out)
{
    return call_out(OBOL_SYS_PROCESS_CREATE, A(dest), 0, 0, 0, 0, 0, out);
}

int obol_process_exit(long status)
{
    for (;;)
        call1(OBOL_SYS_PROCESS_EXIT, A(status));
}

int obol_thread_create(obol_desc_t process, obol_desc_t dest, obol_desc_t *out)
{
    return call_out(OBOL_SYS_THREAD_CREATE, A(process), A(dest), 0, 0, 0, 0, out);
}

int obol_thread_start(obol_desc_t thread, unsigned long pc, unsigned long sp, unsigned long arg)
{
    return call(OBOL_SYS_THREAD_START, A(thread), pc, sp, arg, 0);
}

int obol_thread_exit(void)
{
    for (;;)
        call1(OBOL_SYS_THREAD_EXIT, 0);
}

int obol_thread_yield(void)
{
    return call1(OBOL_SYS_THREAD_YIELD, 0);
}

int obol_region_create(unsigned long size, obol_desc_t dest, obol_desc_t *out)
{
    return call_out(OBOL_SYS_REGION_CREATE, size, A(dest), 0, 0, 0, 0, out);
}

int obol_region_map(obol_desc_t region, obol_desc_t process, unsigned long va, unsigned int prot)
{
    return call(OBOL_SYS_REGION_MAP, A(region), A(process), va, A(prot), 0);
}

int obol_region_unmap(obol_desc_t process, unsigned long va)
{
    return call(OBOL_SYS_REGION_UNMAP, A(process), va, 0, 0, 0);
}

int obol_desc_mint(obol_desc_t owner, obol_desc_t process, obol_desc_t dest, unsigned int rights,
                   unsigned long badge, obol_desc_t *out)
{
    return call_out(OBOL_SYS_DESC_MINT, A(owner), A(process), A(dest), A(rights), badge, 0, out);
}

int obol_desc_dup(obol_desc_t src, obol_desc_t process, obol_desc_t dest, unsigned int rights,
                  unsigned int options, obol_desc_t *out)
{
    return call_out(OBOL_SYS_DESC_DUP, A(src), A(process), A(dest), A(rights), A(options), 0, out);
}

int obol_desc_dup_from(obol_desc_t src_process, obol_desc_t src, obol_desc_t process, obol_desc_t dest,
                       unsigned int rights, unsigned int options, obol_desc_t *out)
{
    /* A remote close (no target process) makes no slot: *out stays as it was. */
    return call_out(OBOL_SYS_DESC_DUP_FROM, A(src_process), A(src), A(process), A(dest), A(rights),
                    A(options), process == OBOL_DESC_NONE ? 0 : out);
}

int obol_desc_close(obol_desc_t desc)
{
    return call1(OBOL_SYS_DESC_CLOSE, A(desc));
}

int obol_desc_destroy(obol_desc_t owner)
{
    return call1(OBOL_SYS_DESC_DESTROY, A(owner));
}

int obol_desc_revoke(obol_desc_t desc)
{
    return call1(OBOL_SYS_DESC_REVOKE, A(desc));
}

/* The kernel returns the fields in a1..a5 (abi.h); `out` stays here. */
int obol_desc_info(obol_desc_t desc, struct obol_desc_info *out)
{
    register unsigned long a0 __asm__("a0") = A(desc);
    register unsigned long a1 __asm__("a1"), a2 __asm__("a2"), a3 __asm__("a3"), a4 __asm__("a4"),
        a5 __asm__("a5");
    register unsigned long a7 __asm__("a7") = OBOL_SYS_DESC_INFO;
    __asm__ volatile("ecall"
                     : "+r"(a0), "=r"(a1), "=r"(a2), "=r"(a3), "=r"(a4), "=r"(a5), "+r"(a7)
                     :
                     : OBOL_ECALL_CLOBBERS);
    if ((long)a0 == OBOL_OK && out) {
        out->type = (unsigned int)a1;
        out->rights = (unsigned int)a2;
        out->is_owner = (unsigned int)a3;
        out->reserved = 0;
        out->koid = a4;
        out->badge = a5;
    }
    return (int)a0;
}

/* The kernel copies the structure to `out` itself (a user pointer). */
int obol_system_info(struct obol_system_info *out)
{
    return call1(OBOL_SYS_SYSTEM_INFO, A(out));
}

const char *obol_strerror(int err)
{
    switch (err) {
    case OBOL_OK:
        return "OK";
#define OBOL_X_NAME(name, value, text) case OBOL_ERR_##name: return #name;
    OBOL_ERROR_LIST(OBOL_X_NAME)
#undef OBOL_X_NAME
    default:
        return "UNKNOWN";
    }
}

const char *obol_error_text(int err)
{
    switch (err) {
    case OBOL_OK:
        return "success";
#define OBOL_X_TEXT(name, value, text) case OBOL_ERR_##name: return text;
    OBOL_ERROR_LIST(OBOL_X_TEXT)
#undef OBOL_X_TEXT
    default:
        return "unknown error";
    }
}

/* ---- IPC -------------------------------------------------------------------
 * Words travel in a2..a5 both ways; a1 carries &msg when there is more than
 * words (data or descriptors), so the kernel can read and update it; recv
 * also returns the badge in a1, the reply token in a6 and the sizes in a7
 * (abi.h, "IPC messages"). */

int obol_endpoint_create(obol_desc_t dest, obol_desc_t *out)
{
    return call_out(OBOL_SYS_ENDPOINT_CREATE, A(dest), 0, 0, 0, 0, 0, out);
}

int obol_notification_create(obol_desc_t dest, obol_desc_t *out)
{
    return call_out(OBOL_SYS_NOTIFICATION_CREATE, A(dest), 0, 0, 0, 0, 0, out);
}

/* Inline in each stub: n is a constant there, so only its own tests remain.
 * send, call and reply have no a6 argument and the kernel keeps a6 for
 * them (spec/syscalls/README.md): msg rides there across the ecall, so
 * that the stub needs no saved register (the ecall clears t0..t6).  A
 * message without data or descriptors has data_len and ndesc 0 already:
 * nothing to store back for them. */
static inline __attribute__((always_inline)) int ipc6(enum obol_syscall n, unsigned long target,
                                                      struct obol_msg *msg, unsigned long endpoint)
{
    int extended = msg->data_len || msg->ndesc || msg->data_cap || msg->desc_cap;
    int receives = n == OBOL_SYS_IPC_RECV || n == OBOL_SYS_IPC_REPLY_RECV;
    register unsigned long a0 __asm__("a0") = target;
    register unsigned long a1 __asm__("a1") = extended ? A(msg) : 0;
    register unsigned long a2 __asm__("a2") = msg->words[0];
    register unsigned long a3 __asm__("a3") = msg->words[1];
    register unsigned long a4 __asm__("a4") = msg->words[2];
    register unsigned long a5 __asm__("a5") = msg->words[3];
    register unsigned long a6 __asm__("a6") = receives ? endpoint : A(msg);
    register unsigned long a7 __asm__("a7") = n;
    if (receives)
        __asm__ volatile("ecall"
                         : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a6), "+r"(a7)
                         :
                         : OBOL_ECALL_CLOBBERS);
    else
        __asm__ volatile("ecall"
                         : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5), "+r"(a7)
                         : "r"(a6)
                         : OBOL_ECALL_CLOBBERS);
    if ((long)a0 == OBOL_OK && n != OBOL_SYS_IPC_SEND && n != OBOL_SYS_IPC_REPLY) {
        msg->words[0] = a2;
        msg->words[1] = a3;
        msg->words[2] = a4;
        msg->words[3] = a5;
        if (receives) {
            msg->badge = a1;
            msg->reply_token = a6;
        }
    }
    return (int)a0;
}

static inline __attribute__((always_inline)) int ipc(enum obol_syscall n, unsigned long target,
                                                     struct obol_msg *msg)
{
    return ipc6(n, target, msg, 0);
}

int obol_ipc_send(obol_desc_t endpoint, struct obol_msg *msg)
{
    return ipc(OBOL_SYS_IPC_SEND, A(endpoint), msg);
}

int obol_ipc_recv(obol_desc_t endpoint, struct obol_msg *msg)
{
    return ipc(OBOL_SYS_IPC_RECV, A(endpoint), msg);
}

int obol_ipc_call(obol_desc_t endpoint, struct obol_msg *msg)
{
    return ipc(OBOL_SYS_IPC_CALL, A(endpoint), msg);
}

int obol_ipc_reply(unsigned long reply_token, struct obol_msg *msg)
{
    return ipc(OBOL_SYS_IPC_REPLY, reply_token, msg);
}

int obol_notify_signal(obol_desc_t notification, unsigned long bits)
{
    return call(OBOL_SYS_NOTIFY_SIGNAL, A(notification), bits, 0, 0, 0);
}

int obol_notify_wait(obol_desc_t notification, unsigned long *out)
{
    struct obol_sysret r = obol_syscall1(OBOL_SYS_NOTIFY_WAIT, A(notification));
    if (r.status == OBOL_OK && out)
        *out = r.value;
    return (int)r.status;
}

int obol_notify_timer(obol_desc_t notification, unsigned long bits, unsigned long ticks, unsigned long period)
{
    return call(OBOL_SYS_NOTIFY_TIMER, A(notification), bits, ticks, period, 0);
}

int obol_ipc_reply_recv(unsigned long reply_token, obol_desc_t endpoint, struct obol_msg *msg)
{
    return ipc6(OBOL_SYS_IPC_REPLY_RECV, reply_token, msg, A(endpoint));
}
