# The kernel image: every .c/.S under kernel/ and platform/, linked twice so
# that the second link carries the symbol table used by panic backtraces.
CROSS        ?= riscv64-unknown-elf-
KCC          := $(CROSS)gcc
KNM          := $(CROSS)nm
KOBJCOPY     := $(CROSS)objcopy
OBOL_VERSION := 0.1.0
TICK_HZ      ?= 100

KBUILD     := $(BUILD)/kernel
KERNEL_ELF := $(BUILD)/kernel.elf
KERNEL_BIN := $(BUILD)/kernel.bin

KARCH   := -march=rv64imac_zba_zbb_zbs_zicsr_zifencei -mabi=lp64 -mcmodel=medany
KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Werror -ffreestanding -fno-common \
           -fno-stack-protector -fno-pie -fno-omit-frame-pointer -fno-optimize-sibling-calls \
           $(KARCH) \
           -ffile-prefix-map=$(CURDIR)/= \
           -DOBOL_VERSION='"$(OBOL_VERSION)"' -DOBOL_TICK_HZ=$(TICK_HZ) \
           -Ikernel -Iplatform -Iuser/include -Ispec
# The link also finishes the compilation of the -flto objects (below).
KLDFLAGS := -O2 -g $(KARCH) -fomit-frame-pointer -foptimize-sibling-calls \
            -nostdlib -no-pie -T platform/kernel.ld -Wl,--build-id=none -Wl,-z,noexecstack

# user/lib/archive.c is the one boot-archive reader, shared with user space.
KSRCS := $(sort $(wildcard kernel/*.c kernel/*/*.c kernel/*.S kernel/*/*.S platform/*.c platform/*.S)) \
         user/lib/archive.c
KOBJS := $(patsubst %,$(KBUILD)/%.o,$(KSRCS))

$(KBUILD)/%.c.o: %.c kernel/kernel.mk
	@mkdir -p $(dir $@)
	$(Q)$(KCC) $(KCFLAGS) -MMD -MP -c $< -o $@

$(KBUILD)/%.S.o: %.S kernel/kernel.mk
	@mkdir -p $(dir $@)
	$(Q)$(KCC) $(KCFLAGS) -MMD -MP -c $< -o $@

-include $(KOBJS:.o=.d)

# The trap, syscall, user-copy and IPC paths and the capability core run on
# every syscall: no frame records there (a backtrace through them skips
# their own line, nothing else).
$(KBUILD)/kernel/riscv/trap.c.o $(KBUILD)/kernel/ipc.c.o $(KBUILD)/kernel/syscall.c.o $(KBUILD)/kernel/uaccess.c.o \
$(KBUILD)/kernel/cap/cap.c.o: \
    KCFLAGS += -fomit-frame-pointer
# and the core and the syscall layer end many functions in a call: let those
# be jumps (a backtrace shows the callee in its caller's place).
$(KBUILD)/kernel/syscall.c.o $(KBUILD)/kernel/cap/cap.c.o: KCFLAGS += -foptimize-sibling-calls
# The two are compiled for link-time optimisation, so that the descriptor
# fast entries (flatten, kernel/syscall.c) take the core's MINT, DUP and
# CLOSE inline, across the two files.
$(KBUILD)/kernel/syscall.c.o $(KBUILD)/kernel/cap/cap.c.o: KCFLAGS += -flto

# The boot archive of user programs is linked into rodata.
$(KBUILD)/kernel/bootarchive.S.o: KCFLAGS += -DBOOT_ARCHIVE='"$(USER_ARCHIVE)"'
$(KBUILD)/kernel/bootarchive.S.o: $(USER_ARCHIVE)

# Pass 1: empty symbol table.  Pass 2: the table of pass 1's text symbols.
# Text does not move between the passes (the table lives after it, in
# rodata); the check below fails the build if it ever did.
$(KBUILD)/ksyms0.S: kernel/gen-ksyms.sh
	@mkdir -p $(dir $@)
	$(Q)kernel/gen-ksyms.sh $(KNM) > $@

$(KBUILD)/pass1.elf: $(KOBJS) $(KBUILD)/ksyms0.S platform/kernel.ld
	$(Q)$(KCC) $(KCFLAGS) -g0 -c $(KBUILD)/ksyms0.S -o $(KBUILD)/ksyms0.o
	$(Q)$(KCC) $(KLDFLAGS) -o $@ $(KOBJS) $(KBUILD)/ksyms0.o -lgcc

$(KERNEL_ELF): $(KBUILD)/pass1.elf
	$(Q)kernel/gen-ksyms.sh $(KNM) $< > $(KBUILD)/ksyms.S
	$(Q)$(KCC) $(KCFLAGS) -g0 -c $(KBUILD)/ksyms.S -o $(KBUILD)/ksyms.o
	$(Q)$(KCC) $(KLDFLAGS) -o $@ $(KOBJS) $(KBUILD)/ksyms.o -lgcc
	$(Q)$(KNM) -n $< | grep ' [tT] ' > $(KBUILD)/syms1.txt
	$(Q)$(KNM) -n $@ | grep ' [tT] ' > $(KBUILD)/syms2.txt
	$(Q)cmp -s $(KBUILD)/syms1.txt $(KBUILD)/syms2.txt || { echo "kernel text moved between link passes" >&2; rm -f $@; exit 1; }
	@echo "  LINK    $@"

$(KERNEL_BIN): $(KERNEL_ELF)
	$(Q)$(KOBJCOPY) -O binary $< $@

.PHONY: kernel
kernel: $(KERNEL_BIN)
