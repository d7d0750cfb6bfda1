#!/usr/bin/env bash
# `make debug` works: QEMU starts halted, gdb-multiarch attaches with the
# kernel's symbols, a breakpoint on kmain is hit and the source is known.
set -uo pipefail
cd "$(dirname "$0")/../.."
log=build/qemu-tests/debug-attach.log
mkdir -p build/qemu-tests
timeout 60 make -s --no-print-directory debug GDB_PORT=${GDB_PORT:-1237} \
  GDB_ARGS="-batch -ex 'hbreak kmain' -ex continue -ex 'info symbol \$\$pc' -ex 'info line *\$\$pc'" >"$log" 2>&1
if grep -q 'Breakpoint 1, kmain' "$log" && grep -q 'kmain in section .text' "$log" && grep -q 'kernel/main.c' "$log"; then
  echo "PASS qemu/debug-attach"
else
  echo "FAIL qemu/debug-attach (see $log)"; tail -n 10 "$log" | sed 's/^/    | /'; exit 1
fi
