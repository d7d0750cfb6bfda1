/*
 * Kernel objects behind the capability core's object indices.  The core
 * (kernel/cap) owns identity, rights and lifetime; these arrays hold what
 * each type needs to run: address spaces, saved contexts, frames.
 */
#ifndef OBJECT_H
#define OBJECT_H
#include <stdint.h>
#include "cap/cap.h"
#include "riscv/trap.h"
#include "riscv/vm.h"

#define NONE CAP_NONE

enum thread_state { THREAD_INACTIVE, THREAD_RUNNABLE, THREAD_BLOCKED, THREAD_DEAD };

/* What a blocked thread waits for (kernel/ipc.c). */
enum wait_kind { WAIT_NONE, WAIT_SEND, WAIT_RECV, WAIT_REPLY, WAIT_NOTIFY };

struct thread {
    struct trapframe tf;        /* user context while not running; first: trapentry.S and
                                   trap_switch find the thread from it */
    uint32_t proc;              /* object index of its process (pinned) */
    uint32_t state;             /* enum thread_state */
    uint32_t run_next, run_prev;/* run queue links (object indices) */
    uint32_t sib_next;          /* next thread of the same process */
    /* IPC: while blocked */
    uint32_t wait;              /* enum wait_kind */
    uint32_t wait_obj;          /* the endpoint or notification waited on */
    uint32_t wait_next;         /* next thread in that object's queue */
    uint32_t send_next, send_prev;/* while WAIT_SEND: every such thread, listed */
    uint32_t call;              /* a blocked sender that wants a reply */
    uint64_t badge;             /* badge of the descriptor it sent with */
    uint32_t reply_gen;         /* bumped on every call: stale reply tokens fail */
    uint32_t reply_proc;        /* while WAIT_REPLY: the process that may reply */
};

/* A FIFO of blocked threads, linked through wait_next. */
struct wait_queue {
    uint32_t head, tail;
};

struct endpoint {
    struct wait_queue senders;  /* blocked in send or call */
    struct wait_queue receivers;/* blocked in recv */
};

struct notification {
    uint64_t bits;              /* signalled, not yet taken */
    struct wait_queue waiters;
};

struct process {
    pte_t *root;                /* Sv39 root: user half + the shared kernel half */
    uint64_t satp;              /* satp value that loads root */
    uint32_t table;             /* descriptor table (capability core) */
    uint32_t threads;           /* first thread (list through sib_next) */
    uint32_t maps;              /* first mapping into it (region.c), or NONE */
    uint32_t running;           /* started threads not yet dead */
    uint32_t alive;             /* 0 once exited or killed */
    long exit_status;           /* reported when its last thread stops */
};

/* Exit statuses the kernel gives a process it ends (spec/boot.md). */
#define EXIT_KILLED  (-1l)      /* destroyed through its owner descriptor */
#define EXIT_FAULT   (-2l)      /* its last thread stopped on a fault */

/* Regions hold at most one frame's worth of frame addresses. */
#define REGION_MAX_PAGES (PAGE_SIZE / sizeof(uint64_t))

struct region {
    uint64_t *frames;           /* frame physical addresses, in a frame of their own */
    uint32_t npages;
};

union kobject {
    struct thread thread;
    struct process proc;
    struct region region;
    struct endpoint endpoint;
    struct notification notification;
};

extern union kobject kobj[CAP_MAX_OBJECTS];

static inline struct thread *thread_of(uint32_t obj) { return &kobj[obj].thread; }
static inline struct process *proc_of(uint32_t obj) { return &kobj[obj].proc; }
static inline struct region *region_of(uint32_t obj) { return &kobj[obj].region; }
static inline struct endpoint *endpoint_of(uint32_t obj) { return &kobj[obj].endpoint; }
static inline struct notification *notification_of(uint32_t obj) { return &kobj[obj].notification; }

/* For the IPC fast path: an object's address that stays in a register (the
 * empty asm hides how it was made), where GCC would otherwise redo the
 * multiply by the object size at each use. */
static inline __attribute__((always_inline)) union kobject *held(uint32_t obj)
{
    union kobject *o = &kobj[obj];
    __asm__("" : "+r"(o));
    return o;
}

/* proc.c */
int  proc_init_object(uint32_t obj);                 /* new address space; 0 or NO_RESOURCES */
void proc_exit(uint32_t obj, long status);           /* kill threads, close descriptors, unmap */
void proc_release(uint32_t obj);                     /* object freed: tear down what is left */
void proc_collect_unreachable(void);                 /* idle processes nobody can start: exit */
void proc_set_state(struct process *p, uint32_t alive, uint32_t running);  /* keeps procs_idle */
extern uint32_t procs_idle;                          /* alive processes with no running thread */
extern uint32_t init_proc;                           /* the first process */

/* thread.c / sched.c */
void thread_init_object(uint32_t obj, uint32_t proc);
int  thread_start(uint32_t obj, uint64_t pc, uint64_t sp, uint64_t arg);
void thread_kill(uint32_t obj);                      /* stop it; may end its process */
void thread_release(uint32_t obj);
extern uint32_t current;                             /* running thread, or NONE */
extern uint32_t current_table;                       /* while current runs: its process's table */
extern pte_t *current_root;                          /* and page table */
void sched_enqueue(uint32_t obj);
void sched_dequeue(uint32_t obj);
void sched_yield(void);
uint32_t sched_next(void);
extern uint32_t run_head;
_Noreturn void trap_resume_full(struct trapframe *tf);     /* riscv/trapentry.S */

/* region.c */
int  region_init_object(uint32_t obj, uint64_t size);  /* allocate zeroed frames */
void region_release(uint32_t obj);
int  region_map(uint32_t region, uint32_t proc, uint64_t va, uint32_t prot);
int  region_unmap(uint32_t proc, uint64_t va);
void region_unmap_all(uint32_t proc);
uint32_t mappings_in_use(void);

/* ipc.c */
void thread_block(uint32_t obj, uint32_t kind, uint32_t wait_obj);
void thread_wake(uint32_t obj, long status);
void ipc_cancel(uint32_t thread);                      /* a blocked thread is killed */
void ipc_object_init(uint32_t obj, uint32_t type);
void ipc_object_gone(uint32_t obj, uint32_t type, long status);  /* wake every waiter */
int  ipc_send(uint32_t ep, uint64_t badge, int call);
int  ipc_recv(uint32_t ep);
int  ipc_reply(uint64_t token);
/* The IPC fast paths: the frame to resume, or 0 for the general path. */
struct trapframe *ipc_fast_call(FAST_ENTRY_PARAMS(tf));
struct trapframe *ipc_fast_reply(FAST_ENTRY_PARAMS(tf));
struct trapframe *ipc_fast_reply_recv(FAST_ENTRY_PARAMS(tf));
extern uint64_t ipc_fastpath_count;
void notify_signal(uint32_t n, uint64_t bits);
int  notify_wait(uint32_t n, uint64_t *bits);
int  notify_timer_set(uint32_t n, uint64_t bits, uint64_t ticks, uint64_t period);
void notify_timer_cancel(uint32_t n);
void notify_timers_tick(uint64_t now);   /* from the timer interrupt */
extern int descs_dropped;                              /* run ipc_check_peers soon */
extern uint32_t senders_blocked;                       /* threads waiting in a send */
/* Descriptors went away: the end of the trap looks for idle processes and
 * blocked senders nobody can reach any more, when there are any. */
static inline void note_descs_dropped(void)
{
    if (procs_idle | senders_blocked)
        descs_dropped = 1;
}
/* Whether the end of a syscall has cleaning up to do (trap_syscall_done):
 * objects to reap, or descriptors dropped while someone may wait on them. */
static inline int trap_cleanup_due(void)
{
    return cap_reap_head != CAP_NONE || descs_dropped;
}
void ipc_process_gone(uint32_t proc);                  /* callers waiting on it: PEER_CLOSED */
void ipc_check_peers(void);                            /* senders with no receiver left */
extern uint32_t threads_blocked;

/* Free what the capability core says is no longer referenced. */
void reap_objects(void);
#endif
