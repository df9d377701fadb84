import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { FOLDER_FILES, plannedOf, RUN_MARKERS, runInputOf } from '../../agent/report/folder.ts';
import {
  TrajectoryCurve,
  type Parsed,
  type PlannedInput,
  type RunInput,
  type SpendPoint,
} from '../../agent/report/report.ts';

export type Found = { kind: 'ok'; runs: RunInput[]; planned: PlannedInput[] } | { kind: 'error'; message: string };

const isRunFolder = (dir: string): boolean => RUN_MARKERS.some((f) => existsSync(join(dir, f)));

const readIfThere = (path: string): string | undefined => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);

/** The trajectory read a line at a time, so a long run's log never sits in memory whole. */
async function readTrajectory(path: string): Promise<Parsed<SpendPoint[]>> {
  if (!existsSync(path)) return { kind: 'missing' };
  const curve = new TrajectoryCurve();
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) curve.line(line);
  return curve.finish();
}

async function readRun(dir: string): Promise<RunInput> {
  return runInputOf(
    {
      name: basename(dir),
      source: dir,
      replicate: readIfThere(join(dir, FOLDER_FILES.replicate)),
      run: readIfThere(join(dir, FOLDER_FILES.run)),
      result: readIfThere(join(dir, FOLDER_FILES.result)),
    },
    await readTrajectory(join(dir, FOLDER_FILES.trajectory)),
  );
}

/**
 * Every run folder in `dirs`: each DIR is a run folder itself or holds run folders (and a matrix.json, whose runs
 * are the ones planned). Folders are read in sorted order; the report does not depend on it.
 */
export async function findRuns(dirs: readonly string[]): Promise<Found> {
  const runs: RunInput[] = [];
  const planned: PlannedInput[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return { kind: 'error', message: `${dir}: no such folder` };
    const matrix = readIfThere(join(dir, FOLDER_FILES.matrix));
    if (matrix !== undefined) {
      const p = plannedOf(matrix);
      if (p.kind === 'error') return { kind: 'error', message: `${join(dir, FOLDER_FILES.matrix)}: ${p.message}` };
      planned.push(...p.runs);
    }
    if (isRunFolder(dir)) {
      runs.push(await readRun(dir));
      continue;
    }
    const subdirs = readdirSync(dir)
      .sort()
      .map((name) => join(dir, name))
      .filter((path) => statSync(path).isDirectory() && isRunFolder(path));
    for (const sub of subdirs) runs.push(await readRun(sub));
  }
  return { kind: 'ok', runs, planned };
}
