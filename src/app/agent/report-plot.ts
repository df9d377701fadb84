/** uPlot for the report view: each model row's mean visible pass rate (%) against spend, stepped. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Curve } from '../../agent/report/report.ts';

export interface ReportPlot {
  destroy(): void;
}

const PALETTE = ['#2451b7', '#c0392b', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b'];

/** All rows on one x axis (the union of their spend points), each row holding its last value between its own. */
function aligned(curves: readonly Curve[]): uPlot.AlignedData {
  const xs = [...new Set(curves.flatMap((c) => c.x))].sort((a, b) => a - b);
  const columns = curves.map((c) => {
    let j = 0;
    let last: number | null = null;
    return xs.map((x) => {
      while (j < c.x.length && (c.x[j] as number) <= x) last = (c.y[j++] as number) * 100;
      return last;
    });
  });
  return [xs, ...columns];
}

export function createReportPlot(
  parent: HTMLElement,
  curves: readonly Curve[],
  axis: 'cost' | 'tokens',
  width: number,
): ReportPlot {
  const style = getComputedStyle(document.documentElement);
  const text = style.getPropertyValue('--muted').trim() || '#666';
  const grid = style.getPropertyValue('--border').trim() || '#ddd';
  const axisStyle = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const plot = new uPlot(
    {
      width,
      height: 280,
      scales: { x: { time: false }, y: { range: [0, 100] } },
      axes: [
        { ...axisStyle, label: axis === 'cost' ? 'cost so far (USD)' : 'tokens so far' },
        { ...axisStyle, label: 'mean visible pass rate (%)', values: (_u, ticks) => ticks.map((t) => `${t}%`) },
      ],
      series: [
        { label: axis === 'cost' ? 'USD' : 'tokens' },
        ...curves.map((c, i) => ({
          label: `${c.row} (${c.runs} runs)`,
          stroke: PALETTE[i % PALETTE.length] as string,
          width: 2,
          paths: uPlot.paths.stepped?.({ align: 1 }),
          points: { show: false },
        })),
      ],
    },
    aligned(curves),
    parent,
  );
  return { destroy: () => plot.destroy() };
}
