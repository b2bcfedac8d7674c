/**
 * Progress of a long study, in words: instances done, rate and time left. The CLI draws it as a
 * bar (cli/progress.ts), the editor shows it in its work-done progress (server/solve-orchestrator.ts).
 * The rate counts only what this run did: instances resumed from a part file took no time here.
 */

export class ProgressMeter {
  private done: number;
  private readonly startedAt: number;
  private lastAt: number;

  /**
   * @param total instances to do, those already done included
   * @param doneAtStart instances done before this run (resumed)
   * @param clock milliseconds, monotonic
   */
  constructor(
    readonly total: number,
    readonly doneAtStart = 0,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.done = doneAtStart;
    this.startedAt = this.lastAt = clock();
  }

  update(done: number): void {
    this.done = done;
    this.lastAt = this.clock();
  }

  get doneCount(): number {
    return this.done;
  }

  /** Seconds since the start, at the last update. */
  get elapsedSeconds(): number {
    return (this.lastAt - this.startedAt) / 1000;
  }

  /** Instances per second in this run; undefined before the first one. */
  get rate(): number | undefined {
    const doneHere = this.done - this.doneAtStart;
    return doneHere > 0 && this.elapsedSeconds > 0 ? doneHere / this.elapsedSeconds : undefined;
  }

  /** Seconds left at the rate so far; undefined before the first instance. */
  get etaSeconds(): number | undefined {
    const rate = this.rate;
    return rate === undefined ? undefined : (this.total - this.done) / rate;
  }

  get fraction(): number {
    return this.total === 0 ? 1 : this.done / this.total;
  }

  /** `7/15 instances, 2.3/s, ETA 0:04` (or `15/15 instances in 0:06, 2.5/s` when done). */
  describe(): string {
    const counts = `${this.done}/${this.total} instances`;
    const rate = this.rate === undefined ? undefined : formatRate(this.rate);
    if (this.done >= this.total) return [`${counts} in ${formatDuration(this.elapsedSeconds)}`, rate].filter(Boolean).join(', ');
    const eta = this.etaSeconds;
    return [counts, rate, `ETA ${eta === undefined ? '–' : formatDuration(eta)}`].filter(Boolean).join(', ');
  }
}

/** `0:04`, `12:30`, `1:02:03`. */
export function formatDuration(seconds: number): string {
  const total = Math.round(seconds);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** Instances per second, per minute or per hour: whichever reads as at least 1. */
export function formatRate(perSecond: number): string {
  const digits = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(1));
  if (perSecond >= 1) return `${digits(perSecond)}/s`;
  if (perSecond * 60 >= 1) return `${digits(perSecond * 60)}/min`;
  return `${digits(perSecond * 3600)}/h`;
}
