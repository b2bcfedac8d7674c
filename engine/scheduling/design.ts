/**
 * The static ("design") view of a switch that solveSwitch checks SLOs against: every flow at its
 * design rate r*_f, theta_t from those rates, and the common relative slack of a weight vector.
 */
import { delayCoefficients, designRates, taskDelay, taskLoads, taskThetas, type DelayCoefficients } from './delay.js';
import type { SwitchModel } from './model.js';
import { buildStructure, type SwitchStructure } from './structure.js';

/** Relative tolerance of every SLO check (docs/models.md): 4/5–1/5 on the fork meets f2's SLOs exactly. */
export const SLO_TOLERANCE = 1e-9;

/**
 * One delay SLO of the common slack: a sum of task delays (each counted `count` times) plus a fixed
 * `offset` must stay within `limit`. A flow's delay SLO is one (offset 0, each task once); a service
 * across switches is another, whose tasks are those of its hop flows and whose offset is the
 * propagation along its route (joint.ts).
 */
export interface DelayLimit {
  readonly visits: readonly { readonly task: number; readonly count: number }[];
  /** D, seconds. */
  readonly limit: number;
  /** Delay outside the tasks, seconds. */
  readonly offset: number;
}

export interface Design {
  readonly model: SwitchModel;
  readonly structure: SwitchStructure;
  /** r*_f per flow. */
  readonly designRates: readonly number[];
  /** sum_f r*_f tau_{t,f} per task, cycles per second. */
  readonly loads: readonly number[];
  /** The smallest weight that carries the design load: load_t / T_i (may exceed 1). */
  readonly minimumWeights: readonly number[];
  readonly coefficients: readonly DelayCoefficients[];
  /** The delay SLOs the common slack bounds: one per flow with a delay SLO, in flow order. */
  readonly delayLimits: readonly DelayLimit[];
}

export function buildDesign(model: SwitchModel): Design {
  const structure = buildStructure(model);
  const rates = designRates(model);
  const loads = taskLoads(structure, rates);
  return {
    model,
    structure,
    designRates: rates,
    loads,
    minimumWeights: loads.map((load, t) => load / model.workers[model.tasks[t].worker].speed),
    coefficients: delayCoefficients(model, structure, taskThetas(structure, rates)),
    delayLimits: model.flows.flatMap((flow, f) =>
      flow.delaySlo === undefined ? [] : [{ visits: structure.visits[f].map(({ task }) => ({ task, count: 1 })), limit: flow.delaySlo, offset: 0 }],
    ),
  };
}

/** The delay a limit measures at `weights`: its offset plus its tasks' delays; Infinity when one starves. */
export function limitedDelay(design: Design, limit: DelayLimit, weights: readonly number[]): number {
  return limit.visits.reduce((sum, { task, count }) => sum + count * taskDelay(design.coefficients[task], weights[task]), limit.offset);
}

export function meetsDelaySlo(delay: number, slo: number | undefined): boolean {
  return slo === undefined || delay <= slo * (1 + SLO_TOLERANCE);
}

/** w_t T_i >= sum_f r*_f tau_{t,f}, relatively. */
export function carriesDesignLoad(design: Design, task: number, weight: number): boolean {
  return weight >= design.minimumWeights[task] * (1 - SLO_TOLERANCE);
}

/**
 * The largest s with d(w) <= (1 - s) D for every delay limit (every flow with a delay SLO) and
 * w_t T_i >= (1 + s) load_t for every loaded task: min over those constraints of 1 - d/D and
 * w_t/minimumWeight_t - 1. -Infinity when a delay is unbounded, +Infinity when nothing constrains s.
 */
export function commonSlack(design: Design, weights: readonly number[]): number {
  let slack = Infinity;
  for (const limit of design.delayLimits) slack = Math.min(slack, 1 - limitedDelay(design, limit, weights) / limit.limit);
  design.minimumWeights.forEach((minimum, t) => {
    if (minimum > 0) slack = Math.min(slack, weights[t] / minimum - 1);
  });
  return slack;
}
