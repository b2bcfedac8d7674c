/**
 * The view of the problem from one FL-server candidate j: the nodes that may host an AIF for j,
 * sorted by d_ij. Every exact method reduces to counting, for a training time t and a round-time
 * bound, how many of them fit plain (t + d_ij) and how many fit only accelerated (alpha*t + d_ij).
 */
import { Deadline } from './deadline.js';
import { largestUsefulK, pairAllowed, type PlacementInstance } from './instance.js';
import { makePlacement, type Placement } from './placement.js';

export interface ServerView {
  readonly server: number;
  /** d_ij of the eligible AIF nodes i, ascending (ties by index). */
  readonly latency: Float64Array;
  readonly nodes: Int32Array;
  /** The same restricted to nodes with an accelerator (h_i = 1). */
  readonly acceleratorLatency: Float64Array;
  readonly acceleratorNodes: Int32Array;
}

/** Keyed by the latencies: instances share them only when they differ in T/R alone, which views do not depend on. */
const nearestCache = new WeakMap<object, ServerView[]>();

/**
 * Views cut to what bottleneck searches can use: with at most K = largestUsefulK AIFs, an optimal
 * choice takes the k <= K nearest plain nodes and, among nodes with an accelerator, at most k more
 * beyond those within the plain prefix, so the K nearest eligible nodes and the 2K nearest with an
 * accelerator give every count capacityAt() needs up to the point where k AIFs fit. Each comes from
 * a Dijkstra from the server that stops once it has them, so the whole set costs O(n K) memory and
 * far less than n full rows. Only for bottleneck-style searches (min-aifs, baseline, relaxations);
 * the window method of the balanced objective needs full views (serverView).
 */
export function nearestServerViews(instance: PlacementInstance, deadline: Deadline = Deadline.NONE): ServerView[] {
  let views = nearestCache.get(instance.latency);
  if (views === undefined) {
    views = buildNearestViews(instance, largestUsefulK(instance), deadline);
    nearestCache.set(instance.latency, views);
  }
  return views;
}

function buildNearestViews(instance: PlacementInstance, depth: number, deadline: Deadline): ServerView[] {
  const views: ServerView[] = [];
  // Accelerator counts only matter where some node has one.
  const acceleratorDepth = instance.accelerator.some(Boolean) ? 2 * depth : 0;
  for (let j = 0; j < instance.n; j++) {
    if (!instance.serverAllowed[j]) continue;
    deadline.check();
    const nodes = new Int32Array(depth);
    const latency = new Float64Array(depth);
    const acceleratorNodes = new Int32Array(acceleratorDepth);
    const acceleratorLatency = new Float64Array(acceleratorDepth);
    let count = 0;
    let accelerated = 0;
    instance.latency.nearest(j, (i, d) => {
      if (d > instance.maxLatency) return false; // every node from here on is farther than D
      if (!pairAllowed(instance, i, j, d)) return true;
      if (count < depth) {
        nodes[count] = i;
        latency[count++] = d;
      }
      if (instance.accelerator[i] && accelerated < acceleratorDepth) {
        acceleratorNodes[accelerated] = i;
        acceleratorLatency[accelerated++] = d;
      }
      return count < depth || accelerated < acceleratorDepth;
    });
    views.push({
      server: j,
      latency: latency.subarray(0, count),
      nodes: nodes.subarray(0, count),
      acceleratorLatency: acceleratorLatency.subarray(0, accelerated),
      acceleratorNodes: acceleratorNodes.subarray(0, accelerated),
    });
  }
  return views;
}

/** The full view of server j: every eligible node, ascending d_ij (ties by index). O(n) memory; built afresh. */
export function serverView(instance: PlacementInstance, j: number): ServerView {
  const sorted = instance.latency.sortedFrom(j);
  const nodes = new Int32Array(sorted.nodes.length);
  const latency = new Float64Array(sorted.nodes.length);
  let count = 0;
  let accelerated = 0;
  for (let m = 0; m < sorted.nodes.length; m++) {
    const i = sorted.nodes[m];
    const d = sorted.latency[m];
    if (!pairAllowed(instance, i, j, d)) continue;
    nodes[count] = i;
    latency[count++] = d;
    if (instance.accelerator[i]) accelerated++;
  }
  const acceleratorNodes = new Int32Array(accelerated);
  const acceleratorLatency = new Float64Array(accelerated);
  for (let m = 0, a = 0; m < count; m++) {
    if (!instance.accelerator[nodes[m]]) continue;
    acceleratorNodes[a] = nodes[m];
    acceleratorLatency[a++] = latency[m];
  }
  return { server: j, latency: latency.subarray(0, count), nodes: nodes.subarray(0, count), acceleratorLatency, acceleratorNodes };
}

/** Allowed FL-server candidates, ascending index (the final tie-break). */
export function allowedServers(instance: PlacementInstance): number[] {
  const servers: number[] = [];
  for (let j = 0; j < instance.n; j++) if (instance.serverAllowed[j]) servers.push(j);
  return servers;
}

/** How many m have offset + sorted[m] <= limit (binary search; sorted ascending). */
export function countFitting(sorted: Float64Array, offset: number, limit: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offset + sorted[mid] <= limit) low = mid + 1;
    else high = mid;
  }
  return low;
}

export interface Capacity {
  /** Nodes whose plain round time t + d_ij fits. */
  readonly plain: number;
  /** Nodes that fit only with their accelerator: alpha*t + d_ij fits, t + d_ij does not. */
  readonly acceleratedOnly: number;
}

export function capacityAt(view: ServerView, t: number, alpha: number, limit: number): Capacity {
  const plain = countFitting(view.latency, t, limit);
  const acceleratedOnly = countFitting(view.acceleratorLatency, alpha * t, limit) - countFitting(view.acceleratorLatency, t, limit);
  return { plain, acceleratedOnly };
}

/** AIFs that can be placed within the bound when at most `h` accelerators may be used. */
export function placeable(capacity: Capacity, h: number): number {
  return capacity.plain + Math.min(h, capacity.acceleratedOnly);
}

/**
 * The smallest max round time of k AIFs for this server with at most h accelerators, or Infinity.
 * Feasibility is monotone in the bound and the optimum is one of the candidate round times, so a
 * binary search over each sorted candidate list (plain and accelerated) finds it in O(log^2 n).
 */
export function bottleneck(view: ServerView, t: number, k: number, alpha: number, h: number): number {
  if (view.latency.length < k) return Infinity;
  const feasible = (bound: number) => placeable(capacityAt(view, t, alpha, bound), h) >= k;
  const smallestFeasible = (sorted: Float64Array, offset: number): number => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (feasible(offset + sorted[mid])) high = mid;
      else low = mid + 1;
    }
    return low < sorted.length ? offset + sorted[low] : Infinity;
  };
  return Math.min(smallestFeasible(view.latency, t), h > 0 ? smallestFeasible(view.acceleratorLatency, alpha * t) : Infinity);
}

/**
 * k AIFs whose round times all lie in [lower, upper], using as few accelerators as possible: the
 * nearest nodes whose plain time lies there first, then the nearest ones that get there only
 * accelerated. The caller guarantees that k such nodes exist.
 */
export function pickWithin(view: ServerView, t: number, k: number, alpha: number, lower: number, upper: number): Placement {
  const inWindow = (value: number) => value >= lower && value <= upper;
  const aifs: number[] = [];
  for (let m = 0; m < view.nodes.length && aifs.length < k; m++) {
    if (inWindow(t + view.latency[m])) aifs.push(view.nodes[m]);
  }
  const accelerated: number[] = [];
  for (let m = 0; m < view.acceleratorNodes.length && aifs.length < k; m++) {
    const latency = view.acceleratorLatency[m];
    if (!inWindow(t + latency) && inWindow(alpha * t + latency)) {
      aifs.push(view.acceleratorNodes[m]);
      accelerated.push(view.acceleratorNodes[m]);
    }
  }
  return makePlacement(view.server, aifs, accelerated);
}
