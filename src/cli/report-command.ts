import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reportHtml } from '../agent/report/html.ts';
import { reportMarkdown } from '../agent/report/markdown.ts';
import { buildReport } from '../agent/report/report.ts';
import { repoRoot } from '../node/paths.ts';
import { findRuns } from '../node/replication/read-runs.ts';
import { CliError } from './cli-error.ts';

export const reportUsage =
  'mirrorbox report DIR… [--md FILE] [--html FILE] [--json FILE] [--no-time] [--generated-at TEXT]';

/** `mirrorbox report`: run folders from any number of DIRs → the replication report (Markdown on stdout by default). */
export async function reportCommand(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        md: { type: 'string' },
        html: { type: 'string' },
        json: { type: 'string' },
        'no-time': { type: 'boolean' },
        'generated-at': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (e) {
    throw new CliError(`${(e as Error).message}\nusage: ${reportUsage}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`usage: ${reportUsage}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new CliError(`which folders?\nusage: ${reportUsage}`);
  const found = await findRuns(positionals.map((d) => resolve(d)));
  if (found.kind === 'error') throw new CliError(found.message);
  const report = buildReport({
    runs: found.runs,
    planned: found.planned,
    omitTime: values['no-time'] === true,
    ...(values['generated-at'] !== undefined ? { generatedAt: values['generated-at'] } : {}),
  });
  const markdown = reportMarkdown(report);
  if (values.md !== undefined) writeFileSync(values.md, markdown);
  if (values.json !== undefined) writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
  if (values.html !== undefined) {
    const dist = join(repoRoot, 'node_modules/uplot/dist');
    const lib = {
      js: readFileSync(join(dist, 'uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(join(dist, 'uPlot.min.css'), 'utf8'),
    };
    writeFileSync(values.html, reportHtml(report, lib));
  }
  if (values.md === undefined && values.html === undefined && values.json === undefined) process.stdout.write(markdown);
  return 0;
}
