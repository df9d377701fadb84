/** uPlot for the Agent tab (loaded with the tab): visible pass rate (%) against tool calls. */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface AgentPoint {
  toolCalls: number;
  percent: number;
}

export interface AgentPlot {
  update(points: readonly AgentPoint[], width: number): void;
  destroy(): void;
}

const color = (name: string, fallback: string): string =>
  getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;

const data = (points: readonly AgentPoint[]): uPlot.AlignedData => [
  points.map((p) => p.toolCalls),
  points.map((p) => p.percent),
];

export function createAgentPlot(parent: HTMLElement, points: readonly AgentPoint[], width: number): AgentPlot {
  const text = color('--muted', '#666');
  const grid = color('--border', '#ddd');
  const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  const plot = new uPlot(
    {
      width,
      height: 200,
      scales: { x: { time: false, range: (_u, _min, max) => [0, Math.max(1, max)] }, y: { range: [0, 100] } },
      legend: { live: false },
      axes: [
        { ...axis, label: 'tool calls', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
        { ...axis, label: 'visible passed %', values: (_u, ticks) => ticks.map((t) => `${t}%`) },
      ],
      series: [
        { label: 'tool calls' },
        { label: 'visible', stroke: color('--accent', '#2451b7'), width: 2, points: { size: 6 } },
      ],
    },
    data(points),
    parent,
  );
  return {
    update(next, w) {
      plot.setData(data(next));
      if (w !== plot.width) plot.setSize({ width: w, height: 200 });
    },
    destroy: () => plot.destroy(),
  };
}
