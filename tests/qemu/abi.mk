# The syscall reference pages (spec/syscalls/) against abi.h, <obol/obol.h>,
# spec/syscalls/errors.tsv, the kernel code and the in-QEMU tests.
# No build needed: tests/check-abi.sh compiles only a prototype check.
TEST_SUITES += abi

.PHONY: test-abi
test-abi:
	@tests/check-abi.sh
