# The syscall reference pages (spec/syscalls/) against abi.h, <obol/obol.h>,
# spec/syscalls/errors.tsv, the kernel code and the in-QEMU tests.
# No build needed: tests/check-abi.sh compiles only a prototype check.
TEST_SUITES += abi
# tests/tests.mk sets TEST_SUITES with ":=" after including this fragment,
# which drops the line above; until it appends instead, add the suite for
# "make test" here (a target-specific append survives the later ":=");
# drop this line once tests.mk appends, or abi runs twice.
test: TEST_SUITES += abi

.PHONY: test-abi
test-abi:
	@tests/check-abi.sh
