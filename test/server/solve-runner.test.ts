/**
 * The language server's solve worker (server/solve-runner.ts) is replaced once its footprint passes
 * its budget, and solves the same after. The worker runs compiled JavaScript: `npm test` builds first.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioInput } from '../../engine/scenario.js';
import { SolveRunner } from '../../server/solve-runner.js';
import { forkModel } from '../engine/scheduling/fixtures.js';

const FORK: ScenarioInput = { placements: [], switches: [forkModel()], services: [], crossedSwitches: [], studies: [], units: { targets: {}, flows: {}, services: {} } };

/** Three verdicts, each followed by its details, in the same runner. */
async function solveThrice(runner: SolveRunner): Promise<void> {
  try {
    for (let i = 0; i < 3; i++) {
      const verdicts = await runner.run({ kind: 'verdicts', input: FORK }, { timeLimitMs: 30_000 });
      if (verdicts.kind !== 'done') throw new Error(`solve ${i}: ${verdicts.kind}`);
      const details = await runner.run({ kind: 'details', input: FORK, outcome: verdicts.value }, { timeLimitMs: 30_000 });
      if (details.kind !== 'done') throw new Error(`details ${i}: ${details.kind}`);
      // paper-fork's optimum w1 = (-10 + sqrt(436)) / 14 = 0.77718, rounded to 3 decimals (see scenario.test.ts).
      expect(details.value.switches[0].applicableWeights).toEqual({ t0: 1, t1: 0.777, t2: 0.223 });
    }
  } finally {
    runner.dispose();
  }
}

describe('SolveRunner', () => {
  it('keeps one warm worker while its footprint stays within the budget', async () => {
    const runner = new SolveRunner({ footprintBudget: Infinity });
    await solveThrice(runner);
    expect(runner.workersStarted).toBe(1);
  });

  it('replaces the worker after each solve that leaves it past the budget', async () => {
    // Any worker holds more than 1 byte: every solve retires its worker.
    const runner = new SolveRunner({ footprintBudget: 1 });
    await solveThrice(runner);
    expect(runner.workersStarted).toBe(6); // three verdicts and three details
  });
});
