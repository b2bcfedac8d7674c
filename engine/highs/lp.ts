/**
 * A small (MI)LP builder for HiGHS. Variables get generated names (v0, v1, ...) so no user
 * text ever reaches the LP parser; callers keep their own index of what each variable means.
 */
import type { Highs } from 'highs';

export type Sense = 'min' | 'max';
export type Relation = '<=' | '>=' | '=';

export interface Term {
  readonly variable: number;
  readonly coefficient: number;
}

interface Variable {
  lower: number;
  upper: number;
  integer: boolean;
}

interface Constraint {
  terms: Term[];
  relation: Relation;
  rhs: number;
}

export type LpStatus = 'optimal' | 'infeasible' | 'unbounded' | 'time-limit' | 'error';

export interface LpSolution {
  readonly status: LpStatus;
  /** Objective value; NaN unless a solution is available. */
  readonly objective: number;
  /** Primal values indexed like the variables; empty unless a solution is available. */
  readonly values: Float64Array;
  /** HiGHS's own status text, for messages. */
  readonly rawStatus: string;
  /**
   * The best proven bound on the objective (a MIP's dual bound; the objective itself when optimal),
   * or null when none is known (no solve finished, or a MIP stopped before bounding).
   */
  readonly bound: number | null;
  /** Relative gap between `objective` and `bound` as HiGHS reports it (0 when optimal), or null when unknown. */
  readonly gap: number | null;
}

export interface SolveOptions {
  /** Seconds; HiGHS may overshoot it, so callers with a hard deadline run it in a worker. */
  readonly timeLimit?: number;
  readonly mipRelGap?: number;
}

export class LinearProgram {
  private readonly variables: Variable[] = [];
  private readonly constraints: Constraint[] = [];
  private objective: Term[] = [];
  private sense: Sense = 'min';

  /** Adds a continuous variable in [lower, upper]; returns its index. */
  continuous(lower = 0, upper = Infinity): number {
    this.variables.push({ lower, upper, integer: false });
    return this.variables.length - 1;
  }

  /** Adds a binary variable; returns its index. */
  binary(): number {
    this.variables.push({ lower: 0, upper: 1, integer: true });
    return this.variables.length - 1;
  }

  /** Adds an integer variable in [lower, upper]; returns its index. */
  integer(lower: number, upper: number): number {
    this.variables.push({ lower, upper, integer: true });
    return this.variables.length - 1;
  }

  fixBounds(variable: number, lower: number, upper: number): void {
    this.variables[variable].lower = lower;
    this.variables[variable].upper = upper;
  }

  constrain(terms: readonly Term[], relation: Relation, rhs: number): void {
    this.constraints.push({ terms: terms.filter((t) => t.coefficient !== 0), relation, rhs });
  }

  setObjective(sense: Sense, terms: readonly Term[]): void {
    this.sense = sense;
    this.objective = [...terms];
  }

  get variableCount(): number {
    return this.variables.length;
  }

  get constraintCount(): number {
    return this.constraints.length;
  }

  /** The model in CPLEX LP format. */
  toLpFormat(): string {
    const lines: string[] = [this.sense === 'min' ? 'Minimize' : 'Maximize'];
    lines.push(` obj: ${formatTerms(this.objective) || '0 v0'}`);
    lines.push('Subject To');
    this.constraints.forEach((c, i) => {
      const lhs = formatTerms(c.terms);
      // HiGHS rejects a row without terms; an empty row is either trivially true or trivially false.
      if (lhs === '') {
        if (!holds(0, c.relation, c.rhs)) lines.push(` c${i}: 0 v0 ${c.relation} ${formatNumber(c.rhs)}`);
        return;
      }
      lines.push(` c${i}: ${lhs} ${c.relation} ${formatNumber(c.rhs)}`);
    });
    lines.push('Bounds');
    this.variables.forEach((v, i) => {
      const lower = v.lower === -Infinity ? '-inf' : formatNumber(v.lower);
      const upper = v.upper === Infinity ? '+inf' : formatNumber(v.upper);
      lines.push(` ${lower} <= v${i} <= ${upper}`);
    });
    const integers = this.variables.flatMap((v, i) => (v.integer ? [`v${i}`] : []));
    if (integers.length > 0) {
      lines.push('General');
      for (let i = 0; i < integers.length; i += 20) lines.push(' ' + integers.slice(i, i + 20).join(' '));
    }
    lines.push('End');
    return lines.join('\n');
  }

  solve(highs: Highs, options: SolveOptions = {}): LpSolution {
    return solveLpText(highs, this.toLpFormat(), this.variables.length, options);
  }
}

/**
 * Solves a model already written in CPLEX LP format whose variables are named v0..v{count-1}.
 * Split from `LinearProgram.solve` so a worker thread can solve the text it was sent. Uses a
 * persistent HiGHS model (disposed here) rather than the one-shot `solve()`: only the model's info
 * store tells a MIP's dual bound and gap, which a time-limited solve must report honestly.
 */
export function solveLpText(highs: Highs, text: string, variableCount: number, options: SolveOptions = {}): LpSolution {
  const model = highs.createModel({ format: 'lp', data: text });
  try {
    model.options.set({
      output_flag: false,
      ...(options.timeLimit === undefined ? {} : { time_limit: options.timeLimit }),
      ...(options.mipRelGap === undefined ? {} : { mip_rel_gap: options.mipRelGap }),
    });
    const { modelStatus } = model.run();
    const status = classify(modelStatus);
    const feasible = Number(model.info.get('primal_solution_status')) === PRIMAL_FEASIBLE;
    const objective = model.getObjectiveValue();
    // A time-limited MIP without an incumbent has columns but no feasible solution: not a solution.
    const usable = (status === 'optimal' || status === 'time-limit') && feasible && Number.isFinite(objective);
    const values = new Float64Array(usable ? variableCount : 0);
    if (usable) {
      const { colValue } = model.getSolution();
      // The LP reader numbers columns in order of appearance; our names say which variable each is.
      for (let column = 0; column < colValue.length; column++) {
        const variable = Number(model.getColName(column).slice(1));
        if (variable < variableCount) values[variable] = colValue[column];
      }
    }
    const { bound, gap } = optimalityOf(model, status, usable ? objective : NaN);
    return { status, objective: usable ? objective : NaN, values, rawStatus: MODEL_STATUS_TEXT[modelStatus] ?? `status ${modelStatus}`, bound, gap };
  } finally {
    model.dispose();
  }
}

/** HiGHS's `primal_solution_status` value of a feasible primal solution. */
const PRIMAL_FEASIBLE = 2;

/** The proven bound and gap: exact when optimal, HiGHS's MIP figures otherwise (null when it has none). */
function optimalityOf(model: ReturnType<Highs['createModel']>, status: LpStatus, objective: number): { bound: number | null; gap: number | null } {
  if (status === 'optimal') return { bound: objective, gap: 0 };
  const finite = (name: string): number | null => {
    try {
      const value = Number(model.info.get(name));
      return Number.isFinite(value) && Math.abs(value) < INFINITE_BOUND ? value : null;
    } catch {
      return null; // an LP has no MIP information
    }
  };
  const bound = finite('mip_dual_bound');
  return { bound, gap: Number.isFinite(objective) && bound !== null ? finite('mip_gap') : null };
}

/** HiGHS reports "no bound" as ±kHighsInf or as a huge finite number. */
const INFINITE_BOUND = 1e30;

const MODEL_STATUS_TEXT: Readonly<Record<number, string>> = {
  0: 'Not set',
  1: 'Load error',
  2: 'Model error',
  3: 'Presolve error',
  4: 'Solve error',
  5: 'Postsolve error',
  6: 'Empty',
  7: 'Optimal',
  8: 'Infeasible',
  9: 'Primal infeasible or unbounded',
  10: 'Unbounded',
  11: 'Bound on objective reached',
  12: 'Target for objective reached',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
  15: 'Unknown',
  16: 'Solution limit reached',
  17: 'Interrupted',
};

function classify(status: number): LpStatus {
  switch (status) {
    case 7:
      return 'optimal';
    case 8:
    case 9:
      return 'infeasible';
    case 10:
      return 'unbounded';
    case 13:
      return 'time-limit';
    default:
      return 'error';
  }
}

function holds(lhs: number, relation: Relation, rhs: number): boolean {
  return relation === '<=' ? lhs <= rhs : relation === '>=' ? lhs >= rhs : lhs === rhs;
}

function formatTerms(terms: readonly Term[]): string {
  return terms
    .filter((t) => t.coefficient !== 0)
    .map((t, i) => {
      const sign = t.coefficient < 0 ? '-' : i === 0 ? '' : '+';
      return `${sign} ${formatNumber(Math.abs(t.coefficient))} v${t.variable}`.trim();
    })
    .join(' ');
}

/** Full precision, never exponent-free rounding; LP format accepts 1e-05 style numbers. */
function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`non-finite number in LP model: ${value}`);
  return String(value);
}
