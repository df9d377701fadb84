/**
 * uPlot, loaded only when the Submit tab shows a chart (dynamic import). Draws pass rate (visible and hidden, in %)
 * over submission number.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface PassRatePoint {
  visible: number;
  hidden: number;
}

export interface PassRatePlot {
  update(points: readonly PassRatePoint[], width: number): void;
  destroy(): void;
}

function color(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

function data(points: readonly PassRatePoint[]): uPlot.AlignedData {
  // Hidden first, so the visible line is drawn over it where the two meet (often at 100%).
  return [points.map((_, i) => i + 1), points.map((p) => p.hidden), points.map((p) => p.visible)];
}

export function createPassRatePlot(parent: HTMLElement, points: readonly PassRatePoint[], width: number): PassRatePlot {
  const text = color('--muted', '#666');
  const grid = color('--border', '#ddd');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const plot = new uPlot(
    {
      width,
      height: 220,
      scales: { x: { time: false }, y: { range: [0, 100] } },
      // The legend names both lines under the chart.
      legend: { show: true, live: false },
      axes: [
        { ...axis, label: 'submission', incrs: [1, 2, 5, 10, 20, 50, 100] },
        { ...axis, label: 'passed %', values: (_u, ticks) => ticks.map((t) => `${t}%`) },
      ],
      series: [
        { label: '#' },
        {
          label: 'hidden (dashed)',
          stroke: color('--pass', '#1a7f37'),
          width: 4,
          dash: [8, 5],
          points: { size: 11, fill: color('--surface', '#fff'), width: 2 },
        },
        { label: 'visible (solid)', stroke: color('--accent', '#2451b7'), width: 2, points: { size: 6 } },
      ],
    },
    data(points),
    parent,
  );
  return {
    update(next, w) {
      plot.setData(data(next));
      if (w !== plot.width) plot.setSize({ width: w, height: 220 });
    },
    destroy() {
      plot.destroy();
    },
  };
}
