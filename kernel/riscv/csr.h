/* RISC-V supervisor CSRs and their bits (privileged spec v1.12). */
#ifndef RISCV_CSR_H
#define RISCV_CSR_H
#ifndef __ASSEMBLER__           /* trapentry.S takes the numbers below */
#include <stdint.h>
#endif

#define csr_read(csr) ({ uint64_t v_; asm volatile("csrr %0, " #csr : "=r"(v_)); v_; })
#define csr_write(csr, val) asm volatile("csrw " #csr ", %0" :: "rK"((uint64_t)(val)) : "memory")
#define csr_set(csr, bits) asm volatile("csrs " #csr ", %0" :: "rK"((uint64_t)(bits)) : "memory")
#define csr_clear(csr, bits) asm volatile("csrc " #csr ", %0" :: "rK"((uint64_t)(bits)) : "memory")

#define SSTATUS_SIE   (1ul << 1)
#define SSTATUS_SPIE  (1ul << 5)
#define SSTATUS_SPP   (1ul << 8)
#define SSTATUS_FS    (3ul << 13)
#define SSTATUS_SUM   (1ul << 18)
#define SSTATUS_MXR   (1ul << 19)

#define SIE_SSIE      (1ul << 1)
#define SIE_STIE      (1ul << 5)
#define SIE_SEIE      (1ul << 9)

#define SCAUSE_INTERRUPT (1ul << 63)
#define IRQ_S_SOFT    1
#define IRQ_S_TIMER   5
#define IRQ_S_EXT     9

#define EXC_INST_MISALIGNED   0
#define EXC_INST_ACCESS       1
#define EXC_ILLEGAL_INST      2
#define EXC_BREAKPOINT        3
#define EXC_LOAD_MISALIGNED   4
#define EXC_LOAD_ACCESS       5
#define EXC_STORE_MISALIGNED  6
#define EXC_STORE_ACCESS      7
#define EXC_ECALL_U           8
#define EXC_ECALL_S           9
#define EXC_INST_PAGE_FAULT  12
#define EXC_LOAD_PAGE_FAULT  13
#define EXC_STORE_PAGE_FAULT 15

#ifndef __ASSEMBLER__
static inline uint64_t rdtime(void) { return csr_read(time); }
static inline void wfi(void) { asm volatile("wfi" ::: "memory"); }
static inline void sfence_vma(void) { asm volatile("sfence.vma zero, zero" ::: "memory"); }
#endif
#endif
