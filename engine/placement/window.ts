/**
 * Exact method for the balanced variant (22)–(24): min A*k + B*(maxT - minT) over the active AIFs.
 *
 * For a server j and a count k the training time is p_k, so every eligible node offers one plain
 * round time p_k + d_ij and, with an accelerator, one more alpha*p_k + d_ij. A window [lo, hi] of
 * round times can host k AIFs iff (#nodes with their plain time inside) + min(H, #nodes inside only
 * accelerated) >= k. Widening a window never hurts (a node moving from accelerated-only to plain
 * adds one and removes one), so for each lo the smallest feasible hi only moves right: a two-pointer
 * sweep over the merged, sorted round times gives the smallest spread of (j, k) in O(n).
 */
import { Deadline } from './deadline.js';
import { better, placeCandidate, solveMinAifsExact, type Candidate } from './exact.js';
import { largestUsefulK, withTolerance, type PlacementInstance } from './instance.js';
import type { SpreadOver } from './model.js';
import type { Placement } from './placement.js';
import { allowedServers, bottleneck, countFitting, nearestServerViews, serverView, type ServerView } from './servers.js';

export function solveBalancedExact(
  instance: PlacementInstance,
  { aifWeight, spreadWeight, spreadOver }: { readonly aifWeight: number; readonly spreadWeight: number; readonly spreadOver?: SpreadOver },
  deadline: Deadline = Deadline.NONE,
): Placement | undefined {
  // Without a spread term the objective is A*k: the min-aifs search with its own tie-break is exact.
  if (spreadWeight === 0) return solveMinAifsExact(instance, (k) => aifWeight * k, deadline);
  if (instance.roundLimit === undefined) return undefined;
  const limit = withTolerance(instance.roundLimit);
  const sweep = new WindowSweep(instance, limit);
  const nearest = nearestServerViews(instance, deadline);
  let best: Candidate | undefined;
  // A server none of whose k can beat the best so far is skipped before its full row is computed:
  // every candidate is at least (A*k, k, its bottleneck, 0 accelerators) in each component of the
  // order, the bottleneck coming from the cheap nearest-node view.
  const mayBeat = (view: ServerView, k: number) => {
    const bound = bottleneck(view, instance.times[k], k, instance.alpha, instance.maxAccelerators);
    return bound <= limit && better({ view, k, objective: aifWeight * k, lower: -Infinity, bound, accelerators: 0 }, best);
  };
  const ks = Array.from({ length: Math.max(0, largestUsefulK(instance) - instance.minAifs + 1) }, (_, m) => instance.minAifs + m);
  // One server at a time, so only one full view (O(n)) is alive; servers ascend, so among equal
  // candidates the first one kept has the lowest server, as `better` requires.
  for (const [s, j] of allowedServers(instance).entries()) {
    deadline.check();
    if (best !== undefined && !ks.some((k) => mayBeat(nearest[s], k))) continue;
    const view = serverView(instance, j);
    for (let k = instance.minAifs; k <= largestUsefulK(instance); k++) {
      // The spread is never negative, so A*k bounds the objective from below; k only grows.
      if (best !== undefined && aifWeight * k > best.objective) break;
      // (22)–(23) read over all nodes: the nodes without an AIF count their training time p_k.
      const anchor = spreadOver === 'all-nodes' ? instance.times[k] : undefined;
      const candidate = sweep.smallestSpread(view, k, (spread) => aifWeight * k + spreadWeight * spread, anchor);
      if (candidate !== undefined && better(candidate, best)) best = candidate;
    }
  }
  return best === undefined ? undefined : placeCandidate(instance, best);
}

/** Reusable buffers for the sweep, sized once per instance. */
export class WindowSweep {
  private readonly values: Float64Array;
  private readonly entryNode: Int32Array;
  private readonly entryAccelerated: Uint8Array;
  private readonly plainInside: Uint8Array;
  private readonly acceleratedInside: Uint8Array;

  constructor(
    private readonly instance: PlacementInstance,
    private readonly limit: number,
  ) {
    this.values = new Float64Array(2 * instance.n);
    this.entryNode = new Int32Array(2 * instance.n);
    this.entryAccelerated = new Uint8Array(2 * instance.n);
    this.plainInside = new Uint8Array(instance.n);
    this.acceleratedInside = new Uint8Array(instance.n);
  }

  /**
   * The smallest spread of k AIFs around the view's server. With an `anchor` the spread is that of
   * the round times together with the anchor (the literal reading's training time of unused nodes).
   */
  smallestSpread(view: ServerView, k: number, objectiveOf: (spread: number) => number, anchor?: number): Candidate | undefined {
    const { alpha, maxAccelerators: h } = this.instance;
    const t = this.instance.times[k];
    const count = this.mergeRoundTimes(view, t, alpha);
    if (count < k) return undefined;
    const { values, entryNode, entryAccelerated, plainInside, acceleratedInside } = this;
    let plain = 0;
    let acceleratedOnly = 0;
    const enter = (e: number) => {
      const node = entryNode[e];
      if (entryAccelerated[e]) {
        acceleratedInside[node] = 1;
        if (!plainInside[node]) acceleratedOnly++;
      } else {
        plainInside[node] = 1;
        plain++;
        if (acceleratedInside[node]) acceleratedOnly--;
      }
    };
    const leave = (e: number) => {
      const node = entryNode[e];
      if (entryAccelerated[e]) {
        acceleratedInside[node] = 0;
        if (!plainInside[node]) acceleratedOnly--;
      } else {
        plainInside[node] = 0;
        plain--;
        if (acceleratedInside[node]) acceleratedOnly++;
      }
    };
    const spreadOf = (lo: number, hi: number) => (anchor === undefined ? values[hi] - values[lo] : Math.max(values[hi], anchor) - Math.min(values[lo], anchor));
    let best: { lo: number; hi: number; accelerators: number } | undefined;
    let end = 0; // the window is [lo, end)
    for (let lo = 0; lo < count; lo++) {
      while (end < count && plain + Math.min(h, acceleratedOnly) < k) enter(end++);
      if (plain + Math.min(h, acceleratedOnly) < k) break;
      // Scanning lo upwards, the first window of a given spread also has the smallest max round time.
      if (best === undefined || spreadOf(lo, end - 1) < spreadOf(best.lo, best.hi)) {
        best = { lo, hi: end - 1, accelerators: Math.max(0, k - plain) };
      }
      // Past the anchor the spread starts at the anchor: a window starting later only loses nodes.
      if (anchor !== undefined && values[lo] >= anchor) break;
      leave(lo);
    }
    for (let e = 0; e < count; e++) {
      plainInside[entryNode[e]] = 0;
      acceleratedInside[entryNode[e]] = 0;
    }
    if (best === undefined) return undefined;
    return { view, k, objective: objectiveOf(spreadOf(best.lo, best.hi)), lower: values[best.lo], bound: values[best.hi], accelerators: best.accelerators };
  }

  /** Merges the plain and accelerated round times that fit T/R (both already sorted by d_ij); returns their count. */
  private mergeRoundTimes(view: ServerView, t: number, alpha: number): number {
    const plainCount = countFitting(view.latency, t, this.limit);
    const acceleratedCount = this.instance.maxAccelerators > 0 ? countFitting(view.acceleratorLatency, alpha * t, this.limit) : 0;
    let p = 0;
    let a = 0;
    let e = 0;
    while (p < plainCount || a < acceleratedCount) {
      const takePlain = a >= acceleratedCount || (p < plainCount && t + view.latency[p] <= alpha * t + view.acceleratorLatency[a]);
      if (takePlain) {
        this.values[e] = t + view.latency[p];
        this.entryNode[e] = view.nodes[p++];
        this.entryAccelerated[e] = 0;
      } else {
        this.values[e] = alpha * t + view.acceleratorLatency[a];
        this.entryNode[e] = view.acceleratorNodes[a++];
        this.entryAccelerated[e] = 1;
      }
      e++;
    }
    return e;
  }
}
