/**
 * d_ij of the paper: the exchange latency between an AIF on node i and the FL server on node j,
 * from shortest paths over the links. Unreachable pairs are +Infinity here and are turned into
 * forbidden pairs by the instance, so no Infinity ever reaches a model or a result.
 */
import { Deadline } from './deadline.js';
import type { Exchange, Link, Topology } from './model.js';

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

/**
 * Distances depend only on the links, and topologies that differ only in accelerators (study
 * instances, the generator's output) share their link array: key the all-pairs result by it.
 * The rows are shared, so callers treat them as read-only.
 */
const oneWayByLinks = new WeakMap<readonly Link[], Float64Array[]>();

/** One-way shortest-path latency between every pair (Dijkstra from every node; graphs are sparse). */
export function shortestOneWay(topology: Topology, deadline: Deadline = Deadline.NONE): Float64Array[] {
  const known = oneWayByLinks.get(topology.links);
  if (known && known.length === topology.nodes.length) return known;
  const graph = compressedAdjacency(topology);
  const heap = new MinHeap(2 * topology.links.length + 1);
  const oneWay = Array.from({ length: topology.nodes.length }, (_, source) => {
    deadline.check();
    return dijkstra(graph, source, heap);
  });
  oneWayByLinks.set(topology.links, oneWay);
  return oneWay;
}

/** One-way shortest-path latency from one node to every node: a single Dijkstra. */
export function shortestOneWayFrom(topology: Topology, source: number): Float64Array {
  return dijkstra(compressedAdjacency(topology), source, new MinHeap(2 * topology.links.length + 1));
}

/** Records distances already known for a link set, e.g. scaled ones after a uniform rescale of all latencies. */
export function rememberShortestPaths(links: readonly Link[], oneWay: Float64Array[]): void {
  oneWayByLinks.set(links, oneWay);
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

function dijkstra(graph: CompressedGraph, source: number, heap: MinHeap): Float64Array {
  const distance = new Float64Array(graph.start.length - 1).fill(Infinity);
  distance[source] = 0;
  heap.push(source, 0);
  while (heap.size > 0) {
    const key = heap.topKey();
    const node = heap.pop();
    if (key > distance[node]) continue; // stale entry: the node was settled with a shorter path
    for (let e = graph.start[node]; e < graph.start[node + 1]; e++) {
      const candidate = key + graph.latency[e];
      const to = graph.targets[e];
      if (candidate < distance[to]) {
        distance[to] = candidate;
        heap.push(to, candidate);
      }
    }
  }
  return distance;
}

/** d_ij: round trip = twice the one-way shortest path (the paper's RTT), or the one-way path itself. */
export function exchangeLatencies(topology: Topology, exchange: Exchange, deadline: Deadline = Deadline.NONE): Float64Array[] {
  const factor = exchange === 'round-trip' ? 2 : 1;
  return shortestOneWay(topology, deadline).map((row) => {
    deadline.check();
    return row.map((d) => d * factor);
  });
}

/**
 * Binary min-heap of (node, key) with lazy deletion, on typed arrays. Each relaxation pushes at
 * most once per directed edge, so 2 * links + 1 entries always suffice.
 */
class MinHeap {
  private readonly nodes: Int32Array;
  private readonly keys: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.nodes = new Int32Array(capacity);
    this.keys = new Float64Array(capacity);
  }

  topKey(): number {
    return this.keys[0];
  }

  push(node: number, key: number): void {
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.nodes[i] = this.nodes[parent];
      this.keys[i] = this.keys[parent];
      i = parent;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }

  /** Removes the top entry and returns its node (read its key first with topKey()). */
  pop(): number {
    const top = this.nodes[0];
    const size = --this.size;
    const lastNode = this.nodes[size];
    const lastKey = this.keys[size];
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= size) break;
      const child = left + 1 < size && this.keys[left + 1] < this.keys[left] ? left + 1 : left;
      if (this.keys[child] >= lastKey) break;
      this.nodes[i] = this.nodes[child];
      this.keys[i] = this.keys[child];
      i = child;
    }
    this.nodes[i] = lastNode;
    this.keys[i] = lastKey;
    return top;
  }
}
