/**
 * Entry point of the placement engine: lower the problem, pick the solver, explain the outcome.
 * The exact methods are the default (they are exact and fast); the MILPs stay available as the
 * reference (`method: 'milp-compact' | 'milp-paper'`), solved by whatever LpSolver the caller
 * passes (in-process by default, a HiGHS worker thread for a hard deadline). A time limit bounds
 * every method: the exact ones check a deadline between units of work (deadline.ts).
 */
import { inProcessSolver, type LpSolver } from '../highs/solver.js';
import { atLeast, formatQuantity } from '../units.js';
import { Deadline, TimeLimitReached } from './deadline.js';
import { solveMinAifsExact } from './exact.js';
import { resolveProblem, retargeted, type PlacementInstance } from './instance.js';
import { solvePlacementMilp } from './milp.js';
import type { PlacementProblem } from './model.js';
import { paretoFronts, type ParetoFronts } from './pareto.js';
import { objectiveValue, type Placement } from './placement.js';
import { computeRelaxations, type Relaxations } from './relaxations.js';
import { suggestedRelaxations } from './suggestions.js';
import { NO_RELAXATIONS, placementResult, type PlacementMethod, type PlacementResult } from './result.js';
import { solveBalancedExact } from './window.js';

export interface SolvePlacementOptions {
  /** 'auto' (default): exact for min-aifs/baseline, exact-window for balanced. */
  readonly method?: 'auto' | 'milp-compact' | 'milp-paper';
  /** Seconds for the whole solve, whatever the method; when they run out the status is 'timeout'. */
  readonly timeLimit?: number;
  readonly signal?: AbortSignal;
  /** Defaults to solving in-process. */
  readonly solver?: LpSolver;
}

/**
 * What is known so far. Stages run in order — lower the problem (generate the topology, all-pairs
 * latencies), relaxations, then the placement — so a solve stopped by its deadline still reports
 * everything finished before it.
 */
interface Progress {
  instance?: PlacementInstance;
  issues: readonly string[];
  relaxations: Relaxations;
}

function lowerAndRelax(problem: PlacementProblem, deadline: Deadline, progress: Progress): void {
  const { instance, issues } = resolveProblem(problem, deadline);
  progress.issues = issues;
  progress.instance = instance;
  if (instance === undefined) return;
  // Whether any placement meets T/R does not depend on the objective: the fast min-aifs search decides it.
  // Suggestions change only the target or the rounds: the retargeted instance keeps the views built so far.
  const feasible = (changed: PlacementProblem) => solveMinAifsExact(retargeted(instance, changed), undefined, deadline) !== undefined;
  progress.relaxations = suggestedRelaxations(problem, computeRelaxations(instance, deadline), feasible);
}

/** Solves with the exact methods on the calling thread; never throws on bad input; stops at `deadline` with status 'timeout'. */
export function solvePlacementExact(problem: PlacementProblem, deadline: Deadline = Deadline.NONE): PlacementResult {
  const started = performance.now();
  const method: PlacementMethod = problem.objective.kind === 'balanced' ? 'exact-window' : 'exact';
  const progress: Progress = { issues: [], relaxations: NO_RELAXATIONS };
  try {
    lowerAndRelax(problem, deadline, progress);
    const instance = progress.instance;
    const placement = instance === undefined ? undefined : exactPlacement(instance, deadline);
    // The exact methods prove their optimum: the bound is the objective itself.
    const bound = instance !== undefined && placement !== undefined ? objectiveValue(instance, placement) : null;
    return finish(problem, progress, { placement, timedOut: false, method, bound, gap: placement === undefined ? null : 0 }, started);
  } catch (error) {
    return finish(problem, progress, stoppedAtDeadline(error, method), started);
  }
}

export async function solvePlacement(problem: PlacementProblem, options: SolvePlacementOptions = {}): Promise<PlacementResult> {
  options.signal?.throwIfAborted();
  const method = options.method ?? 'auto';
  const deadline = Deadline.after(options.timeLimit);
  if (method === 'auto') return solvePlacementExact(problem, deadline);
  const started = performance.now();
  const progress: Progress = { issues: [], relaxations: NO_RELAXATIONS };
  try {
    lowerAndRelax(problem, deadline, progress);
    const instance = progress.instance;
    if (instance === undefined) return finish(problem, progress, { placement: undefined, timedOut: false, method, bound: null, gap: null }, started);
    deadline.check();
    const formulation = method === 'milp-paper' ? 'paper' : 'compact';
    const outcome = await solvePlacementMilp(instance, formulation, options.solver ?? inProcessSolver, { timeLimit: deadline.remainingSeconds, signal: options.signal });
    if (outcome.status === 'error') progress.issues = [...progress.issues, `solver error: ${outcome.rawStatus}`];
    return finish(
      problem,
      progress,
      {
        placement: outcome.placement,
        timedOut: outcome.status === 'time-limit',
        method,
        bound: outcome.bound,
        gap: outcome.gap,
      },
      started,
    );
  } catch (error) {
    return finish(problem, progress, stoppedAtDeadline(error, method), started);
  }
}

/** The Pareto fronts of a placement (pareto.ts); null when the problem cannot be solved at all or the deadline passes. */
export function placementPareto(problem: PlacementProblem, deadline: Deadline = Deadline.NONE): ParetoFronts | null {
  try {
    const { instance } = resolveProblem(problem, deadline);
    return instance === undefined ? null : paretoFronts(instance, deadline);
  } catch (error) {
    if (error instanceof TimeLimitReached) return null;
    throw error;
  }
}

/** A solve that reached its deadline; anything else thrown is passed on. */
function stoppedAtDeadline(error: unknown, method: PlacementMethod): Solved {
  if (!(error instanceof TimeLimitReached)) throw error;
  return { placement: undefined, timedOut: true, method, bound: null, gap: null };
}

function exactPlacement(instance: PlacementInstance, deadline: Deadline): Placement | undefined {
  const objective = instance.problem.objective;
  return objective.kind === 'balanced' ? solveBalancedExact(instance, objective, deadline) : solveMinAifsExact(instance, undefined, deadline);
}

interface Solved {
  readonly placement: Placement | undefined;
  readonly timedOut: boolean;
  readonly method: PlacementMethod;
  readonly bound: number | null;
  readonly gap: number | null;
}

function finish(problem: PlacementProblem, progress: Progress, solved: Solved, started: number): PlacementResult {
  const { instance, issues, relaxations } = progress;
  const status = solved.timedOut ? 'timeout' : solved.placement !== undefined ? 'feasible' : 'infeasible';
  const reason = status === 'feasible' ? undefined : explain(issues, relaxations, status, instance);
  return placementResult(problem.name, problem.objective, instance, {
    status,
    placement: solved.placement,
    relaxations,
    method: solved.method,
    seconds: (performance.now() - started) / 1000,
    bound: solved.bound,
    gap: solved.gap,
    reason,
  });
}

function explain(issues: readonly string[], relaxations: Relaxations, status: 'infeasible' | 'timeout', instance: PlacementInstance | undefined): string {
  if (issues.length > 0) return issues.join('; ');
  if (status === 'timeout') return 'the solver reached its time limit before it finished';
  if (relaxations.minTarget === null) return 'no placement exists at all: too few nodes can host an AIF for any server within the max latency';
  const limit = instance?.roundLimit ?? 0;
  const time = (seconds: number) => formatQuantity(seconds, 'time');
  return `no placement keeps every round within the round limit of ${time(limit)} (target / rounds); the fastest possible slowest round needs a target of at least ${atLeast(relaxations.minTarget, 'time')}`;
}
