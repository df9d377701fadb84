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

# Toolchain for building the oracles from Debian's sources (see toolchains/wasi-c/README.md); bubblewrap, the OS
# sandbox the CLI runs Python and JavaScript candidates in (src/node/sandbox/README.md).
packages=(clang lld wasi-libc libclang-rt-14-dev-wasm32 binaryen dpkg-dev groff-base ca-certificates bubblewrap)
if [ "$for_tests" = 1 ]; then
  # Debian's Chromium for the end-to-end tests; libfaketime to pin the clock of native programs in fidelity tests.
  packages+=(chromium faketime)
  # Slurm and MUNGE for the scale-out test, which starts a one-node cluster (tests/deploy/).
  packages+=(slurm-wlm munge)
fi
# Each target lists its own Debian packages in target.json: "build" always, "test" (native programs) for tests.
kinds=build
[ "$for_tests" = 1 ] && kinds=build,test
mapfile -t target_packages < <(node -e '
  const fs = require("fs");
  const kinds = process.argv[1].split(",");
  for (const id of fs.readdirSync("targets-wasm")) {
    const file = `targets-wasm/${id}/target.json`;
    if (!fs.existsSync(file)) continue;
    const meta = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const kind of kinds) for (const p of (meta.packages && meta.packages[kind]) || []) console.log(p);
  }' "$kinds" | sort -u)
packages+=("${target_packages[@]}")
say "system packages"
ensure_apt_packages "${packages[@]}"

# npm packages: reinstall only when package-lock.json changed since the last install.
lock_sum=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.mirrorbox-lock ] || [ "$(cat node_modules/.mirrorbox-lock)" != "$lock_sum" ]; then
  say "npm packages"
  # A clean install on a fresh checkout; an in-place sync otherwise (npm ci would delete node_modules under
  # whatever is running from it).
  if [ -d node_modules ]; then npm install --no-audit --no-fund; else npm ci --no-audit --no-fund; fi
  echo "$lock_sum" >node_modules/.mirrorbox-lock
fi

say "test fixtures"
bash tests/fixtures/build.sh

say "target packs"
npx --no-install tsx scripts/build-targets.ts
