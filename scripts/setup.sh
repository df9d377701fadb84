#!/usr/bin/env bash
# Sets up a checkout on Debian/Ubuntu, idempotently: system packages, npm packages, fixtures and every target pack.
# Work already done is skipped (installed packages, an unchanged package-lock, unchanged build recipes).
#   bash scripts/setup.sh          what serving the app needs
#   bash scripts/setup.sh --test   plus what the test suite needs (Chromium, the native reference programs)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/apt-deps.sh

for_tests=0
[ "${1:-}" = "--test" ] && for_tests=1

say() { printf '\033[1msetup:\033[0m %s\n' "$*" >&2; }

# Toolchain for building the oracles from Debian's sources (see toolchains/wasi-c/README.md).
packages=(clang lld wasi-libc libclang-rt-14-dev-wasm32 binaryen dpkg-dev groff-base ca-certificates)
if [ "$for_tests" = 1 ]; then
  # Debian's Chromium for the end-to-end tests; the native programs the oracles are compared against.
  packages+=(chromium uuid-runtime)
fi
say "system packages"
ensure_apt_packages "${packages[@]}"

# npm packages: reinstall only when package-lock.json changed since the last install.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.mirrorbox-lock ] || [ "$(cat node_modules/.mirrorbox-lock)" != "$lock_sum" ]; then
  say "npm packages"
  npm ci --no-audit --no-fund
  echo "$lock_sum" >node_modules/.mirrorbox-lock
fi

say "test fixtures"
bash tests/fixtures/build.sh

say "target packs"
npx --no-install tsx scripts/build-targets.ts
