import { describe, expect, it } from 'vitest';
import type { Objective } from '../../../engine/placement/model.js';
import { solvePlacement } from '../../../engine/placement/solve.js';
import type { PlacementResult } from '../../../engine/placement/result.js';
import { randomProblem } from './fixtures.js';

const SEEDS = Array.from({ length: 60 }, (_, i) => 1000 + i);
const BALANCED: Objective = { kind: 'balanced', aifWeight: 1, spreadWeight: 1000 };

function sameOptimum(a: PlacementResult, b: PlacementResult): void {
  expect(a.status).toBe(b.status);
  if (a.status !== 'feasible') return;
  expect(a.objectiveValue).toBeCloseTo(b.objectiveValue as number, 6);
}

describe('paper MILP (1)–(24) vs compact MILP', () => {
  for (const objective of [{ kind: 'min-aifs' }, BALANCED] as Objective[]) {
    it(`reach the same optimum on ${SEEDS.length} random instances (${objective.kind})`, async () => {
      let feasible = 0;
      for (const seed of SEEDS) {
        const problem = randomProblem(seed, objective);
        const paper = await solvePlacement(problem, { method: 'milp-paper' });
        const compact = await solvePlacement(problem, { method: 'milp-compact' });
        expect(paper.solver.method).toBe('milp-paper');
        sameOptimum(paper, compact);
        if (compact.status === 'feasible') feasible++;
      }
      // The instances must exercise both outcomes, or the comparison proves little.
      expect(feasible).toBeGreaterThan(SEEDS.length / 4);
      expect(feasible).toBeLessThan(SEEDS.length);
    }, 120_000);
  }
});

describe('exact solvers vs compact MILP', () => {
  for (const objective of [{ kind: 'min-aifs' }, { kind: 'baseline' }, BALANCED, { kind: 'balanced', aifWeight: 0.5, spreadWeight: 0 }] as Objective[]) {
    it(`agree on every one of ${SEEDS.length} random instances (${JSON.stringify(objective)})`, async () => {
      for (const seed of SEEDS) {
        const problem = randomProblem(seed, objective);
        const exact = await solvePlacement(problem);
        const milp = await solvePlacement(problem, { method: 'milp-compact' });
        sameOptimum(exact, milp);
        if (exact.status === 'feasible' && objective.kind !== 'balanced') {
          // The MILP's second lexicographic stage minimises the max round time at k*: same tie-break.
          expect(milp.k).toBe(exact.k);
          expect(milp.maxRoundTime).toBeCloseTo(exact.maxRoundTime as number, 6);
        }
        if (exact.status === 'feasible') {
          for (const time of Object.values(exact.roundTimes)) expect(time).toBeLessThanOrEqual((exact.roundLimit as number) * (1 + 1e-9));
        }
      }
    }, 120_000);
  }
});
