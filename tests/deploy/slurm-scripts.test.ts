/**
 * The Slurm scripts' refusals, which need no cluster: bad usage gets one clear line and exit 2 before anything is
 * submitted or run, and a malformed keys file is refused without its content (which may be a key) being printed.
 * The working paths run on a real cluster in slurm-replicate.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';

const root = mkdtempSync(join(tmpdir(), 'mirrorbox-slurm-scripts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SECRET = 'sk-not-real-but-secret-5521';

function bash(script: string, args: string[], env: Record<string, string> = {}) {
  // No Slurm variables from a surrounding job, and no sbatch needed: every case stops before it.
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SLURM_')));
  const r = spawnSync('bash', [join(repoRoot, script), ...args], {
    cwd: root,
    env: { ...base, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('deploy/slurm/submit.sh refuses bad usage', () => {
  it('without --out among the replicate arguments', () => {
    const r = bash('deploy/slurm/submit.sh', ['--shards', '4', '--', '--targets', 'uuidparse']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('submit.sh: the replicate arguments need --out DIR (a folder every node can reach)\n');
  });

  it('with a shard count that is not a whole number', () => {
    const r = bash('deploy/slurm/submit.sh', ['--shards', '0', '--', '--out', 'runs']);
    expect(r.code).toBe(2);
    expect(r.err).toBe("submit.sh: --shards wants a whole number of at least 1, got '0'\n");
  });

  it('with a keys file line that is not NAME=VALUE, without printing it', () => {
    const keys = join(root, 'keys.env');
    writeFileSync(keys, `${SECRET}\n`, { mode: 0o600 });
    const r = bash('deploy/slurm/submit.sh', ['--shards', '2', '--keys-file', keys, '--', '--out', join(root, 'o')]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`submit.sh: ${keys}: a line is not NAME=VALUE\n`);
    expect(r.out + r.err).not.toContain(SECRET);
  });
});

describe('deploy/slurm/replicate.sbatch refuses to run', () => {
  it('outside a job array', () => {
    const r = bash('deploy/slurm/replicate.sbatch', ['--out', 'runs']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^replicate\.sbatch: submit it as a job array: sbatch --array=0-\(N-1\) /);
  });

  it('as a task whose index is not a shard of the matrix', () => {
    const r = bash('deploy/slurm/replicate.sbatch', ['--out', 'runs'], {
      SLURM_ARRAY_TASK_ID: '4',
      SLURM_ARRAY_TASK_COUNT: '1',
      MIRRORBOX_SHARDS: '4',
    });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^replicate\.sbatch: task 4 is not a shard of 4 /);
  });

  it('with a keys file line that is not NAME=VALUE, without printing it', () => {
    const keys = join(root, 'task-keys.env');
    writeFileSync(keys, `# provider keys\n${SECRET}\n`, { mode: 0o600 });
    const r = bash('deploy/slurm/replicate.sbatch', ['--out', 'runs'], {
      SLURM_ARRAY_TASK_ID: '0',
      SLURM_ARRAY_TASK_COUNT: '2',
      MIRRORBOX_KEYS_FILE: keys,
    });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`replicate.sbatch: ${keys}: a line is not NAME=VALUE\n`);
    expect(r.out + r.err).not.toContain(SECRET);
  });
});
