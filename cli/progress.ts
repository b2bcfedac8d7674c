/**
 * Progress of `nsc study` on stderr: on a terminal a bar redrawn in place (instances done, rate,
 * ETA); elsewhere (a log file, a batch engine's output) a plain line now and then, and a last one
 * when the run was long enough to have printed any; nothing with --quiet.
 */
import { ProgressMeter } from '../engine/placement/study-progress.js';

export type ProgressMode = 'bar' | 'lines' | 'quiet';

export interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export const progressMode = (stream: ProgressStream, quiet: boolean): ProgressMode => (quiet ? 'quiet' : stream.isTTY ? 'bar' : 'lines');

/** Milliseconds between redraws of the bar, and between plain lines. */
export const REDRAW_MS = 100;
export const LINE_MS = 10_000;

const FULL = '█';
const EMPTY = '░';

/** `NAME [████░░░░] 47% 7/15 instances, 2.3/s, ETA 0:04`, at most `columns - 1` wide (a full line would wrap). */
export function progressBar(label: string, meter: ProgressMeter, columns: number): string {
  const percent = `${Math.floor(meter.fraction * 100)}%`.padStart(4);
  const text = `${percent} ${meter.describe()}`;
  const room = columns - 1 - label.length - text.length - 4; // spaces and brackets
  if (room < 10) return `${label} ${text}`.slice(0, Math.max(0, columns - 1));
  const width = Math.min(30, room);
  const full = Math.round(meter.fraction * width);
  return `${label} [${FULL.repeat(full)}${EMPTY.repeat(width - full)}] ${text}`;
}

export class StudyProgress {
  private meter: ProgressMeter | undefined;
  private label = '';
  private shownAt = -Infinity;
  private linesPrinted = 0;

  constructor(
    private readonly stream: ProgressStream,
    private readonly mode: ProgressMode,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  start(label: string, total: number, doneAtStart = 0): void {
    this.meter = new ProgressMeter(total, doneAtStart, this.clock);
    this.label = label;
    this.linesPrinted = 0;
    this.shownAt = this.clock();
    if (this.mode === 'bar') this.draw();
  }

  update(done: number): void {
    const meter = this.meter;
    if (meter === undefined) return;
    meter.update(done);
    const now = this.clock();
    if (this.mode === 'bar' && now - this.shownAt >= REDRAW_MS) this.draw();
    if (this.mode === 'lines' && now - this.shownAt >= LINE_MS) this.line();
  }

  /** The last state: the bar drawn once more and its line ended; a last plain line after earlier ones. */
  finish(): void {
    if (this.meter === undefined) return;
    if (this.mode === 'bar') {
      this.draw();
      this.stream.write('\n');
    }
    if (this.mode === 'lines' && this.linesPrinted > 0) this.line();
    this.meter = undefined;
  }

  /** Stopped midway (Ctrl-C): the bar keeps its last state and its line is ended, so the shell's prompt starts on a line of its own. */
  interrupt(): void {
    if (this.meter !== undefined && this.mode === 'bar') this.stream.write('\n');
    this.meter = undefined;
  }

  private draw(): void {
    if (this.meter === undefined) return;
    this.shownAt = this.clock();
    this.stream.write(`\r${progressBar(this.label, this.meter, this.stream.columns || 80)}\x1b[K`);
  }

  private line(): void {
    if (this.meter === undefined) return;
    this.shownAt = this.clock();
    this.linesPrinted++;
    this.stream.write(`${this.label}: ${this.meter.describe()}\n`);
  }
}
