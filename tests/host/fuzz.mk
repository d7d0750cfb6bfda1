# libFuzzer over the capability core (tests/host/fuzz_cap.c; spec/fuzzing.md).
#   make fuzz-cap [FUZZ_CAP_TIME=20]   build and run, corpus in build/host/fuzz-cap-corpus
#   make test-fuzzcap                  ~10 s run for make test, PASS/FAIL line
FUZZ_CC       ?= clang
FUZZ_CAP_TIME ?= 20
FUZZ_CAP_DEFS := -DCAP_TABLE_SLOTS=8u -DCAP_MAX_TABLES=4u -DCAP_MAX_OBJECTS=24u
FUZZ_CAP_BIN  := $(HOST_BUILD)/fuzz_cap
FUZZ_CAP_CORPUS := $(HOST_BUILD)/fuzz-cap-corpus
TEST_SUITES   += fuzzcap

$(FUZZ_CAP_BIN): tests/host/fuzz_cap.c kernel/cap/cap.c kernel/cap/cap_check.c kernel/cap/cap.h \
                 kernel/cap/cap_check.h user/include/obol/abi.h
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	    -Iuser/include -Ikernel -Ispec $(FUZZ_CAP_DEFS) -o $@ \
	    tests/host/fuzz_cap.c kernel/cap/cap.c kernel/cap/cap_check.c

.PHONY: fuzz-cap test-fuzzcap
fuzz-cap: $(FUZZ_CAP_BIN)
	@mkdir -p $(FUZZ_CAP_CORPUS)
	$(FUZZ_CAP_BIN) -max_total_time=$(FUZZ_CAP_TIME) -max_len=512 -artifact_prefix=$(HOST_BUILD)/fuzz-cap- $(FUZZ_CAP_CORPUS)

test-fuzzcap: $(FUZZ_CAP_BIN)
	@mkdir -p $(FUZZ_CAP_CORPUS)
	@if $(FUZZ_CAP_BIN) -max_total_time=10 -max_len=512 -seed=1 -artifact_prefix=$(HOST_BUILD)/fuzz-cap- \
	    $(FUZZ_CAP_CORPUS) > $(HOST_BUILD)/fuzz-cap.log 2>&1; then echo "PASS fuzzcap/cap_core"; \
	else echo "FAIL fuzzcap/cap_core (log: $(HOST_BUILD)/fuzz-cap.log)"; grep -E "invariant|ERROR|SUMMARY" $(HOST_BUILD)/fuzz-cap.log | head -5; fi
