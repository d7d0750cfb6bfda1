#!/bin/sh
# Emit the kernel's text symbols, sorted by address, as an assembly file for
# section .rodata.ksyms.  Usage: gen-ksyms.sh NM KERNEL_ELF > ksyms.S
# With no ELF (first link pass) it emits an empty table of the same shape.
set -eu
nm=$1; elf=${2:-}
syms=$(mktemp); trap 'rm -f "$syms"' EXIT
if [ -n "$elf" ]; then
  "$nm" -n --defined-only "$elf" | awk '$2 ~ /^[tT]$/ && $3 !~ /^\.L/ { print $1, $3 }' | sort -s -k1,1 > "$syms"
fi
echo '    .section .rodata.ksyms, "a"'
echo '    .balign 8'
echo '    .globl ksyms_count, ksyms_addrs, ksyms_name_offsets, ksyms_names'
echo "ksyms_count: .dword $(wc -l < "$syms")"
echo 'ksyms_addrs:'
awk '{ print "    .dword 0x" $1 }' "$syms"
echo 'ksyms_name_offsets:'
awk 'BEGIN { off = 0 } { print "    .word " off; off += length($2) + 1 }' "$syms"
echo 'ksyms_names:'
awk '{ print "    .asciz \"" $2 "\"" }' "$syms"
