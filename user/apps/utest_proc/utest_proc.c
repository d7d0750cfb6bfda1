/*
 * In-QEMU test, run as init (init=utest_proc): the boot-time convention,
 * processes and threads (create, start, yield, exit, errors), preemption,
 * the registers an ecall keeps and clears,
 * user faults of every kind (the kernel stops the task, reports it and goes
 * on), destroying a running process, and exit giving back every frame,
 * object, table and mapping.
 */
#include <stdio.h>
#include <string.h>
#include <obol/obol.h>
#include <obol/utest.h>

#define STACK_VA    0x10000000ul
#define STACK_SIZE  (16ul * 1024)
#define WAIT_LIMIT  200000

/* Threads started with thread_start get only pc, sp and a0: no gp, so they
 * reach shared state through the pointer they are given. */
struct shared {
    volatile unsigned long counter;
    volatile unsigned long spin_counter;
    unsigned long rounds;
};
static struct shared sh;
static const void *archive;
static unsigned long archive_size;

static void test_boot_convention(void)
{
    struct obol_desc_info info;
    utest_section("boot-time convention");
    CHECK(obol_desc_info(OBOL_INIT_SELF, &info), OBOL_OK);
    CHECK_EQ(info.type, OBOL_TYPE_PROCESS);
    CHECK_EQ(info.is_owner, 1);
    CHECK_EQ(info.rights, OBOL_RIGHTS_COMMON | OBOL_RIGHT_OPEN | OBOL_RIGHT_EXTRACT);
    CHECK(obol_desc_info(OBOL_INIT_THREAD, &info), OBOL_OK);
    CHECK_EQ(info.type, OBOL_TYPE_THREAD);
    CHECK_EQ(info.is_owner, 1);
    CHECK(obol_desc_info(OBOL_INIT_ARCHIVE, &info), OBOL_OK);
    CHECK_EQ(info.type, OBOL_TYPE_REGION);
    CHECK_EQ(info.is_owner, 1);
    CHECK(obol_desc_info(3, &info), OBOL_ERR_BAD_DESCRIPTOR);
    CHECK_TRUE(obol_archive_check(archive, archive_size) > 0);   /* its entry count */
    CHECK_EQ(obol_archive_find(archive, archive_size, "utest_proc", 0, 0), 0);
    CHECK_EQ(obol_archive_find(archive, archive_size, "init", 0, 0), 0);
}

static void counting_thread(struct shared *s)
{
    for (unsigned long i = 0; i < s->rounds; i++) {
        s->counter++;
        obol_thread_yield();
    }
    obol_thread_exit();
}

static void spinning_thread(struct shared *s)
{
    for (;;)
        s->spin_counter++;      /* never yields: only the timer can take the CPU back */
}

/* regs.S */
struct treg_spin {
    volatile unsigned long rounds;
    volatile unsigned long bad;
};
void utest_ecall_regs(unsigned long a0, unsigned long number, unsigned long out[32]);
void utest_treg_spinner(struct treg_spin *s);
static struct treg_spin tspin;

/* One ecall through regs.S: the status, t0..t6 come back 0, every other
 * register as it went in (a1, the value, not checked). */
static void check_ecall_regs(unsigned long a0, unsigned long number, long want)
{
    unsigned long r[32] = { 0 }, gp, tp;
    __asm__ volatile("mv %0, gp\n\tmv %1, tp" : "=r"(gp), "=r"(tp));
    utest_ecall_regs(a0, number, r);
    CHECK((long)r[10], want);
    CHECK_EQ(r[1], 0x5a01);
    CHECK_EQ(r[3], gp);
    CHECK_EQ(r[4], tp);
    static const int temps[] = { 5, 6, 7, 28, 29, 30, 31 };
    for (unsigned i = 0; i < sizeof temps / sizeof temps[0]; i++)
        CHECK_EQ(r[temps[i]], 0);
    static const int kept[] = { 8, 9, 12, 13, 14, 15, 16, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27 };
    for (unsigned i = 0; i < sizeof kept / sizeof kept[0]; i++)
        CHECK_EQ(r[kept[i]], 0x5a00ul + (unsigned long)kept[i]);
    CHECK_EQ(r[17], number);
}

static int wait_for(volatile unsigned long *v, unsigned long want)
{
    for (int i = 0; i < WAIT_LIMIT && *v < want; i++)
        obol_thread_yield();
    return *v >= want;
}

static void test_threads(void)
{
    obol_desc_t stack, t, t_nowrite, proc, region, weak_proc;
    utest_section("threads in the caller's process");
    CHECK(obol_region_create(2 * STACK_SIZE, OBOL_DESC_ANY, &stack), OBOL_OK);
    CHECK(obol_region_map(stack, OBOL_INIT_SELF, STACK_VA, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE), OBOL_OK);
    CHECK(obol_thread_create(OBOL_INIT_SELF, OBOL_DESC_ANY, &t), OBOL_OK);
    CHECK(obol_thread_start(t, 0xffffffc080200000ul, STACK_VA + STACK_SIZE, 0), OBOL_ERR_INVALID_ARGS);
    CHECK(obol_thread_start(t, (unsigned long)counting_thread + 1, STACK_VA + STACK_SIZE, 0),
          OBOL_ERR_INVALID_ARGS);
    CHECK(obol_desc_mint(t, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_INSPECT, 0, &t_nowrite), OBOL_OK);
    CHECK(obol_thread_start(t_nowrite, (unsigned long)counting_thread, STACK_VA + STACK_SIZE, (unsigned long)&sh),
          OBOL_ERR_ACCESS_DENIED);
    CHECK(obol_thread_start(OBOL_INIT_SELF, (unsigned long)counting_thread, STACK_VA + STACK_SIZE, (unsigned long)&sh),
          OBOL_ERR_WRONG_TYPE);
    CHECK(obol_thread_start(200, (unsigned long)counting_thread, STACK_VA + STACK_SIZE, (unsigned long)&sh),
          OBOL_ERR_BAD_DESCRIPTOR);
    sh.counter = 0;
    sh.rounds = 5;
    CHECK(obol_thread_start(t, (unsigned long)counting_thread, STACK_VA + STACK_SIZE, (unsigned long)&sh), OBOL_OK);
    CHECK(obol_thread_start(t, (unsigned long)counting_thread, STACK_VA + STACK_SIZE, (unsigned long)&sh), OBOL_ERR_BAD_STATE);
    CHECK_TRUE(wait_for(&sh.counter, 5));
    CHECK(obol_thread_yield(), OBOL_OK);
    CHECK_EQ(sh.counter, 5);                       /* it exited after 5: nothing more */

    utest_section("thread_create errors");
    CHECK(obol_region_create(4096, OBOL_DESC_ANY, &region), OBOL_OK);
    CHECK(obol_thread_create(region, OBOL_DESC_ANY, &t), OBOL_ERR_WRONG_TYPE);
    CHECK(obol_thread_create(250, OBOL_DESC_ANY, &t), OBOL_ERR_BAD_DESCRIPTOR);
    CHECK(obol_desc_mint(OBOL_INIT_SELF, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_INSPECT, 0, &weak_proc),
          OBOL_OK);
    CHECK(obol_thread_create(weak_proc, OBOL_DESC_ANY, &t), OBOL_ERR_ACCESS_DENIED);
    CHECK(obol_thread_create(OBOL_INIT_SELF, 300, &t), OBOL_ERR_INVALID_ARGS);
    CHECK(obol_thread_create(OBOL_INIT_SELF, region, &t), OBOL_ERR_ALREADY_EXISTS);
    CHECK(obol_desc_close(weak_proc), OBOL_OK);
    CHECK(obol_desc_close(region), OBOL_OK);

    utest_section("process_create");
    struct obol_desc_info info;
    CHECK(obol_process_create(OBOL_DESC_ANY, &proc), OBOL_OK);
    CHECK(obol_desc_info(proc, &info), OBOL_OK);
    CHECK_EQ(info.type, OBOL_TYPE_PROCESS);
    CHECK_EQ(info.is_owner, 1);
    CHECK(obol_process_create(proc, &t), OBOL_ERR_ALREADY_EXISTS);
    CHECK(obol_process_create(256, &t), OBOL_ERR_INVALID_ARGS);
    CHECK(obol_desc_close(proc), OBOL_OK);

    utest_section("preemption");
    sh.spin_counter = 0;
    sh.rounds = 5;
    CHECK(obol_thread_create(OBOL_INIT_SELF, OBOL_DESC_ANY, &t), OBOL_OK);
    CHECK(obol_thread_start(t, (unsigned long)spinning_thread, STACK_VA + 2 * STACK_SIZE, (unsigned long)&sh), OBOL_OK);
    /* the spinner runs until a tick preempts it (yield again if a tick
     * already due took the CPU back before its first instruction) */
    CHECK_TRUE(wait_for(&sh.spin_counter, 1));
    unsigned long seen = sh.spin_counter;
    CHECK_TRUE(wait_for(&sh.spin_counter, seen + 1000));
    CHECK(obol_desc_destroy(t), OBOL_OK);   /* destroying a thread's owner stops it */
    seen = sh.spin_counter;
    for (int i = 0; i < 50; i++)
        obol_thread_yield();
    CHECK_EQ(sh.spin_counter, seen);

    /* The calling convention: a fast entry (CLOSE), a general handler
     * (REVOKE), a number with none, and a YIELD that switches to a thread
     * that keeps t0..t6 through the timer's interrupts. */
    utest_section("ecall registers");
    check_ecall_regs(250, OBOL_SYS_DESC_CLOSE, OBOL_ERR_BAD_DESCRIPTOR);
    check_ecall_regs(250, OBOL_SYS_DESC_REVOKE, OBOL_ERR_BAD_DESCRIPTOR);
    check_ecall_regs(0, OBOL_SYSCALL_MAX + 5, OBOL_ERR_BAD_SYSCALL);
    CHECK(obol_thread_create(OBOL_INIT_SELF, OBOL_DESC_ANY, &t), OBOL_OK);
    CHECK(obol_thread_start(t, (unsigned long)utest_treg_spinner, STACK_VA + STACK_SIZE, (unsigned long)&tspin),
          OBOL_OK);
    for (int i = 0; i < 20; i++)
        check_ecall_regs(0, OBOL_SYS_THREAD_YIELD, OBOL_OK);
    CHECK_TRUE(wait_for(&tspin.rounds, 50));
    CHECK_EQ(tspin.bad, 0);
    CHECK(obol_desc_destroy(t), OBOL_OK);

    CHECK(obol_region_unmap(OBOL_INIT_SELF, STACK_VA), OBOL_OK);
    CHECK(obol_desc_close(stack), OBOL_OK);
}

/* Wait until the process behind `proc` has exited (its descriptors then
 * report OBJECT_DESTROYED). */
static int wait_exit(obol_desc_t proc)
{
    struct obol_desc_info info;
    for (int i = 0; i < WAIT_LIMIT; i++) {
        if (obol_desc_info(proc, &info) == OBOL_ERR_OBJECT_DESTROYED)
            return 1;
        obol_thread_yield();
    }
    return 0;
}

static void release(struct obol_spawn_result *c)
{
    CHECK(obol_desc_close(c->thread), OBOL_OK);
    CHECK(obol_desc_close(c->process), OBOL_OK);
}

static void test_faults(void)
{
    static const char *const kinds[] = {
        "load from unmapped memory", "store to read-only text", "execute data", "illegal instruction",
        "read kernel memory", "write kernel memory", "misaligned atomic", "jump into kernel text",
    };
    utest_section("user faults stop only the faulting task");
    /* Isolation: init keeps a secret at the very address fault kind 0 reads;
     * in the child that address is simply not mapped. */
    obol_desc_t secret;
    CHECK(obol_region_create(OBOL_PAGE_SIZE, OBOL_DESC_ANY, &secret), OBOL_OK);
    CHECK(obol_region_map(secret, OBOL_INIT_SELF, 0x7000000ul, OBOL_RIGHT_READ | OBOL_RIGHT_WRITE), OBOL_OK);
    strcpy((char *)0x7000000ul, "init's secret");
    for (unsigned long k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
        struct obol_spawn_result c;
        int r = obol_spawn_named(OBOL_INIT_SELF, archive, archive_size, "faulter", k, &c);
        CHECK(r, OBOL_OK);
        if (r != OBOL_OK)
            continue;
        int died = wait_exit(c.process);
        CHECK_TRUE(died);
        printf("utest_proc: fault kind %lu (%s): %s\n", k, kinds[k], died ? "stopped" : "STILL RUNNING");
        release(&c);
    }
    CHECK_TRUE(strcmp((char *)0x7000000ul, "init's secret") == 0);
    CHECK(obol_region_unmap(OBOL_INIT_SELF, 0x7000000ul), OBOL_OK);
    CHECK(obol_desc_close(secret), OBOL_OK);
}

static void test_destroy_running(void)
{
    struct obol_spawn_result c;
    obol_desc_t watch;
    struct obol_desc_info info;
    utest_section("destroying a running process");
    CHECK(obol_spawn_named(OBOL_INIT_SELF, archive, archive_size, "faulter", 8, &c), OBOL_OK);
    CHECK(obol_desc_mint(c.process, OBOL_INIT_SELF, OBOL_DESC_ANY, OBOL_RIGHT_INSPECT, 0, &watch), OBOL_OK);
    for (int i = 0; i < 20; i++)
        obol_thread_yield();
    CHECK(obol_desc_info(watch, &info), OBOL_OK);
    CHECK(obol_desc_destroy(watch), OBOL_ERR_ACCESS_DENIED);    /* only the owner destroys */
    CHECK(obol_desc_destroy(c.process), OBOL_OK);
    CHECK(obol_desc_info(watch, &info), OBOL_ERR_OBJECT_DESTROYED);
    CHECK(obol_desc_info(c.process, &info), OBOL_ERR_BAD_DESCRIPTOR);   /* destroy consumed the owner */
    CHECK(obol_desc_close(watch), OBOL_OK);
    CHECK(obol_desc_close(c.thread), OBOL_OK);
}

static void test_exit_releases_everything(void)
{
    struct obol_system_info before, after;
    struct obol_spawn_result c;
    utest_section("process exit gives everything back");
    CHECK(obol_system_info(&before), OBOL_OK);
    for (int round = 0; round < 3; round++) {
        CHECK(obol_spawn_named(OBOL_INIT_SELF, archive, archive_size, "hello", round, &c), OBOL_OK);
        CHECK_TRUE(wait_exit(c.process));
        release(&c);
    }
    CHECK(obol_spawn_named(OBOL_INIT_SELF, archive, archive_size, "faulter", 0, &c), OBOL_OK);
    CHECK_TRUE(wait_exit(c.process));
    release(&c);
    CHECK(obol_system_info(&after), OBOL_OK);
    CHECK_EQ(after.frames_free, before.frames_free);
    CHECK_EQ(after.objects_free, before.objects_free);
    CHECK_EQ(after.tables_free, before.tables_free);
    CHECK_EQ(after.mappings, before.mappings);
    printf("utest_proc: frames free %llu/%llu, objects free %u, tables free %u, mappings %u\n",
           after.frames_free, after.frames_total, after.objects_free, after.tables_free, after.mappings);
}

int main(void)
{
    archive = (const void *)obol_start_arg0;
    archive_size = obol_start_arg1;
    test_boot_convention();
    test_threads();
    test_faults();
    test_destroy_running();
    test_exit_releases_everything();
    return utest_finish("utest_proc");
}
