# In-QEMU tests: boot the kernel image with a test payload per table line,
# and attach gdb through `make debug`.
QEMU_TEST_TABLES := $(sort $(wildcard tests/qemu/*.tests))

.PHONY: test-qemu
test-qemu: $(KERNEL_BIN)
	@rc=0; tests/qemu/harness.sh $(KERNEL_BIN) $(QEMU_TEST_TABLES) || rc=1; \
	tests/qemu/debug-attach.sh || rc=1; exit $$rc
