/**
 * Exact combinatorial solver of AIF-P and the baseline (docs/models.md). With k AIFs the training time
 * is p_k whichever nodes they are on, so for a server j node i fits plain iff p_k + d_ij <= T/R and
 * fits only accelerated iff h_i and alpha*p_k + d_ij <= T/R; (j, k) is feasible iff
 * plain + min(H, accelerated-only) >= k. The answer is the smallest feasible k.
 *
 * Several placements share the optimum; the reported one is fixed by a total order so every run
 * and every solver path agree: objective, then fewest AIFs, then smallest max round time and
 * fewest accelerators (in the order of the objective's tie-break), then lowest server index.
 */
import { Deadline } from './deadline.js';
import { largestUsefulK, withTolerance, type PlacementInstance } from './instance.js';
import type { Placement } from './placement.js';
import type { Objective, TieBreak } from './model.js';
import { bottleneck, capacityAt, pickWithin, placeable, nearestServerViews, type ServerView } from './servers.js';

/** The best way found to place k AIFs around one server: all round times lie in [lower, bound]. */
export interface Candidate {
  readonly view: ServerView;
  readonly k: number;
  readonly objective: number;
  readonly lower: number;
  /** The max round time. */
  readonly bound: number;
  readonly accelerators: number;
}

/**
 * Whether a precedes b in the reporting order: objective, fewest AIFs, then the tie-break's order of
 * max round time and accelerators. Callers visit servers in index order and keep the first of equals.
 */
export function better(a: Candidate, b: Candidate | undefined, tieBreak: TieBreak = 'fastest-round'): boolean {
  if (b === undefined) return true;
  if (a.objective !== b.objective) return a.objective < b.objective;
  if (a.k !== b.k) return a.k < b.k;
  if (tieBreak === 'fewest-accelerators' && a.accelerators !== b.accelerators) return a.accelerators < b.accelerators;
  if (a.bound !== b.bound) return a.bound < b.bound;
  return a.accelerators < b.accelerators;
}

/** The secondary criterion of min-aifs and baseline (fastest-round when not written). */
export function tieBreakOf(objective: Objective): TieBreak {
  return objective.kind === 'balanced' ? 'fastest-round' : (objective.tieBreak ?? 'fastest-round');
}

export function placeCandidate(instance: PlacementInstance, candidate: Candidate): Placement {
  const t = instance.times[candidate.k];
  return pickWithin(candidate.view, t, candidate.k, instance.alpha, candidate.lower, candidate.bound);
}

/** The smallest max round time of exactly k AIFs around this server (any bound), or undefined if k do not fit at all. */
export function bottleneckCandidate(instance: PlacementInstance, view: ServerView, k: number, objective: number): Candidate | undefined {
  const t = instance.times[k];
  const bound = bottleneck(view, t, k, instance.alpha, instance.maxAccelerators);
  if (bound === Infinity) return undefined;
  const plain = capacityAt(view, t, instance.alpha, bound).plain;
  return { view, k, objective, lower: -Infinity, bound, accelerators: Math.max(0, k - plain) };
}

/**
 * k AIFs around this server within `limit` using the fewest accelerators, and among those the
 * smallest max round time: k - (nodes that fit plain) accelerators are needed, and the bottleneck
 * with at most that many is the fastest such placement. Undefined if k do not fit.
 */
export function economicalCandidate(instance: PlacementInstance, view: ServerView, k: number, objective: number, limit: number): Candidate | undefined {
  const t = instance.times[k];
  const capacity = capacityAt(view, t, instance.alpha, limit);
  if (placeable(capacity, instance.maxAccelerators) < k) return undefined;
  const fewest = Math.max(0, k - capacity.plain);
  const bound = bottleneck(view, t, k, instance.alpha, fewest);
  return { view, k, objective, lower: -Infinity, bound, accelerators: fewest };
}

/**
 * Fewest AIFs meeting T/R (min-aifs, or baseline with H = 0); undefined when infeasible.
 * `objectiveOf(k)` lets the balanced objective with no spread weight (A*k) reuse this search.
 */
export function solveMinAifsExact(instance: PlacementInstance, objectiveOf: (k: number) => number = (k) => k, deadline: Deadline = Deadline.NONE): Placement | undefined {
  if (instance.roundLimit === undefined) return undefined;
  const limit = withTolerance(instance.roundLimit);
  const views = nearestServerViews(instance, deadline);
  const tieBreak = tieBreakOf(instance.problem.objective);
  // Beyond largestUsefulK p_k is flat: a k that fails there fails for every larger k too.
  for (let k = instance.minAifs; k <= largestUsefulK(instance); k++) {
    deadline.check();
    let best: Candidate | undefined;
    for (const view of views) {
      const candidate = tieBreak === 'fewest-accelerators' ? economicalCandidate(instance, view, k, objectiveOf(k), limit) : bottleneckCandidate(instance, view, k, objectiveOf(k));
      if (candidate !== undefined && candidate.bound <= limit && better(candidate, best, tieBreak)) best = candidate;
    }
    if (best !== undefined) return placeCandidate(instance, best);
  }
  return undefined;
}
