/**
 * The placement result, shaped exactly like an entry of `placements[]` in docs/cli.md's `nsc solve --json`.
 * Every number is finite or null: no NaN or Infinity ever reaches JSON.
 */
import type { Objective, ObjectiveKind, SpreadOver, TieBreak } from './model.js';
import type { PlacementInstance } from './instance.js';
import { objectiveValue, placementFigures, roundTimes, type Placement } from './placement.js';
import type { Relaxations } from './relaxations.js';

export type PlacementStatus = 'feasible' | 'infeasible' | 'timeout';

/** exact: combinatorial min-aifs/baseline; exact-window: sliding-window balanced; milp-*: HiGHS on either model. */
export type PlacementMethod = 'exact' | 'exact-window' | 'milp-compact' | 'milp-paper';

export interface PlacementResult {
  readonly name: string;
  readonly objective: ObjectiveKind;
  /** min-aifs and baseline: how equally few AIFs were ranked. */
  readonly tieBreak?: TieBreak;
  /** balanced: what the spread of its objective is over. */
  readonly spreadOver?: SpreadOver;
  readonly status: PlacementStatus;
  readonly server: string | null;
  readonly aifs: string[];
  readonly accelerated: string[];
  readonly k: number | null;
  /** p_k, seconds. */
  readonly trainingTime: number | null;
  /** T/R, seconds. */
  readonly roundLimit: number | null;
  readonly roundTimes: Record<string, number>;
  readonly maxRoundTime: number | null;
  /** R * max round time. */
  readonly loopTime: number | null;
  /** max - min round time over the AIFs. */
  readonly spread: number | null;
  /** Added field: the value of the objective (1) or (24) for the reported placement. */
  readonly objectiveValue: number | null;
  readonly relaxations: Relaxations;
  /**
   * How it was solved. `bound`: the best proven bound on the objective (objectiveValue when proven
   * optimal); `gap`: the relative gap between the reported placement's objective and that bound,
   * 0 when proven optimal. Both null when unknown — a solve stopped by its limit before bounding,
   * or one without a placement.
   */
  readonly solver: { readonly method: PlacementMethod; readonly seconds: number; readonly bound: number | null; readonly gap: number | null };
  /** Added field: why the requirement is infeasible or could not be solved; absent when feasible. */
  readonly reason?: string;
}

export const NO_RELAXATIONS: Relaxations = { minTarget: null, maxRounds: null, extraAccelerators: null };

export interface ResultParts {
  readonly status: PlacementStatus;
  readonly placement: Placement | undefined;
  readonly relaxations: Relaxations;
  readonly method: PlacementMethod;
  readonly seconds: number;
  readonly bound: number | null;
  readonly gap: number | null;
  readonly reason?: string;
}

export function placementResult(name: string, objective: Objective, instance: PlacementInstance | undefined, parts: ResultParts): PlacementResult {
  const roundLimit = instance?.roundLimit ?? null;
  const base = {
    name,
    objective: objective.kind,
    ...(objective.kind === 'balanced' ? { spreadOver: objective.spreadOver ?? 'aifs' } : { tieBreak: objective.tieBreak ?? 'fastest-round' }),
    status: parts.status,
    roundLimit,
    relaxations: parts.relaxations,
    solver: { method: parts.method, seconds: parts.seconds, bound: parts.bound, gap: parts.gap },
    ...(parts.reason === undefined ? {} : { reason: parts.reason }),
  };
  if (instance === undefined || parts.placement === undefined) {
    return {
      ...base,
      server: null,
      aifs: [],
      accelerated: [],
      k: null,
      trainingTime: null,
      roundTimes: {},
      maxRoundTime: null,
      loopTime: null,
      spread: null,
      objectiveValue: null,
    };
  }
  const placement = parts.placement;
  const figures = placementFigures(instance, placement);
  const times = roundTimes(instance, placement);
  const name_ = (i: number) => instance.names[i];
  const value = objectiveValue(instance, placement);
  return {
    ...base,
    solver: { ...base.solver, gap: gapOf(value, parts) },
    server: name_(placement.server),
    aifs: placement.aifs.map(name_),
    accelerated: placement.accelerated.map(name_),
    k: figures.k,
    trainingTime: figures.trainingTime,
    roundTimes: Object.fromEntries(placement.aifs.map((i, m) => [name_(i), times[m]])),
    maxRoundTime: figures.maxRoundTime,
    loopTime: instance.problem.rounds * figures.maxRoundTime,
    spread: figures.spread,
    objectiveValue: value,
  };
}

/**
 * The gap of the reported placement itself: a MILP stopped early may carry slack in its own
 * objective (its maxT above the largest round time), so its solver gap can overstate the distance
 * between this placement and the bound. A proven optimum keeps gap 0.
 */
function gapOf(value: number, { gap, bound }: ResultParts): number | null {
  if (gap === 0 || bound === null) return gap;
  return Math.max(0, value - bound) / Math.max(Math.abs(value), Number.MIN_VALUE);
}
