#!/usr/bin/env bash
# Build checks: the kernel image is reproducible (two builds from the same
# tree in different directories give identical bytes) and uses no floating
# point (soft-float ABI, no F/D instructions in the image).
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
check() { if [ "$2" = ok ]; then echo "PASS build/$1"; else echo "FAIL build/$1: $2"; fail=1; fi; }

a=build/repro-a; b=build/repro-b
rm -rf "$a" "$b"
if make -s --no-print-directory BUILD=$a kernel >/dev/null 2>&1 &&
   make -s --no-print-directory BUILD=$b kernel >/dev/null 2>&1; then
  if cmp -s $a/kernel.bin $b/kernel.bin && cmp -s $a/kernel.elf $b/kernel.elf; then
    check reproducible ok
  else
    check reproducible "images differ: $(cmp $a/kernel.elf $b/kernel.elf | head -1)"
  fi
else
  check reproducible "kernel build failed"
fi

elf=$a/kernel.elf
if [ -f "$elf" ]; then
  if riscv64-unknown-elf-readelf -h "$elf" | grep -q 'soft-float ABI'; then
    check soft-float-abi ok
  else
    check soft-float-abi "ELF header does not say soft-float ABI"
  fi
  # Any F/D instruction or FP register operand in the kernel's text.
  n=$(riscv64-unknown-elf-objdump -d "$elf" | awk -F'\t' '$3 ~ /^(f[a-z.]+|c\.f[a-z]+)$/' | wc -l)
  if [ "$n" -eq 0 ]; then check no-float-instructions ok; else check no-float-instructions "$n FP instructions"; fi
fi
rm -rf "$a" "$b"
exit $fail
