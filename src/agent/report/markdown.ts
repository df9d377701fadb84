import { modelTable, problemTable, summaryLines, targetTable, type Table } from './format.ts';
import type { Report } from './report.ts';

const cell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(t: Table): string {
  const lines = [
    `| ${t.head.map(cell).join(' | ')} |`,
    `| ${t.head.map(() => '---').join(' | ')} |`,
    ...t.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

/** The report as Markdown: the same bytes for the same report. */
export function reportMarkdown(report: Report): string {
  const parts = [
    '# Replication report\n',
    `${summaryLines(report)
      .map((l) => `- ${l}`)
      .join('\n')}\n`,
  ];
  parts.push('## By model\n');
  parts.push(report.rows.length ? table(modelTable(report)) : 'No counted runs.\n');
  if (report.targets.length) parts.push('## By target\n', table(targetTable(report)));
  parts.push('## Runs not counted or incomplete\n');
  parts.push(
    report.problems.length ? table(problemTable(report)) : 'None: every run found has a result and a trajectory.\n',
  );
  if (report.notes.length) parts.push('## Notes\n', `${report.notes.map((n) => `- ${n}`).join('\n')}\n`);
  return parts.join('\n');
}
