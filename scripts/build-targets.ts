/**
 * Builds target packs: `tsx scripts/build-targets.ts [ID…] [--force] [--update-lock]`. With no ID, every target in
 * targets-wasm/. Fails (exit 1) when a recipe fails or gold outcomes drift from the committed lock file.
 */
import { parseArgs } from 'node:util';
import { buildTarget } from '../src/node/pack-builder.ts';
import { listTargetIds } from '../src/node/target-store.ts';

const { values, positionals } = parseArgs({
  options: { force: { type: 'boolean' }, 'update-lock': { type: 'boolean' } },
  allowPositionals: true,
});
const ids = positionals.length > 0 ? positionals : listTargetIds();
let failed = 0;
for (const id of ids) {
  const result = await buildTarget(id, {
    force: values.force ?? false,
    updateLock: values['update-lock'] ?? false,
    log: (line) => console.error(`build-targets: ${line}`),
  });
  if (result.kind === 'error') {
    console.error(`build-targets: ${result.message}`);
    failed++;
  }
}
process.exitCode = failed > 0 ? 1 : 0;
