# Host tests of the capability core (kernel/cap), built with the host
# sanitizer flags.  Small table sizes so tables and pools fill up.
CAP_HOST_SRC  := kernel/cap/cap.c kernel/cap/cap_check.c
CAP_HOST_HDRS := kernel/cap/cap.h kernel/cap/cap_lookup.h kernel/cap/cap_check.h spec/cap_spec.h user/include/obol/abi.h
CAP_UNIT_DEFS := -DCAP_TABLE_SLOTS=64u -DCAP_MAX_TABLES=8u -DCAP_MAX_OBJECTS=64u
CAP_RAND_DEFS := -DCAP_TABLE_SLOTS=8u -DCAP_MAX_TABLES=6u -DCAP_MAX_OBJECTS=40u
# the unit tests again with 80 slots: three free-mask words, the last one
# partly used, so the 31/32 and 63/64 word boundaries are inside a table
CAP_UNIT80_DEFS := -DCAP_TABLE_SLOTS=80u -DCAP_MAX_TABLES=8u -DCAP_MAX_OBJECTS=96u '-DCAP_TEST_SUITE="cap80"'
CAP_RAND_OPS  ?= 1000000

# The _soa builds run the core in the layout Frama-C proves (one array per
# field, kernel/cap/cap.h): the same tests, the same reference model.
CAP_SOA_DEFS  := -DCAP_LAYOUT_SOA=1

HOST_TESTS += $(HOST_BUILD)/test_cap $(HOST_BUILD)/test_cap80 $(HOST_BUILD)/cap_random_run \
              $(HOST_BUILD)/test_cap_soa $(HOST_BUILD)/cap_random_soa_run

$(HOST_BUILD)/test_cap: tests/host/test_cap.c tests/host/test_cap_inv.c $(CAP_HOST_SRC) $(CAP_HOST_HDRS)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(CAP_UNIT_DEFS) -o $@ tests/host/test_cap.c tests/host/test_cap_inv.c $(CAP_HOST_SRC)

$(HOST_BUILD)/test_cap80: tests/host/test_cap.c tests/host/test_cap_inv.c $(CAP_HOST_SRC) $(CAP_HOST_HDRS)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(CAP_UNIT80_DEFS) -o $@ tests/host/test_cap.c tests/host/test_cap_inv.c $(CAP_HOST_SRC)

$(HOST_BUILD)/test_cap_soa: tests/host/test_cap.c tests/host/test_cap_inv.c $(CAP_HOST_SRC) $(CAP_HOST_HDRS)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(CAP_UNIT_DEFS) $(CAP_SOA_DEFS) '-DCAP_TEST_SUITE="cap_soa"' -o $@ \
	    tests/host/test_cap.c tests/host/test_cap_inv.c $(CAP_HOST_SRC)

$(HOST_BUILD)/cap_random_soa: tests/host/cap_random.c tests/host/test_cap_inv.c $(CAP_HOST_SRC) $(CAP_HOST_HDRS)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(CAP_RAND_DEFS) $(CAP_SOA_DEFS) -o $@ \
	    tests/host/cap_random.c tests/host/test_cap_inv.c $(CAP_HOST_SRC)

$(HOST_BUILD)/cap_random: tests/host/cap_random.c tests/host/test_cap_inv.c $(CAP_HOST_SRC) $(CAP_HOST_HDRS)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HOST_CFLAGS) $(CAP_RAND_DEFS) -o $@ tests/host/cap_random.c tests/host/test_cap_inv.c $(CAP_HOST_SRC)

# Wrappers so that "make test-host" runs the random test with its op count.
$(HOST_BUILD)/cap_random_run $(HOST_BUILD)/cap_random_soa_run: $(HOST_BUILD)/%_run: $(HOST_BUILD)/%
	@mkdir -p $(@D)
	$(Q)printf '#!/bin/sh\nexec "%s" "$${CAP_SEED:-0}" "$${CAP_OPS:-%s}"\n' "$(abspath $<)" "$(CAP_RAND_OPS)" > $@
	$(Q)chmod +x $@

# Cost measurements (not a test): default table sizes, no sanitizers.
$(HOST_BUILD)/cap_bench: tests/host/cap_random_bench.c kernel/cap/cap.c $(CAP_HOST_HDRS)
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) -std=c11 -O2 -Wall -Wextra -Iuser/include -Ikernel -Ispec -o $@ tests/host/cap_random_bench.c kernel/cap/cap.c

.PHONY: cap-bench
cap-bench: $(HOST_BUILD)/cap_bench
	$(Q)$<
