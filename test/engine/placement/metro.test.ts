import { describe, expect, it } from 'vitest';
import { solvePlacement } from '../../../engine/placement/solve.js';
import { ExchangeLatencies } from '../../../engine/placement/latency.js';
import { metroProblem, metroTopology } from './fixtures.js';

const ms = 1e-3;

describe('metro example (examples/metro-placement.nsc)', () => {
  it('AnomalyDetection: 3 accelerated AIFs around core1 (worked out by hand)', async () => {
    // k = 2: accelerated 0.5 * 0.7 = 0.35 s > T/R = 0.32 s. k = 3: plain 0.5 s is too slow, accelerated
    // 0.25 s + d fits, so all 3 must be accelerated, on 3 of the 4 accelerator nodes agg1, agg3, acc2, acc6.
    // Farthest of the best 3 (one way): core1 -> {agg1 0.6, acc2 1.0, agg3 1.3} ms beats core2 (1.4 ms),
    // agg1 (1.9 ms, it cannot be both server and AIF), app1 (2.2 ms), agg3 (1.9 ms).
    const result = await solvePlacement(metroProblem());
    expect(result.status).toBe('feasible');
    expect(result.solver.method).toBe('exact');
    expect(result.k).toBe(3);
    expect(result.server).toBe('core1');
    expect(result.aifs).toEqual(['agg1', 'agg3', 'acc2']);
    expect(result.accelerated).toEqual(['agg1', 'agg3', 'acc2']);
    expect(result.trainingTime).toBeCloseTo(0.5, 12);
    expect(result.roundLimit).toBeCloseTo(0.32, 12);
    expect(result.roundTimes.agg1).toBeCloseTo(0.25 + 2 * 0.6 * ms, 12);
    expect(result.roundTimes.acc2).toBeCloseTo(0.25 + 2 * 1.0 * ms, 12);
    expect(result.roundTimes.agg3).toBeCloseTo(0.25 + 2 * 1.3 * ms, 12);
    expect(result.maxRoundTime).toBeCloseTo(0.2526, 12);
    expect(result.loopTime).toBeCloseTo(5 * 0.2526, 12);
    expect(result.spread).toBeCloseTo(2 * 0.7 * ms, 12);
    for (const time of Object.values(result.roundTimes)) expect(time).toBeLessThanOrEqual(0.32);
    // Already feasible; the fastest round any placement reaches is >= p_12 = 0.17 s and (k = 12 around
    // core2, 3 far nodes accelerated) <= 0.17 + 3.4 ms, so R <= 1.6 / 0.1734 -> 9 rounds at most.
    expect(result.relaxations.extraAccelerators).toBe(0);
    expect(result.relaxations.maxRounds).toBe(9);
    expect(result.relaxations.minTarget).toBeGreaterThanOrEqual(5 * 0.17);
    expect(result.relaxations.minTarget).toBeLessThanOrEqual(5 * (0.17 + 3.4 * ms));
  });

  it('AnomalyDetectionBaseline: infeasible, since p_k >= 0.17 s > T/R = 0.16 s, with consistent relaxations', async () => {
    const result = await solvePlacement(metroProblem({ name: 'AnomalyDetectionBaseline', rounds: 10, maxAccelerators: undefined, objective: { kind: 'baseline' } }));
    expect(result.status).toBe('infeasible');
    expect(result.server).toBeNull();
    expect(result.aifs).toEqual([]);
    expect(result.roundLimit).toBeCloseTo(0.16, 12);
    expect(result.reason).toMatch(/round limit/);
    const { minTarget, maxRounds, extraAccelerators } = result.relaxations;
    // Without accelerators every round takes p_k + d >= 0.17 s, and 12 AIFs around core2 need at most 3.4 ms.
    expect(minTarget).toBeGreaterThanOrEqual(10 * 0.17);
    // At most 10 * 0.1734 = 1.734 s exactly; reported rounded up to 3 significant digits.
    expect(minTarget).toBeLessThanOrEqual(1.74);
    expect(maxRounds).toBe(9); // floor(1.6 / [0.17, 0.1734]) = 9
    // Every AIF would have to be accelerated (p_k > 0.16 s), which needs 0.5 p_k + d <= 0.16, i.e. p_k < 0.32,
    // i.e. k >= 6 (p_5 = 0.325): six accelerators, but the topology only has four.
    expect(extraAccelerators).toBeNull();
  });

  it('AnomalyDetectionBalanced: 3 accelerated AIFs with the smallest spread of round times', async () => {
    // k = 3 is the only count below 6 that fits (see above), and mixing plain and accelerated AIFs costs a
    // spread >= 0.135 s (x1000), so the optimum is 3 + 1000 * (smallest spread of 3 accelerator nodes).
    const topology = metroTopology();
    const d = new ExchangeLatencies(topology, 'round-trip').allPairs();
    const h = topology.nodes.flatMap((node, i) => (node.accelerator ? [i] : []));
    let best = Infinity;
    for (let j = 0; j < topology.nodes.length; j++) {
      for (const skip of h) {
        const trio = h.filter((i) => i !== skip && i !== j);
        if (trio.length < 3) continue;
        const times = trio.map((i) => d[i][j]);
        best = Math.min(best, Math.max(...times) - Math.min(...times));
      }
    }
    const result = await solvePlacement(metroProblem({ name: 'AnomalyDetectionBalanced', objective: { kind: 'balanced', aifWeight: 1, spreadWeight: 1000 } }));
    expect(result.status).toBe('feasible');
    expect(result.solver.method).toBe('exact-window');
    expect(result.k).toBe(3);
    expect(result.accelerated).toHaveLength(3);
    expect(result.spread).toBeCloseTo(best, 12);
    expect(result.objectiveValue).toBeCloseTo(3 + 1000 * best, 9);
  });
});

describe('metro example through both MILPs', () => {
  const problems = [
    metroProblem(),
    metroProblem({ name: 'AnomalyDetectionBalanced', objective: { kind: 'balanced', aifWeight: 1, spreadWeight: 1000 } }),
    metroProblem({ name: 'AnomalyDetectionBaseline', rounds: 10, maxAccelerators: undefined, objective: { kind: 'baseline' } }),
  ];
  for (const problem of problems) {
    it(`${problem.name}: paper and compact MILPs reach the exact optimum`, async () => {
      const exact = await solvePlacement(problem);
      for (const method of ['milp-paper', 'milp-compact'] as const) {
        const milp = await solvePlacement(problem, { method });
        expect(milp.status).toBe(exact.status);
        expect(milp.objectiveValue ?? -1).toBeCloseTo(exact.objectiveValue ?? -1, 6);
        expect(milp.relaxations).toEqual(exact.relaxations);
      }
    });
  }
});
