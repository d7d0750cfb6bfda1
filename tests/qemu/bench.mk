# The benchmark (spec/bench.md, tests/bench/bench.sh).
#   make bench       full run: the table on the console, build/bench.json
#   make test-bench  short run (user/apps/bench_short) into
#                    build/bench-short.json, then PASS/FAIL bench/<key> for a
#                    complete, well-formed result; no thresholds.
TEST_SUITES += bench

.PHONY: bench test-bench
bench: $(KERNEL_BIN)
	@tests/bench/bench.sh run full $(KERNEL_BIN) $(KERNEL_ELF) $(BUILD)/bench.json

test-bench: $(KERNEL_BIN)
	@tests/bench/bench.sh run short $(KERNEL_BIN) $(KERNEL_ELF) $(BUILD)/bench-short.json \
	    || echo "FAIL bench/run: the short run failed (console: $(BUILD)/bench-short.log)"
	@tests/bench/bench.sh check $(BUILD)/bench-short.json
