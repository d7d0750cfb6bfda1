/*
 * In-QEMU test, run as init (init=utest_self): what slot 0 is, and what
 * desc_destroy on it does (spec/spawn.md, "What slot 0 is").
 *   - as init, slot 0 is the process's owner, with every PROCESS right;
 *   - a spawned copy of this program (arg 1) finds a minted non-owner with
 *     OBOL_SPAWN_SELF_RIGHTS there, cannot destroy itself through it
 *     (ACCESS_DENIED) and cannot take descriptors out of its own table
 *     with it (no EXTRACT);
 *   - a spawned child (arg 2) whose spawner destroys itself goes on
 *     running: its slot 0 (derived from the owner the spawner held)
 *     becomes REVOKED;
 *   - finally init destroys itself through slot 0: it exits with status -1
 *     (so QEMU's status is 1) and this thread never returns to user mode.
 * The summary line is printed before the self-destroy; the test table
 * checks the exit line and that nothing after the destroy is printed.
 */
#include <stdio.h>
#include <obol/obol.h>
#include <obol/utest.h>

#define WAIT_LIMIT 200000

/* The spawned copy: report on slot 0, exit 0 only if it is as documented. */
static int child_main(void)
{
    struct obol_desc_info info;
    obol_desc_t out;
    int ok = obol_desc_info(0, &info) == OBOL_OK && info.type == OBOL_TYPE_PROCESS &&
             info.is_owner == 0 && info.rights == OBOL_SPAWN_SELF_RIGHTS;
    ok = ok && obol_desc_destroy(0) == OBOL_ERR_ACCESS_DENIED;
    ok = ok && obol_desc_dup_from(0, 0, 0, OBOL_DESC_ANY, OBOL_SAME_RIGHTS, 0, &out) ==
                   OBOL_ERR_ACCESS_DENIED;
    printf("utest_self: child: slot 0 rights %#x owner %u: %s\n", info.rights, info.is_owner,
           ok ? "as documented" : "NOT AS DOCUMENTED");
    return ok ? 0 : 1;
}

/* The spawned copy with arg 2: outlive the spawner, which destroys itself;
 * slot 0 (derived from the owner the spawner held) then becomes REVOKED. */
static int outlive_main(void)
{
    struct obol_desc_info info;
    for (int i = 0; i < WAIT_LIMIT; i++) {
        if (obol_desc_info(0, &info) == OBOL_ERR_REVOKED) {
            printf("utest_self: child 2: slot 0 REVOKED after the spawner's end; still running\n");
            return 0;
        }
        obol_thread_yield();
    }
    printf("utest_self: child 2: slot 0 NEVER REVOKED\n");
    return 1;
}

/* Wait (bounded) until `proc` reports OBJECT_DESTROYED: the child exited. */
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

int main(void)
{
    const void *archive = (const void *)obol_start_arg0;
    unsigned long archive_size = obol_start_arg1;
    struct obol_desc_info info;
    struct obol_spawn_result c;

    /* A spawned copy gets 1 or 2; init gets the archive's address. */
    if (obol_start_arg0 == 1)
        return child_main();
    if (obol_start_arg0 == 2)
        return outlive_main();

    utest_section("slot 0 of init");
    CHECK(obol_desc_info(OBOL_INIT_SELF, &info), OBOL_OK);
    CHECK_EQ(info.is_owner, 1);
    CHECK_EQ(info.rights, OBOL_RIGHTS_COMMON | OBOL_RIGHT_OPEN | OBOL_RIGHT_EXTRACT);

    utest_section("slot 0 of a spawned task");
    CHECK(obol_spawn_named(OBOL_INIT_SELF, archive, archive_size, "utest_self", 1, &c), OBOL_OK);
    CHECK_TRUE(wait_exit(c.process));
    CHECK(obol_desc_close(c.thread), OBOL_OK);
    CHECK(obol_desc_close(c.process), OBOL_OK);

    utest_section("destroying slot 0 as init");
    CHECK(obol_spawn_named(OBOL_INIT_SELF, archive, archive_size, "utest_self", 2, &c), OBOL_OK);
    int failed = utest_finish("utest_self");
    if (failed)
        return failed;
    obol_desc_destroy(OBOL_INIT_SELF);
    printf("utest_self: after destroy: STILL RUNNING\n");
    return 2;
}
