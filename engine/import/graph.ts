/**
 * The graph read from a topology file, before any rule of NetScenario is applied: node ids and
 * labels as written, coordinates and link latencies where the file states them. Every reader
 * (GML, GraphML, containerlab) produces this; build.ts turns it into a topology.
 */

export type ImportFormat = 'gml' | 'graphml' | 'containerlab';

export const FORMAT_NAMES: Readonly<Record<ImportFormat, string>> = {
  gml: 'GML (Topology Zoo)',
  graphml: 'GraphML',
  containerlab: 'containerlab topology',
};

export interface RawNode {
  /** The file's own id of the node (what links refer to). */
  readonly id: string;
  /** A human name, if the file gives one besides the id. */
  readonly label?: string;
  readonly latitude?: number;
  readonly longitude?: number;
}

export interface RawLink {
  readonly source: string;
  readonly target: string;
  /** One-way latency in seconds, when the file states one for the link. */
  readonly latency?: number;
}

export interface RawGraph {
  readonly format: ImportFormat;
  /** The network's own name, if the file has one. */
  readonly name?: string;
  readonly nodes: readonly RawNode[];
  readonly links: readonly RawLink[];
  /** What the reader skipped or could not read, in the user's words. */
  readonly warnings: readonly string[];
}

/** A file that cannot be read as its format: the message says where and why. */
export class ImportError extends Error {}

/**
 * A link latency written in a file: a number with a time unit ("1.5ms", "200 us", "0.002 s"), or a
 * bare number, taken as milliseconds (how topology datasets usually state delays). Undefined when
 * it is not a non-negative finite time.
 */
export function parseLatency(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1e-3 : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*(ns|us|µs|ms|s)?\s*$/.exec(value);
  if (!match) return undefined;
  const factor = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1 }[match[2] ?? 'ms'] ?? 1e-3;
  const seconds = Number(match[1]) * factor;
  return Number.isFinite(seconds) ? seconds : undefined;
}

/** A coordinate in degrees from a number or a numeric string; undefined when absent or out of range. */
export function parseCoordinate(value: unknown, limit: number): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(number) && Math.abs(number) <= limit ? number : undefined;
}

/** Keys that name a link's latency in the formats we read, compared case-insensitively. */
export const LATENCY_KEYS = new Set(['latency', 'delay']);
