import type { OutcomeJson } from './gold.ts';
import type { TargetMeta } from './target.ts';
import type { TestCase } from './test-case.ts';

export const PACK_FORMAT = 'mirrorbox-pack/1';

/**
 * A built target pack (`build/targets/<id>/pack.json`, next to `oracle.wasm` and `docs/`). Visible cases carry their
 * gold outcome; hidden cases carry only its digest, so reading the pack does not reveal what they expect.
 */
export interface Pack {
  format: typeof PACK_FORMAT;
  target: TargetMeta;
  oracle: { file: string; sha256: string; bytes: number };
  docs: { man?: string; help?: string };
  visible: { case: TestCase; gold: OutcomeJson }[];
  hidden: { case: TestCase; digest: string }[];
}

export type PackParse = { kind: 'ok'; pack: Pack } | { kind: 'error'; message: string };

/** Validates untrusted pack JSON (a download, an upload) and says what is wrong in one line. */
export function parsePack(value: unknown): PackParse {
  const fail = (message: string): PackParse => ({ kind: 'error', message: `malformed pack: ${message}` });
  if (!isObject(value)) return fail('not a JSON object');
  if (value.format !== PACK_FORMAT)
    return fail(`format is ${JSON.stringify(value.format)}, expected "${PACK_FORMAT}" (rebuild it with this version)`);
  const target = value.target;
  if (!isObject(target) || typeof target.id !== 'string' || typeof target.program !== 'string')
    return fail('target id or program missing');
  const oracle = value.oracle;
  if (!isObject(oracle) || typeof oracle.file !== 'string' || typeof oracle.sha256 !== 'string')
    return fail('oracle entry missing');
  if (!Array.isArray(value.visible) || !Array.isArray(value.hidden)) return fail('visible or hidden test list missing');
  const ids = new Set<string>();
  for (const [set, list] of [
    ['visible', value.visible],
    ['hidden', value.hidden],
  ] as const) {
    for (const [i, entry] of (list as unknown[]).entries()) {
      if (!isObject(entry) || !isObject(entry.case)) return fail(`${set}[${i}] has no case`);
      const c = entry.case;
      if (typeof c.id !== 'string' || !Array.isArray(c.argv) || !c.argv.every((a) => typeof a === 'string')) {
        return fail(`${set}[${i}] needs a string id and a string argv list`);
      }
      if (ids.has(c.id)) return fail(`test id ${c.id} appears twice`);
      ids.add(c.id);
      if (set === 'visible' && !isObject(entry.gold)) return fail(`visible case ${c.id} has no gold outcome`);
      if (set === 'hidden' && typeof entry.digest !== 'string') return fail(`hidden case ${c.id} has no digest`);
    }
  }
  return { kind: 'ok', pack: value as unknown as Pack };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
