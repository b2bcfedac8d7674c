/**
 * From a file's graph to a topology NetScenario can place on, by stated rules (docs/cli.md, nsc import):
 * - names: the label (else the id) made an identifier — letters (any script), digits and '_', other
 *   characters '_', a leading digit prefixed with 'n', a reserved word suffixed with '_', repeats
 *   numbered (_2, _3…); the original label is kept beside the node;
 * - latency of a link: its own, when the file states one; else from its ends' coordinates, the
 *   great-circle distance over light's speed in fibre (200,000 km/s), at least `minLatency`; else
 *   (an end without coordinates) the median of the latencies found so far, or `defaultLatency`
 *   when the file gives none;
 * - parallel links are merged into one with the smallest latency; a link from a node to itself is dropped;
 * - disconnected parts: the largest is kept, the others dropped and named (all kept with `keepDisconnected`);
 * - accelerators by a rule: none, all, the top-degree share, or a seeded random share.
 */
import { connectedParts } from '../graph.js';
import type { Link, Topology } from '../placement/model.js';
import { mulberry32, sampleDistinct } from '../placement/prng.js';
import { ImportError, type ImportFormat, type RawGraph } from './graph.js';

/** Light in fibre: about two thirds of c. */
export const FIBRE_KM_PER_SECOND = 200_000;
const EARTH_RADIUS_KM = 6371;

export type AcceleratorRule =
  { readonly kind: 'none' } | { readonly kind: 'all' } | { readonly kind: 'top-degree' | 'random'; readonly share?: number; readonly count?: number; readonly seed: number };

export interface BuildOptions {
  readonly accelerators: AcceleratorRule;
  /** Seconds; the latency of a link between co-located nodes (default 0.05 ms: about 10 km of fibre). */
  readonly minLatency: number;
  /** Seconds; for links with no latency of their own and no coordinates when no link has a latency (default 1 ms). */
  readonly defaultLatency: number;
  readonly keepDisconnected: boolean;
  /** The topology's name; default: the network's name in the file. */
  readonly name?: string;
  /** Whether a word can name a node as it is (not a keyword): the language decides. */
  readonly isName: (word: string) => boolean;
}

export const DEFAULT_MIN_LATENCY = 0.05e-3;
export const DEFAULT_LATENCY = 1e-3;

export type LatencySource = 'file' | 'coordinates' | 'median' | 'default';

export interface ImportedNode {
  readonly name: string;
  /** The file's label (or id) when it differs from the name. */
  readonly label?: string;
  readonly accelerator: boolean;
}

export interface ImportReport {
  readonly format: ImportFormat;
  readonly nodes: number;
  readonly links: number;
  readonly latencies: Readonly<Record<LatencySource, number>>;
  /** The latency given to links without one (median or default), seconds; undefined when none needed it. */
  readonly fallbackLatency?: number;
  readonly withoutCoordinates: readonly string[];
  readonly parallelMerged: number;
  readonly selfLoops: number;
  /** Node names of the parts dropped (or kept, with keepDisconnected) besides the largest. */
  readonly otherParts: readonly (readonly string[])[];
  readonly partsKept: boolean;
  readonly accelerators: number;
  readonly warnings: readonly string[];
}

export interface ImportedNetwork {
  readonly topology: Topology;
  readonly nodes: readonly ImportedNode[];
  readonly report: ImportReport;
}

export function buildNetwork(raw: RawGraph, options: BuildOptions): ImportedNetwork {
  const warnings = [...raw.warnings];
  const index = new Map<string, number>();
  raw.nodes.forEach((node, i) => {
    if (index.has(node.id)) warnings.push(`node id '${node.id}' appears twice; the second was ignored`);
    else index.set(node.id, i);
  });
  const unique = raw.nodes.filter((node, i) => index.get(node.id) === i);
  unique.forEach((node, i) => index.set(node.id, i));
  if (unique.length === 0) throw new ImportError('the file has no nodes');

  // Links by pair, the smallest stated or computed latency first; those needing a fallback later.
  let selfLoops = 0;
  let parallelMerged = 0;
  const byPair = new Map<string, { a: number; b: number; latency?: number; source?: LatencySource }>();
  for (const link of raw.links) {
    const a = index.get(link.source);
    const b = index.get(link.target);
    if (a === undefined || b === undefined) {
      warnings.push(`a link names a node that is not in the file (${a === undefined ? link.source : link.target}) and was skipped`);
      continue;
    }
    if (a === b) {
      selfLoops++;
      continue;
    }
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const own = link.latency;
    const geo = own === undefined ? distanceLatency(unique[lo], unique[hi], options.minLatency) : undefined;
    const latency = own ?? geo;
    const source: LatencySource | undefined = own !== undefined ? 'file' : geo !== undefined ? 'coordinates' : undefined;
    const key = `${lo} ${hi}`;
    const known = byPair.get(key);
    if (known === undefined) byPair.set(key, { a: lo, b: hi, latency, source });
    else {
      parallelMerged++;
      if (latency !== undefined && (known.latency === undefined || latency < known.latency)) Object.assign(known, { latency, source });
    }
  }
  const found = [...byPair.values()].flatMap((l) => (l.latency === undefined ? [] : [l.latency]));
  const needsFallback = [...byPair.values()].some((l) => l.latency === undefined);
  const fallbackSource: LatencySource = found.length > 0 ? 'median' : 'default';
  const fallback = found.length > 0 ? median(found) : options.defaultLatency;
  const allLinks: (Link & { source: LatencySource })[] = [...byPair.values()].map((l) =>
    l.latency === undefined || l.source === undefined ? { a: l.a, b: l.b, latency: fallback, source: fallbackSource } : { a: l.a, b: l.b, latency: l.latency, source: l.source },
  );

  // Parts, largest first (equal sizes: the one with the earliest node first).
  const parts = connectedParts(
    unique.length,
    allLinks.map((l) => [l.a, l.b] as [number, number]),
  );
  const kept = options.keepDisconnected ? parts.flat().sort((x, y) => x - y) : [...parts[0]].sort((x, y) => x - y);
  const newIndex = new Map(kept.map((old, i) => [old, i]));
  const names = identifiers(
    kept.map((old) => unique[old].label ?? unique[old].id),
    options.isName,
  );
  const links = allLinks.flatMap((l) => {
    const [a, b] = [newIndex.get(l.a), newIndex.get(l.b)];
    return a === undefined || b === undefined ? [] : [{ a, b, latency: l.latency, source: l.source }];
  });
  const accelerated = chooseAccelerators(options.accelerators, kept.length, links);
  const nodes: ImportedNode[] = kept.map((old, i) => {
    const label = unique[old].label ?? unique[old].id;
    return { name: names[i], ...(label !== names[i] ? { label } : {}), accelerator: accelerated.has(i) };
  });
  const latencies: Record<LatencySource, number> = { file: 0, coordinates: 0, median: 0, default: 0 };
  for (const link of links) latencies[link.source]++;
  const shownName = (old: number) => unique[old].label ?? unique[old].id;
  return {
    topology: {
      name: identifiers([options.name ?? raw.name ?? 'Imported'], options.isName)[0],
      nodes: nodes.map((node) => ({ name: node.name, accelerator: node.accelerator })),
      links: links.map(({ a, b, latency }) => ({ a, b, latency })),
    },
    nodes,
    report: {
      format: raw.format,
      nodes: nodes.length,
      links: links.length,
      latencies,
      ...(needsFallback ? { fallbackLatency: fallback } : {}),
      withoutCoordinates: kept.filter((old) => unique[old].latitude === undefined || unique[old].longitude === undefined).map(shownName),
      parallelMerged,
      selfLoops,
      otherParts: parts.slice(1).map((part) => part.map(shownName)),
      partsKept: options.keepDisconnected,
      accelerators: accelerated.size,
      warnings,
    },
  };
}

/** Great-circle latency between two nodes with coordinates (haversine), at least `floor`; undefined without coordinates. */
export function distanceLatency(
  a: { readonly latitude?: number; readonly longitude?: number },
  b: { readonly latitude?: number; readonly longitude?: number },
  floor: number,
): number | undefined {
  if (a.latitude === undefined || a.longitude === undefined || b.latitude === undefined || b.longitude === undefined) return undefined;
  const radians = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * radians;
  const dLon = (b.longitude - a.longitude) * radians;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * radians) * Math.cos(b.latitude * radians) * Math.sin(dLon / 2) ** 2;
  const km = 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
  return Math.max(floor, km / FIBRE_KM_PER_SECOND);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Identifiers for the labels, in order: unique, valid names of the language. */
export function identifiers(labels: readonly string[], isName: (word: string) => boolean): string[] {
  const used = new Set<string>();
  return labels.map((label) => {
    let base = label
      .normalize('NFC')
      .replace(/[^\p{L}\p{M}\p{N}_]+/gu, '_')
      .replace(/_+/g, '_')
      .replace(/^_(?=.)|(?<=.)_$/g, '');
    if (base === '' || base === '_') base = 'node';
    if (!/^[_\p{L}]/u.test(base)) base = `n${base}`;
    if (!isName(base)) base = `${base}_`;
    let name = base;
    for (let copy = 2; used.has(name); copy++) name = `${base}_${copy}`;
    used.add(name);
    return name;
  });
}

function chooseAccelerators(rule: AcceleratorRule, n: number, links: readonly Link[]): Set<number> {
  if (rule.kind === 'none') return new Set();
  if (rule.kind === 'all') return new Set(Array.from({ length: n }, (_, i) => i));
  const count = Math.min(n, rule.count ?? Math.round((rule.share ?? 0) * n));
  if (rule.kind === 'random') return new Set(sampleDistinct(mulberry32(rule.seed), n, count));
  const degree = new Array<number>(n).fill(0);
  for (const link of links) {
    degree[link.a]++;
    degree[link.b]++;
  }
  // Highest degree first; equal degrees in the file's order.
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => degree[y] - degree[x] || x - y);
  return new Set(order.slice(0, count));
}

/** `none`, `all`, `top-degree:20%`, `top-degree:12`, `random:30%` (seeded by `seed`); an error message otherwise. */
export function parseAcceleratorRule(text: string, seed = 0): AcceleratorRule | string {
  if (text === 'none') return { kind: 'none' };
  if (text === 'all') return { kind: 'all' };
  const match = /^(top-degree|random):(\d+(?:\.\d+)?)(%?)$/.exec(text);
  if (!match) return `'${text}' is not an accelerator rule: use none, all, top-degree:SHARE or random:SHARE (SHARE like 20% or a count like 12)`;
  const kind = match[1] as 'top-degree' | 'random';
  const value = Number(match[2]);
  if (match[3] === '%') return value <= 100 ? { kind, share: value / 100, seed } : `an accelerator share must be at most 100%, got ${text}`;
  return Number.isInteger(value) ? { kind, count: value, seed } : `an accelerator count must be a whole number, got ${match[2]}`;
}
