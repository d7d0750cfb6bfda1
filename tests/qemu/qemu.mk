# In-QEMU tests: boot the kernel image with a test payload per table line.
QEMU_TEST_TABLES := $(sort $(wildcard tests/qemu/*.tests))

.PHONY: test-qemu
test-qemu: $(KERNEL_BIN)
	@tests/qemu/harness.sh $(KERNEL_BIN) $(QEMU_TEST_TABLES)
