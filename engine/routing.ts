/**
 * Routes of a service across a topology (docs/models.md "Services across switches"): shortest
 * one-way latency paths from where the traffic enters to the first switch's node, between
 * consecutive switches' nodes, and on to where it leaves. Topologies that services name are written
 * out by hand (a generated one has no nameable nodes), so a plain O(n²) Dijkstra is enough.
 */
import type { Topology } from './placement/model.js';

export interface Route {
  /** Node indices from the start to the end; one node when start and end coincide. */
  readonly nodes: readonly number[];
  /** Sum of the one-way link latencies along the nodes, seconds. */
  readonly latency: number;
}

/**
 * A shortest-latency path, or undefined when `to` cannot be reached. Among equally short paths the
 * one with fewer links wins, then the one through lower node indices: the same route every run.
 */
export function shortestRoute(topology: Topology, from: number, to: number): Route | undefined {
  const n = topology.nodes.length;
  const neighbours: { node: number; latency: number }[][] = Array.from({ length: n }, () => []);
  for (const { a, b, latency } of topology.links) {
    neighbours[a].push({ node: b, latency });
    neighbours[b].push({ node: a, latency });
  }
  const distance = new Array<number>(n).fill(Infinity);
  const links = new Array<number>(n).fill(Infinity);
  const previous = new Array<number>(n).fill(-1);
  const settled = new Array<boolean>(n).fill(false);
  distance[from] = 0;
  links[from] = 0;
  for (;;) {
    let next = -1;
    for (let v = 0; v < n; v++) if (!settled[v] && distance[v] < Infinity && (next < 0 || shorter(v, next))) next = v;
    if (next < 0 || next === to) break;
    settled[next] = true;
    for (const { node, latency } of neighbours[next]) {
      const candidate = { distance: distance[next] + latency, links: links[next] + 1 };
      const better =
        candidate.distance < distance[node] ||
        (candidate.distance === distance[node] && (candidate.links < links[node] || (candidate.links === links[node] && next < previous[node])));
      if (!settled[node] && better) [distance[node], links[node], previous[node]] = [candidate.distance, candidate.links, next];
    }
  }
  if (distance[to] === Infinity) return undefined;
  const nodes = [to];
  for (let v = to; v !== from; v = previous[v]) nodes.push(previous[v]);
  return { nodes: nodes.reverse(), latency: distance[to] };

  function shorter(v: number, w: number): boolean {
    return distance[v] < distance[w] || (distance[v] === distance[w] && (links[v] < links[w] || (links[v] === links[w] && v < w)));
  }
}

/** The route through several stops in order: one shortest segment between each consecutive pair. */
export interface Itinerary {
  readonly segments: readonly Route[];
  readonly latency: number;
}

/**
 * The segments between consecutive `stops`; `missing` is the index of the first segment with no path
 * (segment i goes from stop i to stop i + 1).
 */
export function itinerary(topology: Topology, stops: readonly number[]): { ok: true; itinerary: Itinerary } | { ok: false; missing: number } {
  const segments: Route[] = [];
  for (let i = 0; i + 1 < stops.length; i++) {
    const segment = shortestRoute(topology, stops[i], stops[i + 1]);
    if (!segment) return { ok: false, missing: i };
    segments.push(segment);
  }
  return { ok: true, itinerary: { segments, latency: segments.reduce((sum, s) => sum + s.latency, 0) } };
}
