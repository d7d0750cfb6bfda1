/*
 * <obol/obol.h>: what a task includes.  The ABI (error codes, rights,
 * types, syscall numbers and parameters) comes from <obol/abi.h>; this
 * header adds the user functions and the runtime.
 *
 * Syscalls: one function per OBOL_SYSCALL_LIST entry,
 *     int obol_<name>(params);
 * returning OBOL_OK (0) or a negative OBOL_ERR_*.  Where the last parameter
 * is `obol_desc_t *out`, the result (a1) is stored there on success when
 * out is not NULL; obol_desc_info and obol_system_info fill their struct
 * (the kernel writes it).  obol_process_exit and
 * obol_thread_exit do not return.
 */
#ifndef OBOL_OBOL_H
#define OBOL_OBOL_H

#include <obol/abi.h>
#include <obol/archive.h>
#include <obol/elf.h>

#define OBOL_X_DECLARE(NAME, name, number, params) int obol_##name params;
OBOL_SYSCALL_LIST(OBOL_X_DECLARE)
#undef OBOL_X_DECLARE

__attribute__((noreturn)) int obol_process_exit(long status);
__attribute__((noreturn)) int obol_thread_exit(void);

/* "BAD_DESCRIPTOR" etc. for an OBOL_ERR_* value, "OK" for 0, "UNKNOWN"
 * otherwise; obol_error_text gives abi.h's one-line meaning. */
const char *obol_strerror(int err);
const char *obol_error_text(int err);

/* a0 and a1 as the task's first thread started (saved by crt0 before main).
 * init: a0 = the boot archive's address, a1 = its size (abi.h).  A task
 * started by obol_spawn: a0 = the spawner's `arg`, a1 unspecified.       */
extern unsigned long obol_start_arg0;
extern unsigned long obol_start_arg1;

/* instret read by the first instruction of crt0's _start (user/crt0.S),
 * before anything else ran in this task: with system_info's boot_instret it
 * gives the instructions from the kernel's first to init's first. */
extern unsigned long obol_start_instret;

/* ---- Spawn (spec/spawn.md) -------------------------------------------------
 * Load an ELF executable into a new process.  `self` is a descriptor to the
 * calling process with OPEN (init: OBOL_INIT_SELF; a spawned task: slot 0).
 * The child gets:
 *   - each PT_LOAD in its own region, mapped with the segment's R/W/X,
 *   - a 64 KiB read-write stack ending at OBOL_SPAWN_STACK_TOP,
 *   - in slot 0 a descriptor to its own process with
 *     OPEN | INSPECT | DUPLICATE | TRANSFER, nothing else,
 *   - one thread, started at e_entry with sp = OBOL_SPAWN_STACK_TOP and
 *     a0 = arg.
 * While loading, each segment's region is mapped read-write in the caller at
 * obol_spawn_scratch_va (default OBOL_SPAWN_SCRATCH_VA), which must be free
 * there and have room for the largest segment; it is unmapped again.
 * On failure everything made so far is destroyed and the error returned.   */
#define OBOL_SPAWN_SCRATCH_VA  0x0000002000000000ul  /* 128 GiB; init's archive is at 192 GiB */
#define OBOL_SPAWN_SELF_RIGHTS \
    (OBOL_RIGHT_OPEN | OBOL_RIGHT_INSPECT | OBOL_RIGHT_DUPLICATE | OBOL_RIGHT_TRANSFER)

extern unsigned long obol_spawn_scratch_va;

struct obol_spawn_result {
    obol_desc_t process;     /* owner descriptor of the child process (in the caller) */
    obol_desc_t thread;      /* owner descriptor of its first thread (in the caller) */
    unsigned long entry;     /* where the thread starts */
    unsigned long stack_top; /* its initial sp */
};

/* Load and start.  OBOL_ERR_INVALID_ARGS for a malformed image (see
 * obol_elf_parse), else the failing syscall's error. */
int obol_spawn(obol_desc_t self, const void *elf, unsigned long len,
               unsigned long arg, struct obol_spawn_result *out);

/* Load without starting, so the caller can first MINT or DUP more
 * descriptors into out->process; then obol_spawn_start (or destroy
 * out->process to give up). */
int obol_spawn_load(obol_desc_t self, const void *elf, unsigned long len,
                    struct obol_spawn_result *out);
int obol_spawn_start(const struct obol_spawn_result *child, unsigned long arg);

/* obol_spawn of the archive entry `name`; OBOL_ERR_INVALID_ARGS if the
 * archive is corrupt or has no such entry. */
int obol_spawn_named(obol_desc_t self, const void *archive, unsigned long archive_size,
                     const char *name, unsigned long arg, struct obol_spawn_result *out);

#endif /* OBOL_OBOL_H */
