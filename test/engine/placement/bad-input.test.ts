import { describe, expect, it } from 'vitest';
import type { PlacementResult } from '../../../engine/placement/result.js';
import { solvePlacement } from '../../../engine/placement/solve.js';
import { metroProblem, metroTopology } from './fixtures.js';

/** No NaN or Infinity anywhere: JSON.stringify would turn them into null silently. */
function expectFiniteOrNull(value: unknown): void {
  if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
  else if (value !== null && typeof value === 'object') for (const inner of Object.values(value)) expectFiniteOrNull(inner);
}

async function solveAll(problem: Parameters<typeof solvePlacement>[0]): Promise<PlacementResult[]> {
  const results = [await solvePlacement(problem), await solvePlacement(problem, { method: 'milp-compact' }), await solvePlacement(problem, { method: 'milp-paper' })];
  results.forEach(expectFiniteOrNull);
  return results;
}

describe('bad input gives a clear infeasible result, never a throw', () => {
  it('a disconnected topology: unreachable nodes are simply not eligible', async () => {
    const metro = metroTopology();
    // Cut acc7/acc8/agg4 off: drop the core2 -- agg4 link.
    const topology = { ...metro, links: metro.links.filter((link) => !(metro.nodes[link.b].name === 'agg4' && metro.nodes[link.a].name === 'core2')) };
    for (const result of await solveAll(metroProblem({ topology: { kind: 'explicit', topology } }))) {
      expect(result.status).toBe('feasible'); // the 3 accelerated AIFs of the metro answer are all still reachable
      expect(result.k).toBe(3);
      expect(result.aifs).not.toContain('agg4');
    }
    // Two isolated nodes: no server reaches 2 AIFs.
    const isolated = {
      name: 'I',
      nodes: [
        { name: 'a', accelerator: true },
        { name: 'b', accelerator: false },
        { name: 'c', accelerator: false },
      ],
      links: [],
    };
    for (const result of await solveAll(metroProblem({ topology: { kind: 'explicit', topology: isolated } }))) {
      expect(result.status).toBe('infeasible');
      expect(result.relaxations).toEqual({ minTarget: null, maxRounds: null, extraAccelerators: null });
      expect(result.reason).toMatch(/no placement exists/);
    }
  });

  it('a single node or a single pair: nothing to place around a server, or exactly one AIF', async () => {
    const single = { name: 'S', nodes: [{ name: 'only', accelerator: true }], links: [] };
    for (const result of await solveAll(metroProblem({ topology: { kind: 'explicit', topology: single } }))) {
      expect(result.status).toBe('infeasible');
      expect(result.relaxations.minTarget).toBeNull();
    }
    const pair = {
      name: 'P',
      nodes: [
        { name: 'a', accelerator: false },
        { name: 'b', accelerator: false },
      ],
      links: [{ a: 0, b: 1, latency: 1e-3 }],
    };
    // One AIF, p_1 = 1.2 s, plus a 2 ms round trip: 1.202 s per round; T = 2 s fits one round.
    for (const result of await solveAll(metroProblem({ topology: { kind: 'explicit', topology: pair }, minAifs: 1, rounds: 1, target: 2 }))) {
      expect(result.status).toBe('feasible');
      expect(result.maxRoundTime).toBeCloseTo(1.202, 12);
      expect(result.relaxations.maxRounds).toBe(1);
    }
  });

  it('a one-point curve is constant: p_k = p_1 for every k', async () => {
    // p = 0.3 s, T/R = 0.32 s: 2 plain AIFs next to the server fit, so k = 2 without accelerators.
    const curve = { name: 'flat', points: [{ k: 4, time: 0.3 }] };
    for (const result of await solveAll(metroProblem({ curve }))) {
      expect(result.status).toBe('feasible');
      expect(result.k).toBe(2);
      expect(result.trainingTime).toBeCloseTo(0.3, 12);
    }
  });

  it('H larger than the available accelerators uses the four that exist', async () => {
    for (const result of await solveAll(metroProblem({ maxAccelerators: 50 }))) {
      expect(result.status).toBe('feasible');
      expect(result.k).toBe(3);
      expect(result.relaxations.extraAccelerators).toBe(0);
    }
  });

  it('rounds 0, fractional, or huge: infeasible with a reason, relaxations where they still make sense', async () => {
    for (const rounds of [0, -3, 2.5, Infinity, NaN]) {
      for (const result of await solveAll(metroProblem({ rounds }))) {
        expect(result.status).toBe('infeasible');
        expect(result.reason).toMatch(/rounds must be a whole number/);
        expect(result.roundLimit).toBeNull();
        expect(result.relaxations.minTarget).toBeNull();
        expect(result.relaxations.maxRounds).toBe(9); // independent of R, see metro.test.ts
      }
    }
    for (const result of await solveAll(metroProblem({ rounds: 1e12 }))) {
      expect(result.status).toBe('infeasible');
      expect(result.relaxations.maxRounds).toBe(9);
      expect(result.relaxations.extraAccelerators).toBeNull();
      expect(result.relaxations.minTarget).toBeGreaterThanOrEqual(1e12 * 0.17);
    }
  });

  it('unknown node names, empty curve, bad acceleration, bad target: infeasible with every reason listed', async () => {
    const problem = metroProblem({ excluded: ['nowhere'], curve: { name: 'empty', points: [] }, acceleration: 1.5, target: -1 });
    for (const result of await solveAll(problem)) {
      expect(result.status).toBe('infeasible');
      expect(result.reason).toMatch(/nowhere/);
      expect(result.reason).toMatch(/no points/);
      expect(result.reason).toMatch(/acceleration/);
      expect(result.reason).toMatch(/target/);
    }
  });

  it('an invalid Mandala spec does not throw out of solvePlacement', async () => {
    const spec = {
      name: 'M',
      access: 12,
      accessAggregation: { min: 0, max: 0 },
      aggregationCore: { min: 0, max: 0 },
      coreApplication: { min: 0, max: 0 },
      acceleratorShare: 0.3,
      seed: 1,
    };
    const result = await solvePlacement(metroProblem({ topology: { kind: 'mandala', spec } }));
    expect(result.status).toBe('infeasible');
    expect(result.reason).toMatch(/multiple of 8/);
  });
});
