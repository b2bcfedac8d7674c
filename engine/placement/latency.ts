/**
 * d_ij of the paper: the exchange latency between an AIF on node i and the FL server on node j,
 * from shortest paths over the links. Unreachable pairs are +Infinity here and are turned into
 * forbidden pairs by the instance, so no Infinity ever reaches a model or a result.
 */
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

/** One-way shortest-path latency between every pair (Dijkstra from every node; graphs are sparse). */
export function shortestOneWay(topology: Topology): Float64Array[] {
  const n = topology.nodes.length;
  const adjacency: { to: number; latency: number }[][] = Array.from({ length: n }, () => []);
  for (const link of topology.links) {
    adjacency[link.a].push({ to: link.b, latency: link.latency });
    adjacency[link.b].push({ to: link.a, latency: link.latency });
  }
  return Array.from({ length: n }, (_, source) => dijkstra(adjacency, source));
}

function dijkstra(adjacency: readonly { to: number; latency: number }[][], source: number): Float64Array {
  const distance = new Float64Array(adjacency.length).fill(Infinity);
  distance[source] = 0;
  const heap = new MinHeap();
  heap.push(source, 0);
  while (heap.size > 0) {
    const { node, key } = heap.pop();
    if (key > distance[node]) continue; // stale entry: the node was settled with a shorter path
    for (const edge of adjacency[node]) {
      const candidate = key + edge.latency;
      if (candidate < distance[edge.to]) {
        distance[edge.to] = candidate;
        heap.push(edge.to, candidate);
      }
    }
  }
  return distance;
}

/** d_ij: round trip = twice the one-way shortest path (the paper's RTT), or the one-way path itself. */
export function exchangeLatencies(topology: Topology, exchange: Exchange): Float64Array[] {
  const factor = exchange === 'round-trip' ? 2 : 1;
  return shortestOneWay(topology).map((row) => row.map((d) => d * factor));
}

/** Binary min-heap of (node, key) with lazy deletion. */
class MinHeap {
  private readonly nodes: number[] = [];
  private readonly keys: number[] = [];

  get size(): number {
    return this.nodes.length;
  }

  push(node: number, key: number): void {
    let i = this.nodes.length;
    this.nodes.push(node);
    this.keys.push(key);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.keys[parent] <= key) break;
      this.move(parent, i);
      i = parent;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }

  pop(): { node: number; key: number } {
    const top = { node: this.nodes[0], key: this.keys[0] };
    const lastNode = this.nodes.pop() as number;
    const lastKey = this.keys.pop() as number;
    const size = this.nodes.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= size) break;
        const child = left + 1 < size && this.keys[left + 1] < this.keys[left] ? left + 1 : left;
        if (this.keys[child] >= lastKey) break;
        this.move(child, i);
        i = child;
      }
      this.nodes[i] = lastNode;
      this.keys[i] = lastKey;
    }
    return top;
  }

  private move(from: number, to: number): void {
    this.nodes[to] = this.nodes[from];
    this.keys[to] = this.keys[from];
  }
}
