#!/usr/bin/env bash
# Sets up the checkout for testing, then runs every check CI runs: types, lint, formatting, and the whole test suite
# (unit, runner self-checks in Node and Chromium, CLI, fidelity against the native programs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --test

echo "== types"
npx --no-install tsc --noEmit -p tsconfig.json
npx --no-install svelte-check --tsconfig ./tsconfig.json --fail-on-warnings
echo "== lint"
npx --no-install eslint --max-warnings 0 .
echo "== format"
npx --no-install prettier --check --log-level warn .
echo "== tests"
mkdir -p build
status=0
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json=build/test-results.json || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("build/test-results.json", "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
  if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
' || status=1
exit "$status"
