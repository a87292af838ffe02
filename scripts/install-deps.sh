#!/usr/bin/env bash
# Installs the system packages tscc's tests use: qemu-user to run cross binaries,
# the Debian cross sysroots and binutils (oracles for the assembler and the
# torture denominators), gcc-12-source for the GCC torture suite, dpkg-dev
# (dpkg-source) and tcl-dev (SQLite's testfixture) for tests/projects, cmake and
# gdb (gdb-multiarch for riscv64/aarch64 under qemu-user's gdbstub) for the
# build-system and debug-information tests. tests/projects fetches
# sources with `apt-get source`, so a deb-src entry is added when there is none.
# Idempotent; needs root (or sudo). Prints exactly what is missing if it cannot install.
set -euo pipefail

packages=(
  gcc make
  qemu-user
  binutils-aarch64-linux-gnu binutils-riscv64-linux-gnu
  gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu
  libc6-dev-arm64-cross libc6-dev-riscv64-cross
  gcc-12-source
  xz-utils
  dpkg-dev tcl-dev
  cmake gdb gdb-multiarch llvm
  csmith libcsmith-dev cvise
)

SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

# deb-src: mirror the binary sources (deb822 or one-line format) when none exists.
have_src() {
  grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list /etc/apt/sources.list.d/
}
need_update=0
if ! have_src; then
  src_file=/etc/apt/sources.list.d/tscc-deb-src.sources
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    sed -E 's/^Types:.*/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $SUDO tee "$src_file" >/dev/null || true
  elif [ -f /etc/apt/sources.list ]; then
    grep -E '^deb ' /etc/apt/sources.list | sed 's/^deb /deb-src /' | $SUDO tee /etc/apt/sources.list.d/tscc-deb-src.list >/dev/null || true
  fi
  if have_src; then echo "install-deps: added deb-src entries (for apt-get source)"; need_update=1
  else echo "install-deps: no deb-src entry in apt's sources; tests/projects cannot fetch sources" >&2; fi
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  [ $need_update -eq 1 ] && $SUDO apt-get update -qq >/dev/null
  echo "install-deps: all system packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] && [ -z "$SUDO" ]; then
  echo "install-deps: not root and no sudo; please install: ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
