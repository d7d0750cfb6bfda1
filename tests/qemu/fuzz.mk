# The syscall fuzzer (spec/fuzzing.md).
#   make fuzz SEED=7 N=2000000 [SMP=1]   long run: init=fuzz selfcheck=1 initarg=SEED,N
# The short run is the harness line in tests/qemu/fuzz.tests (make test-qemu).
SEED ?= 1
N    ?= 1000000
FUZZ_SMP ?= 1

.PHONY: fuzz
fuzz: $(KERNEL_BIN)
	@mkdir -p $(BUILD)
	@echo "fuzz: seed $(SEED), $(N) syscalls; console in $(BUILD)/fuzz.log"
	@timeout --kill-after=5 1800 qemu-system-riscv64 -machine virt \
	    -bios /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin -kernel $(KERNEL_BIN) \
	    -m 256M -smp $(FUZZ_SMP) -nographic -no-reboot -monitor none \
	    -append "init=fuzz selfcheck=1 initarg=$(SEED),$(N)" </dev/null > $(BUILD)/fuzz.log 2>&1; \
	rc=$$?; grep -E "^fuzz:|selfcheck:|PANIC|panic:" $(BUILD)/fuzz.log; \
	if [ $$rc -eq 0 ]; then echo "fuzz: passed"; else echo "fuzz: FAILED (QEMU exit status $$rc)"; exit 1; fi
