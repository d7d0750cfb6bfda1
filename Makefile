# Obol: top-level build.  Each subsystem keeps its rules in its own fragment:
#   platform/platform.mk  QEMU virt + OpenSBI: image, run, debug
#   user/user.mk          user runtime, programs and the boot archive
#   kernel/kernel.mk      the kernel image (embeds the boot archive)
#   tests/tests.mk        host tests and in-QEMU tests
#   proofs/proofs.mk      Frama-C/WP proofs of the capability core
# Every suite prints one line per test, "PASS <name>" or "FAIL <name> ...";
# tests/runner.sh runs the suites and prints the "N passed, M failed" total.

BUILD   := build
V       ?= 0
Q       := $(if $(filter 1,$(V)),,@)

.DEFAULT_GOAL := all
.PHONY: all run test debug clean deps prove bench

include platform/platform.mk
include user/user.mk
include kernel/kernel.mk
include tests/tests.mk
include proofs/proofs.mk

all: $(KERNEL_BIN)

# Install whatever Debian packages a target needs (apt-get as root;
# otherwise print the command and stop).
deps:
	$(Q)platform/deps.sh

test:
	$(Q)platform/deps.sh
	$(Q)tests/runner.sh $(TEST_SUITES)

clean:
	rm -rf $(BUILD)
