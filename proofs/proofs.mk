# Frama-C/WP proofs of the capability core (rules filled in by the proof work).
.PHONY: test-prove
