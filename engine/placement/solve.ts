/**
 * Entry point of the placement engine: lower the problem, pick the solver, explain the outcome.
 * The exact methods are the default (they are exact and fast); the MILPs stay available as the
 * reference (`method: 'milp-compact' | 'milp-paper'`), solved by whatever LpSolver the caller
 * passes (in-process by default, a HiGHS worker thread for a hard deadline).
 */
import { inProcessSolver, type LpSolver } from '../highs/solver.js';
import { solveMinAifsExact } from './exact.js';
import { resolveProblem, type PlacementInstance } from './instance.js';
import { solvePlacementMilp } from './milp.js';
import type { PlacementProblem } from './model.js';
import type { Placement } from './placement.js';
import { computeRelaxations, type Relaxations } from './relaxations.js';
import { NO_RELAXATIONS, placementResult, type PlacementMethod, type PlacementResult } from './result.js';
import { solveBalancedExact } from './window.js';

export interface SolvePlacementOptions {
  /** 'auto' (default): exact for min-aifs/baseline, exact-window for balanced. */
  readonly method?: 'auto' | 'milp-compact' | 'milp-paper';
  /** Seconds, MILP only (the exact methods finish in well under a second at 416 nodes). */
  readonly timeLimit?: number;
  readonly signal?: AbortSignal;
  /** Defaults to solving in-process. */
  readonly solver?: LpSolver;
}

/** Solves with the exact methods on the calling thread; never throws on bad input. */
export function solvePlacementExact(problem: PlacementProblem): PlacementResult {
  const started = performance.now();
  const { instance, issues } = resolveProblem(problem);
  const method: PlacementMethod = problem.objective.kind === 'balanced' ? 'exact-window' : 'exact';
  const placement = instance === undefined ? undefined : exactPlacement(instance);
  return finish(problem, instance, issues, { placement, timedOut: false, method, gap: 0 }, started);
}

export async function solvePlacement(problem: PlacementProblem, options: SolvePlacementOptions = {}): Promise<PlacementResult> {
  options.signal?.throwIfAborted();
  const method = options.method ?? 'auto';
  if (method === 'auto') return solvePlacementExact(problem);
  const started = performance.now();
  const { instance, issues } = resolveProblem(problem);
  if (instance === undefined) return finish(problem, instance, issues, { placement: undefined, timedOut: false, method, gap: null }, started);
  const formulation = method === 'milp-paper' ? 'paper' : 'compact';
  const outcome = await solvePlacementMilp(instance, formulation, options.solver ?? inProcessSolver, options);
  const extra = outcome.status === 'error' ? [`solver error: ${outcome.rawStatus}`] : [];
  return finish(problem, instance, [...issues, ...extra], {
    placement: outcome.placement,
    timedOut: outcome.status === 'time-limit',
    method,
    gap: outcome.placement === undefined ? null : outcome.gap,
  }, started);
}

function exactPlacement(instance: PlacementInstance): Placement | undefined {
  const objective = instance.problem.objective;
  return objective.kind === 'balanced'
    ? solveBalancedExact(instance, objective.aifWeight, objective.spreadWeight)
    : solveMinAifsExact(instance);
}

interface Solved {
  readonly placement: Placement | undefined;
  readonly timedOut: boolean;
  readonly method: PlacementMethod;
  readonly gap: number | null;
}

function finish(problem: PlacementProblem, instance: PlacementInstance | undefined, issues: readonly string[], solved: Solved, started: number): PlacementResult {
  const relaxations = instance === undefined ? NO_RELAXATIONS : computeRelaxations(instance);
  const status = solved.timedOut ? 'timeout' : solved.placement !== undefined ? 'feasible' : 'infeasible';
  const reason = status === 'feasible' ? undefined : explain(issues, relaxations, status, instance);
  return placementResult(problem.name, problem.objective.kind, instance, {
    status,
    placement: solved.placement,
    relaxations,
    method: solved.method,
    seconds: (performance.now() - started) / 1000,
    gap: solved.gap,
    reason,
  });
}

function explain(issues: readonly string[], relaxations: Relaxations, status: 'infeasible' | 'timeout', instance: PlacementInstance | undefined): string {
  if (issues.length > 0) return issues.join('; ');
  if (status === 'timeout') return 'the solver reached its time limit before proving optimality';
  if (relaxations.minTarget === null) return 'no placement exists at all: too few nodes can host an AIF for any server within the max latency';
  const limit = instance?.roundLimit ?? 0;
  return `no placement fits a round limit T/R of ${limit} s; the smallest achievable max round time gives a target of at least ${relaxations.minTarget} s`;
}
