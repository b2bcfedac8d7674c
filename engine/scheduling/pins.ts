/**
 * Which weights the optimiser may choose. A task with a `weight` in the source is pinned to it; the
 * others on its worker share what the pinned ones leave (sum_{t on worker i} w_t = 1).
 */
import type { SwitchModel } from './model.js';
import type { SwitchStructure } from './structure.js';

/** Per task, its pinned weight, or undefined when the optimiser chooses it. */
export type Pins = readonly (number | undefined)[];

/**
 * solveSwitch's rule: if every task has a fixed weight the switch is evaluated as written and the
 * optimum offered as a quick fix is computed with nothing pinned; if only some do, those are pinned
 * and the others optimised around them.
 */
export function optimiserPins(model: SwitchModel): Pins {
  const allFixed = model.tasks.every((t) => t.fixedWeight !== undefined);
  return model.tasks.map((t) => (allFixed ? undefined : t.fixedWeight));
}

export function freeTasksOf(structure: SwitchStructure, pins: Pins, worker: number): number[] {
  return structure.tasksOfWorker[worker].filter((t) => pins[t] === undefined);
}

/** 1 - the pinned weights of the worker (never below 0). */
export function freeShareOf(structure: SwitchStructure, pins: Pins, worker: number): number {
  return Math.max(0, 1 - structure.tasksOfWorker[worker].reduce((sum, t) => sum + (pins[t] ?? 0), 0));
}

/** Pinned weights as given, the rest of each worker's share split equally among its free tasks. */
export function equalShareWeights(model: SwitchModel, structure: SwitchStructure, pins: Pins): number[] {
  const weights = pins.map((w) => w ?? 0);
  model.workers.forEach((_, i) => {
    const free = freeTasksOf(structure, pins, i);
    const share = freeShareOf(structure, pins, i);
    for (const t of free) weights[t] = share / free.length;
  });
  return weights;
}
