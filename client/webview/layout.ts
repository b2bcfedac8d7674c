/**
 * Node positions for the topology map, in [0,1] × [0,1]. Deterministic (same topology, same
 * picture): by tier rows when the topology has tiers, else a seeded-free force layout.
 */
import type { Tier, Topology } from '../../engine/placement/model.js';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Top to bottom, as the placement paper draws its networks. */
const TIER_ROWS: readonly Tier[] = ['application', 'core', 'aggregation', 'access'];

export function layoutTopology(topology: Topology): Point[] {
  return topology.nodes.some((n) => n.tier) ? tierLayout(topology) : forceLayout(topology);
}

function neighbours(topology: Topology): number[][] {
  const adjacent = topology.nodes.map((): number[] => []);
  for (const { a, b } of topology.links) {
    adjacent[a].push(b);
    adjacent[b].push(a);
  }
  return adjacent;
}

/**
 * One row per tier (nodes without a tier in a last row). Each row after the first is ordered by
 * the mean position of its neighbours in the rows above, which untangles tree-like metro networks.
 */
function tierLayout(topology: Topology): Point[] {
  const rowOf = (i: number) => {
    const tier = topology.nodes[i].tier;
    return tier ? TIER_ROWS.indexOf(tier) : TIER_ROWS.length;
  };
  const rows = [...new Set(topology.nodes.map((_, i) => rowOf(i)))].sort((a, b) => a - b);
  const adjacent = neighbours(topology);
  const x = new Array<number>(topology.nodes.length).fill(Number.NaN);
  const positions = new Array<Point>(topology.nodes.length);
  rows.forEach((row, r) => {
    const members = topology.nodes.map((_, i) => i).filter((i) => rowOf(i) === row);
    const placedAbove = (i: number) => adjacent[i].map((j) => x[j]).filter((v) => !Number.isNaN(v));
    const key = (i: number) => {
      const above = placedAbove(i);
      return above.length === 0 ? Number.POSITIVE_INFINITY : above.reduce((s, v) => s + v, 0) / above.length;
    };
    const keys = new Map(members.map((i) => [i, key(i)]));
    members.sort((a, b) => (keys.get(a) ?? 0) - (keys.get(b) ?? 0) || a - b);
    members.forEach((i, m) => {
      x[i] = (m + 0.5) / members.length;
      positions[i] = { x: x[i], y: rows.length === 1 ? 0.5 : r / (rows.length - 1) };
    });
  });
  return positions;
}

/** Fruchterman–Reingold from a circle, with a fixed cooling schedule: no randomness. */
function forceLayout(topology: Topology): Point[] {
  const n = topology.nodes.length;
  if (n === 1) return [{ x: 0.5, y: 0.5 }];
  const pos = topology.nodes.map((_, i) => ({ x: 0.5 + 0.4 * Math.cos((2 * Math.PI * i) / n), y: 0.5 + 0.4 * Math.sin((2 * Math.PI * i) / n) }));
  const k = Math.sqrt(1 / n);
  const iterations = 300;
  for (let step = 0; step < iterations; step++) {
    const temperature = 0.1 * (1 - step / iterations);
    const shift = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x;
        const dy = pos[i].y - pos[j].y;
        const distance = Math.max(Math.hypot(dx, dy), 1e-6);
        const push = (k * k) / distance;
        shift[i].x += (dx / distance) * push;
        shift[i].y += (dy / distance) * push;
        shift[j].x -= (dx / distance) * push;
        shift[j].y -= (dy / distance) * push;
      }
    }
    for (const { a, b } of topology.links) {
      const dx = pos[a].x - pos[b].x;
      const dy = pos[a].y - pos[b].y;
      const distance = Math.max(Math.hypot(dx, dy), 1e-6);
      const pull = (distance * distance) / k;
      shift[a].x -= (dx / distance) * pull;
      shift[a].y -= (dy / distance) * pull;
      shift[b].x += (dx / distance) * pull;
      shift[b].y += (dy / distance) * pull;
    }
    pos.forEach((p, i) => {
      const length = Math.max(Math.hypot(shift[i].x, shift[i].y), 1e-9);
      const move = Math.min(length, temperature);
      p.x += (shift[i].x / length) * move;
      p.y += (shift[i].y / length) * move;
    });
  }
  return normalise(pos);
}

function normalise(points: readonly Point[]): Point[] {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (v: number, min: number, max: number) => (max - min < 1e-9 ? 0.5 : (v - min) / (max - min));
  return points.map((p) => ({ x: scale(p.x, minX, maxX), y: scale(p.y, minY, maxY) }));
}
