/**
 * Index structure derived once from a SwitchModel: which task each module belongs to, which tasks
 * each flow visits (and its per-task cost tau_{t,f}), and which tasks share a worker.
 * Every other scheduling module works on these indices instead of re-walking the model.
 */
import type { SwitchModel } from './model.js';

/** One task on a flow's path: the flow spends `tau` cycles per packet inside `task`. */
export interface Visit {
  readonly task: number;
  /** tau_{t,f}: sum of c_v along the flow's path inside the task, cycles per packet. */
  readonly tau: number;
}

/** One flow through a task, seen from the task. */
export interface Passage {
  readonly flow: number;
  readonly tau: number;
}

export interface SwitchStructure {
  /** Per flow, the tasks it visits in path order, each once. */
  readonly visits: readonly (readonly Visit[])[];
  /** Per task, the flows through it (F_t) with their tau_{t,f}. */
  readonly passages: readonly (readonly Passage[])[];
  /** Per worker, its tasks (S_i). */
  readonly tasksOfWorker: readonly (readonly number[])[];
}

export function buildStructure(model: SwitchModel): SwitchStructure {
  const taskOfModule = new Array<number>(model.modules.length).fill(-1);
  model.tasks.forEach((task, t) => task.modules.forEach((m) => (taskOfModule[m] = t)));

  const visits = model.flows.map((flow) => {
    // A flow that leaves a task and re-enters it (possible in odd DAGs) still queues at the task once
    // per the delay model, so all its modules in that task add to one tau_{t,f}.
    const tauOfTask = new Map<number, number>();
    for (const m of flow.path) {
      const t = taskOfModule[m];
      if (t < 0) throw new RangeError(`module ${model.modules[m]?.name ?? m} of flow ${flow.name} is in no task`);
      tauOfTask.set(t, (tauOfTask.get(t) ?? 0) + model.modules[m].cost);
    }
    return [...tauOfTask].map(([task, tau]) => ({ task, tau }));
  });

  const passages: Passage[][] = model.tasks.map(() => []);
  visits.forEach((flowVisits, flow) => flowVisits.forEach(({ task, tau }) => passages[task].push({ flow, tau })));

  const tasksOfWorker: number[][] = model.workers.map(() => []);
  model.tasks.forEach((task, t) => tasksOfWorker[task.worker].push(t));

  return { visits, passages, tasksOfWorker };
}
