/**
 * The certified optimum s* against an independent brute force on small seeded pipelines with 2–4
 * tasks per worker. The brute force never sees an LP: it evaluates the slack terms of the definition
 * (1 - d_f/D_f per delay SLO, w_t/minimum_t - 1 per loaded task) at explicit weights.
 */
import { describe, expect, it } from 'vitest';
import { loadHighs } from '../../../engine/highs/load.js';
import { flowDelays } from '../../../engine/scheduling/delay.js';
import { buildDesign, commonSlack, type Design } from '../../../engine/scheduling/design.js';
import { generatePipeline } from '../../../engine/scheduling/generate.js';
import { optimalWeights } from '../../../engine/scheduling/optimal-weights.js';

function slackTerms(design: Design, weights: readonly number[]): number[] {
  const delays = flowDelays(design.structure, design.coefficients, weights);
  const terms = design.model.flows.flatMap((flow, f) => (flow.delaySlo === undefined ? [] : [1 - delays[f] / flow.delaySlo]));
  design.minimumWeights.forEach((minimum, t) => minimum > 0 && terms.push(weights[t] / minimum - 1));
  return terms;
}

/** All vectors of `n` non-negative integers summing to `total`. */
function compositions(n: number, total: number): number[][] {
  if (n === 1) return [[total]];
  const out: number[][] = [];
  for (let first = 0; first <= total; first++) for (const rest of compositions(n - 1, total - first)) out.push([first, ...rest]);
  return out;
}

/** Points center + step * k with integer k in [-radius, radius], sum k = 0, inside the simplex. */
function neighbourhood(center: readonly number[], step: number, radius: number): number[][] {
  const n = center.length;
  const out: number[][] = [];
  const walk = (prefix: number[]): void => {
    if (prefix.length === n - 1) {
      const last = -prefix.reduce((a, b) => a + b, 0);
      if (Math.abs(last) > radius) return;
      const point = [...prefix, last].map((k, j) => center[j] + step * k);
      if (point.every((w) => w >= 0)) out.push(point);
      return;
    }
    for (let k = -radius; k <= radius; k++) walk([...prefix, k]);
  };
  walk([]);
  return out;
}

type Score = (weights: readonly number[]) => number;

/** The best point of the product of the workers' candidate sets under `score`. */
function bestOf(design: Design, score: Score, candidates: number[][][]): { value: number; perWorker: number[][] } {
  const tasksOfWorker = design.structure.tasksOfWorker;
  const weights = new Array<number>(design.model.tasks.length).fill(0);
  let best = { value: -Infinity, perWorker: [] as number[][] };
  const choose = (i: number, chosen: number[][]): void => {
    if (i === candidates.length) {
      const value = score(weights);
      if (value > best.value) best = { value, perWorker: chosen.map((c) => [...c]) };
      return;
    }
    for (const candidate of candidates[i]) {
      tasksOfWorker[i].forEach((t, k) => (weights[t] = candidate[k]));
      choose(i + 1, [...chosen, candidate]);
    }
  };
  choose(0, []);
  return best;
}

/**
 * A grid over the whole product of simplices, then pattern searches (best point of the +-2-step box
 * around the incumbent, halving the step when none is better). A pattern search can stall on a
 * ridge of the non-smooth min, so it climbs the smooth soft-min -tau log sum exp(-term/tau) instead,
 * for tau = 1e-3 .. 1e-6: that is concave and within tau log(#terms) of the min.
 */
function bruteForce(design: Design, divisions: number): number {
  const exact: Score = (w) => Math.min(...slackTerms(design, w));
  const soft =
    (tau: number): Score =>
    (w) => {
      const terms = slackTerms(design, w);
      const low = Math.min(...terms);
      return low - tau * Math.log(terms.reduce((sum, x) => sum + Math.exp(-(x - low) / tau), 0));
    };
  const tasksOfWorker = design.structure.tasksOfWorker;
  const grid = tasksOfWorker.map((tasks) => compositions(tasks.length, divisions).map((c) => c.map((k) => k / divisions)));
  let perWorker = bestOf(design, exact, grid).perWorker;
  for (let tau = 1e-3; tau > 1e-7; tau /= 10) {
    const score = soft(tau);
    let value = -Infinity;
    for (let step = 1 / divisions; step > 1e-8;) {
      const candidate = bestOf(
        design,
        score,
        perWorker.map((center) => neighbourhood(center, step, 2)),
      );
      if (candidate.value > value) ({ value, perWorker } = candidate);
      else step /= 2;
    }
  }
  const weights = new Array<number>(design.model.tasks.length).fill(0);
  perWorker.forEach((chosen, i) => tasksOfWorker[i].forEach((t, k) => (weights[t] = chosen[k])));
  return exact(weights);
}

// [tasks, workers]: 2–4 tasks per worker; tasks go to workers round-robin.
const SHAPES: [number, number][] = [
  [2, 1],
  [3, 1],
  [4, 1],
  [4, 2],
  [5, 2],
  [6, 2],
];

describe('optimal weights vs brute force on random pipelines', () => {
  for (let seed = 1; seed <= 12; seed++) {
    const [tasks, workers] = SHAPES[seed % SHAPES.length];
    it(`seed ${seed}: ${tasks} tasks on ${workers} worker(s)`, async () => {
      const model = generatePipeline({ modules: tasks + 3, tasks, workers, flows: 3, seed });
      const design = buildDesign(model);
      const optimum = optimalWeights(
        await loadHighs(),
        design,
        model.tasks.map(() => undefined),
      );
      const grid = bruteForce(design, workers === 1 ? 40 : 24);
      // The certificate: no grid point beats the upper bound, the weights returned achieve s*, and
      // the bounds are 1e-6 apart.
      expect(grid).toBeLessThanOrEqual(optimum.upperBound + 1e-9);
      expect(commonSlack(design, optimum.weights)).toBe(optimum.slack);
      expect(optimum.upperBound - optimum.slack).toBeLessThanOrEqual(1e-6);
      // The optimiser is as good as the brute force up to its certified 1e-6, and the brute force gets
      // close to it.
      expect(optimum.slack).toBeGreaterThanOrEqual(grid - 1e-6);
      expect(optimum.slack - grid).toBeLessThan(1e-5);
    });
  }
});
