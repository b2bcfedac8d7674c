/**
 * d_ij of the paper: the exchange latency between an AIF on node i and the FL server on node j,
 * from shortest paths over the links. Unreachable pairs are +Infinity here and are turned into
 * forbidden pairs by the instance, so no Infinity ever reaches a model or a result.
 *
 * Nothing here keeps an all-pairs matrix: a 20,000-node topology would need 3.2 GB for it. The
 * solvers look at one FL-server candidate at a time, so latencies come one server row at a time —
 * a Dijkstra from the server, O(m log n) time and O(n) memory — or, for the searches that need only
 * the nearest nodes, a Dijkstra stopped as soon as it has visited enough of them.
 */
import { Deadline } from './deadline.js';
import type { Exchange, Topology } from './model.js';

/** Why the topology cannot be used; empty when it is fine. */
export function topologyIssues(topology: Topology): string[] {
  const issues: string[] = [];
  if (topology.nodes.length === 0) issues.push(`topology ${topology.name} has no nodes`);
  const n = topology.nodes.length;
  topology.links.forEach((link, i) => {
    const endpointsOk = [link.a, link.b].every((v) => Number.isInteger(v) && v >= 0 && v < n);
    if (!endpointsOk) issues.push(`topology ${topology.name}: link ${i + 1} refers to a missing node`);
    if (!(Number.isFinite(link.latency) && link.latency >= 0)) {
      issues.push(`topology ${topology.name}: link ${i + 1} needs a non-negative finite latency`);
    }
  });
  return issues;
}

/** Rows kept for repeated reads of the same server (a result's round times, its chart): a few, not n. */
const RECENT_ROWS = 4;

/**
 * d_ij over a topology, read one server row at a time: round trip = twice the one-way shortest path
 * (the paper's RTT), or the one-way path itself. Rows are computed from the server's side, so every
 * solver and every result uses the same d_ij for an (AIF, server) pair.
 */
export class ExchangeLatencies {
  readonly n: number;
  private readonly search: ShortestPaths;
  private readonly factor: number;
  private readonly recent = new Map<number, Float64Array>();

  constructor(topology: Topology, exchange: Exchange) {
    this.n = topology.nodes.length;
    this.search = new ShortestPaths(compressedAdjacency(topology));
    this.factor = exchange === 'round-trip' ? 2 : 1;
  }

  /** d_ij of every node i for the server j (+Infinity when unreachable). Callers treat it as read-only. */
  fromServer(j: number): Float64Array {
    const known = this.recent.get(j);
    if (known) return known;
    const row = new Float64Array(this.n).fill(Infinity);
    const search = this.search;
    search.start(j);
    for (let node = search.next(); node >= 0; node = search.next()) row[node] = search.key * this.factor;
    if (this.recent.size >= RECENT_ROWS) this.recent.delete(this.recent.keys().next().value as number);
    this.recent.set(j, row);
    return row;
  }

  /**
   * Visits the nodes reachable from j in ascending (d_ij, i) order — the server itself first, at 0 —
   * until `visit` returns false. Only the part of the graph nearer than the last visited node is explored.
   */
  nearest(j: number, visit: (i: number, d: number) => boolean): void {
    const search = this.search;
    search.start(j);
    // Nodes at equal distance are handed over together, by index, once the next larger distance shows up.
    const run: number[] = [];
    let runKey = 0;
    const flush = (): boolean => {
      if (run.length > 1) run.sort((a, b) => a - b);
      for (const node of run) if (!visit(node, runKey * this.factor)) return false;
      run.length = 0;
      return true;
    };
    for (let node = search.next(); node >= 0; node = search.next()) {
      if (search.key !== runKey && run.length > 0 && !flush()) return;
      runKey = search.key;
      run.push(node);
    }
    flush();
  }

  /** Nodes reachable from j (the server included) in ascending (d_ij, i) order, with their d_ij. */
  sortedFrom(j: number): { readonly nodes: Int32Array; readonly latency: Float64Array } {
    const nodes = new Int32Array(this.n);
    const latency = new Float64Array(this.n);
    const search = this.search;
    search.start(j);
    let count = 0;
    for (let node = search.next(); node >= 0; node = search.next()) {
      nodes[count] = node;
      latency[count++] = search.key * this.factor;
    }
    // Settled in ascending distance; among equal distances, by index.
    for (let first = 0, m = 1; m <= count; m++) {
      if (m < count && latency[m] === latency[first]) continue;
      if (m - first > 1) nodes.subarray(first, m).sort();
      first = m;
    }
    return { nodes: nodes.subarray(0, count), latency: latency.subarray(0, count) };
  }

  /** Every row: for the MILPs, whose size is n^2 anyway, and for tests. */
  allPairs(deadline: Deadline = Deadline.NONE): Float64Array[] {
    return Array.from({ length: this.n }, (_, j) => {
      deadline.check();
      return this.fromServer(j).slice();
    });
  }
}

/** The largest finite d_ij over all pairs, one row at a time (O(n) memory). */
export function largestExchangeLatency(latencies: ExchangeLatencies, deadline: Deadline = Deadline.NONE): number {
  let largest = 0;
  for (let j = 0; j < latencies.n; j++) {
    deadline.check();
    for (const d of latencies.fromServer(j)) if (d > largest && d !== Infinity) largest = d;
  }
  return largest;
}

/** Adjacency in compressed rows (CSR): the neighbours of v are targets[start[v] .. start[v+1]). */
interface CompressedGraph {
  readonly start: Int32Array;
  readonly targets: Int32Array;
  readonly latency: Float64Array;
}

function compressedAdjacency(topology: Topology): CompressedGraph {
  const n = topology.nodes.length;
  const start = new Int32Array(n + 1);
  for (const link of topology.links) {
    start[link.a + 1]++;
    start[link.b + 1]++;
  }
  for (let v = 0; v < n; v++) start[v + 1] += start[v];
  const fill = start.slice(0, n);
  const targets = new Int32Array(start[n]);
  const latency = new Float64Array(start[n]);
  for (const link of topology.links) {
    targets[fill[link.a]] = link.b;
    latency[fill[link.a]++] = link.latency;
    targets[fill[link.b]] = link.a;
    latency[fill[link.b]++] = link.latency;
  }
  return { start, targets, latency };
}

/**
 * Dijkstra's search, one settled node at a time: start(source), then next() returns the nodes in
 * non-decreasing distance (its distance in `key`) and -1 when every reachable node is settled. A
 * binary heap of (node, key) entries with lazy deletion (each relaxation pushes at most once per
 * directed edge, so 2 * links + 1 entries suffice); every array is reused from one search to the
 * next and only the entries a search touched are reset, so a search stopped early costs only what
 * it visited. The heap is inlined rather than engine/scheduling/event-heap.ts: sharing that one
 * (same results) made the cold 754-node placement of the bench 50 % slower (20 ms to 29 ms).
 */
class ShortestPaths {
  /** Distance of every node found so far; Infinity elsewhere. */
  private readonly distance: Float64Array;
  private readonly found: Int32Array;
  private foundCount = 0;
  private readonly heapNodes: Int32Array;
  private readonly heapKeys: Float64Array;
  private size = 0;
  key = 0;

  constructor(private readonly graph: CompressedGraph) {
    const n = graph.start.length - 1;
    this.distance = new Float64Array(n).fill(Infinity);
    this.found = new Int32Array(n);
    this.heapNodes = new Int32Array(graph.targets.length + 1);
    this.heapKeys = new Float64Array(graph.targets.length + 1);
  }

  start(source: number): void {
    for (let f = 0; f < this.foundCount; f++) this.distance[this.found[f]] = Infinity;
    this.size = 0;
    this.foundCount = 1;
    this.found[0] = source;
    this.distance[source] = 0;
    this.push(source, 0);
  }

  next(): number {
    const { distance, graph } = this;
    while (this.size > 0) {
      const key = this.heapKeys[0];
      const node = this.pop();
      if (key > distance[node]) continue; // stale entry: the node was settled with a shorter path
      this.key = key;
      for (let e = graph.start[node]; e < graph.start[node + 1]; e++) {
        const to = graph.targets[e];
        const candidate = key + graph.latency[e];
        if (candidate < distance[to]) {
          if (distance[to] === Infinity) this.found[this.foundCount++] = to;
          distance[to] = candidate;
          this.push(to, candidate);
        }
      }
      return node;
    }
    return -1;
  }

  private push(node: number, key: number): void {
    const { heapNodes, heapKeys } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKeys[parent] <= key) break;
      heapNodes[i] = heapNodes[parent];
      heapKeys[i] = heapKeys[parent];
      i = parent;
    }
    heapNodes[i] = node;
    heapKeys[i] = key;
  }

  /** Removes the top entry and returns its node (read its key first). */
  private pop(): number {
    const { heapNodes, heapKeys } = this;
    const top = heapNodes[0];
    const size = --this.size;
    const lastNode = heapNodes[size];
    const lastKey = heapKeys[size];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const child = left + 1 < size && heapKeys[left + 1] < heapKeys[left] ? left + 1 : left;
      if (heapKeys[child] >= lastKey) break;
      heapNodes[i] = heapNodes[child];
      heapKeys[i] = heapKeys[child];
      i = child;
    }
    heapNodes[i] = lastNode;
    heapKeys[i] = lastKey;
    return top;
  }
}
