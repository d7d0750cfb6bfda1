#!/usr/bin/env bash
# In-QEMU test harness.  Reads test tables (one test per line) and boots the
# kernel image once per test, with a timeout, collecting the console in
# build/qemu-tests/<name>.log.  A test passes when QEMU's exit status is the
# expected one, every "expect" pattern appears in the console and no "reject"
# pattern does.  A hung kernel hits the timeout and fails.
#
# Table line:  name | smp | mem | bootargs | exit | timeout_s | expect;;expect... | reject;;reject...
# (smp may be followed by further QEMU options, e.g. "1 -cpu rv64,zbb=off")
# (patterns are grep -E regular expressions; '#' starts a comment line; since
# '|' separates columns, write alternation only in the last column)
#
# Usage: harness.sh KERNEL_BIN TABLE...
set -uo pipefail
kernel=$1; shift
opensbi=${OPENSBI:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin}
qemu=${QEMU:-qemu-system-riscv64}
logdir=${QEMU_LOGDIR:-build/qemu-tests}
mkdir -p "$logdir"
trim() { local s=$1; s=${s#"${s%%[![:space:]]*}"}; printf '%s' "${s%"${s##*[![:space:]]}"}"; }

failed=0
for table in "$@"; do
  while IFS= read -r line || [ -n "$line" ]; do
    case "$(trim "$line")" in ''|'#'*) continue ;; esac
    IFS='|' read -r name smp mem args want tmo expect reject <<<"$line"
    name=$(trim "$name"); mem=$(trim "$mem"); args=$(trim "$args")
    read -r smp extra <<<"$smp"
    want=$(trim "$want"); tmo=$(trim "$tmo"); expect=$(trim "$expect"); reject=$(trim "$reject")
    log="$logdir/$name.log"
    cmd=("$qemu" -machine virt -bios "$opensbi" -kernel "$kernel" -m "$mem" -smp "$smp"
         -nographic -no-reboot -monitor none)
    [ -n "$args" ] && cmd+=(-append "$args")
    # Unquoted on purpose: the extra options split into words.
    [ -n "$extra" ] && cmd+=($extra)
    timeout --kill-after=5 "$tmo" "${cmd[@]}" </dev/null >"$log" 2>&1
    got=$?
    why=""
    if [ "$got" -eq 124 ] || [ "$got" -eq 137 ]; then
      why="timed out after ${tmo}s"
    elif [ "$got" -ne "$want" ]; then
      why="exit status $got, expected $want"
    fi
    if [ -z "$why" ] && [ -n "$expect" ]; then
      while IFS= read -r pat; do
        [ -z "$pat" ] && continue
        grep -Eq -- "$pat" "$log" || { why="missing output /$pat/"; break; }
      done < <(printf '%s\n' "${expect//;;/$'\n'}")
    fi
    if [ -z "$why" ] && [ -n "$reject" ]; then
      while IFS= read -r pat; do
        [ -z "$pat" ] && continue
        ! grep -Eq -- "$pat" "$log" || { why="unexpected output /$pat/"; break; }
      done < <(printf '%s\n' "${reject//;;/$'\n'}")
    fi
    if [ -z "$why" ]; then
      echo "PASS qemu/$name"
    else
      echo "FAIL qemu/$name: $why (console: $log)"
      tail -n 15 "$log" | sed 's/^/    | /'
      failed=1
    fi
  done <"$table"
done
exit $failed
