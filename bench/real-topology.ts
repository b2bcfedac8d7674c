/**
 * Generated stand-ins for real networks of a given size (the Topology Zoo's largest, Kdl, has 754
 * nodes; its files are not shipped): nodes scattered over a region the size of a US state, each
 * linked to its nearest earlier node (a spanning tree, like a fibre route) and about one in five to
 * a second near one, latencies from the great-circle distance as `nsc import` computes them.
 */
import { distanceLatency, DEFAULT_MIN_LATENCY } from '../engine/import/build.js';
import type { Link, Topology } from '../engine/placement/model.js';
import { mulberry32 } from '../engine/placement/prng.js';

export function regionalTopology(n: number, seed = 1, acceleratorShare = 0.3): Topology {
  const random = mulberry32(seed);
  // About 600 km x 250 km, at mid latitudes.
  const points = Array.from({ length: n }, () => ({ latitude: 37 + 2.3 * random(), longitude: -89 + 7 * random() }));
  const links: Link[] = [];
  const latency = (a: number, b: number) => distanceLatency(points[a], points[b], DEFAULT_MIN_LATENCY) ?? DEFAULT_MIN_LATENCY;
  // Nearest earlier nodes by a grid of cells, so that 10,000 nodes take milliseconds, not n^2 distances.
  const cells = new Map<string, number[]>();
  const cellOf = (p: { latitude: number; longitude: number }) => [Math.floor(p.latitude * 8), Math.floor(p.longitude * 8)];
  for (let i = 0; i < n; i++) {
    const [row, column] = cellOf(points[i]);
    const near: number[] = [];
    for (let reach = 1; near.length < 2 && reach < 64 && i > 0; reach *= 2) {
      near.length = 0;
      for (let r = row - reach; r <= row + reach; r++) for (let c = column - reach; c <= column + reach; c++) near.push(...(cells.get(`${r},${c}`) ?? []));
    }
    near.sort((a, b) => latency(i, a) - latency(i, b));
    if (near.length > 0) links.push({ a: near[0], b: i, latency: latency(near[0], i) });
    if (near.length > 1 && random() < 0.19) links.push({ a: near[1], b: i, latency: latency(near[1], i) });
    const key = `${row},${column}`;
    cells.set(key, [...(cells.get(key) ?? []), i]);
  }
  const nodes = Array.from({ length: n }, (_, i) => ({ name: `n${i}`, accelerator: random() < acceleratorShare }));
  return { name: `Regional${n}`, nodes, links };
}

/** .nsc text of a topology (for the language benchmark). */
export function topologyText(topology: Topology): string {
  const lines = [`topology ${topology.name} {`];
  for (const node of topology.nodes) lines.push(`  node ${node.name}${node.accelerator ? ' accelerator' : ''}`);
  for (const link of topology.links)
    lines.push(`  link ${topology.nodes[link.a].name} -- ${topology.nodes[link.b].name} latency ${Number((link.latency * 1e3).toPrecision(6))} ms`);
  lines.push('}');
  return lines.join('\n') + '\n';
}
