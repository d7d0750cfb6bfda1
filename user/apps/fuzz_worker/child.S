/* Entry of the threads the fuzz worker starts in itself: yield once, then
 * thread_exit, touching no memory (any sp will do). */
    .text
    .globl fuzz_child_entry
    .type fuzz_child_entry, @function
fuzz_child_entry:
    li      a7, 7           /* OBOL_SYS_THREAD_YIELD */
    ecall
    li      a7, 6           /* OBOL_SYS_THREAD_EXIT */
    ecall
1:  j       1b
    .size fuzz_child_entry, . - fuzz_child_entry
