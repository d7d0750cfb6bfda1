# The benchmark (spec/bench.md, tests/bench/bench.sh).
#   make bench       full run: the table on the console, build/bench.json
#   make test-bench  short run (user/apps/bench_short) into
#                    build/bench-short.json, then PASS/FAIL bench/<key> for a
#                    complete, well-formed result; no thresholds.
# tests/tests.mk sets TEST_SUITES with := after including this fragment, so a
# plain "TEST_SUITES += bench" here would be lost: the suite is added for the
# `test` target only (a target-specific append to the final list).
.PHONY: bench test-bench
bench: $(KERNEL_BIN)
	@tests/bench/bench.sh run full $(KERNEL_BIN) $(KERNEL_ELF) $(BUILD)/bench.json

test-bench: $(KERNEL_BIN)
	@tests/bench/bench.sh run short $(KERNEL_BIN) $(KERNEL_ELF) $(BUILD)/bench-short.json \
	    || echo "FAIL bench/run: the short run failed (console: $(BUILD)/bench-short.log)"
	@tests/bench/bench.sh check $(BUILD)/bench-short.json

test: TEST_SUITES += bench
