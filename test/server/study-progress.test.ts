/**
 * A study's progress in the editor: the solve worker posts it while it runs (server/solve-runner.ts),
 * and studyProgressReporter turns it into the work-done progress' percentage and message.
 */
import { describe, expect, it } from 'vitest';
import type { StudyProgressReport } from '../../engine/scenario.js';
import { scenarioInput } from '../../language/lowering.js';
import { SolveRunner } from '../../server/solve-runner.js';
import { studyProgressReporter } from '../../server/study-progress.js';
import { lowered, validate } from '../language/helpers.js';

const SMALL_STUDY = `
topology M mandala { access 16 diameter 12 ms accelerators 30% seed 7 }
curve C { 1 -> 1.2 s  2 -> 0.7 s  4 -> 0.38 s }
placement P { topology M curve C rounds 10 target 2 s }
study Small { placement P rounds 5, 10 target 2 s objective min-aifs instances 5 accelerators 10% to 60% seed 42 }
`;

describe('studyProgressReporter', () => {
  it("reports the share of all the studies' instances, naming the running study, at most 4 times a second and always at the end", () => {
    let now = 0;
    const reports: [number, string][] = [];
    const report = studyProgressReporter(
      [
        { name: 'A', instances: 4 },
        { name: 'B', instances: 6 },
      ],
      (percentage, message) => reports.push([percentage, message]),
      () => now,
    );
    report({ study: 0, done: 1, total: 4 });
    now = 100;
    report({ study: 0, done: 2, total: 4 }); // 100 ms after the last report: skipped
    now = 500;
    report({ study: 1, done: 1, total: 6 }); // A is done: 5 of 10
    now = 1000;
    report({ study: 1, done: 6, total: 6 }); // the end, whatever the time since the last report
    expect(reports).toEqual([
      [10, 'A (study 1 of 2): 1/10 instances, ETA –'],
      [50, 'B (study 2 of 2): 5/10 instances, 10/s, ETA 0:01'],
      [100, 'B (study 2 of 2): 10/10 instances in 0:01, 10/s'],
    ]);
  });
});

describe('the solve worker', () => {
  it("posts each study's progress while it solves, before the verdicts", async () => {
    const { document, diagnostics, services } = await validate(SMALL_STUDY);
    expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    const input = scenarioInput(lowered(document, services));
    const runner = new SolveRunner();
    const reports: StudyProgressReport[] = [];
    try {
      const result = await runner.run({ kind: 'verdicts', input }, { timeLimitMs: 60_000, onProgress: (report) => reports.push(report) });
      expect(result.kind).toBe('done');
    } finally {
      runner.dispose();
    }
    expect(reports).toEqual([1, 2, 3, 4, 5].map((done) => ({ study: 0, done, total: 5 })));
  });
});
