#!/usr/bin/env bash
# Installs the system packages tscc's tests use: qemu-user to run cross binaries,
# the Debian cross sysroots and binutils (oracles for the assembler and the
# torture denominators), gcc-12-source for the GCC torture suite, dpkg-dev
# (dpkg-source) and tcl-dev (SQLite's testfixture) for tests/projects.
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
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all system packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install-deps: not root and no sudo; please install: ${missing[*]}" >&2
    exit 1
  fi
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
