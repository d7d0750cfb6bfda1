/*
 * The scheduler's switch, inline for the paths that know the next thread:
 * the IPC fast path (kernel/ipc.c) and sched_next (kernel/thread.c).
 */
#ifndef SCHED_H
#define SCHED_H
#include "object.h"
#include "riscv/csr.h"

extern uint64_t sched_loaded_satp;     /* the satp last written */

/* Make thread t (object obj) the running thread: its address space
 * loaded, its table and root at hand for the syscall layer. */
static inline __attribute__((always_inline)) void sched_run(uint32_t obj, struct thread *t)
{
    struct process *p = proc_of(t->proc);
    uint64_t satp = p->satp;        /* read once: csr_write clobbers memory */
    current = obj;
    current_table = p->table;
    current_root = p->root;
    if (satp != sched_loaded_satp) {
        csr_write(satp, satp);
        sfence_vma();
        sched_loaded_satp = satp;
    }
}

/* The current thread `from` (still runnable, or blocked but not dead)
 * gives the CPU straight to the runnable thread `to` (object to_obj), which
 * takes its place in the run queue, keeping the round-robin order.  Returns
 * to's frame for trapentry.S, which stores from's s0..s11 at
 * trap_save_frame. */
static inline __attribute__((always_inline)) struct trapframe *sched_handoff(struct thread *from, struct thread *to,
                                                                             uint32_t to_obj)
{
    uint32_t from_obj = current;
    if (from->run_next == from_obj) {
        to->run_next = to->run_prev = to_obj;
    } else {
        to->run_next = from->run_next;
        to->run_prev = from->run_prev;
        thread_of(from->run_prev)->run_next = to_obj;
        thread_of(from->run_next)->run_prev = to_obj;
    }
    if (run_head == from_obj)
        run_head = to_obj;
    from->run_next = from->run_prev = NONE;
    trap_save_frame = &from->tf;
    sched_run(to_obj, to);
    return &to->tf;
}
#endif
