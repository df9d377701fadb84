import { modelTable, problemTable, summaryLines, targetTable, type Table } from './format.ts';
import type { Report } from './report.ts';

/** The plotting library's files, inlined so the page opens with no network. */
export interface PlotLibrary {
  js: string;
  css: string;
}

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JSON inside a script element: `<` escaped so no value can close the element. */
const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** Inline library code, guarded the same way (the library's text is not ours to vouch for). */
const scriptText = (code: string): string => code.replace(/<\/script/gi, '<\\/script');

function table(t: Table): string {
  const head = t.head.map((h) => `<th>${escape(h)}</th>`).join('');
  const rows = t.rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>\n`;
}

/** A series colour per row, fixed by position so the same report draws the same page. */
const PALETTE = ['#2451b7', '#c0392b', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b'];

/**
 * Draws the curves with uPlot: one x axis (the union of every row's spend points), each row's mean visible pass rate
 * as a stepped series (a run's score holds until its next one).
 */
const DRAW = `
(function () {
  var data = JSON.parse(document.getElementById('curve-data').textContent);
  var el = document.getElementById('curves');
  if (!data.curves.length) { el.textContent = 'No counted run has a visible score: no curve.'; return; }
  var xs = [];
  data.curves.forEach(function (c) { c.x.forEach(function (x) { if (xs.indexOf(x) < 0) xs.push(x); }); });
  xs.sort(function (a, b) { return a - b; });
  var columns = [xs];
  data.curves.forEach(function (c) {
    var col = [], j = 0, last = null;
    xs.forEach(function (x) {
      while (j < c.x.length && c.x[j] <= x) { last = c.y[j] * 100; j++; }
      col.push(last);
    });
    columns.push(col);
  });
  var series = [{ label: data.axis === 'cost' ? 'USD' : 'tokens' }];
  data.curves.forEach(function (c, i) {
    series.push({ label: c.row + ' (' + c.runs + ' runs)', stroke: data.palette[i % data.palette.length], width: 2,
      paths: uPlot.paths.stepped({ align: 1 }), points: { show: false } });
  });
  new uPlot({
    width: Math.min(960, (el.clientWidth || 960)), height: 360,
    scales: { x: { time: false }, y: { range: [0, 100] } },
    axes: [{ label: data.axis === 'cost' ? 'cost so far (USD)' : 'tokens so far' },
           { label: 'mean visible pass rate (%)', values: function (u, t) { return t.map(function (v) { return v + '%'; }); } }],
    series: series,
  }, columns, el);
})();
`;

/** The report as one HTML page, everything inline: the same bytes for the same report and library. */
export function reportHtml(report: Report, lib: PlotLibrary): string {
  const data = {
    axis: report.curveAxis,
    palette: PALETTE,
    curves: report.curves.filter((c) => c.runs > 0),
  };
  const body = [
    '<h1>Replication report</h1>',
    ...summaryLines(report).map((l) => `<p>${escape(l)}</p>`),
    '<h2>By model</h2>',
    report.rows.length ? table(modelTable(report)) : '<p>No counted runs.</p>',
    `<h2>Mean visible pass rate over ${report.curveAxis === 'cost' ? 'cost' : 'tokens'}</h2>`,
    `<p>Each run at its latest visible score by that spend (0 before its first), averaged over the row's runs with a trajectory.${
      report.curveAxis === 'tokens' ? ' Tokens, because some counted run has no cost (no price was given).' : ''
    }</p>`,
    '<div id="curves"></div>',
    ...(report.targets.length ? ['<h2>By target</h2>', table(targetTable(report))] : []),
    '<h2>Runs not counted or incomplete</h2>',
    report.problems.length
      ? table(problemTable(report))
      : '<p>None: every run found has a result and a trajectory.</p>',
    ...(report.notes.length
      ? ['<h2>Notes</h2>', `<ul>${report.notes.map((n) => `<li>${escape(n)}</li>`).join('')}</ul>`]
      : []),
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Replication report</title>
<style>${lib.css}</style>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
</style>
</head>
<body>
${body}
<script type="application/json" id="curve-data">${scriptJson(data)}</script>
<script>${scriptText(lib.js)}</script>
<script>${DRAW}</script>
</body>
</html>
`;
}
