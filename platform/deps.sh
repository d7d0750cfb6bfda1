#!/usr/bin/env bash
# Install the Debian packages Obol needs, or say exactly how to.
# Usage: platform/deps.sh [group...]   groups: build run test prove debug (default: all)
set -euo pipefail

declare -A PKGS=(
  [build]="gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf binutils-riscv64-unknown-elf make"
  [run]="qemu-system-misc opensbi"
  [test]="gcc clang libclang-rt-14-dev device-tree-compiler qemu-system-misc opensbi"
  [prove]="frama-c-base why3 z3 cvc4"
  [debug]="gdb-multiarch qemu-system-misc"
)
groups=("$@"); [ ${#groups[@]} -gt 0 ] || groups=(build run test prove debug)

want=()
for g in "${groups[@]}"; do
  for p in ${PKGS[$g]}; do want+=("$p"); done
done

missing=()
for p in $(printf '%s\n' "${want[@]}" | sort -u); do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "obol: missing Debian packages: ${missing[*]}" >&2
  echo "obol: run as root:  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "obol: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
