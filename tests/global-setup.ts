/**
 * Runs once per `vitest run`, before any test file: names this run, so the app tests (in separate worker processes)
 * can build the production site once between them and tell that build from a previous run's (tests/app/preview.ts).
 */
export default function setup(): void {
  process.env.MIRRORBOX_TEST_RUN ??= `${Date.now()}-${process.pid}`;
}
