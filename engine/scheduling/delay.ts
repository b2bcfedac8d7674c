/**
 * The delay and load model of docs/models.md "The delay estimate" (paper §III-B and §III-C), exactly:
 * design rates, task processing times theta_t, task loads and the per-task delay estimate
 * d_{t,f} = max{ max_{t' != t same worker} B theta_t'/T_i, Q theta_t/(T_i w_t) } + B theta_t/T_i.
 *
 * Internally an unbounded delay (a task with positive cost and weight 0) is `Infinity`; results that
 * leave the engine map it to null (see result.ts), so it never reaches JSON.
 */
import type { SwitchModel } from './model.js';
import type { SwitchStructure } from './structure.js';

/** r*_f = min(rho_f, R_f), or rho_f without a rate SLO: the rate every SLO check is made at. */
export function designRates(model: SwitchModel): number[] {
  return model.flows.map((f) => (f.rateSlo === undefined ? f.offered : Math.min(f.offered, f.rateSlo)));
}

/**
 * theta_t: the rate-weighted mean of tau_{t,f} over the flows through t. The plain mean when the
 * rates through t sum to 0 (the mean is still the cost a packet would see), 0 for a task no flow visits.
 */
export function taskThetas(structure: SwitchStructure, rates: readonly number[]): number[] {
  return structure.passages.map((passages) => {
    if (passages.length === 0) return 0;
    const total = passages.reduce((sum, p) => sum + rates[p.flow], 0);
    if (total > 0) return passages.reduce((sum, p) => sum + rates[p.flow] * p.tau, 0) / total;
    return passages.reduce((sum, p) => sum + p.tau, 0) / passages.length;
  });
}

/** Cycles per second task t must run to carry `rates`: sum_f r_f tau_{t,f}. */
export function taskLoads(structure: SwitchStructure, rates: readonly number[]): number[] {
  return structure.passages.map((passages) => passages.reduce((sum, p) => sum + rates[p.flow] * p.tau, 0));
}

/**
 * The weight-independent parts of d_{t,f} (they depend on theta only), so the optimiser and the
 * controller can evaluate delays for many weight vectors cheaply:
 * d_t(w) = 0 if `free`, else max(blocking, queuingAtFullWeight / w_t) + processing.
 */
export interface DelayCoefficients {
  /** max_{t' != t on the same worker} B theta_t'/T_i, seconds (0 when t is alone). */
  readonly blocking: number;
  /** Q theta_t / T_i: the queuing delay at weight 1, seconds. */
  readonly queuingAtFullWeight: number;
  /** B theta_t / T_i, seconds. */
  readonly processing: number;
  /**
   * theta_t = 0: the task adds no delay at all. The paper's fork example counts its zero-cost task0
   * as free even though it waits behind the other tasks, and docs/models.md requires "adds 0, never NaN".
   */
  readonly free: boolean;
}

export function delayCoefficients(model: SwitchModel, structure: SwitchStructure, thetas: readonly number[]): DelayCoefficients[] {
  const B = model.batch;
  const Q = model.queue;
  return model.tasks.map((task, t) => {
    const speed = model.workers[task.worker].speed;
    const blocking = structure.tasksOfWorker[task.worker].reduce((max, other) => (other === t ? max : Math.max(max, (B * thetas[other]) / speed)), 0);
    return {
      blocking,
      queuingAtFullWeight: (Q * thetas[t]) / speed,
      processing: (B * thetas[t]) / speed,
      free: thetas[t] === 0,
    };
  });
}

/** The three terms of d_{t,f} as reported in a delay budget; `queuing` may be Infinity. */
export interface DelayTerms {
  readonly blocking: number;
  readonly queuing: number;
  readonly processing: number;
}

/**
 * The max{blocking, queuing} picks one cause of waiting; the other is reported as 0 so that the
 * three terms add up to d_{t,f} (the budget chart stacks them). A tie counts as queuing.
 */
export function delayTerms(c: DelayCoefficients, weight: number): DelayTerms {
  if (c.free) return { blocking: 0, queuing: 0, processing: 0 };
  const queuing = queuingDelay(c, weight);
  return queuing >= c.blocking ? { blocking: 0, queuing, processing: c.processing } : { blocking: c.blocking, queuing: 0, processing: c.processing };
}

/** Q theta_t/(T_i w_t), with 0/0 = 0 (no work, no wait) and x/0 = Infinity. */
function queuingDelay(c: DelayCoefficients, weight: number): number {
  if (c.queuingAtFullWeight === 0) return 0;
  return weight > 0 ? c.queuingAtFullWeight / weight : Infinity;
}

/** d_{t,f} at weight w_t (the same for every flow through t). */
export function taskDelay(c: DelayCoefficients, weight: number): number {
  if (c.free) return 0;
  return Math.max(c.blocking, queuingDelay(c, weight)) + c.processing;
}

/** d_f = sum of d_{t,f} over the tasks f visits; Infinity when one of them starves. */
export function flowDelays(structure: SwitchStructure, coefficients: readonly DelayCoefficients[], weights: readonly number[]): number[] {
  const perTask = coefficients.map((c, t) => taskDelay(c, weights[t]));
  return structure.visits.map((visits) => visits.reduce((sum, v) => sum + perTask[v.task], 0));
}
