/**
 * Optimal ("chosen") weights (docs/models.md): maximise the common relative slack s subject to
 *   d(w) <= (1 - s) D                for every delay limit (a flow's delay SLO, a service's, design.ts),
 *   w_t T_i >= (1 + s) load_t        for every task,
 *   sum_{t on worker i} w_t = 1,  w_t >= 0   (pinned weights fixed, see pins.ts).
 *
 * theta_t is fixed by the design rates, so d_f(w) = const_f + sum_t max(beta_t, q_t / w_t): convex in
 * w, and every constraint is linear except the epigraphs u_t >= 1/w_t. Instead of bisecting on s
 * (one convex feasibility problem per step) we run Kelley's cutting-plane method on the whole problem:
 * the LP "max s" with u_t bounded below by tangents of 1/w_t is a relaxation, so each LP optimum is
 * an UPPER bound on s*; the LP's weights, evaluated with the exact delay formula, give a LOWER bound.
 * Tangents at the LP point cut it off whenever u_t underestimates 1/w_t, so the bounds meet; we stop
 * when they are within 1e-7 — a certificate for s* to 1e-6 (the upper bound is exact up to the LP
 * solver's feasibility tolerance, 1e-7 on rows scaled to order 1).
 */
import type { Highs } from 'highs';
import { LinearProgram, type Term } from '../highs/lp.js';
import { taskDelay } from './delay.js';
import { commonSlack, SLO_TOLERANCE, type Design } from './design.js';
import { equalShareWeights, freeShareOf, freeTasksOf, type Pins } from './pins.js';

export interface OptimalWeights {
  /** Per task; pinned tasks keep their pins. */
  readonly weights: number[];
  /** The common slack of `weights` (the certified lower bound on s*); -Infinity/+Infinity possible. */
  readonly slack: number;
  /** Upper bound on s* from the last LP relaxation. */
  readonly upperBound: number;
  /** LP solves used. */
  readonly iterations: number;
}

const GAP = 1e-7;
const MAX_ITERATIONS = 200;
/** Initial tangent points per task: w = SQRT2^-k / (lower bound of u_t), k = 0..INITIAL_CUTS-1. */
const INITIAL_CUTS = 8;
/** Golden-section steps of the line search between incumbent and LP point: 0.618^40 ~ 1e-8. */
const GOLDEN_STEPS = 40;

export function optimalWeights(highs: Highs, design: Design, pins: Pins): OptimalWeights {
  const { model, structure, coefficients, minimumWeights } = design;
  const lp = new LinearProgram();

  // Pinned tasks bound s directly: s <= w_t / minimum_t - 1.
  const pinnedBound = pins.reduce<number>((bound, w, t) => (w !== undefined && minimumWeights[t] > 0 ? Math.min(bound, w / minimumWeights[t] - 1) : bound), Infinity);
  const slack = lp.continuous(-Infinity, pinnedBound);

  const weightVar = new Array<number>(model.tasks.length).fill(-1);
  const shareOf = model.workers.map((_, i) => freeShareOf(structure, pins, i));
  model.workers.forEach((_, i) => {
    const free = freeTasksOf(structure, pins, i);
    for (const t of free) weightVar[t] = lp.continuous(0, shareOf[i]);
    if (free.length > 0)
      lp.constrain(
        free.map((t) => ({ variable: weightVar[t], coefficient: 1 })),
        '=',
        shareOf[i],
      );
    for (const t of free) {
      // w_t - minimum_t s >= minimum_t  <=>  w_t T_i >= (1 + s) load_t
      if (minimumWeights[t] === 0) continue;
      const terms = [
        { variable: weightVar[t], coefficient: 1 },
        { variable: slack, coefficient: -minimumWeights[t] },
      ];
      lp.constrain(terms, '>=', minimumWeights[t]);
    }
  });

  // Delay rows, scaled by D: sum_t count_t (q_t / D) u_t + s <= 1 - const / D, where u_t >= max(beta_t/q_t, 1/w_t)
  // and const collects the offset and every term that does not depend on a free weight.
  // A free task is tuned when its delay depends on its weight; with a free share of 0 its weight is 0.
  const shareOfTask = (t: number): number => shareOf[model.tasks[t].worker];
  const isTuned = (t: number): boolean => weightVar[t] >= 0 && shareOfTask(t) > 0 && !coefficients[t].free && coefficients[t].queuingAtFullWeight > 0;
  const epigraphVar = new Array<number>(model.tasks.length).fill(-1);
  let unboundedDelay = false;
  for (const { visits, limit: D, offset } of design.delayLimits) {
    let constant = offset;
    const terms: Term[] = [{ variable: slack, coefficient: 1 }];
    for (const { task: t, count } of visits) {
      const c = coefficients[t];
      if (!isTuned(t)) {
        constant += count * taskDelay(c, pins[t] ?? shareOfTask(t));
        continue;
      }
      constant += count * c.processing;
      if (epigraphVar[t] < 0) {
        // u_t >= beta_t/q_t, and w_t <= share: tangents at w above 1/floor would never bind.
        const floor = Math.max(c.blocking / c.queuingAtFullWeight, 1 / shareOfTask(t));
        epigraphVar[t] = lp.continuous(floor);
        for (let k = 0; k < INITIAL_CUTS; k++) addTangent(lp, epigraphVar[t], weightVar[t], Math.SQRT2 ** -k / floor);
      }
      terms.push({ variable: epigraphVar[t], coefficient: (count * c.queuingAtFullWeight) / D });
    }
    // A pinned zero weight on a costly task: this delay is unbounded whatever the rest does.
    if (!Number.isFinite(constant)) unboundedDelay = true;
    else lp.constrain(terms, '<=', 1 - constant / D);
  }
  lp.setObjective('max', [{ variable: slack, coefficient: 1 }]);

  let best: Incumbent | undefined;
  let upperBound = Infinity;
  for (let iteration = 1; ; iteration++) {
    const solution = lp.solve(highs);
    if (solution.status === 'unbounded') {
      // Nothing limits s (no delay SLO, no loaded task): any weights do; take equal shares.
      const weights = equalShareWeights(model, structure, pins);
      return { weights, slack: commonSlack(design, weights), upperBound, iterations: iteration };
    }
    if (solution.status !== 'optimal') throw new Error(`optimal-weights LP of switch ${model.name}: ${solution.rawStatus}`);
    const weights = repairedWeights(design, pins, weightVar, shareOf, solution.values);
    best = best === undefined ? { weights, slack: commonSlack(design, weights) } : bestBetween(design, best, weights);
    // With an unbounded delay s* = -Infinity whatever the other weights are: no point refining them.
    if (unboundedDelay) return { ...best, upperBound: -Infinity, iterations: iteration };
    upperBound = Math.max(Math.min(upperBound, solution.values[slack]), best.slack);
    // Converged, unless the bounds straddle the feasibility verdict (weights a hair below 0 while
    // s* may be >= 0): then keep cutting so that a feasible switch is not reported infeasible.
    const undecided = best.slack < -SLO_TOLERANCE && upperBound >= 0 && upperBound - best.slack > 1e-12;
    if (upperBound - best.slack <= GAP && !undecided) return { ...best, upperBound, iterations: iteration };

    let cuts = 0;
    epigraphVar.forEach((u, t) => {
      if (u < 0) return;
      const w = solution.values[weightVar[t]];
      const level = solution.values[u];
      if (w > 0 && level >= (1 / w) * (1 - 1e-12)) return;
      // Two tangents cut the point (w, u) off: at w itself and where the curve has height u.
      if (w > 0) addTangent(lp, u, weightVar[t], w);
      addTangent(lp, u, weightVar[t], 1 / level);
      cuts++;
    });
    // No cut means the LP point is exact, so its bound is attained; the iteration cap only guards
    // against a solver that stalls (the bounds returned stay valid).
    if (cuts === 0 || iteration === MAX_ITERATIONS) return { ...best, upperBound, iterations: iteration };
  }
}

/**
 * The LP point over-trusts its tangents, so its exact slack lags behind the upper bound; the
 * incumbent is exact but stale. s(w) is concave (a min of concave terms), so the best point on the
 * segment between them, found by golden-section search, is at least as good as either and usually
 * much better: this is what makes the lower bound keep pace with the upper one.
 */
interface Incumbent {
  readonly weights: number[];
  readonly slack: number;
}

function bestBetween(design: Design, incumbent: Incumbent, point: readonly number[]): Incumbent {
  const at = (lambda: number): number[] => incumbent.weights.map((w, t) => w + lambda * (point[t] - w));
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [low, high] = [0, 1];
  let [a, b] = [high - ratio * (high - low), low + ratio * (high - low)];
  let [slackA, slackB] = [commonSlack(design, at(a)), commonSlack(design, at(b))];
  for (let k = 0; k < GOLDEN_STEPS; k++) {
    if (slackA >= slackB) {
      [high, b, slackB] = [b, a, slackA];
      a = high - ratio * (high - low);
      slackA = commonSlack(design, at(a));
    } else {
      [low, a, slackA] = [a, b, slackB];
      b = low + ratio * (high - low);
      slackB = commonSlack(design, at(b));
    }
  }
  const candidates: Incumbent[] = [incumbent, { weights: at(1), slack: commonSlack(design, at(1)) }, { weights: at(a), slack: slackA }, { weights: at(b), slack: slackB }];
  return candidates.reduce((x, y) => (y.slack > x.slack ? y : x));
}

/** u >= 2/p - w/p^2: the tangent of 1/w at w = p. */
function addTangent(lp: LinearProgram, u: number, w: number, p: number): void {
  lp.constrain(
    [
      { variable: u, coefficient: 1 },
      { variable: w, coefficient: 1 / (p * p) },
    ],
    '>=',
    2 / p,
  );
}

/** LP weights within the solver's tolerance, made exact: clipped to [0, share] and rescaled to sum to it. */
function repairedWeights(design: Design, pins: Pins, weightVar: readonly number[], shareOf: readonly number[], values: Float64Array): number[] {
  const { model, structure } = design;
  const weights = pins.map((w, t) => w ?? Math.min(shareOf[model.tasks[t].worker], Math.max(0, values[weightVar[t]])));
  model.workers.forEach((_, i) => {
    const free = freeTasksOf(structure, pins, i);
    const sum = free.reduce((total, t) => total + weights[t], 0);
    if (sum > 0) for (const t of free) weights[t] *= shareOf[i] / sum;
  });
  return weights;
}
