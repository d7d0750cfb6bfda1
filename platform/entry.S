/*
 * First instructions of the kernel, entered by OpenSBI in S-mode with the MMU
 * off: a0 = hart id, a1 = physical address of the device tree.
 *
 * One hart wins the boot lottery; any other hart that enters is parked with
 * SBI HSM hart_stop (OpenSBI normally keeps them stopped anyway).  The boot
 * hart builds a throw-away Sv39 table (identity map of its own gigabyte, and
 * the direct map of the low 256 GiB), turns paging on and jumps to its linked
 * (direct-map) address.  kernel/riscv/vm.c replaces this table with a W^X one.
 */
#define SATP_SV39     (8 << 60)
#define PTE_GIGA_RWX  0xCF          /* V R W X A D */
#define SBI_EXT_HSM   0x48534D
#define SBI_HSM_STOP  1
#define SBI_EXT_SRST  0x53525354

    .section .text.entry
    .globl _start
_start:
    csrr    s1, instret                 /* for the boot-time benchmark (kmain's a2) */
    lla     t0, boot_lottery
    li      t1, 1
    amoswap.w t1, t1, (t0)
    bnez    t1, park_hart

    /* The kernel and user code are built for Zba, Zbb and Zbs (the bit
     * manipulation of the RVA22 profile; QEMU virt's default hart has
     * them).  Try one instruction of each with a trap handler that says
     * so, rather than fault somewhere in C on a hart without them. */
    lla     t0, no_bitmanip
    csrw    stvec, t0
    sh1add  t0, t0, t0                  /* Zba */
    andn    t0, t0, t0                  /* Zbb */
    bseti   t0, t0, 1                   /* Zbs */
    csrw    stvec, zero

    /* We must run where we were linked (platform/kernel.ld). */
    lla     t2, _start
    ld      t3, kernel_phys_base
    bne     t2, t3, wrong_address

    /* Early table: root entries are 1 GiB leaves. */
    lla     t0, boot_pagetable
    srli    t1, t2, 30                  /* gigabyte number of the kernel */
    andi    t4, t1, 511
    slli    t4, t4, 3
    add     t4, t0, t4
    slli    t5, t1, 28                  /* PPN << 10 == (gb << 18) << 10 */
    ori     t5, t5, PTE_GIGA_RWX
    sd      t5, 0(t4)                   /* identity */

    li      t1, 0                       /* direct map: entries 256..511 */
    li      t6, 256
    slli    t4, t6, 3
    add     t4, t0, t4
1:  slli    t5, t1, 28
    ori     t5, t5, PTE_GIGA_RWX
    sd      t5, 0(t4)
    addi    t1, t1, 1
    addi    t4, t4, 8
    bne     t1, t6, 1b

    srli    t0, t0, 12
    li      t1, SATP_SV39
    or      t0, t0, t1
    sfence.vma
    csrw    satp, t0
    sfence.vma

    ld      t0, boot_high_addr
    jr      t0

boot_high:
    /* Now at the linked address.  No trap handler yet, so no faults allowed. */
    la      sp, boot_stack_top
    .option push
    .option norelax
    la      gp, __global_pointer$       /* kernel C addresses small data from gp */
    .option pop
    li      s0, 0                       /* ends backtraces */
    li      ra, 0
    csrw    sscratch, zero
    la      t0, _bss_start
    la      t1, _bss_end
2:  bgeu    t0, t1, 3f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       2b
3:  mv      a2, s1
    call    kmain                       /* kmain(hartid, dtb_pa, instret at _start) */
4:  wfi
    j       4b

    .balign 4                           /* stvec needs 4-byte alignment */
no_bitmanip:
    /* Nothing here can run: say why, then power off (SBI SRST, reason
     * "system failure") so that `make run` returns; park if that fails. */
    lla     s1, bitmanip_msg
    jal     say
    li      a7, SBI_EXT_SRST
    li      a6, 0                       /* system_reset */
    li      a0, 0                       /* shutdown */
    li      a1, 1                       /* system failure */
    ecall
    j       park_hart

wrong_address:
    /* Say why, then stop this hart. */
    lla     s1, wrong_msg
    jal     say
    j       park_hart

/* The string at s1 on the SBI console (legacy putchar); returns to ra. */
say:
    lbu     a0, 0(s1)
    beqz    a0, 1f
    li      a7, 1
    ecall
    addi    s1, s1, 1
    j       say
1:  ret

park_hart:
    li      a7, SBI_EXT_HSM
    li      a6, SBI_HSM_STOP
    ecall
6:  wfi                                 /* hart_stop failed: idle forever */
    j       6b

    .section .rodata
    .balign 8
kernel_phys_base:
    .dword  KERNEL_PHYS_BASE
boot_high_addr:
    .dword  boot_high
wrong_msg:
    .asciz  "obol: loaded at a physical address other than the one linked; stopping\n"
bitmanip_msg:
    .asciz  "obol: this hart lacks Zba, Zbb or Zbs (the kernel is built for them); stopping\n"

    .section .data.boot, "aw"
    .balign 4096
boot_pagetable:
    .zero   4096
    .globl  boot_lottery
boot_lottery:
    .word   0

    .section .bss
    .balign 16
    .globl  boot_stack, boot_stack_top
boot_stack:
    .zero   16384
boot_stack_top:
