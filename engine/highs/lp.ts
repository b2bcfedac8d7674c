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
  /** Relative MIP gap when HiGHS reports one, else 0. */
  readonly gap: number;
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
 * Split from `LinearProgram.solve` so a worker thread can solve the text it was sent.
 */
export function solveLpText(highs: Highs, text: string, variableCount: number, options: SolveOptions = {}): LpSolution {
  const highsOptions: Record<string, unknown> = { output_flag: false };
  if (options.timeLimit !== undefined) highsOptions.time_limit = options.timeLimit;
  if (options.mipRelGap !== undefined) highsOptions.mip_rel_gap = options.mipRelGap;
  const result = highs.solve(text, highsOptions as Parameters<Highs['solve']>[1]);
  const status = classify(result.Status);
  const values = new Float64Array(variableCount);
  let hasValues = false;
  const columns = result.Columns as Record<string, { Primal?: number }>;
  for (let i = 0; i < variableCount; i++) {
    const primal = columns[`v${i}`]?.Primal;
    if (typeof primal === 'number') {
      values[i] = primal;
      hasValues = true;
    }
  }
  const objective = Number.isFinite(result.ObjectiveValue) ? result.ObjectiveValue : NaN;
  // A time-limited MIP without an incumbent reports an infinite objective with columns filled: not a solution.
  const usable = (status === 'optimal' || status === 'time-limit') && hasValues && Number.isFinite(objective);
  const gap = (result as { Info?: { mip_gap?: number } }).Info?.mip_gap;
  return {
    status,
    objective: usable ? objective : NaN,
    values: usable ? values : new Float64Array(0),
    rawStatus: result.Status,
    gap: typeof gap === 'number' && Number.isFinite(gap) ? gap : 0,
  };
}

function classify(status: string): LpStatus {
  switch (status) {
    case 'Optimal':
      return 'optimal';
    case 'Infeasible':
      return 'infeasible';
    case 'Unbounded':
    case 'Primal infeasible or unbounded':
      return status === 'Unbounded' ? 'unbounded' : 'infeasible';
    case 'Time limit reached':
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
