/**
 * Results of the scheduling engine, shaped like the `switches[]` entries of `nsc solve --json`
 * (docs/cli.md) and the rows of `nsc simulate`. Everything here is JSON-safe: an unbounded delay or slack
 * is null, never Infinity or NaN.
 */

/** One task of a flow's delay budget; the three terms add up to the task's delay (see delay.ts). */
export interface TaskBudget {
  readonly task: string;
  readonly blocking: number;
  /** null: the task has positive cost and weight 0, so packets wait forever. */
  readonly queuing: number | null;
  readonly processing: number;
}

export interface FlowResult {
  readonly name: string;
  /** pps, from the rate LP at the reported weights. */
  readonly rate: number;
  readonly rateSlo: number | null;
  /** r*_f = min(offered, rateSlo): the rate the SLOs are checked at (added field). */
  readonly designRate: number;
  /** Seconds; null when unbounded (a costly task on the path has weight 0). */
  readonly delay: number | null;
  readonly delaySlo: number | null;
  /**
   * Every task on the path carries the design load of all its flows (docs/models.md; then the rate LP
   * gives rate >= designRate). Without a rate SLO the design rate is the offered load.
   */
  readonly meetsRate: boolean;
  readonly meetsDelay: boolean;
  /** Smallest delay any weights reach while all rate SLOs hold; null if the rate SLOs cannot all hold. */
  readonly achievableDelay: number | null;
  /** Largest rate (<= offered) while every other flow keeps its design rate; null if they cannot. */
  readonly achievableRate: number | null;
  readonly budget: readonly TaskBudget[];
}

/** The max-slack weights (docs/models.md "Common relative slack and the optimal weights") and the certificate for s*. */
export interface OptimumResult {
  readonly weights: Readonly<Record<string, number>>;
  /** s*: the common slack these weights achieve (= lowerBound); null when unbounded (see status). */
  readonly slack: number | null;
  readonly lowerBound: number | null;
  /** From the LP relaxation: no weights do better. */
  readonly upperBound: number | null;
  /** LP solves used. */
  readonly iterations: number;
}

export interface SwitchResult {
  readonly name: string;
  /** feasible: every flow meets its SLOs at the reported weights. */
  readonly status: 'feasible' | 'infeasible';
  readonly weights: Readonly<Record<string, number>>;
  /** fixed: every task has a weight in the source, evaluated as given; optimal: chosen by the engine. */
  readonly weightsSource: 'optimal' | 'fixed';
  readonly flows: readonly FlowResult[];
  /** Common relative slack of the reported weights (>= 0 iff feasible); null when unbounded. */
  readonly slack: number | null;
  /**
   * Always present: with fixed weights this is the quick fix "apply the optimal weights". For a
   * switch optimised jointly with others (`services` not empty) it is its part of the joint
   * optimum, and slack and bounds are those of the whole group.
   */
  readonly optimum: OptimumResult;
  /** The services crossing this switch it was optimised with, jointly with their other switches; empty when solved alone. */
  readonly services: readonly string[];
}

/** One leg of a service's route between two stops (entry, a switch's node, exit), along links. */
export interface RouteSegment {
  /** The nodes from one stop to the next, both included (one node when a stop repeats). */
  readonly nodes: readonly string[];
  /** Propagation along them: the sum of one-way link latencies, seconds. */
  readonly latency: number;
}

/** One switch a service crosses: the hop flow's delay (its budget per task) and rate there. */
export interface HopResult {
  readonly switch: string;
  readonly flow: string;
  /** The topology node hosting the switch. */
  readonly node: string;
  /** Seconds; null when unbounded. */
  readonly delay: number | null;
  /** pps, from the switch's rate LP at the reported weights. */
  readonly rate: number;
  readonly meetsRate: boolean;
  /** The hop's delay by cause, summed over its tasks (they add up to `delay`); queuing null when unbounded. */
  readonly blocking: number;
  readonly queuing: number | null;
  readonly processing: number;
  readonly budget: readonly TaskBudget[];
}

/** A service across switches (docs/models.md "Services across switches"), as in `nsc solve --json`. */
export interface ServiceResult {
  readonly name: string;
  /** feasible: the end-to-end SLOs hold at the reported weights, and every hop carries its design rate. */
  readonly status: 'feasible' | 'infeasible';
  readonly topology: string;
  readonly from: string;
  readonly to: string;
  /** Segment i leads to hop i (the last one to `to`): hops + 1 segments. */
  readonly route: readonly RouteSegment[];
  /** Sum of the segments' latencies, seconds. */
  readonly propagation: number;
  readonly hops: readonly HopResult[];
  /** propagation + the hop flows' delays, seconds; null when unbounded. */
  readonly delay: number | null;
  readonly delaySlo: number | null;
  /** The smallest hop rate, pps. */
  readonly rate: number;
  readonly rateSlo: number | null;
  readonly offered: number;
  /** min(offered, rateSlo): the rate every hop must carry. */
  readonly designRate: number;
  readonly meetsRate: boolean;
  readonly meetsDelay: boolean;
  /** The service's own terms of the common slack at the reported weights: 1 − delay/SLO and its hop tasks' capacity margins. */
  readonly slack: number | null;
  /** Smallest end-to-end delay any weights give while every task carries its design load; null if none do. */
  readonly achievableDelay: number | null;
  /** Largest common rate of the hops (at most offered) while every other flow keeps its design rate; null if none. */
  readonly achievableRate: number | null;
  /** The reported weights of every switch crossed, by switch then task. */
  readonly weights: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The joint optimum of the switches optimised together with this service: s* over all their SLOs and the services'. */
  readonly optimum: JointOptimumResult;
}

export interface JointOptimumResult {
  /** Every switch and service of the joint problem (services connected through shared switches). */
  readonly switches: readonly string[];
  readonly services: readonly string[];
  readonly slack: number | null;
  readonly lowerBound: number | null;
  readonly upperBound: number | null;
  readonly iterations: number;
}

/** One control period of `nsc simulate`. */
export interface SimulationRow {
  readonly period: number;
  /** Index into `Simulation.phases`: the load in force. */
  readonly phase: number;
  /** Weights in force during this period. */
  readonly weights: Readonly<Record<string, number>>;
  /** Flow rates from the rate LP at these weights, pps. */
  readonly rates: Readonly<Record<string, number>>;
  /** Flow delays with theta_t from these rates, seconds; null when unbounded. */
  readonly delays: Readonly<Record<string, number | null>>;
  /** lambda_t in {0, 1}: the queue-pressure signal of §V. */
  readonly lambda: Readonly<Record<string, number>>;
  /** Common slack of these weights in the design model (comparable with s*); null when unbounded. */
  readonly slack: number | null;
  /** Every flow meets its rate and delay SLO in this period's simulated state. */
  readonly compliant: boolean;
}

export interface Simulation {
  readonly name: string;
  readonly rows: readonly SimulationRow[];
  /** The slack the controller steers to in the first phase (see controller.ts); 0 stops at the first compliant weights, like the paper's. */
  readonly slackTarget: number;
  /** s* of the optimiser under the declared load, for comparison; null when unbounded. */
  readonly optimalSlack: number | null;
  /** First period (0-based) in which every SLO holds; null if none does. */
  readonly firstCompliantPeriod: number | null;
  /** Periods in which some SLO is missed, over the whole run. */
  readonly violationPeriods: number;
  /** The load phases: the declared load from period 0, then one per period where `traffic` changes it. */
  readonly phases: readonly PhaseResult[];
}

/** A flow's load and SLOs during a phase. */
export interface PhaseFlow {
  readonly offered: number;
  readonly rateSlo: number | null;
  readonly delaySlo: number | null;
}

/** One change of the `traffic` block, by flow name. */
export interface ChangeResult {
  readonly flow: string;
  readonly offered?: number;
  readonly rateSlo?: number;
  readonly delaySlo?: number;
}

/** How the controller copes with one load phase (docs/models.md "Changing traffic"). */
export interface PhaseResult {
  /** First period under this load. */
  readonly start: number;
  /** Periods simulated under it. */
  readonly periods: number;
  /** The changes that start it (empty for the declared load). */
  readonly changes: readonly ChangeResult[];
  readonly flows: Readonly<Record<string, PhaseFlow>>;
  /** s* under this load, for comparison: < 0 proves no weights meet every SLO; null when unbounded. */
  readonly optimalSlack: number | null;
  /** sigma while this load lasts: s* when positive, else 0. */
  readonly slackTarget: number;
  /** The first period of the phase in which every SLO holds; null if none does. */
  readonly firstCompliantPeriod: number | null;
  /** firstCompliantPeriod - start: 0 when the load changed and every SLO still held; null for never. */
  readonly periodsToCompliance: number | null;
  /** Periods of the phase in which some SLO is missed. */
  readonly violationPeriods: number;
  /** With no compliant period: 'infeasible' (s* < 0 under this load) or 'phase-ended' (it was feasible, the controller needed longer). */
  readonly never: 'infeasible' | 'phase-ended' | null;
  /** With never = 'infeasible': each flow's best achievable delay and rate under this load (null: not achievable). */
  readonly achievable: Readonly<Record<string, { readonly delay: number | null; readonly rate: number | null }>> | null;
}

/** JSON has no Infinity or NaN: unbounded values become null. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

/** Per-name record in declaration order; Object.fromEntries keeps names like `__proto__` as data. */
export function byName<T>(names: readonly { readonly name: string }[], values: readonly T[]): Record<string, T> {
  return Object.fromEntries(names.map((n, i) => [n.name, values[i]]));
}
