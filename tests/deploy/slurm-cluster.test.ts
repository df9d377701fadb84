/**
 * The one-node Slurm cluster the scale-out test runs on, alone: Debian's slurm-wlm and munge installed when missing,
 * the daemons started on loopback from a temporary folder, a 4-task job array run to completion (each task sees its
 * index and the array's size, as deploy/slurm/replicate.sbatch relies on), and everything stopped afterwards.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSlurmInstalled, runsAsRoot, SlurmCluster } from './slurm-cluster.ts';

let cluster: SlurmCluster | undefined;

beforeAll(async () => {
  if (!runsAsRoot) return;
  const installed = ensureSlurmInstalled();
  if (installed.kind === 'error') throw new Error(installed.message);
  const started = await SlurmCluster.start();
  if (started.kind === 'error') throw new Error(started.message);
  cluster = started.value;
}, 600_000);

afterAll(async () => {
  await cluster?.stop();
}, 120_000);

describe.skipIf(!runsAsRoot)('a one-node Slurm cluster on loopback', { timeout: 180_000 }, () => {
  it('runs a 4-task job array, each task with its index and the array size', async () => {
    const c = cluster!;
    const job = await c.sbatch([
      '--array=0-3',
      `--output=${join(c.dir, 'task-%a.out')}`,
      '--wrap',
      'echo "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT"',
    ]);
    if (job.kind === 'error') throw new Error(job.message);
    const states = await c.waitForTasks(job.value, 4, 120_000);
    expect(
      [...states.entries()].sort(([a], [b]) => a - b),
      c.logs(),
    ).toEqual([
      [0, 'COMPLETED'],
      [1, 'COMPLETED'],
      [2, 'COMPLETED'],
      [3, 'COMPLETED'],
    ]);
    for (const i of [0, 1, 2, 3]) expect(readFileSync(join(c.dir, `task-${i}.out`), 'utf8')).toBe(`${i}/4\n`);
  });
});
