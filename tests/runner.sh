#!/usr/bin/env bash
# Run each named test suite ("make -s test-<suite>"), collect its PASS/FAIL
# lines, and end with the "N passed, M failed" total.  A suite that exits
# non-zero without reporting a failure counts as one failure of its own.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
pass=0; fail=0
for suite in "$@"; do
  log="build/test-$suite.log"
  echo "== suite $suite"
  make -s --no-print-directory "test-$suite" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  p=$(grep -c '^PASS ' "$log" || true)
  f=$(grep -c '^FAIL ' "$log" || true)
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL $suite (suite exited with status $rc)"
    f=1
  fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    echo "FAIL $suite (suite ran no test)"
    f=1
  fi
  pass=$((pass + p)); fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
