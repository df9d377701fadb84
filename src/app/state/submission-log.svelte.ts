import type { ScoreReport } from '../../core/score.ts';
import type { SourceFile } from '../../core/source-file.ts';
import type { StoredSubmission } from '../storage/database.ts';
import { persist, retrieve } from '../storage/storage-status.svelte.ts';

/** How a submission compares with another: solved first, then cases passed. */
export function submissionRank(s: Pick<StoredSubmission, 'solved' | 'visible' | 'hidden'>): number {
  return (s.solved ? 1e9 : 0) + s.visible.passed + s.hidden.passed;
}

export function bestSubmission(list: readonly StoredSubmission[]): StoredSubmission | undefined {
  let best: StoredSubmission | undefined;
  for (const s of list) if (!best || submissionRank(s) > submissionRank(best)) best = s;
  return best;
}

/** Every submission for one target, oldest first, as stored in IndexedDB. */
export class SubmissionLog {
  records = $state.raw<StoredSubmission[]>([]);
  readonly best = $derived(bestSubmission(this.records));

  constructor(readonly target: string) {}

  async load(): Promise<void> {
    const stored = await retrieve((db) => db.getAllFromIndex('submissions', 'target', this.target), []);
    this.records = stored.sort((a, b) => a.at - b.at);
  }

  async add(
    report: ScoreReport,
    codeHash: string,
    toolchain: string,
    files: readonly SourceFile[],
  ): Promise<StoredSubmission> {
    const tally = (set: 'visible' | 'hidden'): Record<string, number> => {
      const counts: Record<string, number> = {};
      for (const c of report.cases) if (c.set === set) counts[c.verdict.kind] = (counts[c.verdict.kind] ?? 0) + 1;
      return counts;
    };
    const record: StoredSubmission = {
      target: this.target,
      at: Date.now(),
      codeHash,
      toolchain,
      visible: report.visible,
      hidden: report.hidden,
      solved: report.solved,
      verdicts: { visible: tally('visible'), hidden: tally('hidden') },
      files: [...files],
    };
    this.records = [...this.records, record];
    await persist(`submission:${this.target}:${record.at}`, async (db) => {
      record.id = await db.add('submissions', record);
    });
    return record;
  }
}

/** Best submission of every target, for the catalog. */
export async function bestScores(): Promise<Map<string, StoredSubmission>> {
  const all = await retrieve((db) => db.getAll('submissions'), []);
  const byTarget = new Map<string, StoredSubmission[]>();
  for (const s of all) byTarget.set(s.target, [...(byTarget.get(s.target) ?? []), s]);
  return new Map([...byTarget].map(([t, list]) => [t, bestSubmission(list) as StoredSubmission]));
}
