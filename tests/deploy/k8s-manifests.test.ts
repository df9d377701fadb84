/**
 * The Kubernetes manifests in deploy/k8s/ parse as YAML and hold together: an Indexed Job whose pods each run shard
 * JOB_COMPLETION_INDEX of `completions`, every pod writing into one shared volume, the provider key taken from a
 * Secret (never written in the file), and the report Job reading the folder the replicate Job writes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/node/paths.ts';

// The YAML parser ESLint's config loader brings along; only its loadAll is used.
const yaml = createRequire(import.meta.url)('js-yaml') as { loadAll(text: string): unknown[] };

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string } };
}
interface Container {
  command?: string[];
  args?: string[];
  env?: EnvVar[];
  workingDir?: string;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  restartPolicy?: string;
  containers: Container[];
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    completionMode?: string;
    completions?: number;
    parallelism?: number;
    backoffLimitPerIndex?: number;
    accessModes?: string[];
    template?: { spec: PodSpec };
  };
}

const load = (name: string): Manifest[] =>
  yaml.loadAll(readFileSync(join(repoRoot, 'deploy/k8s', name), 'utf8')) as Manifest[];

const replicateDocs = load('replicate-indexed-job.yaml');
const job = replicateDocs.find((d) => d.kind === 'Job');
const claim = replicateDocs.find((d) => d.kind === 'PersistentVolumeClaim');
const reportJob = load('report-job.yaml').find((d) => d.kind === 'Job');

function only<T>(items: T[] | undefined, what: string): T {
  expect(items, what).toHaveLength(1);
  return (items as T[])[0] as T;
}

/** The argv the container's `sh -c` script runs, as the shell splits it, with the index and shard count given. */
function podArgv(container: Container, env: Record<string, string>): string[] {
  expect(container.command).toEqual(['/bin/sh', '-c']);
  const script = only(container.args, 'the sh -c script');
  // `exec` swapped for a printer of its arguments: the shell's own quoting and expansion decide the argv.
  const printing = script.replace(/^exec /, "printf '%s\\n' ");
  const r = spawnSync('/bin/sh', ['-c', printing], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').slice(0, -1);
}

const flag = (argv: string[], name: string): string | undefined => {
  const at = argv.indexOf(name);
  return at < 0 ? undefined : argv[at + 1];
};

describe('deploy/k8s manifests', () => {
  it('parse, and the replicate one is an Indexed Job plus its shared volume claim', () => {
    expect(replicateDocs.map((d) => [d.apiVersion, d.kind])).toEqual([
      ['v1', 'PersistentVolumeClaim'],
      ['batch/v1', 'Job'],
    ]);
    expect(job?.spec.completionMode).toBe('Indexed');
    expect(job?.spec.completions).toBeGreaterThan(0);
    expect(job?.spec.parallelism).toBeLessThanOrEqual(job?.spec.completions ?? 0);
    // Retries per index need restartPolicy Never.
    if (job?.spec.backoffLimitPerIndex !== undefined) expect(job.spec.template?.spec.restartPolicy).toBe('Never');
    expect(claim?.spec.accessModes).toContain('ReadWriteMany');
  });

  it('pod I runs `replicate --shard I/completions` into the shared volume', () => {
    const pod = job?.spec.template?.spec as PodSpec;
    const container = only(pod.containers, 'containers');
    const shards = container.env?.find((e) => e.name === 'MIRRORBOX_SHARDS')?.value;
    expect(Number(shards)).toBe(job?.spec.completions);
    const argv = podArgv(container, { JOB_COMPLETION_INDEX: '2', MIRRORBOX_SHARDS: String(shards) });
    expect(argv.slice(0, 3)).toEqual(['node', 'bin/mirrorbox.mjs', 'replicate']);
    expect(flag(argv, '--shard')).toBe(`2/${shards}`);
    const mount = only(container.volumeMounts, 'volume mounts');
    expect(flag(argv, '--out')?.startsWith(`${mount.mountPath}/`)).toBe(true);
    const volume = pod.volumes?.find((v) => v.name === mount.name);
    expect(volume?.persistentVolumeClaim?.claimName).toBe(claim?.metadata.name);
  });

  it("the pod's arguments are ones `mirrorbox replicate` takes (it stops only at the missing key)", () => {
    const container = only(job?.spec.template?.spec.containers, 'containers');
    const argv = podArgv(container, { JOB_COMPLETION_INDEX: '1', MIRRORBOX_SHARDS: '4' });
    const env = { ...process.env };
    delete env.ANTHROPIC_API_KEY;
    // Flags, targets, languages, models, epochs and the shard are all checked before the key is looked for.
    const r = spawnSync(process.execPath, [join(repoRoot, argv[1] as string), ...argv.slice(2)], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
    expect(r.stderr).toMatch(/needs an API key: set ANTHROPIC_API_KEY/);
    expect(r.status).toBe(2);
  });

  it('takes every key from a Secret and writes none into the manifests', () => {
    expect(replicateDocs.some((d) => d.kind === 'Secret')).toBe(false);
    const container = only(job?.spec.template?.spec.containers, 'containers');
    const secretLike = (container.env ?? []).filter((e) => /KEY|TOKEN|SECRET|PASSWORD/i.test(e.name));
    expect(secretLike.length).toBeGreaterThan(0);
    for (const e of secretLike) {
      expect(e.value, e.name).toBeUndefined();
      expect(e.valueFrom?.secretKeyRef?.name, e.name).toBeTruthy();
    }
  });

  it('the report Job reads the folder the replicate Job writes, from the same claim', () => {
    const pod = reportJob?.spec.template?.spec as PodSpec;
    const container = only(pod.containers, 'containers');
    const argv = [...(container.command ?? []), ...(container.args ?? [])];
    expect(argv.slice(0, 3)).toEqual(['node', 'bin/mirrorbox.mjs', 'report']);
    const replicateArgv = podArgv(only(job?.spec.template?.spec.containers, 'containers'), {
      JOB_COMPLETION_INDEX: '0',
      MIRRORBOX_SHARDS: '1',
    });
    expect(argv[3]).toBe(flag(replicateArgv, '--out'));
    expect(pod.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe(claim?.metadata.name);
  });
});
