# Test suites.  "make test-<suite>" prints PASS/FAIL lines; tests/runner.sh
# totals them.  Fragments append host test binaries to HOST_TESTS.
HOST_CC     ?= gcc
HOST_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -fno-omit-frame-pointer \
               -fsanitize=address,undefined -fno-sanitize-recover=all \
               -Iuser/include -Ikernel -Iplatform -Ispec
HOST_BUILD  := $(BUILD)/host
HOST_TESTS  :=
# Suites in the order make test runs them; fragments append theirs.
TEST_SUITES := build host prove qemu

include $(wildcard tests/host/*.mk)
include $(wildcard tests/qemu/*.mk)

.PHONY: test-host host-tests
host-tests: $(HOST_TESTS)

test-host: $(HOST_TESTS)
	@rc=0; for t in $(HOST_TESTS); do $$t || { echo "FAIL $$t (exit status $$?)"; rc=1; }; done; exit $$rc

# Build checks: reproducible image, no floating point.
.PHONY: test-build
test-build:
	@tests/build-checks.sh
