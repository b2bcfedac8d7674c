/**
 * The time limit bounds every placement method: the exact solvers check a deadline between units
 * of work. A deadline that expires after a given number of checks stands in for the clock, so every
 * point where a solve can be stopped is tested without timing anything.
 */
import { describe, expect, it } from 'vitest';
import { Deadline, TimeLimitReached } from '../../../engine/placement/deadline.js';
import { DEFAULT_MANDALA_LATENCIES } from '../../../engine/placement/mandala.js';
import type { Objective, PlacementProblem, StudySpec } from '../../../engine/placement/model.js';
import { solvePlacement, solvePlacementExact } from '../../../engine/placement/solve.js';
import { runStudy } from '../../../engine/placement/study.js';
import { LSTM_TRAINING, metroProblem } from './fixtures.js';

/** Passes `allowed` checks, then throws like a deadline that has passed; counts the checks made. */
class CountingDeadline extends Deadline {
  checks = 0;
  constructor(private readonly allowed = Infinity) {
    super(Infinity);
  }
  override check(): void {
    if (++this.checks > this.allowed) throw new TimeLimitReached();
  }
}

/** A generated topology, so every solve regenerates it and repeats every check (nothing is cached across solves). */
const mandalaProblem = (objective: Objective): PlacementProblem =>
  metroProblem({
    name: 'Aif',
    topology: { kind: 'mandala', spec: { name: 'M', access: 16, ...DEFAULT_MANDALA_LATENCIES, diameter: 12e-3, acceleratorShare: 0.3, seed: 7 } },
    curve: LSTM_TRAINING,
    rounds: 10,
    target: 2,
    maxAccelerators: 8,
    objective,
  });

describe('placement deadline', () => {
  for (const objective of [{ kind: 'min-aifs' }, { kind: 'baseline' }, { kind: 'balanced', aifWeight: 1, spreadWeight: 1000 }] as Objective[]) {
    it(`${objective.kind}: stopped at any check it reports timeout, never a wrong verdict; with enough checks it finishes`, () => {
      const unlimited = new CountingDeadline();
      const reference = solvePlacementExact(mandalaProblem(objective), unlimited);
      expect(reference.status).toBe('feasible');
      // Generation, all-pairs latencies, views, relaxations and the search each check at least once per node or per k.
      expect(unlimited.checks).toBeGreaterThan(40);
      for (let allowed = 0; allowed < unlimited.checks; allowed++) {
        const result = solvePlacementExact(mandalaProblem(objective), new CountingDeadline(allowed));
        expect(result.status).toBe('timeout');
        expect(result.reason).toMatch(/time limit/);
        expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
      }
      const exactlyEnough = solvePlacementExact(mandalaProblem(objective), new CountingDeadline(unlimited.checks));
      expect({ ...exactlyEnough, solver: null }).toEqual({ ...reference, solver: null });
    });
  }

  it('keeps the relaxations when the deadline passes during the placement search', () => {
    const problem = mandalaProblem({ kind: 'min-aifs' });
    const reference = solvePlacementExact(problem);
    const unlimited = new CountingDeadline();
    solvePlacementExact(mandalaProblem({ kind: 'min-aifs' }), unlimited);
    // The search is the last stage and checks once per k: stopping at the very last check leaves the relaxations done.
    const late = solvePlacementExact(mandalaProblem({ kind: 'min-aifs' }), new CountingDeadline(unlimited.checks - 1));
    expect(late.status).toBe('timeout');
    expect(late.relaxations).toEqual(reference.relaxations);
    expect(late.relaxations.minTarget).not.toBeNull();
  });

  it('a time limit of 0 stops the default method at once', async () => {
    const result = await solvePlacement(mandalaProblem({ kind: 'min-aifs' }), { timeLimit: 0 });
    expect(result).toMatchObject({ status: 'timeout', server: null, aifs: [], k: null });
  });

  it('a study past its deadline stops with TimeLimitReached instead of counting the instance as infeasible', async () => {
    const spec: StudySpec = {
      name: 'Sweep',
      base: mandalaProblem({ kind: 'min-aifs' }),
      rounds: [10],
      targets: [2],
      objectives: [{ kind: 'min-aifs' }],
      instances: 2,
      acceleratorShare: { min: 0.1, max: 0.6 },
      seed: 42,
    };
    await expect(runStudy(spec, { deadline: new CountingDeadline(5) })).rejects.toBeInstanceOf(TimeLimitReached);
    // Worker threads cannot share a counter: a deadline long past stops them as well.
    await expect(runStudy(spec, { deadline: new Deadline(0), jobs: 2 })).rejects.toBeInstanceOf(TimeLimitReached);
    expect((await runStudy(spec, { deadline: new CountingDeadline() })).cells[0].feasible).toBe(1);
  });
});
