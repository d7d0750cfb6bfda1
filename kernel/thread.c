/* Threads and the round-robin scheduler. */
#include "object.h"
#include "sched.h"
#include "kernel.h"
#include "platform.h"
#include "riscv/csr.h"

uint32_t current = NONE;
uint32_t current_table;             /* current's process's descriptor table */
pte_t *current_root;                /* and its page table */
uint32_t threads_blocked;           /* blocked in IPC: they may still run */
uint32_t run_head = NONE;           /* circular list of runnable threads */
extern long init_exit_status;
int kernel_selfcheck(int status);   /* main.c: selfcheck=1 */


void thread_init_object(uint32_t obj, uint32_t proc)
{
    struct thread *t = thread_of(obj);
    for (int i = 0; i < 32; i++)
        t->tf.regs[i] = 0;
    t->proc = proc;
    t->state = THREAD_INACTIVE;
    t->run_next = t->run_prev = NONE;
    t->wait = WAIT_NONE;
    t->wait_next = NONE;
    t->send_next = t->send_prev = NONE;
    t->reply_gen = 0;
    cap_pin(proc);              /* a thread keeps its process object */
    t->sib_next = proc_of(proc)->threads;
    proc_of(proc)->threads = obj;
}

int thread_start(uint32_t obj, uint64_t pc, uint64_t sp, uint64_t arg)
{
    struct thread *t = thread_of(obj);
    if (t->state != THREAD_INACTIVE || !proc_of(t->proc)->alive)
        return OBOL_ERR_BAD_STATE;
    t->tf.sepc = pc;
    t->tf.regs[TF_SP] = sp;
    t->tf.regs[10] = arg;
    t->tf.sstatus = SSTATUS_SPIE;       /* U-mode, interrupts on after sret */
    t->state = THREAD_RUNNABLE;
    cap_pin(obj);                        /* the kernel's reference while it runs */
    proc_set_state(proc_of(t->proc), 1, proc_of(t->proc)->running + 1);
    sched_enqueue(obj);
    return OBOL_OK;
}

/* Stop a started thread; the last one to stop ends its process. */
void thread_kill(uint32_t obj)
{
    struct thread *t = thread_of(obj);
    if (t->state != THREAD_RUNNABLE && t->state != THREAD_BLOCKED)
        return;
    if (t->state == THREAD_RUNNABLE)
        sched_dequeue(obj);
    else
        ipc_cancel(obj);
    t->state = THREAD_DEAD;
    if (current == obj)
        current = NONE;
    struct process *p = proc_of(t->proc);
    proc_set_state(p, p->alive, p->running - 1);
    if (p->running == 0 && p->alive)
        proc_exit(t->proc, p->exit_status);
    cap_unpin(obj);
}

void thread_release(uint32_t obj)
{
    struct thread *t = thread_of(obj);
    struct process *p = proc_of(t->proc);
    for (uint32_t *link = &p->threads; *link != NONE; link = &thread_of(*link)->sib_next) {
        if (*link == obj) {
            *link = t->sib_next;
            break;
        }
    }
    cap_unpin(t->proc);
}

void sched_enqueue(uint32_t obj)
{
    struct thread *t = thread_of(obj);
    if (run_head == NONE) {
        t->run_next = t->run_prev = obj;
        run_head = obj;
        return;
    }
    uint32_t tail = thread_of(run_head)->run_prev;
    t->run_next = run_head;
    t->run_prev = tail;
    thread_of(tail)->run_next = obj;
    thread_of(run_head)->run_prev = obj;
}

void sched_dequeue(uint32_t obj)
{
    struct thread *t = thread_of(obj);
    if (t->run_next == obj) {
        run_head = NONE;
    } else {
        thread_of(t->run_prev)->run_next = t->run_next;
        thread_of(t->run_next)->run_prev = t->run_prev;
        if (run_head == obj)
            run_head = t->run_next;
    }
    t->run_next = t->run_prev = NONE;
}

/* Round robin: the next runnable thread after the current one. */
void sched_yield(void)
{
    if (current != NONE && run_head == current)
        run_head = thread_of(current)->run_next;
}

uint64_t sched_loaded_satp;

/* The thread to run next: the head of the queue, with its address space
 * loaded.  Idles with wfi while there is none; shuts down when no thread is
 * left that could ever run. */
uint32_t sched_next(void)
{
    for (;;) {
        if (run_head != NONE) {
            sched_run(run_head, thread_of(run_head));
            return current;
        }
        current = NONE;
        if (threads_blocked == 0) {
            kprintf("obol: no threads left; shutting down (init status %ld)\n", init_exit_status);
            platform_exit(kernel_selfcheck(init_exit_status == 0 ? 0 : 1));
        }
        csr_set(sstatus, SSTATUS_SIE);
        wfi();
        csr_clear(sstatus, SSTATUS_SIE);
    }
}
