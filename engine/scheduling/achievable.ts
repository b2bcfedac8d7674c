/**
 * The best values an infeasible SLO could be relaxed to (docs/models.md), both exact and in closed form:
 * - achievableDelay_f = min_w d_f(w) s.t. every task carries its design load and each worker's
 *   weights sum to 1;
 * - achievableRate_f = the largest r_f <= rho_f such that every other flow keeps r*_g.
 * The same holds for a service's hops in one switch (joint.ts): the sum of their delays, each task
 * counted once per hop through it, and one common rate for all of them.
 * Only the pins of the optimiser apply (see pins.ts). `undefined` means no weights achieve the
 * premise (the design loads do not fit, or a pinned weight starves the flow).
 */
import { present } from '../invariants.js';
import { taskDelay } from './delay.js';
import { carriesDesignLoad, SLO_TOLERANCE, type Design } from './design.js';
import { freeShareOf, freeTasksOf, type Pins } from './pins.js';

/**
 * Workers are independent here: weights only interact through a worker's sum, and d_f is a sum of
 * per-task terms. On one worker, the tasks f does not visit get exactly their minimum weight and f's
 * tasks share the rest, minimising sum_t max(beta_t, q_t/w_t) by water-filling (see waterFill).
 */
export function achievableDelay(design: Design, pins: Pins, flow: number): number | undefined {
  return achievablePathDelay(design, pins, new Map(design.structure.visits[flow].map((v) => [v.task, 1])));
}

/**
 * min_w sum_t count_t d_t(w) under the premise above, for the tasks of `counts` (task -> how often
 * its delay counts). Counting a task k times scales both its terms, so the water-filling takes
 * k q_t and k beta_t: the cap q_t/beta_t, beyond which weight buys nothing, stays the same.
 */
export function achievablePathDelay(design: Design, pins: Pins, counts: ReadonlyMap<number, number>): number | undefined {
  const { model, structure, coefficients, minimumWeights } = design;
  if (!designLoadsFit(design, pins)) return undefined;
  let delay = 0;
  for (const [task, count] of counts) {
    const c = coefficients[task];
    const pinned = pins[task];
    // Pinned tasks and tasks whose queuing term is 0 (Q = 0) do not depend on the free weights.
    if (pinned !== undefined || c.free || c.queuingAtFullWeight === 0) delay += count * taskDelay(c, pinned ?? 1);
    else delay += count * c.processing;
  }
  model.workers.forEach((_, i) => {
    const free = freeTasksOf(structure, pins, i);
    const tuned = free.filter((t) => counts.has(t) && !coefficients[t].free && coefficients[t].queuingAtFullWeight > 0);
    if (tuned.length === 0) return;
    const others = free.filter((t) => !tuned.includes(t)).reduce((sum, t) => sum + minimumWeights[t], 0);
    const budget = freeShareOf(structure, pins, i) - others;
    delay += waterFill(
      tuned.map((t) => {
        const count = present(counts.get(t), `the count of task ${t}`);
        return { scale: count * coefficients[t].queuingAtFullWeight, floor: count * coefficients[t].blocking, minimum: minimumWeights[t] };
      }),
      budget,
    );
  });
  return Number.isFinite(delay) ? delay : undefined;
}

/** Does every task fit its design load under the pins (the premise of achievableDelay)? */
function designLoadsFit(design: Design, pins: Pins): boolean {
  const { model, structure, minimumWeights } = design;
  const pinnedFit = pins.every((w, t) => w === undefined || carriesDesignLoad(design, t, w));
  return (
    pinnedFit &&
    model.workers.every((_, i) => {
      const needed = freeTasksOf(structure, pins, i).reduce((sum, t) => sum + minimumWeights[t], 0);
      return needed <= freeShareOf(structure, pins, i) * (1 + SLO_TOLERANCE);
    })
  );
}

interface WaterFillItem {
  /** q_t: the term is scale / w_t ... */
  readonly scale: number;
  /** ... but never below floor = beta_t (the blocking term). */
  readonly floor: number;
  /** w_t >= minimum. */
  readonly minimum: number;
}

/**
 * min sum_t max(floor_t, scale_t / w_t) s.t. w_t >= minimum_t, sum_t w_t <= budget (scale_t > 0).
 * Weight beyond cap_t = scale_t/floor_t buys nothing, so the problem is min sum scale_t/w_t over
 * minimum_t <= w_t <= max(minimum_t, cap_t). Its KKT conditions give w_t = clamp(sqrt(scale_t) c, ...)
 * for one c >= 0 (c = 1/sqrt(multiplier)); the sum is piecewise linear and non-decreasing in c, so c
 * is found exactly between two sorted breakpoints.
 */
function waterFill(items: readonly WaterFillItem[], budget: number): number {
  const roots = items.map((item) => Math.sqrt(item.scale));
  const caps = items.map((item) => Math.max(item.minimum, item.floor > 0 ? item.scale / item.floor : Infinity));
  const allocate = (c: number): number[] => items.map((item, k) => Math.min(caps[k], Math.max(item.minimum, roots[k] * c)));
  const total = (c: number): number => allocate(c).reduce((sum, w) => sum + w, 0);
  const breakpoints = items
    .flatMap((item, k) => [item.minimum / roots[k], caps[k] / roots[k]])
    .filter(Number.isFinite)
    .sort((a, b) => a - b);

  let c: number;
  if (total(0) >= budget) c = 0;
  else {
    const next = breakpoints.find((b) => total(b) >= budget);
    if (next === undefined) {
      const last = breakpoints.at(-1) ?? 0;
      // Past the last breakpoint only uncapped items still grow; if none does, everything sits at its cap.
      const slope = items.reduce((sum, _, k) => (caps[k] === Infinity ? sum + roots[k] : sum), 0);
      c = slope > 0 ? last + (budget - total(last)) / slope : last;
    } else {
      const previous = breakpoints.filter((b) => b < next).at(-1) ?? 0;
      const [low, high] = [total(previous), total(next)];
      c = high > low ? previous + ((budget - low) * (next - previous)) / (high - low) : next;
    }
  }
  return allocate(c).reduce((sum, w, k) => sum + Math.max(items[k].floor, w > 0 ? items[k].scale / w : Infinity), 0);
}

export function achievableRate(design: Design, pins: Pins, flow: number): number | undefined {
  return achievableCommonRate(design, pins, [flow]);
}

/**
 * The largest rate r that every flow of `flows` can get at once (at most the smallest of their
 * offered loads) while every other flow keeps r*_g. Per worker, the free tasks must fit
 * sum_t (base_t + r own_t) / T_i <= free share, and each pinned task w_t T_i >= base_t + r own_t,
 * where base_t is the load of the other flows at r* and own_t the cycles per packet of `flows` in t.
 */
export function achievableCommonRate(design: Design, pins: Pins, flows: readonly number[]): number | undefined {
  const { model, structure } = design;
  const rStar = design.designRates;
  const chosen = new Set(flows);
  const base = structure.passages.map((passages) => passages.reduce((sum, p) => (chosen.has(p.flow) ? sum : sum + rStar[p.flow] * p.tau), 0));
  const own = structure.passages.map((passages) => passages.reduce((sum, p) => (chosen.has(p.flow) ? sum + p.tau : sum), 0));
  let rate = Math.min(...flows.map((f) => model.flows[f].offered));
  for (let i = 0; i < model.workers.length; i++) {
    const speed = model.workers[i].speed;
    // Each entry is one capacity: available cycles/s, other flows' cycles/s, f's cycles per packet.
    const limits = structure.tasksOfWorker[i].filter((t) => pins[t] !== undefined).map((t) => ({ capacity: (pins[t] ?? 0) * speed, used: base[t], perPacket: own[t] }));
    const free = freeTasksOf(structure, pins, i);
    limits.push({
      capacity: freeShareOf(structure, pins, i) * speed,
      used: free.reduce((sum, t) => sum + base[t], 0),
      perPacket: free.reduce((sum, t) => sum + own[t], 0),
    });
    for (const { capacity, used, perPacket } of limits) {
      if (used > capacity * (1 + SLO_TOLERANCE)) return undefined;
      if (perPacket > 0) rate = Math.min(rate, Math.max(0, capacity - used) / perPacket);
    }
  }
  return rate;
}
