/**
 * Lets at most `size` runs into the SDK at once. The SDK starts every process it is given at the same time: 100
 * concurrent runs took 9–10 s where 100 sequential ones take about 1 s, and a 600-case suite handed over at once
 * did not finish in 5 minutes. Scoring hands the runner whole suites, so the runner queues them itself.
 */
export class RunGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async enter(): Promise<void> {
    if (this.active < this.size) {
      this.active++;
      return;
    }
    // The leaving run hands its place straight over, so `active` stays counted.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
