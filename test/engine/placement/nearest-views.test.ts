/**
 * The exact min-aifs path reads only the K nearest nodes per server (K = the largest useful number
 * of AIFs, 2K with accelerators). On Mandala topologies where K is far below the node count, its
 * optimum must still be the compact MILP's, which sees every node.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MANDALA_LATENCIES } from '../../../engine/placement/mandala.js';
import type { PlacementProblem } from '../../../engine/placement/model.js';
import { solvePlacement } from '../../../engine/placement/solve.js';

function problem(seed: number, rounds: number, maxAccelerators: number): PlacementProblem {
  return {
    name: `M${seed}`,
    topology: { kind: 'mandala', spec: { name: 'M', access: 16, ...DEFAULT_MANDALA_LATENCIES, diameter: 0.012, acceleratorShare: 0.4, seed } },
    // Flat from k = 4: K = 4 while 25 of the 26 nodes are eligible around each server.
    curve: {
      name: 'C',
      points: [
        { k: 1, time: 1.2 },
        { k: 2, time: 0.7 },
        { k: 4, time: 0.38 },
      ],
    },
    rounds,
    target: 2,
    acceleration: 0.5,
    maxAccelerators,
    exchange: 'round-trip',
    objective: { kind: 'min-aifs' },
    excluded: [],
    minAifs: 2,
  };
}

describe('exact min-aifs on nearest-node views', () => {
  it.each([
    [1, 5, 8],
    [2, 10, 1],
    [3, 10, 3],
    [4, 6, 2],
    [5, 10, 8],
    [6, 11, 4],
  ])('seed %i, R %i, H %i: same k and max round time as the compact MILP', async (seed, rounds, h) => {
    const exact = await solvePlacement(problem(seed, rounds, h));
    const milp = await solvePlacement(problem(seed, rounds, h), { method: 'milp-compact' });
    expect(exact.status).toBe(milp.status);
    expect(exact.k).toBe(milp.k);
    if (exact.maxRoundTime !== null) expect(exact.maxRoundTime).toBeCloseTo(milp.maxRoundTime!, 9);
  });
});
