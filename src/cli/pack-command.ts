import { describeDrift, hasDrift, lockDrift } from '../core/gold-lock.ts';
import { createNodePool } from '../node/node-pool.ts';
import { goldDigests, loadSuite, readLock, lockPath } from '../node/pack-builder.ts';
import { loadBuiltTarget } from '../node/target-store.ts';
import { CliError } from './cli-error.ts';

export const packUsage = 'mirrorbox pack check <target>';

/**
 * `mirrorbox pack check`: regenerates every gold outcome twice in fresh worker pools and checks that both runs
 * agree with each other, with the committed lock file and with the built pack.
 */
export async function packCommand(args: string[]): Promise<number> {
  if (args[0] !== 'check' || args.length !== 2) throw new CliError(`usage: ${packUsage}`);
  const id = args[1] as string;
  const built = loadBuiltTarget(id);
  if (built.kind === 'error') throw new CliError(built.message);
  const suite = await loadSuite(id);
  if (suite.kind === 'error') throw new CliError(suite.message);
  const lock = readLock(id);
  if (!lock) throw new CliError(`${lockPath(id)} is missing: build the target once to create it`);

  const runs: Record<string, string>[] = [];
  for (let i = 0; i < 2; i++) {
    const pool = createNodePool();
    try {
      const gold = await goldDigests(pool, built.value.oracle, built.value.pack.target, suite.value);
      if (gold.kind === 'error') throw new CliError(gold.message);
      runs.push(gold.value.digests);
    } finally {
      await pool.close();
    }
  }
  const [first, second] = runs as [Record<string, string>, Record<string, string>];
  const problems: string[] = [];
  const unstable = Object.keys(first).filter((k) => first[k] !== second[k]);
  if (unstable.length > 0)
    problems.push(
      `not deterministic: ${unstable.length} case(s) differ between two runs (${unstable.slice(0, 5).join(', ')})`,
    );
  const drift = lockDrift(lock, first);
  if (hasDrift(drift)) problems.push(`lock file drift: ${describeDrift(drift)}`);
  const pack = built.value.pack;
  const packIds = [...pack.visible.map((v) => v.case.id), ...pack.hidden.map((h) => h.case.id)];
  const suiteIds = [...suite.value.visible, ...suite.value.hidden].map((c) => c.id);
  if (packIds.join('\n') !== suiteIds.join('\n'))
    problems.push('the built pack holds other cases than cases.ts (rebuild: npm run build:targets)');
  const staleHidden = pack.hidden.filter((h) => h.digest !== first[h.case.id]).map((h) => h.case.id);
  if (staleHidden.length > 0)
    problems.push(`the built pack has stale hidden digests (${staleHidden.slice(0, 5).join(', ')})`);
  const total = Object.keys(first).length;
  if (problems.length > 0) {
    for (const p of problems) process.stderr.write(`pack check ${id}: ${p}\n`);
    return 1;
  }
  process.stdout.write(
    `pack check ${id}: ok — ${total} gold outcomes, identical in two runs, matching the lock file and the built pack\n`,
  );
  return 0;
}
