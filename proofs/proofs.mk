# Frama-C/WP proofs of the capability core (kernel/cap).  See proofs/REPORT.md.
#   make prove        run WP on kernel/cap/cap.c (z3 + cvc4), fail unless all proved
#   make test-prove   same, as a test suite (PASS/FAIL lines + "Proved goals: X / Y")
.PHONY: prove test-prove
prove test-prove:
	$(Q)proofs/prove.sh $(BUILD)
