import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeTextOrBytes } from '../../src/core/bytes.ts';
import { CONTRACT_ENV } from '../../src/core/environment.ts';
import { outcomeDigest } from '../../src/core/gold.ts';
import type { TestCase } from '../../src/core/test-case.ts';
import { loadBuiltTarget } from '../../src/node/target-store.ts';

/**
 * Fidelity: every input of the pack gives the same bytes from the WASI oracle as from Debian's native uuidparse
 * under the same environment (TZ=UTC, LC_ALL=C, stdout and stderr pipes). Exceptions: none.
 */
const built = loadBuiltTarget('uuidparse');
if (built.kind === 'error') throw new Error(built.message);
const { pack } = built.value;
const native = pack.target.native ?? '/usr/bin/uuidparse';

function runNative(c: TestCase) {
  const r = spawnSync(native, c.argv, {
    argv0: pack.target.program,
    input: c.stdin === undefined ? new Uint8Array() : decodeTextOrBytes(c.stdin),
    env: { ...CONTRACT_ENV, ...c.env },
    cwd: '/',
  });
  return { code: r.status ?? 128 + 9, stdout: new Uint8Array(r.stdout), stderr: new Uint8Array(r.stderr), files: {} };
}

describe('uuidparse oracle against native uuidparse', () => {
  it('has the native program installed', () => {
    expect(existsSync(native), `${native} missing: npm run setup -- --test installs uuid-runtime`).toBe(true);
  });

  it('matches byte for byte on every visible case', () => {
    const mismatches: string[] = [];
    for (const v of pack.visible) {
      const n = runNative(v.case);
      const g = decodeTextOrBytes(v.gold.stdout);
      const e = decodeTextOrBytes(v.gold.stderr);
      if (
        n.code !== v.gold.code ||
        Buffer.compare(Buffer.from(n.stdout), Buffer.from(g)) !== 0 ||
        Buffer.compare(Buffer.from(n.stderr), Buffer.from(e)) !== 0
      ) {
        mismatches.push(v.case.id);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('matches on every hidden case (compared by digest)', () => {
    const mismatches = pack.hidden.filter((h) => outcomeDigest(runNative(h.case)) !== h.digest).map((h) => h.case.id);
    expect(mismatches).toEqual([]);
  });
});
