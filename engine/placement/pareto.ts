/**
 * The paper's future work, "multiple objectives in a Pareto efficient way": for a placement, the
 * exact sets of non-dominated (number of AIFs, spread) and (number of AIFs, max round time) points
 * among the placements that meet T/R with at most H accelerators.
 *
 * For each k the smallest spread over all servers is the window method's (window.ts) and the
 * smallest max round time the bottleneck search's (exact.ts); beyond K = largestUsefulK neither
 * improves (p_k is flat there, and a subset of a feasible set is feasible with a spread and a max
 * round time no larger). A point is on a front when no smaller k reaches a value as small, so the
 * front is the strict running minimum over k. Each point carries a placement that reaches it: on
 * the max-round front by the solvers' tie-break (then fewest accelerators, then the lowest server);
 * on the spread front the lowest server's window of that spread with the smallest max round time.
 */
import { Deadline } from './deadline.js';
import { better, bottleneckCandidate, placeCandidate, type Candidate } from './exact.js';
import { largestUsefulK, RELATIVE_TOLERANCE, withTolerance, type PlacementInstance } from './instance.js';
import { placementFigures, type Placement } from './placement.js';
import { allowedServers, bottleneck, nearestServerViews, serverView } from './servers.js';
import { WindowSweep } from './window.js';

export interface ParetoPoint {
  readonly k: number;
  /** The criterion of the front: the spread, or the max round time, seconds. */
  readonly value: number;
  readonly server: string;
  readonly aifs: string[];
  readonly accelerated: string[];
  readonly maxRoundTime: number;
  readonly spread: number;
}

export interface ParetoFronts {
  /** Non-dominated (k, spread), ascending k (and so descending spread). */
  readonly spread: ParetoPoint[];
  /** Non-dominated (k, max round time), ascending k. */
  readonly maxRoundTime: ParetoPoint[];
}

export function paretoFronts(instance: PlacementInstance, deadline: Deadline = Deadline.NONE): ParetoFronts {
  if (instance.roundLimit === undefined) return { spread: [], maxRoundTime: [] };
  const limit = withTolerance(instance.roundLimit);
  const ks = Array.from({ length: Math.max(0, largestUsefulK(instance) - instance.minAifs + 1) }, (_, m) => instance.minAifs + m);
  // Smallest max round time per k: bottlenecks on the nearest-node views.
  const fastest = new Map<number, Candidate>();
  const views = nearestServerViews(instance, deadline);
  for (const k of ks) {
    deadline.check();
    for (const view of views) {
      const candidate = bottleneckCandidate(instance, view, k, 0);
      if (candidate === undefined || candidate.bound > limit) continue;
      const ranked = { ...candidate, objective: candidate.bound };
      if (better(ranked, fastest.get(k))) fastest.set(k, ranked);
    }
  }
  // Smallest spread per k: one full server view at a time.
  const tightest = new Map<number, Candidate>();
  const sweep = new WindowSweep(instance, limit);
  const servers = allowedServers(instance);
  for (const [s, j] of servers.entries()) {
    deadline.check();
    // A spread is never below 0: once every k that any placement can meet has a spread-0 point,
    // no later server can improve the front, and its full row (a Dijkstra over the whole graph) is
    // not needed. A k this server cannot serve at all is no reason to look either.
    const mayImprove = (k: number) => {
      const known = tightest.get(k);
      if (fastest.get(k) === undefined || (known !== undefined && known.objective <= 0)) return false;
      return bottleneck(views[s], instance.times[k], k, instance.alpha, instance.maxAccelerators) <= limit;
    };
    if (!ks.some(mayImprove)) continue;
    const view = serverView(instance, j);
    for (const k of ks) {
      const candidate = sweep.smallestSpread(view, k, (spread) => spread);
      // Among equal spreads the first server's (within a server, the window with the smallest max round time).
      if (candidate !== undefined && candidate.objective < (tightest.get(k)?.objective ?? Infinity)) tightest.set(k, candidate);
    }
  }
  return { spread: front(instance, ks, tightest), maxRoundTime: front(instance, ks, fastest) };
}

/** The strict running minimum of the candidates' objectives over ascending k, as points. */
function front(instance: PlacementInstance, ks: readonly number[], best: ReadonlyMap<number, Candidate>): ParetoPoint[] {
  const points: ParetoPoint[] = [];
  let smallest = Number.MAX_VALUE;
  for (const k of ks) {
    const candidate = best.get(k);
    // Smaller by more than round-off: sums of the same latencies in another order must not make a point.
    if (candidate === undefined || !(candidate.objective < smallest - (smallest * RELATIVE_TOLERANCE + 1e-15))) continue;
    smallest = candidate.objective;
    points.push(point(instance, candidate.objective, placeCandidate(instance, candidate)));
  }
  return points;
}

function point(instance: PlacementInstance, value: number, placement: Placement): ParetoPoint {
  const figures = placementFigures(instance, placement);
  const name = (i: number) => instance.names[i];
  return {
    k: figures.k,
    value,
    server: name(placement.server),
    aifs: placement.aifs.map(name),
    accelerated: placement.accelerated.map(name),
    maxRoundTime: figures.maxRoundTime,
    spread: figures.spread,
  };
}
