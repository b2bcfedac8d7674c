import { describe, expect, it } from 'vitest';
import { resolveProblem, type PlacementInstance } from '../../../engine/placement/instance.js';
import type { Objective } from '../../../engine/placement/model.js';
import { acceleratorsNeeded, computeRelaxations, smallestMaxRoundTime } from '../../../engine/placement/relaxations.js';
import { solvePlacementExact } from '../../../engine/placement/solve.js';
import { bruteForce, bruteForceAcceleratorsNeeded, bruteForceSmallestMaxRound, forEachPlacement, randomProblem } from './fixtures.js';

const SEEDS = Array.from({ length: 150 }, (_, i) => 5000 + i);

function instanceOf(seed: number, objective: Objective): PlacementInstance {
  const { instance } = resolveProblem(randomProblem(seed, objective, 6));
  if (instance === undefined) throw new Error('random instances are valid');
  return instance;
}

describe('exact methods vs brute-force enumeration of every (server, AIFs, accelerators)', () => {
  const objectives: Objective[] = [
    { kind: 'min-aifs' },
    { kind: 'baseline' },
    { kind: 'balanced', aifWeight: 1, spreadWeight: 1000 },
    { kind: 'balanced', aifWeight: 0, spreadWeight: 1 },
    { kind: 'balanced', aifWeight: 3, spreadWeight: 20 },
  ];
  for (const objective of objectives) {
    it(`same optimum and tie-break on ${SEEDS.length} instances (${JSON.stringify(objective)})`, () => {
      let feasible = 0;
      for (const seed of SEEDS) {
        const instance = instanceOf(seed, objective);
        const expected = bruteForce(instance);
        const result = solvePlacementExact(instance.problem);
        expect(result.status).toBe(expected === undefined ? 'infeasible' : 'feasible');
        if (expected === undefined) continue;
        feasible++;
        expect(result.objectiveValue).toBeCloseTo(expected.objective, 9);
        expect(result.k).toBe(expected.k);
        expect(result.maxRoundTime).toBeCloseTo(expected.maxRoundTime, 12);
        expect(result.accelerated.length).toBeLessThanOrEqual(instance.maxAccelerators);
      }
      // Both outcomes must occur (the baseline is feasible less often), or the comparison proves little.
      expect(feasible).toBeGreaterThan(SEEDS.length / 8);
      expect(feasible).toBeLessThan(SEEDS.length);
    });
  }
});

describe('relaxations vs brute force', () => {
  it('smallest max round time, accelerators needed, and the relaxations that follow from them', () => {
    for (const seed of SEEDS) {
      const instance = instanceOf(seed, { kind: 'min-aifs' });
      const best = bruteForceSmallestMaxRound(instance);
      expect(smallestMaxRoundTime(instance) ?? Infinity).toBeCloseTo(best, 12);
      const needed = bruteForceAcceleratorsNeeded(instance);
      expect(acceleratorsNeeded(instance, instance.roundLimit as number)).toBe(needed);
      const relaxations = computeRelaxations(instance);
      const { rounds, target } = instance.problem;
      if (best === Infinity) {
        expect(relaxations).toEqual({ minTarget: null, maxRounds: null, extraAccelerators: null });
        continue;
      }
      expect(relaxations.minTarget).toBeCloseTo(rounds * best, 12);
      const maxRounds = relaxations.maxRounds;
      if (maxRounds === null) expect(best).toBeGreaterThan(target);
      else {
        expect(best).toBeLessThanOrEqual((target / maxRounds) * (1 + 1e-9));
        expect(best).toBeGreaterThan(target / (maxRounds + 1));
      }
      expect(relaxations.extraAccelerators).toBe(needed === Infinity ? null : Math.max(0, needed - instance.maxAccelerators));
    }
  });

  it('each relaxation, applied, makes the requirement feasible, and one step less does not', () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const problem = randomProblem(seed, { kind: 'min-aifs' }, 6);
      const { relaxations, status } = solvePlacementExact(problem);
      if (relaxations.minTarget !== null) {
        // The reported target is the exact one rounded up to 3 significant digits: it works, and
        // the exact one is the boundary (just below it nothing works).
        const exact = computeRelaxations(resolveProblem(problem).instance!).minTarget!;
        expect(relaxations.minTarget).toBeGreaterThanOrEqual(exact);
        expect(relaxations.minTarget).toBeLessThanOrEqual(exact * (1 + 1e-2));
        expect(Number(relaxations.minTarget.toPrecision(3))).toBe(relaxations.minTarget);
        expect(solvePlacementExact({ ...problem, target: relaxations.minTarget }).status).toBe('feasible');
        expect(solvePlacementExact({ ...problem, target: exact }).status).toBe('feasible');
        expect(solvePlacementExact({ ...problem, target: exact * (1 - 1e-6) }).status).toBe('infeasible');
        checked++;
      }
      if (relaxations.maxRounds !== null) {
        expect(solvePlacementExact({ ...problem, rounds: relaxations.maxRounds }).status).toBe('feasible');
        expect(solvePlacementExact({ ...problem, rounds: relaxations.maxRounds + 1 }).status).toBe('infeasible');
      }
      const extra = relaxations.extraAccelerators;
      if (extra !== null && problem.maxAccelerators !== undefined) {
        expect(status === 'feasible').toBe(extra === 0);
        expect(solvePlacementExact({ ...problem, maxAccelerators: problem.maxAccelerators + extra }).status).toBe('feasible');
        if (extra > 0) expect(solvePlacementExact({ ...problem, maxAccelerators: problem.maxAccelerators + extra - 1 }).status).toBe('infeasible');
      }
    }
    expect(checked).toBeGreaterThan(SEEDS.length / 2);
  });
});

describe('the readings of the objectives vs brute force', () => {
  it('min-aifs then fewest-accelerators: fewest AIFs, then fewest accelerators, then the fastest slowest round', () => {
    let differs = 0;
    for (const seed of SEEDS) {
      const instance = instanceOf(seed, { kind: 'min-aifs', tieBreak: 'fewest-accelerators' });
      const limit = (instance.roundLimit ?? -1) * (1 + 1e-9);
      let best: [number, number, number] | undefined; // k, accelerators, max round time
      forEachPlacement(instance, instance.maxAccelerators, (k, round, accelerated) => {
        const key: [number, number, number] = [k, accelerated, Math.max(...round)];
        if (key[2] > limit) return;
        if (best === undefined || key[0] < best[0] || (key[0] === best[0] && (key[1] < best[1] || (key[1] === best[1] && key[2] < best[2] - 1e-15)))) best = key;
      });
      const result = solvePlacementExact(instance.problem);
      expect(result.status).toBe(best === undefined ? 'infeasible' : 'feasible');
      if (best === undefined) continue;
      expect([result.k, result.accelerated.length]).toEqual([best[0], best[1]]);
      expect(result.maxRoundTime).toBeCloseTo(best[2], 12);
      const fastest = solvePlacementExact({ ...instance.problem, objective: { kind: 'min-aifs' } });
      if (fastest.accelerated.length !== result.accelerated.length) differs++;
    }
    // The two tie-breaks must disagree somewhere, or the comparison proves little.
    expect(differs).toBeGreaterThan(0);
  });

  it('balanced over all nodes: the spread counts the training time of the nodes without an AIF', () => {
    for (const seed of SEEDS) {
      const instance = instanceOf(seed, { kind: 'balanced', aifWeight: 1, spreadWeight: 1000, spreadOver: 'all-nodes' });
      const limit = (instance.roundLimit ?? -1) * (1 + 1e-9);
      let best: number | undefined;
      forEachPlacement(instance, instance.maxAccelerators, (k, round) => {
        if (Math.max(...round) > limit) return;
        // Every node without an AIF (the server at least) has round value t = p_k: no exchange, no accelerator.
        const values = [...round, instance.times[k]];
        const value = k + 1000 * (Math.max(...values) - Math.min(...values));
        best = Math.min(best ?? Infinity, value);
      });
      const result = solvePlacementExact(instance.problem);
      expect(result.status).toBe(best === undefined ? 'infeasible' : 'feasible');
      if (best !== undefined) expect(result.objectiveValue).toBeCloseTo(best, 9);
    }
  });
});
