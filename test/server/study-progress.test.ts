/**
 * A study's progress in the editor: the solve worker posts it while it runs (server/solve-runner.ts),
 * and studyProgressReporter turns it into the work-done progress' percentage and message.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MANDALA_LATENCIES } from '../../engine/placement/mandala.js';
import type { StudySpec } from '../../engine/placement/model.js';
import type { ScenarioInput, StudyProgressReport } from '../../engine/scenario.js';
import { SolveRunner } from '../../server/solve-runner.js';
import { studyProgressReporter } from '../../server/study-progress.js';
import { LSTM_TRAINING, metroProblem } from '../engine/placement/fixtures.js';

const spec: StudySpec = {
  name: 'Small',
  base: metroProblem({
    name: 'Aif',
    topology: { kind: 'mandala', spec: { name: 'Mandala', access: 16, ...DEFAULT_MANDALA_LATENCIES, diameter: 12e-3, acceleratorShare: 0.3, seed: 7 } },
    curve: LSTM_TRAINING,
    rounds: 10,
    target: 2,
  }),
  rounds: [5, 10],
  targets: [2],
  objectives: [{ kind: 'min-aifs' }],
  instances: 5,
  acceleratorShare: { min: 0.1, max: 0.6 },
  seed: 42,
};

describe('studyProgressReporter', () => {
  it("reports the share of all the studies' instances, naming the running study, at most 4 times a second and always at the end", () => {
    let now = 0;
    const reports: [number, string][] = [];
    const report = studyProgressReporter([{ name: 'A', instances: 4 }, { name: 'B', instances: 6 }], (percentage, message) => reports.push([percentage, message]), () => now);
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
    const input: ScenarioInput = { placements: [], switches: [], services: [], crossedSwitches: [], studies: [spec], units: { targets: {}, flows: {}, services: {} } };
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
