/**
 * Exact relaxations (docs/models.md: infeasibility is explained): the smallest target T, the largest
 * number of rounds R and the fewest extra accelerators that make the requirement feasible, all else
 * unchanged. They are computed for feasible requirements too (how much slack there is). Results
 * report them as values to type back (suggestions.ts: the target rounded up, each one checked).
 */
import { Deadline } from './deadline.js';
import { largestUsefulK, withTolerance, type PlacementInstance } from './instance.js';
import { bottleneck, capacityAt, placeable, nearestServerViews } from './servers.js';

export interface Relaxations {
  /** Smallest T with a feasible placement: R * the smallest achievable max round time. */
  readonly minTarget: number | null;
  /** Largest whole R >= 1 that is feasible with the given T; null if not even R = 1 is. */
  readonly maxRounds: number | null;
  /** Fewest accelerators beyond H (0 for the baseline) that make it feasible; null if all available do not suffice. */
  readonly extraAccelerators: number | null;
}

/**
 * The smallest max round time any placement can reach (T/R aside): min over servers and useful k of
 * the bottleneck. Undefined when no placement exists at all (e.g. too few reachable nodes).
 */
export function smallestMaxRoundTime(instance: PlacementInstance, deadline: Deadline = Deadline.NONE): number | undefined {
  let best = Infinity;
  for (const view of nearestServerViews(instance, deadline)) {
    deadline.check();
    for (let k = instance.minAifs; k <= largestUsefulK(instance); k++) {
      best = Math.min(best, bottleneck(view, instance.times[k], k, instance.alpha, instance.maxAccelerators));
    }
  }
  return best === Infinity ? undefined : best;
}

/** Fewest accelerators in total that make T/R feasible (Infinity if none suffice); 0 when no accelerator is needed. */
export function acceleratorsNeeded(instance: PlacementInstance, roundLimit: number, deadline: Deadline = Deadline.NONE): number {
  const limit = withTolerance(roundLimit);
  let needed = Infinity;
  for (const view of nearestServerViews(instance, deadline)) {
    deadline.check();
    for (let k = instance.minAifs; k <= largestUsefulK(instance); k++) {
      const capacity = capacityAt(view, instance.times[k], instance.alpha, limit);
      if (placeable(capacity, Infinity) >= k) needed = Math.min(needed, Math.max(0, k - capacity.plain));
    }
  }
  return needed;
}

export function computeRelaxations(instance: PlacementInstance, deadline: Deadline = Deadline.NONE): Relaxations {
  const { rounds, target } = instance.problem;
  const best = smallestMaxRoundTime(instance, deadline);
  const roundsUsable = Number.isInteger(rounds) && rounds >= 1 && Number.isFinite(rounds * (best ?? 0));
  const targetUsable = Number.isFinite(target) && target > 0;
  const needed = instance.roundLimit === undefined ? Infinity : acceleratorsNeeded(instance, instance.roundLimit, deadline);
  return {
    minTarget: best !== undefined && roundsUsable ? rounds * best : null,
    maxRounds: best !== undefined && targetUsable ? largestRounds(target, best) : null,
    extraAccelerators: needed === Infinity ? null : Math.max(0, needed - instance.maxAccelerators),
  };
}

/** Largest whole R >= 1 with best <= T/R under the solvers' tolerance; null if even R = 1 fails. */
function largestRounds(target: number, best: number): number | null {
  const fits = (r: number) => best <= withTolerance(target / r);
  let r = Math.floor(target / best);
  // floor() of a quotient may be off by one after round-off: settle it with the same test the solvers use.
  while (r >= 1 && !fits(r)) r--;
  while (fits(r + 1)) r++;
  return r >= 1 ? r : null;
}
