/**
 * Several switches as one design, so the weight optimiser (optimal-weights.ts) can maximise one
 * common slack over all of them. Every term of the common slack is per task (a capacity margin) or
 * a sum of task delays (a delay limit), and each task's delay coefficients depend only on its own
 * worker and switch; so the union of the switches' tasks, workers and delay limits, with indices
 * shifted part by part, is exactly the joint problem. Service limits (joint.ts) then add sums that
 * cross the parts.
 */
import { DEFAULT_CONTROLLER, type SwitchModel } from './model.js';
import type { DelayLimit, Design } from './design.js';
import type { SwitchStructure } from './structure.js';

export interface JointDesign {
  readonly design: Design;
  readonly parts: readonly Design[];
  /** Where each part's tasks start in the union. */
  readonly taskOffsets: readonly number[];
}

/** Prefix sums of `sizes`: where each part starts. */
function offsets(sizes: readonly number[]): number[] {
  const starts: number[] = [];
  sizes.reduce((start, size) => (starts.push(start), start + size), 0);
  return starts;
}

export function combineDesigns(name: string, parts: readonly Design[], extraLimits: (taskOffsets: readonly number[]) => readonly DelayLimit[] = () => []): JointDesign {
  const models = parts.map((p) => p.model);
  const taskOffsets = offsets(models.map((m) => m.tasks.length));
  const workerOffsets = offsets(models.map((m) => m.workers.length));
  const moduleOffsets = offsets(models.map((m) => m.modules.length));
  const flowOffsets = offsets(models.map((m) => m.flows.length));
  const qualified = (k: number, member: string) => `${models[k].name}.${member}`;

  const model: SwitchModel = {
    name,
    workers: models.flatMap((m, k) => m.workers.map((w) => ({ ...w, name: qualified(k, w.name) }))),
    // No single B and Q exist across switches: every part's delay coefficients already hold its own.
    batch: Number.NaN,
    queue: Number.NaN,
    modules: models.flatMap((m, k) => m.modules.map((v) => ({ ...v, name: qualified(k, v.name) }))),
    edges: models.flatMap((m, k) => m.edges.map(([a, b]) => [a + moduleOffsets[k], b + moduleOffsets[k]] as const)),
    tasks: models.flatMap((m, k) =>
      m.tasks.map((t) => ({ ...t, name: qualified(k, t.name), worker: t.worker + workerOffsets[k], modules: t.modules.map((v) => v + moduleOffsets[k]) })),
    ),
    flows: models.flatMap((m, k) => m.flows.map((f) => ({ ...f, name: qualified(k, f.name), path: f.path.map((v) => v + moduleOffsets[k]) }))),
    controller: DEFAULT_CONTROLLER,
  };
  const structure: SwitchStructure = {
    visits: parts.flatMap((p, k) => p.structure.visits.map((visits) => visits.map((v) => ({ ...v, task: v.task + taskOffsets[k] })))),
    passages: parts.flatMap((p, k) => p.structure.passages.map((passages) => passages.map((q) => ({ ...q, flow: q.flow + flowOffsets[k] })))),
    tasksOfWorker: parts.flatMap((p, k) => p.structure.tasksOfWorker.map((tasks) => tasks.map((t) => t + taskOffsets[k]))),
  };
  const shift = (limit: DelayLimit, k: number): DelayLimit => ({ ...limit, visits: limit.visits.map((v) => ({ ...v, task: v.task + taskOffsets[k] })) });
  const design: Design = {
    model,
    structure,
    designRates: parts.flatMap((p) => p.designRates),
    loads: parts.flatMap((p) => p.loads),
    minimumWeights: parts.flatMap((p) => p.minimumWeights),
    coefficients: parts.flatMap((p) => p.coefficients),
    delayLimits: [...parts.flatMap((p, k) => p.delayLimits.map((limit) => shift(limit, k))), ...extraLimits(taskOffsets)],
  };
  return { design, parts, taskOffsets };
}

/** Part k's entries of a per-task vector of the union (weights, pins). */
export function partOf<T>(joint: JointDesign, k: number, perTask: readonly T[]): T[] {
  const start = joint.taskOffsets[k];
  return perTask.slice(start, start + joint.parts[k].model.tasks.length);
}
