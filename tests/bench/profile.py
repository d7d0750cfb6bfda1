#!/usr/bin/env python3
"""Count executed instructions per kernel function in a window of a QEMU
exec trace (-singlestep -d exec,nochain -D LOG).

usage: profile.py LOG KERNEL_ELF START_PC END_PC [MIN_TOTAL [MAX_TOTAL]]
A window opens at each instruction at START_PC and closes at the next one
at END_PC (both user addresses, e.g. a syscall stub's entry and the
instruction after its ecall).  Instructions below the kernel's base are
counted as "user".  Prints the per-symbol medians over the windows whose
total lies in [MIN_TOTAL, MAX_TOTAL] (default: all), e.g. to tell apart
calls of one stub that take different paths."""
import bisect, re, subprocess, sys, collections, statistics

log, elf, start, end = sys.argv[1], sys.argv[2], int(sys.argv[3], 16), int(sys.argv[4], 16)
lo = int(sys.argv[5]) if len(sys.argv) > 5 else 0
hi = int(sys.argv[6]) if len(sys.argv) > 6 else 1 << 62
nm = "riscv64-unknown-elf-nm"
syms = []
for line in subprocess.run([nm, "-n", elf], capture_output=True, text=True).stdout.splitlines():
    f = line.split()
    if len(f) == 3 and f[1] in "tTwW":
        syms.append((int(f[0], 16), f[2]))
addrs = [a for a, _ in syms]
# The kernel's lowest text symbol (LTO adds file symbols at 0: not text).
kaddrs = [a for a in addrs if a >= 0x80000000]
kbase = kaddrs[0] if kaddrs else 0
pat = re.compile(r"^Trace \d+: 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/")
windows, cur = [], None
with open(log, errors="replace") as f:
    for line in f:
        m = pat.match(line)
        if not m:
            continue
        pc = int(m.group(1), 16)
        if cur is None:
            if pc == start:
                cur = collections.Counter()
            else:
                continue
        if pc == end:
            windows.append(cur)
            cur = None
            continue
        if pc < kbase:
            cur["(user)"] += 1
        else:
            i = bisect.bisect_right(addrs, pc) - 1
            cur[syms[i][1] if i >= 0 else "?"] += 1
windows = [w for w in windows if lo <= sum(w.values()) <= hi]
if not windows:
    sys.exit("no window found")
names = sorted({k for w in windows for k in w})
totals = [sum(w.values()) for w in windows]
print(f"{len(windows)} windows; total instructions: median {statistics.median_low(totals)}, "
      f"min {min(totals)}, max {max(totals)}")
med = {k: statistics.median_low([w.get(k, 0) for w in windows]) for k in names}
for k in sorted(names, key=lambda k: -med[k]):
    if med[k]:
        print(f"  {med[k]:6d}  {k}")
