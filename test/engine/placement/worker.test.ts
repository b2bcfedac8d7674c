/**
 * HiGHS in a worker thread. The worker runs compiled JavaScript: `npx tsc -p .` must have built
 * out/engine/highs/worker.js (`npm test` builds first).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { HighsWorker } from '../../../engine/highs/worker-solver.js';
import { solvePlacement } from '../../../engine/placement/solve.js';
import { DEFAULT_MANDALA_LATENCIES } from '../../../engine/placement/mandala.js';
import { LinearProgram } from '../../../engine/highs/lp.js';
import { chairsAndTables } from '../../support/chairs-and-tables.js';
import { LSTM_TRAINING, metroProblem, randomProblem } from './fixtures.js';

/** A MIP that takes HiGHS seconds (and whose text is over 1 MB, so a default HighsWorker gives it a fresh worker). */
function largeModel(): LinearProgram {
  const lp = new LinearProgram();
  const vars = Array.from({ length: 3000 }, () => lp.binary());
  for (let r = 0; r < 300; r++)
    lp.constrain(
      vars.filter((_, i) => (i * 7 + r) % 13 < 6).map((variable, i) => ({ variable, coefficient: 1 + ((i * r) % 17) })),
      '<=',
      500 + r,
    );
  lp.setObjective(
    'max',
    vars.map((variable, i) => ({ variable, coefficient: 1 + (i % 23) })),
  );
  return lp;
}

describe('HighsWorker', () => {
  const solver = new HighsWorker();
  afterAll(() => solver.close());

  it('solves in the shared worker like in-process, and serialises concurrent solves', async () => {
    const solutions = await Promise.all([1, 2, 3].map(() => solver.solve(chairsAndTables().lp)));
    for (const solution of solutions) {
      expect(solution.status).toBe('optimal');
      expect(solution.objective).toBeCloseTo(1100, 6);
      expect([...solution.values]).toEqual([20, 10]);
    }
    expect(solver.sharedFootprint?.wasmBytes).toBeGreaterThan(0);
  });

  it('gives the same placement as the in-process MILP', async () => {
    for (const problem of [metroProblem(), randomProblem(1003, { kind: 'balanced', aifWeight: 1, spreadWeight: 1000 })]) {
      const local = await solvePlacement(problem, { method: 'milp-compact' });
      const remote = await solvePlacement(problem, { method: 'milp-compact', solver });
      expect(remote.status).toBe(local.status);
      expect(remote.objectiveValue).toBeCloseTo(local.objectiveValue as number, 9);
    }
  });

  it('cancels: an aborted solve rejects with the signal reason and the next solve works', async () => {
    const controller = new AbortController();
    const pending = solver.solve(largeModel(), { signal: controller.signal });
    controller.abort(new Error('newer version'));
    await expect(pending).rejects.toThrow('newer version');
    expect((await solver.solve(chairsAndTables().lp)).objective).toBeCloseTo(1100, 6);
  });

  it('cancels while solving, in a fresh worker and in the shared one (terminated, then replaced)', async () => {
    for (const busySolver of [solver, new HighsWorker({ freshWorkerChars: Infinity })]) {
      const busy = new AbortController();
      const running = busySolver.solve(largeModel(), { signal: busy.signal });
      setTimeout(() => busy.abort(new Error('while solving')), 300);
      await expect(running).rejects.toThrow('while solving');
      expect((await busySolver.solve(chairsAndTables().lp)).objective).toBeCloseTo(1100, 6);
      await busySolver.close();
    }
  });

  it('stops at a hard deadline without a solution, then recovers', async () => {
    const strict = new HighsWorker({ graceSeconds: 0 });
    const solution = await strict.solve(largeModel(), { timeLimit: 0.001 });
    expect(solution.status).toBe('time-limit');
    expect(solution.values.length).toBe(0);
    expect((await strict.solve(chairsAndTables().lp)).objective).toBeCloseTo(1100, 6);
    await strict.close();
  });

  it('a placement MILP cut by its time limit reports status timeout, with exact relaxations and no NaN', async () => {
    // The paper model of a 104-node Mandala takes HiGHS tens of seconds; half a second is far too little.
    const spec = { name: 'M', access: 64, ...DEFAULT_MANDALA_LATENCIES, diameter: 0.07 * 0.17, acceleratorShare: 0.3, seed: 7 };
    const problem = metroProblem({ topology: { kind: 'mandala', spec }, curve: LSTM_TRAINING, rounds: 10, target: 2, maxAccelerators: 8 });
    const started = performance.now();
    const result = await solvePlacement(problem, { method: 'milp-paper', solver, timeLimit: 0.5 });
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(result.status).toBe('timeout');
    expect(result.reason).toMatch(/time limit/);
    expect(result.relaxations.extraAccelerators).toBe(0); // the exact method finds it feasible
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
  });

  it('replaces the long-lived worker after a solve that leaves its footprint past the budget', async () => {
    // Any worker holds more than 1 byte: each solve retires its worker, the next one starts another.
    const tight = new HighsWorker({ footprintBudget: 1 });
    const roomy = new HighsWorker({ footprintBudget: Infinity });
    for (const budgeted of [tight, roomy]) {
      for (let i = 0; i < 3; i++) expect((await budgeted.solve(chairsAndTables().lp)).objective).toBeCloseTo(1100, 6);
      await budgeted.close();
    }
    expect(tight.sharedWorkersStarted).toBe(3);
    expect(roomy.sharedWorkersStarted).toBe(1);
    // WebAssembly memory comes in 64 KiB pages.
    const footprint = tight.sharedFootprint!;
    expect(footprint.wasmBytes).toBeGreaterThan(0);
    expect(footprint.wasmBytes % 65536).toBe(0);
    expect(footprint.jsHeapBytes).toBeGreaterThan(0);
  });

  it('runs large models in a fresh worker of their own', async () => {
    const fresh = new HighsWorker({ freshWorkerChars: 1 });
    expect((await fresh.solve(chairsAndTables().lp)).objective).toBeCloseTo(1100, 6);
    expect(fresh.sharedWorkersStarted).toBe(0); // the shared worker was never used
    await fresh.close();
  });
});
