import type { PlannedInput, RunInput } from '../../agent/report/report.ts';

/** Run folders imported into the Report view: kept for the page's life, so switching to Run and back keeps them. */
class ReportImports {
  runs = $state.raw<RunInput[]>([]);
  planned = $state.raw<PlannedInput[]>([]);
  note = $state('');

  add(runs: RunInput[], planned: PlannedInput[], note: string): void {
    this.runs = [...this.runs, ...runs];
    this.planned = [...this.planned, ...planned];
    this.note = note;
  }

  clear(): void {
    this.runs = [];
    this.planned = [];
    this.note = '';
  }
}

export const reportImports = new ReportImports();
