import { parseArgs } from 'node:util';
import { renderOutcomeDiff } from '../core/case-diff.ts';
import { outcomeFromJson } from '../core/gold.ts';
import { describeVerdict } from '../core/verdict.ts';
import { measureOracleTimes, relativeTimeLimits } from '../core/oracle-times.ts';
import { scoreCandidate, type ScoreReport } from '../core/score.ts';
import { buildCandidate } from '../node/build-candidate.ts';
import { loadBuiltTarget } from '../node/target-store.ts';
import type { Pack } from '../core/pack.ts';
import { CliError } from './cli-error.ts';
import { parseTimeout } from './run-options.ts';
import { createCandidateRunnerFor, parseRuntime, RUNTIMES } from './runtime-choice.ts';
import { isolationFor, UNSANDBOXED_FLAG } from './sandbox-choice.ts';
import { showLine } from '../core/show-whitespace.ts';
import { TOOLCHAINS } from '../../toolchains/index.ts';

const LANGS = TOOLCHAINS.map((t) => t.id).join('|');

export const scoreUsage = `mirrorbox score <target> <file-or-folder> [--lang ${LANGS}] [--json] [--timeout MS] [--only visible|hidden] [--runtime ${RUNTIMES.join('|')}] [${UNSANDBOXED_FLAG}]`;

/** How many failing visible cases get a full diff in text mode; the rest are listed by id. */
const MAX_DIFFS = 10;

export async function scoreCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        json: { type: 'boolean' },
        timeout: { type: 'string' },
        only: { type: 'string' },
        lang: { type: 'string' },
        runtime: { type: 'string' },
        unsandboxed: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`usage: ${scoreUsage}\n`);
    return 0;
  }
  if (positionals.length !== 2) throw new CliError(`usage: ${scoreUsage}`);
  const only = values.only;
  if (only !== undefined && only !== 'visible' && only !== 'hidden')
    throw new CliError(`--only wants visible or hidden, got '${only}'`);
  const limits = parseTimeout(values.timeout);
  const runtime = parseRuntime(values.runtime);
  const built = loadBuiltTarget(positionals[0] as string);
  if (built.kind === 'error') throw new CliError(built.message);
  const candidate = await buildCandidate(positionals[1] as string, values.lang);
  if (candidate.kind === 'input-error') throw new CliError(candidate.message);
  if (candidate.kind === 'build-error') {
    process.stderr.write(`${candidate.lines.join('\n')}\n`);
    return 2;
  }
  // Warnings go to stderr so --json output stays parseable.
  if (candidate.warnings.length > 0) process.stderr.write(`${candidate.warnings.join('\n')}\n`);

  const isolation = isolationFor(candidate.program, values.unsandboxed === true, (line) => process.stderr.write(line));
  const runner = createCandidateRunnerFor(runtime, isolation);
  let report: ScoreReport;
  try {
    const pack = built.value.pack;
    // Without --timeout, each case gets the relative limit (max(1 s, 20 × the oracle's time on it)), the oracle
    // timed on the same runner the candidate runs on.
    const timeLimits =
      limits.wallMs === undefined
        ? relativeTimeLimits(
            await measureOracleTimes({
              pack,
              oracle: built.value.oracle,
              runner,
              cases: [
                ...(only === 'hidden' ? [] : pack.visible.map((v) => v.case)),
                ...(only === 'visible' ? [] : pack.hidden.map((h) => h.case)),
              ],
            }),
          )
        : undefined;
    report = await scoreCandidate({
      pack,
      candidate: candidate.program,
      runner,
      limits,
      ...(timeLimits ? { timeLimits } : {}),
      ...(only ? { only } : {}),
    });
  } finally {
    await runner.close();
  }
  const invalid = report.cases.find((c) => c.verdict.kind === 'invalid-module');
  if (invalid && invalid.verdict.kind === 'invalid-module')
    throw new CliError(`${positionals[1]}: ${invalid.verdict.message}`);
  process.stdout.write(values.json ? `${JSON.stringify(toJson(report))}\n` : renderText(report, built.value.pack));
  const allPass = report.cases.every((c) => c.verdict.kind === 'pass');
  return allPass ? 0 : 1;
}

/** The --json shape: verdicts and timings only, never an expected output. */
function toJson(report: ScoreReport) {
  return {
    target: report.target,
    visible: report.visible,
    hidden: report.hidden,
    solved: report.solved,
    cases: report.cases.map((c) => ({
      id: c.id,
      set: c.set,
      verdict: c.verdict.kind,
      ms: Math.round(c.ms * 1000) / 1000,
    })),
  };
}

function renderText(report: ScoreReport, pack: Pack): string {
  const lines: string[] = [];
  const failing = report.cases.filter((c) => c.verdict.kind !== 'pass');
  const visibleFails = failing.filter((c) => c.set === 'visible');
  const gold = new Map(pack.visible.map((v) => [v.case.id, v]));
  for (const c of visibleFails.slice(0, MAX_DIFFS)) {
    const entry = gold.get(c.id);
    if (!entry) continue;
    lines.push(`✗ ${c.id}: ${describeVerdict(c.verdict)}`);
    lines.push(`  argv: ${JSON.stringify([pack.target.program, ...entry.case.argv])}`);
    if (entry.case.stdin !== undefined) {
      const stdin = typeof entry.case.stdin === 'string' ? entry.case.stdin : '(binary)';
      lines.push(
        `  stdin: ${showLine(new TextEncoder().encode(stdin.length > 200 ? `${stdin.slice(0, 200)}…` : stdin))}`,
      );
    }
    if (c.actual) {
      lines.push(indent(renderOutcomeDiff(outcomeFromJson(entry.gold), c.actual)));
    } else if (c.partial) {
      lines.push(`  (stopped before it finished; ${c.partial.stdout.length} bytes of stdout so far)`);
    }
    lines.push('');
  }
  if (visibleFails.length > MAX_DIFFS) {
    lines.push(
      `… and ${visibleFails.length - MAX_DIFFS} more failing visible cases: ${visibleFails
        .slice(MAX_DIFFS)
        .map((c) => c.id)
        .join(', ')}`,
      '',
    );
  }
  const hiddenFails = failing.filter((c) => c.set === 'hidden');
  if (hiddenFails.length > 0) {
    const byKind = new Map<string, string[]>();
    for (const c of hiddenFails) byKind.set(c.verdict.kind, [...(byKind.get(c.verdict.kind) ?? []), c.id]);
    lines.push(
      `hidden failures (content not shown): ${[...byKind].map(([k, ids]) => `${ids.length} ${k}`).join(', ')}`,
    );
    lines.push(`  ids: ${hiddenFails.map((c) => c.id).join(', ')}`, '');
  }
  const pct = (p: { passed: number; total: number }) =>
    p.total === 0 ? '–' : `${((100 * p.passed) / p.total).toFixed(1)}%`;
  lines.push(`target:  ${report.target}`);
  lines.push(`visible: ${report.visible.passed}/${report.visible.total} passed (${pct(report.visible)})`);
  lines.push(`hidden:  ${report.hidden.passed}/${report.hidden.total} passed (${pct(report.hidden)})`);
  lines.push(`solved:  ${report.solved ? 'yes' : 'no'}`);
  return `${lines.join('\n')}\n`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
