/**
 * Lowers a PlacementProblem to the numbers every solver works on: node flags, d_ij, p_k, T/R, H, D
 * and which (AIF, server) pairs are allowed. All input checking happens here, once, so the solvers
 * can assume clean numbers and bad input becomes an explained infeasible result instead of a throw.
 */
import { curveIssues, flatFrom, trainingTimes } from './curve.js';
import { Deadline } from './deadline.js';
import { ExchangeLatencies, topologyIssues } from './latency.js';
import { generateMandala, mandalaIssues } from './mandala.js';
import type { PlacementProblem, Topology } from './model.js';

export interface PlacementInstance {
  readonly problem: PlacementProblem;
  readonly topology: Topology;
  readonly n: number;
  readonly names: readonly string[];
  /** h_i */
  readonly accelerator: readonly boolean[];
  /**
   * d_ij, seconds, one server row at a time; +Infinity between disconnected nodes. Instances share it
   * only when they differ in T/R alone (retargeted), so it also keys what is built on the views.
   */
  readonly latency: ExchangeLatencies;
  /** p_k indexed by k = 1..n. */
  readonly times: Float64Array;
  /** p_k is constant for every k >= this. */
  readonly flatFrom: number;
  readonly alpha: number;
  /** Effective H: 0 for the baseline, never more than the nodes that have an accelerator. */
  readonly maxAccelerators: number;
  /** D, seconds; Infinity when not given (every reachable pair is allowed). */
  readonly maxLatency: number;
  readonly serverAllowed: readonly boolean[];
  readonly aifAllowed: readonly boolean[];
  readonly minAifs: number;
  /** T/R; undefined when rounds or target are unusable (then nothing is feasible, but relaxations still say what is). */
  readonly roundLimit: number | undefined;
}

export interface ResolvedProblem {
  /** Undefined when the topology, curve or parameters make any placement meaningless. */
  readonly instance: PlacementInstance | undefined;
  /** Human-readable input problems; non-empty means the requirement cannot be met as written. */
  readonly issues: readonly string[];
}

/**
 * Relative tolerance of every `value <= limit` test. The MILP works with HiGHS's feasibility
 * tolerance (1e-7 absolute); the exact solvers use this one, far below any latency that matters,
 * so both agree and `R * minTarget / R` still fits after floating-point round-off.
 */
export const RELATIVE_TOLERANCE = 1e-9;

export function withTolerance(limit: number): number {
  return limit + Math.abs(limit) * RELATIVE_TOLERANCE;
}

/** Generating a Mandala is the long part: `deadline` bounds it. */
export function resolveProblem(problem: PlacementProblem, deadline: Deadline = Deadline.NONE): ResolvedProblem {
  const source = problem.topology;
  const generatorIssues = source.kind === 'mandala' ? mandalaIssues(source.spec) : [];
  if (generatorIssues.length > 0) return { instance: undefined, issues: [...generatorIssues, ...requirementIssues(problem)] };
  const topology = source.kind === 'explicit' ? source.topology : generateMandala(source.spec, deadline);
  const structural = [...topologyIssues(topology), ...curveIssues(problem.curve), ...parameterIssues(problem)];
  const names = topology.nodes.map((node) => node.name);
  const known = new Set(names);
  for (const name of [...(problem.serverCandidates ?? []), ...problem.excluded]) {
    if (!known.has(name)) structural.push(`node ${name} is not in topology ${topology.name}`);
  }
  const requirement = requirementIssues(problem);
  if (structural.length > 0) return { instance: undefined, issues: [...structural, ...requirement] };

  const n = names.length;
  const accelerator = topology.nodes.map((node) => node.accelerator);
  const latency = new ExchangeLatencies(topology, problem.exchange);
  const available = accelerator.filter(Boolean).length;
  const requestedH = problem.objective.kind === 'baseline' ? 0 : (problem.maxAccelerators ?? available);
  const candidates = problem.serverCandidates === undefined ? undefined : new Set(problem.serverCandidates);
  const excluded = new Set(problem.excluded);
  const instance: PlacementInstance = {
    problem,
    topology,
    n,
    names,
    accelerator,
    latency,
    times: trainingTimes(problem.curve, n),
    flatFrom: flatFrom(problem.curve),
    alpha: problem.acceleration,
    maxAccelerators: Math.min(requestedH, available),
    maxLatency: problem.maxLatency ?? Infinity,
    serverAllowed: names.map((name) => candidates === undefined || candidates.has(name)),
    aifAllowed: names.map((name) => !excluded.has(name)),
    minAifs: problem.minAifs,
    roundLimit: requirement.length === 0 ? problem.target / problem.rounds : undefined,
  };
  return { instance, issues: requirement };
}

/**
 * The same instance under another target or number of rounds (a relaxation being checked): only T/R
 * changes, so it shares everything else — the latencies and the views built on them — with `instance`.
 */
export function retargeted(instance: PlacementInstance, problem: PlacementProblem): PlacementInstance {
  const requirement = requirementIssues(problem);
  return { ...instance, problem, roundLimit: requirement.length === 0 ? problem.target / problem.rounds : undefined };
}

/** Whether an AIF on i may report to a server on j at d = d_ij: distinct, reachable, within D, i not excluded. */
export function pairAllowed(instance: PlacementInstance, i: number, j: number, d: number): boolean {
  return i !== j && instance.aifAllowed[i] && d !== Infinity && d <= instance.maxLatency;
}

/** The largest k worth trying: p_k is flat from `flatFrom` on, so more AIFs only add latency. */
export function largestUsefulK(instance: PlacementInstance): number {
  return Math.min(instance.n - 1, Math.max(instance.minAifs, instance.flatFrom));
}

function parameterIssues(problem: PlacementProblem): string[] {
  const issues: string[] = [];
  const alpha = problem.acceleration;
  if (!(Number.isFinite(alpha) && alpha > 0 && alpha <= 1)) issues.push(`acceleration must be in (0, 1], got ${alpha}`);
  const h = problem.maxAccelerators;
  if (h !== undefined && !(Number.isInteger(h) && h >= 0)) issues.push(`accelerators max must be a whole number >= 0, got ${h}`);
  const d = problem.maxLatency;
  if (d !== undefined && !(Number.isFinite(d) && d >= 0)) issues.push(`max latency must be a finite time >= 0, got ${d}`);
  if (!(Number.isInteger(problem.minAifs) && problem.minAifs >= 1)) issues.push(`min aifs must be a whole number >= 1, got ${problem.minAifs}`);
  if (problem.objective.kind === 'balanced') {
    const { aifWeight, spreadWeight } = problem.objective;
    if (!(Number.isFinite(aifWeight) && aifWeight >= 0 && Number.isFinite(spreadWeight) && spreadWeight >= 0)) {
      issues.push('balanced objective weights must be finite and >= 0');
    }
  }
  return issues;
}

/** Rounds and target only decide T/R: with them wrong the structure is still worth explaining. */
function requirementIssues(problem: PlacementProblem): string[] {
  const issues: string[] = [];
  const { rounds, target } = problem;
  if (!(Number.isInteger(rounds) && rounds >= 1 && Number.isFinite(target / rounds))) {
    issues.push(`rounds must be a whole number >= 1, got ${rounds}`);
  }
  if (!(Number.isFinite(target) && target > 0)) issues.push(`target must be a positive finite time, got ${target}`);
  return issues;
}
