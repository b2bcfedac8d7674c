/**
 * The seeded Mandala generator (docs/language.md, the placement paper's experimental topology):
 * N access, N/4 aggregation, N/4 core and N/8 application nodes; every node of a tier is linked to
 * two distinct nodes of the next tier; latencies uniform per link in the tier's range; optional
 * rescale so the largest shortest-path round trip equals `diameter`; round(share * nodes)
 * accelerators at random nodes. Same spec, same topology.
 */
import { Deadline } from './deadline.js';
import { ExchangeLatencies, largestExchangeLatency } from './latency.js';
import type { LatencyRange, Link, MandalaSpec, Tier, Topology } from './model.js';
import { deriveSeed, mulberry32, sampleDistinct, uniform, type Random } from './prng.js';

/** Independent PRNG streams: the graph does not change when only the accelerator share does. */
const GRAPH_STREAM = 1;
const ACCELERATOR_STREAM = 2;

/** Redraws before giving up; a drawn graph is disconnected only when a tier node is left unlinked. */
const MAX_DRAWS = 1000;

interface TierPlan {
  readonly tier: Tier;
  readonly prefix: string;
  readonly count: number;
}

export const DEFAULT_MANDALA_LATENCIES = {
  accessAggregation: { min: 0.05e-3, max: 0.1e-3 },
  aggregationCore: { min: 0.2e-3, max: 0.3e-3 },
  coreApplication: { min: 0.4e-3, max: 0.6e-3 },
} as const;

export function mandalaIssues(spec: MandalaSpec): string[] {
  const issues: string[] = [];
  if (!(Number.isInteger(spec.access) && spec.access >= 8 && spec.access % 8 === 0)) {
    issues.push(`mandala ${spec.name}: access must be a positive multiple of 8, got ${spec.access}`);
  }
  const ranges = [spec.accessAggregation, spec.aggregationCore, spec.coreApplication];
  if (!ranges.every((r) => Number.isFinite(r.min) && Number.isFinite(r.max) && r.min >= 0 && r.max >= r.min)) {
    issues.push(`mandala ${spec.name}: latency ranges need 0 <= min <= max`);
  }
  if (spec.diameter !== undefined && !(Number.isFinite(spec.diameter) && spec.diameter > 0)) {
    issues.push(`mandala ${spec.name}: diameter must be a positive time`);
  }
  if (!(spec.acceleratorShare >= 0 && spec.acceleratorShare <= 1)) {
    issues.push(`mandala ${spec.name}: accelerator share must be in [0, 1]`);
  }
  return issues;
}

/** Throws on an invalid spec (the language validates it first); see `mandalaIssues`. */
export function generateMandala(spec: MandalaSpec, deadline: Deadline = Deadline.NONE): Topology {
  const issues = mandalaIssues(spec);
  if (issues.length > 0) throw new RangeError(issues.join('; '));
  const n = spec.access;
  const tiers: TierPlan[] = [
    { tier: 'access', prefix: 'acc', count: n },
    { tier: 'aggregation', prefix: 'agg', count: n / 4 },
    { tier: 'core', prefix: 'core', count: n / 4 },
    { tier: 'application', prefix: 'app', count: n / 8 },
  ];
  const ranges = [spec.accessAggregation, spec.aggregationCore, spec.coreApplication];
  const random = mulberry32(deriveSeed(spec.seed, GRAPH_STREAM));
  const nodeNames = tiers.flatMap((plan) => Array.from({ length: plan.count }, (_, i) => ({ name: `${plan.prefix}${i + 1}`, tier: plan.tier })));
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    deadline.check();
    const links = drawLinks(tiers, ranges, random);
    const graph: Topology = { name: spec.name, nodes: nodeNames.map((v) => ({ ...v, accelerator: false })), links };
    // Large N needs many draws (an application node is often left unlinked): test connectivity with
    // one Dijkstra, and pay for all pairs only on the graph that is kept.
    const oneWay = new ExchangeLatencies(graph, 'one-way');
    if (!oneWay.fromServer(0).every(Number.isFinite)) continue;
    const scaled = spec.diameter === undefined ? links : rescale(links, spec.diameter, largestExchangeLatency(oneWay, deadline));
    const accelerators = Math.round(spec.acceleratorShare * nodeNames.length);
    return withAccelerators({ ...graph, links: scaled }, accelerators, spec.seed);
  }
  throw new Error(`mandala ${spec.name}: no connected topology after ${MAX_DRAWS} draws`);
}

/** Every node of a tier picks two distinct nodes of the next tier. Nodes are numbered tier by tier. */
function drawLinks(tiers: readonly TierPlan[], ranges: readonly LatencyRange[], random: Random): Link[] {
  const links: Link[] = [];
  let offset = 0;
  for (let t = 0; t + 1 < tiers.length; t++) {
    const next = offset + tiers[t].count;
    for (let i = 0; i < tiers[t].count; i++) {
      // With N = 8 there is a single application node: link to as many distinct nodes as exist.
      for (const target of sampleDistinct(random, tiers[t + 1].count, 2)) {
        links.push({ a: offset + i, b: next + target, latency: uniform(random, ranges[t].min, ranges[t].max) });
      }
    }
    offset = next;
  }
  return links;
}

/** Scales every latency so that the largest shortest-path round trip (2 x the largest one way) equals `diameter`. */
function rescale(links: readonly Link[], diameter: number, largestOneWay: number): Link[] {
  if (largestOneWay === 0) return [...links];
  const factor = diameter / (2 * largestOneWay);
  return links.map((link) => ({ ...link, latency: link.latency * factor }));
}

/** The same graph with accelerators redrawn: `count` random nodes (used by study instances). */
export function withAccelerators(topology: Topology, count: number, seed: number): Topology {
  const chosen = new Set(sampleDistinct(mulberry32(deriveSeed(seed, ACCELERATOR_STREAM)), topology.nodes.length, count));
  return { ...topology, nodes: topology.nodes.map((node, i) => ({ ...node, accelerator: chosen.has(i) })) };
}
