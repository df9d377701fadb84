import type { Pack } from '../../src/core/pack.ts';

/**
 * The cases a parity run covers: every case when the pack has at most `limit`, else `limit` of them spread evenly
 * over the visible and hidden lists (a fixed stride, so the same cases every run). The wasmer backend costs 5-10x the
 * shim per case (a Go module ~300 ms), so `npm test` checks a spread sample of each target; `npm run test:parity`
 * (MIRRORBOX_PARITY=full) runs every case.
 */
export function parityIds(pack: Pack, limit: number | undefined): ReadonlySet<string> | undefined {
  const all = [...pack.visible.map((v) => v.case.id), ...pack.hidden.map((h) => h.case.id)];
  if (limit === undefined || all.length <= limit) return undefined;
  const chosen = new Set<string>();
  for (let k = 0; k < limit; k++) chosen.add(all[Math.floor((k * all.length) / limit)]!);
  return chosen;
}

/** The sample size from the environment: MIRRORBOX_PARITY=full for every case, else 200 per target. */
export function parityLimit(env: Record<string, string | undefined>): number | undefined {
  return env.MIRRORBOX_PARITY === 'full' ? undefined : 200;
}
