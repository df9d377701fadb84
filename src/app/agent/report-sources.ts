/**
 * Where the app's report gets its runs: the runs made in this browser (IndexedDB), and run folders made by
 * `mirrorbox replicate` or `mirrorbox agent` picked from disk. Both become the report's plain input
 * (src/agent/report/), so the tab and the CLI compute the same table.
 */
import type { AgentResult } from '../../agent/loop.ts';
import { FOLDER_FILES, plannedOf, RUN_MARKERS, runInputOf } from '../../agent/report/folder.ts';
import { provenanceOf } from '../../agent/report/matrix.ts';
import {
  parseResult,
  TrajectoryCurve,
  type Parsed,
  type PlannedInput,
  type RunInput,
  type RunResult,
  type SpendPoint,
} from '../../agent/report/report.ts';
import { loadPack } from '../packs/pack-store.ts';
import { database } from '../storage/database.ts';
import { IdbCheckpointStore } from './idb-store.ts';

export interface Sources {
  runs: RunInput[];
  planned: PlannedInput[];
  /** Files that could not be used, in words (a matrix.json of another shape). */
  problems: string[];
}

/** result.json's fields of a loop result: the same shape the CLI writes (src/node/agent-store.ts resultJson). */
function resultText(r: AgentResult): string {
  return JSON.stringify({
    target: r.target,
    lang: r.lang,
    model: r.model,
    solved: r.solved,
    visible: r.visible,
    hidden: r.hidden,
    stop: r.stop,
    ...(r.budget ? { budget: r.budget } : {}),
    usage: r.usage,
    toolCalls: r.toolCalls,
    turns: r.turns,
    ms: r.ms,
  });
}

async function bucketsOf(targets: string[]): Promise<Map<string, { bucket: string; role?: string }>> {
  const out = new Map<string, { bucket: string; role?: string }>();
  for (const id of targets) {
    const pack = await loadPack(id);
    if (pack.kind === 'ok')
      out.set(id, {
        bucket: pack.value.target.bucket,
        ...(pack.value.target.role !== undefined ? { role: pack.value.target.role } : {}),
      });
  }
  return out;
}

/** Every run in this browser's store: its result from the checkpoint (once the run ended), its curve from its events. */
export async function browserRuns(): Promise<RunInput[]> {
  const records = await (await database()).getAll('agent-runs');
  const buckets = await bucketsOf([...new Set(records.map((r) => r.target))].sort());
  const runs: RunInput[] = [];
  for (const record of records) {
    let result: Parsed<RunResult> = { kind: 'missing' };
    if (record.checkpoint !== undefined) {
      let cp: { result?: AgentResult } | undefined;
      try {
        cp = JSON.parse(record.checkpoint) as { result?: AgentResult };
      } catch {
        result = { kind: 'corrupt', message: 'the stored checkpoint is not JSON' };
      }
      if (cp?.result) result = parseResult(resultText(cp.result));
    }
    const curve = new TrajectoryCurve();
    for (const line of await new IdbCheckpointStore(record.id).lines()) curve.line(line);
    const place = buckets.get(record.target);
    runs.push({
      id: `browser-${record.target}-${record.language}-${record.id.slice(0, 8)}`,
      source: 'this browser',
      target: record.target,
      lang: record.language,
      provider: record.provider,
      model: record.model,
      ...(place ? { bucket: place.bucket } : {}),
      ...(place?.role !== undefined ? { role: place.role } : {}),
      provenance: provenanceOf(record.provider, record.baseUrl, false),
      ...(record.baseUrl !== undefined ? { baseUrl: record.baseUrl } : {}),
      result,
      trajectory: curve.finish(),
    });
  }
  return runs;
}

/** A trajectory file read a chunk at a time, so a long run's log never sits in memory whole. */
async function readCurve(file: File): Promise<Parsed<SpendPoint[]>> {
  const curve = new TrajectoryCurve();
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let rest = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const lines = (rest + value).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) curve.line(line);
  }
  if (rest) curve.line(rest);
  return curve.finish();
}

const folderOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));
const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * Run folders from a folder picked on disk (`<input webkitdirectory>`: each file carries its path below the picked
 * folder). A folder holding any of a run folder's files is a run; matrix.json files give the planned runs.
 */
export async function folderRuns(files: readonly File[]): Promise<Sources> {
  const byFolder = new Map<string, Map<string, File>>();
  for (const file of files) {
    const path = file.webkitRelativePath || file.name;
    const folder = folderOf(path);
    const inFolder = byFolder.get(folder) ?? new Map<string, File>();
    inFolder.set(nameOf(path), file);
    byFolder.set(folder, inFolder);
  }
  const runs: RunInput[] = [];
  const planned: PlannedInput[] = [];
  const problems: string[] = [];
  const text = (f: File | undefined): Promise<string | undefined> => (f ? f.text() : Promise.resolve(undefined));
  for (const folder of [...byFolder.keys()].sort()) {
    const inFolder = byFolder.get(folder) as Map<string, File>;
    const matrix = inFolder.get(FOLDER_FILES.matrix);
    if (matrix) {
      const p = plannedOf(await matrix.text());
      if (p.kind === 'ok') planned.push(...p.runs);
      else problems.push(`${folder}/${FOLDER_FILES.matrix}: ${p.message}`);
    }
    if (!RUN_MARKERS.some((name) => inFolder.has(name))) continue;
    const trajectory = inFolder.get(FOLDER_FILES.trajectory);
    const replicate = await text(inFolder.get(FOLDER_FILES.replicate));
    const run = await text(inFolder.get(FOLDER_FILES.run));
    const result = await text(inFolder.get(FOLDER_FILES.result));
    runs.push(
      runInputOf(
        {
          name: nameOf(folder),
          source: folder,
          ...(replicate !== undefined ? { replicate } : {}),
          ...(run !== undefined ? { run } : {}),
          ...(result !== undefined ? { result } : {}),
        },
        trajectory ? await readCurve(trajectory) : { kind: 'missing' },
      ),
    );
  }
  return { runs, planned, problems };
}
