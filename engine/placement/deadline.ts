/**
 * A time limit for the placement engine's long synchronous loops. Nothing can interrupt them from
 * outside (no timer fires while they run), so they call `check()` between units of work — one
 * Dijkstra, one server view, one k — and it throws `TimeLimitReached` once the deadline has passed.
 * The deadline is wall-clock milliseconds since the epoch, so a worker thread can share it.
 */

export class TimeLimitReached extends Error {
  constructor() {
    super('the time limit was reached');
    this.name = 'TimeLimitReached';
  }
}

const now = () => performance.timeOrigin + performance.now();

export class Deadline {
  /** No limit: `check()` never throws. */
  static readonly NONE = new Deadline(Infinity);

  /** `seconds` from now; no limit when undefined. */
  static after(seconds: number | undefined): Deadline {
    return seconds === undefined ? Deadline.NONE : new Deadline(now() + seconds * 1000);
  }

  /** @param epochMs the deadline as milliseconds since the epoch (Infinity: none) */
  constructor(readonly epochMs: number) {}

  /** Seconds left (0 once passed); undefined without a limit. */
  get remainingSeconds(): number | undefined {
    return this.epochMs === Infinity ? undefined : Math.max(0, (this.epochMs - now()) / 1000);
  }

  /** Throws TimeLimitReached once the deadline has passed. */
  check(): void {
    if (now() > this.epochMs) throw new TimeLimitReached();
  }
}
