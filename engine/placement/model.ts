/**
 * Plain input model of the AIF placement engine (seed: aif-placement-federated-learning.txt).
 * All times in seconds. Nodes are referred to by index into `Topology.nodes`.
 * Produced by lowering (language/lowering.ts) or by the Mandala generator; no AST in here.
 */

export type Tier = 'access' | 'aggregation' | 'core' | 'application';

export interface TopologyNode {
  readonly name: string;
  readonly tier?: Tier;
  /** h_i: a hardware accelerator is available on this node. */
  readonly accelerator: boolean;
}

export interface Link {
  readonly a: number;
  readonly b: number;
  /** One-way propagation latency of the undirected link, seconds. */
  readonly latency: number;
}

export interface Topology {
  readonly name: string;
  readonly nodes: readonly TopologyNode[];
  readonly links: readonly Link[];
}

/** A latency range [min, max] in seconds, drawn uniformly per link. */
export interface LatencyRange {
  readonly min: number;
  readonly max: number;
}

/** A `topology NAME mandala { ... }` block: the generator's parameters, not yet the graph. */
export interface MandalaSpec {
  readonly name: string;
  /** N access nodes; a positive multiple of 8. */
  readonly access: number;
  readonly accessAggregation: LatencyRange;
  readonly aggregationCore: LatencyRange;
  readonly coreApplication: LatencyRange;
  /** Rescale latencies so the largest shortest-path round trip equals this, seconds. */
  readonly diameter?: number;
  /** Share of nodes in [0,1] with h_i = 1. */
  readonly acceleratorShare: number;
  readonly seed: number;
}

export type TopologySource = { readonly kind: 'explicit'; readonly topology: Topology } | { readonly kind: 'mandala'; readonly spec: MandalaSpec };

/** Training-time curve: points (k, p_k) with k strictly increasing; linear between points, flat outside. */
export interface CurvePoint {
  readonly k: number;
  readonly time: number;
}

export interface TrainingCurve {
  readonly name: string;
  readonly points: readonly CurvePoint[];
}

/**
 * How equally few AIFs are ranked: the smallest max round time first (then fewest accelerators),
 * or the fewest accelerators first (then the smallest max round time).
 */
export type TieBreak = 'fastest-round' | 'fewest-accelerators';

/**
 * What the variant's spread (maxT - minT of (22)–(23)) is taken over: the deployed AIFs (the rows
 * gated by x_i), or every node as the paper writes them, where a node without an AIF counts its
 * training time t (no exchange, no accelerator).
 */
export type SpreadOver = 'aifs' | 'all-nodes';

export type Objective =
  /** AIF-P (1)–(21): fewest AIFs; undefined tieBreak = fastest-round. */
  | { readonly kind: 'min-aifs'; readonly tieBreak?: TieBreak }
  /** AIF-P-var (22)–(24): min A * #AIFs + B * (maxT - minT); undefined spreadOver = aifs. */
  | { readonly kind: 'balanced'; readonly aifWeight: number; readonly spreadWeight: number; readonly spreadOver?: SpreadOver }
  /** AIF-P without accelerators (H = 0). */
  | { readonly kind: 'baseline'; readonly tieBreak?: TieBreak };

export type ObjectiveKind = Objective['kind'];

export type Exchange = 'round-trip' | 'one-way';

export interface PlacementProblem {
  readonly name: string;
  readonly topology: TopologySource;
  readonly curve: TrainingCurve;
  /** R */
  readonly rounds: number;
  /** T, seconds: the whole learning loop; one round must fit in T/R. */
  readonly target: number;
  /** alpha in (0,1): accelerated training time = alpha * t. */
  readonly acceleration: number;
  /** H; undefined = every node with an accelerator may use it. */
  readonly maxAccelerators?: number;
  readonly exchange: Exchange;
  /** D, seconds; undefined = max d_ij. */
  readonly maxLatency?: number;
  readonly objective: Objective;
  /** Names of FL-server candidates; undefined = every node. Names, because a generated topology only has nodes after generation. */
  readonly serverCandidates?: readonly string[];
  /** Names of nodes that may not host an AIF. */
  readonly excluded: readonly string[];
  /** Minimum number of AIFs (default 2). */
  readonly minAifs: number;
}

/** A `study` sweep over a placement: its topology (kept or regenerated per instance) with accelerators drawn anew. */
export interface StudySpec {
  readonly name: string;
  readonly base: PlacementProblem;
  readonly rounds: readonly number[];
  readonly targets: readonly number[];
  readonly objectives: readonly Objective[];
  readonly instances: number;
  /** Accelerator share drawn uniformly in [min, max] per instance. */
  readonly acceleratorShare: { readonly min: number; readonly max: number };
  readonly seed: number;
  /**
   * Draw a new generated graph per instance (seed + i). Otherwise every instance keeps the
   * placement's topology and only the accelerators' share and placement are drawn again, as in
   * the paper's 15 configurations.
   */
  readonly regenerate: boolean;
}
