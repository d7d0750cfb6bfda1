# QEMU virt + OpenSBI: run and debug the kernel.
QEMU     := qemu-system-riscv64
OPENSBI  := /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin
SMP      ?= 1
MEM      ?= 128M
BOOTARGS ?=
GDB_PORT ?= 1234
GDB_ARGS ?=

# -kernel takes the raw image: QEMU loads it at RAM + 2 MiB, where
# fw_dynamic jumps (platform/kernel.ld links it there).
QEMU_FLAGS = -machine virt -bios $(OPENSBI) -kernel $(KERNEL_BIN) -m $(MEM) -smp $(SMP) \
             -nographic -no-reboot $(if $(BOOTARGS),-append "$(BOOTARGS)")

run:
	$(Q)platform/deps.sh build run
	$(Q)$(MAKE) -s --no-print-directory $(KERNEL_BIN)
	$(QEMU) $(QEMU_FLAGS)

# QEMU waits halted for gdb; gdb-multiarch attaches with the kernel's symbols.
# GDB_ARGS adds gdb options (tests/qemu/debug-attach.sh runs it with -batch).
debug:
	$(Q)platform/deps.sh build run debug
	$(Q)$(MAKE) -s --no-print-directory $(KERNEL_BIN)
	$(Q)$(QEMU) $(QEMU_FLAGS) -S -gdb tcp::$(GDB_PORT) </dev/null & qemu=$$!; \
	gdb-multiarch -q -nx $(KERNEL_ELF) -ex 'set architecture riscv:rv64' \
	    -ex 'target remote :$(GDB_PORT)' $(GDB_ARGS); rc=$$?; \
	kill $$qemu 2>/dev/null; wait $$qemu 2>/dev/null; exit $$rc
