/**
 * Progress of a study: the meter's rate and ETA, the bar drawn on a terminal, the plain lines of a
 * log and silence with --quiet — in isolation with a fake clock, then for real in a pseudo-terminal.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatRate, ProgressMeter } from '../../engine/placement/study-progress.js';
import { progressBar, StudyProgress, type ProgressMode } from '../../cli/progress.js';
import { CLI } from './run-cli.js';

/** A clock the test moves by hand. */
function fakeClock() {
  const clock = { now: 0, read: () => clock.now };
  return clock;
}

describe('ProgressMeter', () => {
  it('counts the rate from what this run did (not what it resumed), and the ETA from that rate', () => {
    const clock = fakeClock();
    const meter = new ProgressMeter(10, 2, clock.read);
    expect(meter.describe()).toBe('2/10 instances, ETA –');
    clock.now = 2000;
    meter.update(6); // 4 instances in 2 s: 2/s, 4 left: 2 s
    expect(meter.rate).toBe(2);
    expect(meter.etaSeconds).toBe(2);
    expect(meter.describe()).toBe('6/10 instances, 2.0/s, ETA 0:02');
    clock.now = 4000;
    meter.update(10);
    expect(meter.describe()).toBe('10/10 instances in 0:04, 2.0/s');
  });

  it('says rates per second, minute or hour, and durations as m:ss or h:mm:ss', () => {
    expect([12.34, 2, 0.5, 0.01].map(formatRate)).toEqual(['12/s', '2.0/s', '30/min', '36/h']);
    expect([4, 59.6, 754, 3723].map(formatDuration)).toEqual(['0:04', '1:00', '12:34', '1:02:03']);
  });
});

describe('progressBar', () => {
  const meter = () => {
    const clock = fakeClock();
    const m = new ProgressMeter(4, 0, clock.read);
    clock.now = 1000;
    m.update(1); // 1/s, 3 left
    return m;
  };

  it('draws a 30-cell bar filled to the share done, then the counts, rate and ETA', () => {
    // 1/4 of 30 cells = 7.5, rounded to 8.
    expect(progressBar('S', meter(), 80)).toBe(`S [${'█'.repeat(8)}${'░'.repeat(22)}]  25% 1/4 instances, 1.0/s, ETA 0:03`);
  });

  it('drops the bar, then cuts the text, to stay within a narrow terminal (a full line would wrap)', () => {
    const narrow = progressBar('S', meter(), 30);
    expect(narrow).toBe('S  25% 1/4 instances, 1.0/s, ');
    expect(narrow.length).toBe(29);
  });
});

describe('StudyProgress', () => {
  function display(mode: ProgressMode) {
    const clock = fakeClock();
    const written: string[] = [];
    const progress = new StudyProgress({ write: (text: string) => written.push(text), columns: 80 }, mode, clock.read);
    return { clock, written, progress };
  }

  it('on a terminal redraws the bar in place at most every 100 ms, and ends its line', () => {
    const { clock, written, progress } = display('bar');
    progress.start('S', 4);
    clock.now = 50;
    progress.update(1); // too soon after the first drawing
    clock.now = 150;
    progress.update(2);
    clock.now = 160;
    progress.update(4);
    progress.finish();
    expect(written).toEqual([
      `\rS [${'░'.repeat(30)}]   0% 0/4 instances, ETA –\x1b[K`,
      `\rS [${'█'.repeat(15)}${'░'.repeat(15)}]  50% 2/4 instances, 13/s, ETA 0:00\x1b[K`,
      `\rS [${'█'.repeat(30)}] 100% 4/4 instances in 0:00, 25/s\x1b[K`,
      '\n',
    ]);
  });

  it('interrupted (Ctrl-C), ends the line of the bar as it stands, so the prompt starts on its own line', () => {
    const { clock, written, progress } = display('bar');
    progress.start('S', 4);
    clock.now = 150;
    progress.update(1); // 1 in 0.15 s: 6.7/s; 3 left: 0.45 s
    progress.interrupt();
    progress.finish(); // nothing more: the run is over
    expect(written.slice(1)).toEqual([`\rS [${'█'.repeat(8)}${'░'.repeat(22)}]  25% 1/4 instances, 6.7/s, ETA 0:00\x1b[K`, '\n']);
  });

  it('in a log prints a plain line every 10 s, and a last one when it printed any', () => {
    const { clock, written, progress } = display('lines');
    progress.start('S', 4);
    clock.now = 5000;
    progress.update(1);
    clock.now = 10_000;
    progress.update(2); // 2 in 10 s: 12/min, 2 left: 10 s
    clock.now = 12_000;
    progress.update(4);
    progress.finish();
    expect(written).toEqual(['S: 2/4 instances, 12/min, ETA 0:10\n', 'S: 4/4 instances in 0:12, 20/min\n']);
  });

  it('in a log prints nothing for a run shorter than 10 s, and nothing at all with --quiet', () => {
    for (const mode of ['lines', 'quiet'] as const) {
      const { clock, written, progress } = display(mode);
      progress.start('S', 4);
      clock.now = 3000;
      progress.update(4);
      progress.finish();
      expect(written, mode).toEqual([]);
    }
  });
});

// util-linux's `script` runs nsc in a pseudo-terminal, so stderr is a TTY as in an interactive shell.
const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('nsc study in a pseudo-terminal (util-linux script)', () => {
  const example = join(import.meta.dirname, '../../examples/mandala-study.nsc');
  const inTerminal = (extra: string) =>
    spawnSync('script', ['-qec', `"${process.execPath}" "${CLI}" study "${example}" --jobs 1 --csv ${extra}`, '/dev/null'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    }).stdout;

  it('draws the progress bar in place, ending at 15/15 instances', () => {
    const output = inTerminal('');
    const drawings = output.split('\r').filter((part) => part.startsWith('PaperSweep ['));
    expect(drawings[0]).toMatch(/^PaperSweep \[░+\] {3}0% 0\/15 instances, ETA –\x1b\[K/);
    expect(drawings[drawings.length - 1]).toMatch(/^PaperSweep \[█+\] 100% 15\/15 instances in \d+:\d\d, [\d.]+\/(s|min)\x1b\[K/);
    expect(output).toContain('study,objective,target,rounds'); // the results still come, after the bar's line
  });

  it('draws nothing with --quiet', () => {
    const output = inTerminal('--quiet');
    expect(output).not.toContain('instances');
    expect(output).toContain('study,objective,target,rounds');
  });
});
