/**
 * The Pareto fronts (number of AIFs, spread) and (number of AIFs, max round time) against brute-force
 * enumeration of every (server, AIFs, accelerators) on small random instances.
 */
import { describe, expect, it } from 'vitest';
import { resolveProblem } from '../../../engine/placement/instance.js';
import type { Objective } from '../../../engine/placement/model.js';
import { paretoFronts } from '../../../engine/placement/pareto.js';
import { forEachPlacement, randomProblem } from './fixtures.js';

const SEEDS = Array.from({ length: 120 }, (_, i) => 7000 + i);

/** The non-dominated (k, value) pairs of a per-k minimum: the strict running minimum over ascending k. */
function nonDominated(bestByK: Map<number, number>): [number, number][] {
  const points: [number, number][] = [];
  for (const k of [...bestByK.keys()].sort((a, b) => a - b)) {
    const value = bestByK.get(k) ?? Infinity;
    // Dominated when some smaller k already reaches a value as small (within round-off).
    if (points.some(([, v]) => v <= value + 1e-12)) continue;
    points.push([k, value]);
  }
  return points;
}

describe('Pareto fronts vs brute force', () => {
  const objectives: Objective[] = [{ kind: 'min-aifs' }, { kind: 'baseline' }];
  for (const objective of objectives) {
    it(`are exactly the non-dominated points of every feasible placement (${objective.kind})`, () => {
      let nonTrivial = 0;
      for (const seed of SEEDS) {
        const { instance } = resolveProblem(randomProblem(seed, objective, 6));
        if (instance === undefined) throw new Error('random instances are valid');
        const limit = (instance.roundLimit ?? -1) * (1 + 1e-9);
        const spreadByK = new Map<number, number>();
        const maxByK = new Map<number, number>();
        forEachPlacement(instance, instance.maxAccelerators, (k, rounds) => {
          const max = Math.max(...rounds);
          if (max > limit) return;
          spreadByK.set(k, Math.min(spreadByK.get(k) ?? Infinity, max - Math.min(...rounds)));
          maxByK.set(k, Math.min(maxByK.get(k) ?? Infinity, max));
        });
        const fronts = paretoFronts(instance);
        for (const [front, byK] of [
          [fronts.spread, spreadByK],
          [fronts.maxRoundTime, maxByK],
        ] as const) {
          const expected = nonDominated(byK);
          expect(front.map((p) => p.k)).toEqual(expected.map(([k]) => k));
          front.forEach((p, i) => expect(p.value).toBeCloseTo(expected[i][1], 12));
          // Each point's placement really has k AIFs and reaches the value.
          for (const p of front) {
            expect(p.aifs).toHaveLength(p.k);
            expect(p.accelerated.length).toBeLessThanOrEqual(instance.maxAccelerators);
            expect(front === fronts.spread ? p.spread : p.maxRoundTime).toBeCloseTo(p.value, 12);
            expect(p.maxRoundTime).toBeLessThanOrEqual(limit);
          }
        }
        if (fronts.spread.length > 1 || fronts.maxRoundTime.length > 1) nonTrivial++;
      }
      // Fronts of several points must occur, or the comparison proves little.
      expect(nonTrivial).toBeGreaterThan(SEEDS.length / 20);
    });
  }
});
