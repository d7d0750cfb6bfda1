#!/usr/bin/env bash
# The benchmark (spec/bench.md).
#
#   bench.sh run MODE KERNEL_BIN KERNEL_ELF JSON
#       MODE full: boots init=bench, short: init=bench_short (fewer
#       iterations).  QEMU runs with -icount shift=0 -smp 1 (instret counts
#       executed instructions exactly).  Collects the task's console lines
#           BENCH <key> <min> <median> <max> n=<N>  |  BENCH <key> null null null note=<text>
#           SCALE <op> <x> <median>      INFO <name> <value>      BENCH done errors=<N>
#       prints the table, and writes JSON (one entry per operation, plus
#       "scaling", "memory" and "meta").  A second, short boot with the
#       boot argument memstats (init=bench_server, which exits at once) reads
#       the kernel's "memstats:" line; the image's section sizes come from
#       KERNEL_ELF on the host.  Exit status 0 if the task ran clean.
#   bench.sh check JSON
#       PASS/FAIL lines (bench/...): every key present, min <= median <= max,
#       all > 0 (every key, ipc_call_reply_4_desc too); scaling and memory
#       complete (memory's object sizes may be null when the kernel prints no
#       memstats line).  No thresholds.
set -uo pipefail
cd "$(dirname "$0")/../.."

OPS="null_syscall yield_alone mint dup close dup_close dup_third_party info revoke_1 revoke_16 revoke_256
     ipc_call_reply_0 ipc_call_reply_4 ipc_call_reply_4_desc ipc_call_queued yield_switch map_unmap
     process_lifecycle boot_to_init"
MEMSTATS_KEYS="slot object_header process thread endpoint notification region"

opensbi=${OPENSBI:-/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin}
qemu=${QEMU:-qemu-system-riscv64}
mem=${BENCH_MEM:-128M}
cross=${CROSS:-riscv64-unknown-elf-}

boot() {   # boot KERNEL_BIN BOOTARGS LOG TIMEOUT
    timeout --kill-after=5 "$4" "$qemu" -machine virt -bios "$opensbi" -kernel "$1" -m "$mem" \
        -smp 1 -icount shift=0 -nographic -no-reboot -monitor none -append "$2" \
        </dev/null >"$3" 2>&1
}

# Section sizes of the kernel image, and the boot archive inside rodata.
section_size() {   # ELF SECTION
    "${cross}size" -A "$1" 2>/dev/null | awk -v s="$2" '$1 == s { print $2; f = 1 } END { if (!f) print 0 }'
}
symbol() {         # ELF NAME -> hex address (no 0x), or nothing
    "${cross}nm" "$1" 2>/dev/null | awk -v n="$2" '$3 == n { print $1; exit }'
}

run() {
    local mode=$1 kbin=$2 kelf=$3 json=$4 init tmo
    case "$mode" in
        full) init=bench; tmo=${BENCH_TIMEOUT:-600} ;;
        short) init=bench_short; tmo=${BENCH_TIMEOUT:-120} ;;
        *) echo "bench.sh: mode must be full or short" >&2; return 2 ;;
    esac
    mkdir -p "$(dirname "$json")"
    rm -f "$json"          # never check a stale result
    local log=${json%.json}.log mlog=${json%.json}-memstats.log
    local t0=$SECONDS
    boot "$kbin" "init=$init" "$log" "$tmo"
    local rc=$?
    local secs=$((SECONDS - t0))
    # memstats: accepted bare or as key=value, depending on the kernel's parser.
    boot "$kbin" "init=bench_server memstats memstats=1" "$mlog" 60
    local memline
    memline=$(grep -m1 -o 'memstats:.*' "$mlog" | tr -d '\r' || true)

    local text rodata data bss sdata sbss arch_start arch_end archive
    text=$(section_size "$kelf" .text); rodata=$(section_size "$kelf" .rodata)
    data=$(section_size "$kelf" .data); bss=$(section_size "$kelf" .bss)
    arch_start=$(symbol "$kelf" boot_archive); arch_end=$(symbol "$kelf" boot_archive_end)
    archive=null
    [ -n "$arch_start" ] && [ -n "$arch_end" ] && archive=$((0x$arch_end - 0x$arch_start))

    tr -d '\r' <"$log" | awk -v ops="$OPS" -v memline="$memline" -v mkeys="$MEMSTATS_KEYS" \
        -v text="$text" -v rodata="$rodata" -v data="$data" -v bss="$bss" -v archive="$archive" \
        -v mode="$mode" -v qemu_rc="$rc" -v secs="$secs" -v json="$json" '
    function num(x) { return x == "" ? "null" : x }
    /^BENCH done / { split($3, e, "="); errors = e[2]; done = 1; next }
    /^BENCH / {
        k = $2; mn[k] = $3; md[k] = $4; mx[k] = $5; note[k] = ""
        if ($6 ~ /^note=/) { n = $0; sub(/^.*note=/, "", n); note[k] = n }
        if ($6 ~ /^n=/) { split($6, c, "="); cnt[k] = c[2] }
        next
    }
    /^SCALE / { sc[$2] = sc[$2] (sc[$2] == "" ? "" : " ") $3 ":" $4; next }
    /^INFO / { info[$2] = $3; next }
    END {
        nops = split(ops, op, /[ \t\n]+/)
        # The table.
        printf "%-24s %12s %12s %12s %6s\n", "operation", "min", "median", "max", "n"
        for (i = 1; i <= nops; i++) {
            k = op[i]; if (k == "") continue
            if (!(k in mn)) printf "%-24s %12s\n", k, "MISSING"
            else if (mn[k] == "null") printf "%-24s %12s %12s %12s  (%s)\n", k, "-", "-", "-", note[k]
            else printf "%-24s %12s %12s %12s %6s\n", k, mn[k], md[k], mx[k], cnt[k]
        }
        out = "{\n"
        for (i = 1; i <= nops; i++) {
            k = op[i]; if (k == "") continue
            if (!(k in mn)) continue
            if (mn[k] == "null")
                out = out sprintf("  \"%s\": {\"min\": null, \"median\": null, \"max\": null, \"note\": \"%s\"},\n", k, note[k])
            else
                out = out sprintf("  \"%s\": {\"min\": %s, \"median\": %s, \"max\": %s},\n", k, mn[k], md[k], mx[k])
        }
        # Scaling: medians per occupancy / descendants, and max/min.
        out = out "  \"scaling\": {\n"
        split("dup lookup revoke", so, " ")
        for (j = 1; j <= 3; j++) {
            s = so[j]; m = split(sc[s], pts, " "); xs = ""; ys = ""; lo = 0; hi = 0
            for (p = 1; p <= m; p++) {
                split(pts[p], xy, ":")
                xs = xs (p > 1 ? ", " : "") xy[1]; ys = ys (p > 1 ? ", " : "") xy[2]
                v = xy[2] + 0; if (p == 1 || v < lo) lo = v; if (p == 1 || v > hi) hi = v
            }
            ratio = (lo > 0) ? sprintf("%.3f", hi / lo) : "null"
            printf "scaling %-7s medians [%s] at %s %s: max/min %s\n", s, ys, \
                (s == "revoke" ? "descendants" : "used slots"), "[" xs "]", ratio
            out = out sprintf("    \"%s\": {\"%s\": [%s], \"median\": [%s], \"max_over_min\": %s}%s\n", \
                s, (s == "revoke" ? "descendants" : "used_slots"), xs, ys, ratio, (j < 3 ? "," : ""))
        }
        out = out "  },\n"
        # Memory.
        out = out "  \"memory\": {\n"
        out = out sprintf("    \"kernel_bytes\": {\"text\": %s, \"rodata\": %s, \"data\": %s, \"bss\": %s, \"boot_archive_in_rodata\": %s},\n", \
            num(text), num(rodata), num(data), num(bss), archive)
        nm = split(mkeys, mk, " "); got = 0; ob = ""
        for (i = 1; i <= nm; i++) {
            v = "null"
            if (match(memline, "(^|[ :])" mk[i] "=[0-9]+")) {
                t = substr(memline, RSTART, RLENGTH); sub(/^.*=/, "", t); v = t; got++
            }
            ob = ob sprintf("%s\"%s\": %s", (i > 1 ? ", " : ""), mk[i], v)
        }
        if (got == nm)
            out = out sprintf("    \"object_bytes\": {%s},\n    \"object_bytes_note\": \"from the kernel line: %s\",\n", ob, memline)
        else
            out = out "    \"object_bytes\": null,\n    \"object_bytes_note\": \"no memstats line from the kernel (boot argument memstats)\",\n"
        pin = ("phys_in_use_bytes" in info) ? info["phys_in_use_bytes"] : "null"
        out = out sprintf("    \"phys_in_use_bytes\": %s,\n", pin)
        out = out "    \"phys_in_use_note\": \"(frames_total - frames_free) * 4096 read by system_info as the first call of init=bench: the frame allocator pool only (kernel page table, init process root and page tables, init program segments, its 64 KiB stack, the copy of the boot archive); not the kernel image (text/rodata/data/bss above) nor firmware\"\n"
        out = out "  },\n"
        out = out sprintf("  \"meta\": {\"mode\": \"%s\", \"iterations\": %s, \"warmup\": %s, \"counter_overhead\": %s, \"errors\": %s, \"qemu_exit\": %s, \"seconds\": %s, \"frames_total\": %s, \"leaked_frames\": %s, \"leaked_objects\": %s}\n", \
            mode, num(info["iterations"]), num(info["warmup"]), num(info["counter_overhead"]), \
            (done ? errors : "null"), qemu_rc, secs, num(info["frames_total"]), num(info["leaked_frames"]), num(info["leaked_objects"]))
        out = out "}\n"
        printf "%s", out > json
        printf "memory: text %s rodata %s (boot archive %s) data %s bss %s bytes; in use at init %s bytes\n", \
            text, rodata, archive, data, bss, pin
        printf "memory: %s\n", (got == nm ? memline : "no memstats line: object sizes null")
        exit(done && errors == 0 ? 0 : 1)
    }'
    local ok=$?
    echo "bench: $mode mode, $secs s under QEMU (exit status $rc); console $log; wrote $json"
    [ "$rc" -eq 0 ] && [ "$ok" -eq 0 ]
}

check() {
    local json=$1 bad=0
    pass() { echo "PASS bench/$1"; }
    fail() { echo "FAIL bench/$1: $2"; bad=1; }
    if [ ! -s "$json" ]; then
        fail json "no $json"
        return 1
    fi
    # Well-formed: whichever JSON parser the host has (jq, python3), else the line checks alone.
    if command -v jq >/dev/null 2>&1; then
        jq -e . "$json" >/dev/null 2>&1 && pass json-wellformed || fail json-wellformed "jq cannot parse $json"
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$json" 2>/dev/null \
            && pass json-wellformed || fail json-wellformed "python3 cannot parse $json"
    fi
    local k line
    for k in $OPS; do
        line=$(grep -m1 "^  \"$k\": " "$json")
        if [ -z "$line" ]; then fail "$k" "missing"; continue; fi
        local why
        why=$(awk -v l="$line" 'BEGIN {
            if (!match(l, /"min": [0-9]+, "median": [0-9]+, "max": [0-9]+\}/)) { print "not three integers: " l; exit }
            s = substr(l, RSTART, RLENGTH); gsub(/[^0-9 ]/, "", s); m = split(s, v, " +")
            n = 0; for (i = 1; i <= m; i++) if (v[i] != "") x[++n] = v[i] + 0
            if (x[1] <= 0) print "min " x[1] " not > 0"
            else if (!(x[1] <= x[2] && x[2] <= x[3])) print "not min <= median <= max: " x[1] " " x[2] " " x[3]
        }')
        [ -z "$why" ] && pass "$k" || fail "$k" "$why"
    done
    # Scaling: three occupancies for dup and lookup, four descendant counts for revoke.
    for k in dup lookup revoke; do
        local want=3; [ $k = revoke ] && want=4
        line=$(grep -m1 "^    \"$k\": " "$json")
        local why
        why=$(awk -v l="$line" -v w="$want" 'BEGIN {
            if (l == "") { print "missing"; exit }
            if (!match(l, /"median": \[[0-9, ]*\]/)) { print "no medians"; exit }
            s = substr(l, RSTART + 11, RLENGTH - 12); n = split(s, v, /, */)
            if (n != w) { print n " medians, want " w; exit }
            for (i = 1; i <= n; i++) if (v[i] + 0 <= 0) { print "median " i " not > 0"; exit }
            if (l !~ /"max_over_min": [0-9]+\.[0-9]+/) print "no max_over_min"
        }')
        [ -z "$why" ] && pass "scaling.$k" || fail "scaling.$k" "$why"
    done
    # Memory: image sections > 0, in-use bytes > 0; object sizes numbers or null.
    line=$(grep -m1 '"kernel_bytes"' "$json")
    if [[ "$line" =~ \"text\":\ [1-9][0-9]*,\ \"rodata\":\ [1-9][0-9]*,\ \"data\":\ [0-9]+,\ \"bss\":\ [1-9][0-9]* ]]; then
        pass memory.kernel_bytes; else fail memory.kernel_bytes "$line"; fi
    line=$(grep -m1 '"object_bytes"' "$json")
    if [[ "$line" == *'"object_bytes": null,'* ]]; then
        pass "memory.object_bytes (null: no memstats line)"
    elif [[ "$line" =~ \"slot\":\ [1-9][0-9]*,\ \"object_header\":\ [1-9][0-9]*,\ \"process\":\ [1-9][0-9]*,\ \"thread\":\ [1-9][0-9]*,\ \"endpoint\":\ [1-9][0-9]*,\ \"notification\":\ [1-9][0-9]*,\ \"region\":\ [1-9][0-9]* ]]; then
        pass memory.object_bytes
    else
        fail memory.object_bytes "$line"
    fi
    grep -q '"phys_in_use_bytes": [1-9][0-9]*,' "$json" && pass memory.phys_in_use_bytes \
        || fail memory.phys_in_use_bytes "missing or not > 0"
    grep -q '"errors": 0,' "$json" && pass run-clean || fail run-clean "the task reported errors (see the console log)"
    return $bad
}

case "${1:-}" in
    run) shift; run "$@" ;;
    check) shift; check "$@" ;;
    *) echo "usage: bench.sh run full|short KERNEL_BIN KERNEL_ELF JSON | bench.sh check JSON" >&2; exit 2 ;;
esac
