/**
 * The paper's MILP (1)–(21), the variant (22)–(24), and the compact equivalent, for HiGHS.
 *
 * Paper:   x_i AIF on i, y_j server on j, z_k "at least k AIFs", xi_ij AIF i reports to server j,
 *          w_i accelerator used on i, dt_i acceleration gain, t training time.
 * Compact: constraints (10)–(11) force sum_j d_ij xi_ij = sum_j d_ij y_j whenever x_i = 1 (exactly one
 *          y_j is 1), so the n^2 binaries xi are replaced by the y-expression inside the big-M rows
 *          that are already gated by x_i. Same optimum, far fewer variables.
 *
 * Refinements of docs/models.md kept in both: a node hosts at most one of {server, AIF} (3); excluded
 * nodes have x_i = 0; only candidates may have y_j = 1; a pair (i, j) with d_ij > D or unreachable is
 * forbidden; `minAifs` replaces the 2 of (4); big-Ms use max_k p_k (the paper's p_1 assumes a
 * decreasing curve) plus the largest allowed d_ij; (22)–(23) are gated by x_i so only active AIFs
 * count; w_i <= h_i and sum w_i <= H.
 */
import { LinearProgram, type LpSolution, type Term } from '../highs/lp.js';
import type { LpSolver } from '../highs/solver.js';
import { tieBreakOf } from './exact.js';
import { pairAllowed, type PlacementInstance } from './instance.js';
import { makePlacement, type Placement } from './placement.js';

export type Formulation = 'paper' | 'compact';

export interface PlacementMilp {
  readonly lp: LinearProgram;
  /** x_i */
  readonly x: readonly number[];
  /** w_i */
  readonly w: readonly number[];
  /** The round time of node i as a linear expression: t - dt_i + its exchange latency. */
  readonly roundTime: (i: number) => Term[];
  /** Valid upper bound on any round-time expression, active or not. */
  readonly bigM: number;
  readonly decode: (values: Float64Array) => Placement;
}

const term = (variable: number, coefficient = 1): Term => ({ variable, coefficient });

export function buildPlacementMilp(instance: PlacementInstance, formulation: Formulation, roundLimit: number): PlacementMilp {
  const { n, alpha } = instance;
  // d_ij for every pair: the MILP has n^2 terms anyway. latency[j][i] = d_ij (row of server j).
  const latency = instance.latency.allPairs();
  const allowed = (i: number, j: number) => pairAllowed(instance, i, j, latency[j][i]);
  const nodes = [...Array(n).keys()];
  const lp = new LinearProgram();
  const largestTime = Math.max(...instance.times.subarray(1));
  let largestLatency = 0;
  for (const i of nodes) for (const j of nodes) if (allowed(i, j)) largestLatency = Math.max(largestLatency, latency[j][i]);
  const bigM = largestTime + largestLatency;
  const gain = 1 - alpha;

  const x = nodes.map((i) => fixedBinary(lp, instance.aifAllowed[i]));
  const y = nodes.map((j) => fixedBinary(lp, instance.serverAllowed[j]));
  const z = nodes.map(() => lp.binary()); // z[k-1] is z_k
  const w = nodes.map((i) => fixedBinary(lp, instance.accelerator[i]));
  const dt = nodes.map(() => lp.continuous(0)); // (17)
  const t = lp.continuous(0); // (16)

  lp.constrain(
    y.map((v) => term(v)),
    '=',
    1,
  ); // (2)
  for (const i of nodes) lp.constrain([term(y[i]), term(x[i])], '<=', 1); // (3)
  lp.constrain(
    x.map((v) => term(v)),
    '>=',
    instance.minAifs,
  ); // (4), min aifs
  lp.constrain([term(t), ...z.map((v, k) => term(v, -(instance.times[k + 1] - (k === 0 ? 0 : instance.times[k]))))], '=', 0); // (7)
  lp.constrain([...z.map((v) => term(v)), ...x.map((v) => term(v, -1))], '=', 0); // (8)
  for (let k = 0; k + 1 < n; k++) lp.constrain([term(z[k]), term(z[k + 1], -1)], '>=', 0); // (9)
  for (const i of nodes) {
    lp.constrain([term(dt[i]), term(t, -gain)], '<=', 0); // (6)
    lp.constrain([term(dt[i]), term(t, -gain), term(w[i], -gain * largestTime)], '>=', -gain * largestTime); // (12)
    lp.constrain([term(dt[i]), term(w[i], -gain * largestTime)], '<=', 0); // (13)
  }
  if (instance.maxAccelerators < n)
    lp.constrain(
      w.map((v) => term(v)),
      '<=',
      instance.maxAccelerators,
    ); // (15); (14) is w's bound
  // An accelerator is used by an AIF of its node: without this, w_i = 1 on a node without an AIF
  // would only spend H — and, with (22)–(23) over all nodes, give that node the value alpha*t.
  for (const i of nodes) lp.constrain([term(w[i]), term(x[i], -1)], '<=', 0);

  const objective = instance.problem.objective;
  const overAllNodes = objective.kind === 'balanced' && objective.spreadOver === 'all-nodes';
  const pairs: Pairs = { allowed, latency: (i, j) => latency[j][i] };
  let exchange = formulation === 'paper' ? paperExchange(lp, pairs, x, y) : compactExchange(lp, instance, pairs, x, y);
  // Over all nodes the exchange of a node without an AIF must vanish, as sum_j d_ij xi_ij does in the
  // paper's model; the compact sum_j d_ij y_j does not, so it is gated: e_i = x_i * sum_j d_ij y_j.
  if (overAllNodes && formulation === 'compact') exchange = exchange.map((terms, i) => gatedExchange(lp, terms, x[i], largestLatency));
  const roundTime = (i: number): Term[] => [term(t), term(dt[i], -1), ...exchange[i]];
  for (const i of nodes) lp.constrain([...roundTime(i), term(x[i], bigM)], '<=', roundLimit + bigM); // (5)

  if (objective.kind === 'balanced') {
    const maxT = lp.continuous(0);
    const minT = lp.continuous(0);
    // Over the AIFs: (22)–(23) switched off by x_i; over all nodes: as the paper writes them.
    const gate = overAllNodes ? 0 : bigM;
    for (const i of nodes) {
      lp.constrain([term(maxT), ...negate(roundTime(i)), term(x[i], -gate)], '>=', -gate); // (22)
      lp.constrain([term(minT), ...negate(roundTime(i)), term(x[i], gate)], '<=', gate); // (23)
    }
    lp.setObjective('min', [...x.map((v) => term(v, objective.aifWeight)), term(maxT, objective.spreadWeight), term(minT, -objective.spreadWeight)]); // (24)
  } else {
    lp.setObjective(
      'min',
      x.map((v) => term(v)),
    ); // (1)
  }

  const decode = (values: Float64Array): Placement => {
    const server = nodes.reduce((best, j) => (values[y[j]] > values[y[best]] ? j : best), 0);
    const aifs = nodes.filter((i) => values[x[i]] > 0.5);
    return makePlacement(
      server,
      aifs,
      aifs.filter((i) => values[w[i]] > 0.5),
    );
  };
  return { lp, x, w, roundTime, bigM, decode };
}

/** e = x * (the exchange terms), by the usual rows for a binary times a quantity in [0, largest]. */
function gatedExchange(lp: LinearProgram, terms: readonly Term[], x: number, largest: number): Term[] {
  const e = lp.continuous(0);
  lp.constrain([term(e), term(x, -largest)], '<=', 0);
  lp.constrain([term(e), ...negate(terms)], '<=', 0);
  lp.constrain([term(e), ...negate(terms), term(x, -largest)], '>=', -largest);
  return [term(e)];
}

/** Which (AIF i, server j) pairs may be used, and their d_ij. */
interface Pairs {
  readonly allowed: (i: number, j: number) => boolean;
  readonly latency: (i: number, j: number) => number;
}

/** A binary that is fixed to 0 where `allowed` is false (exclusions, non-candidates, h_i = 0). */
function fixedBinary(lp: LinearProgram, allowed: boolean): number {
  const v = lp.binary();
  if (!allowed) lp.fixBounds(v, 0, 0);
  return v;
}

function negate(terms: readonly Term[]): Term[] {
  return terms.map((t) => term(t.variable, -t.coefficient));
}

/** (10), (11) with the n^2 binaries xi_ij; forbidden pairs have xi_ij fixed to 0. Returns sum_j d_ij xi_ij per i. */
function paperExchange(lp: LinearProgram, pairs: Pairs, x: readonly number[], y: readonly number[]): Term[][] {
  return x.map((xi, i) => {
    const row = y.map((yj, j) => {
      const v = fixedBinary(lp, pairs.allowed(i, j));
      lp.constrain([term(v), term(yj, -1)], '<=', 0); // (10)
      return v;
    });
    lp.constrain([...row.map((v) => term(v)), term(xi, -1)], '=', 0); // (11)
    return row.flatMap((v, j) => (pairs.allowed(i, j) ? [term(v, pairs.latency(i, j))] : []));
  });
}

/**
 * sum_j d_ij y_j per i (d_ij counted only for allowed pairs; it only matters where x_i = 1), and one
 * row per node forbidding x_i = 1 together with a server it may not report to (only one y_j is 1).
 */
function compactExchange(lp: LinearProgram, instance: PlacementInstance, pairs: Pairs, x: readonly number[], y: readonly number[]): Term[][] {
  return x.map((xi, i) => {
    const forbidden = y.filter((_, j) => j !== i && !pairs.allowed(i, j));
    if (instance.aifAllowed[i] && forbidden.length > 0) lp.constrain([term(xi), ...forbidden.map((v) => term(v))], '<=', 1);
    return y.flatMap((yj, j) => (pairs.allowed(i, j) ? [term(yj, pairs.latency(i, j))] : []));
  });
}

export interface MilpOutcome {
  readonly status: 'optimal' | 'infeasible' | 'time-limit' | 'error';
  readonly placement: Placement | undefined;
  /**
   * The best proven bound on the primary objective ((1) or (24)) and the relative gap of the
   * reported placement to it: 0 when proven optimal, null when unknown (never a made-up 0).
   */
  readonly bound: number | null;
  readonly gap: number | null;
  readonly rawStatus: string;
}

export interface MilpOptions {
  /** Seconds for both stages together. */
  readonly timeLimit?: number;
  readonly signal?: AbortSignal;
}

/**
 * Solves the placement MILP. For min-aifs/baseline later lexicographic stages fix sum x_i = k* and
 * minimise the largest active round time — after the number of accelerators, for the tie-break
 * fewest-accelerators — so the MILP reports the same placement figures as the exact solver's
 * tie-break (the balanced objective already ranks the spread).
 */
export async function solvePlacementMilp(instance: PlacementInstance, formulation: Formulation, solver: LpSolver, options: MilpOptions = {}): Promise<MilpOutcome> {
  if (instance.roundLimit === undefined) return { status: 'infeasible', placement: undefined, bound: null, gap: null, rawStatus: 'no round limit' };
  const started = performance.now();
  const remaining = () => (options.timeLimit === undefined ? undefined : Math.max(0, options.timeLimit - (performance.now() - started) / 1000));
  // mip_rel_gap 0: the default 1e-4 would let the balanced objective stop short of the optimum.
  const request = () => ({ timeLimit: remaining(), mipRelGap: 0, signal: options.signal });
  const model = buildPlacementMilp(instance, formulation, instance.roundLimit);
  const stage1 = await solver.solve(model.lp, request());
  if (stage1.values.length === 0 || instance.problem.objective.kind === 'balanced') return outcome(stage1, stage1, model);
  const k = Math.round(stage1.objective);
  model.lp.constrain(
    model.x.map((v) => term(v)),
    '=',
    k,
  );
  let chosen = stage1;
  let timedOut = stage1.status === 'time-limit';
  const stage = async (objective: Term[]) => {
    model.lp.setObjective('min', objective);
    const solution = await solver.solve(model.lp, request());
    timedOut ||= solution.status === 'time-limit';
    if (solution.values.length > 0) chosen = solution;
    return solution;
  };
  const accelerators = model.w.map((v) => term(v));
  if (tieBreakOf(instance.problem.objective) === 'fewest-accelerators') {
    const fewest = await stage(accelerators);
    if (fewest.values.length > 0) model.lp.constrain(accelerators, '=', Math.round(fewest.objective));
  }
  const largest = model.lp.continuous(0);
  for (let i = 0; i < instance.n; i++) {
    model.lp.constrain([term(largest), ...negate(model.roundTime(i)), term(model.x[i], -model.bigM)], '>=', -model.bigM);
  }
  await stage([term(largest)]);
  // The later stages only rank placements of stage 1's k AIFs: the primary objective's bound is stage 1's.
  const result = outcome(chosen, stage1, model);
  return timedOut ? { ...result, status: 'time-limit' } : result;
}

function outcome(solution: LpSolution, primary: LpSolution, model: PlacementMilp): MilpOutcome {
  const placement = solution.values.length > 0 ? model.decode(solution.values) : undefined;
  const status = solution.status === 'unbounded' ? 'error' : solution.status;
  return { status, placement, bound: primary.bound, gap: placement === undefined ? null : primary.gap, rawStatus: solution.rawStatus };
}
