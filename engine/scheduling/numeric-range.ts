/**
 * Whether a switch's numbers are within what the engines resolve. The delay model, the rate LP and
 * the weight optimiser all work in ratios: a task's utilisation (its design load over its worker's
 * speed), each delay term over a flow's delay SLO, and, for the optimiser's tangent cuts of 1/w,
 * the ratio of the longest wait behind another task to a task's own queuing time (the cuts'
 * coefficients grow with its square). Every quantity may be sensible on its own while such a ratio
 * is absurd (1e12 cycles per packet at 1 Mpps on a 1 Hz worker); past MAX_RATIO the LP solver
 * (HiGHS: matrix values above 1e15 rejected, 1e20 taken as infinite) loses all precision, so the
 * language rejects the switch with these messages instead of solving it.
 */
import { buildDesign, type Design } from './design.js';
import type { SwitchModel } from './model.js';

export const MAX_RATIO = 1e6;

export interface RangeIssue {
  /** The task or flow the message is about (an index into the model's tasks or flows). */
  readonly task?: number;
  readonly flow?: number;
  readonly message: string;
}

const times = (ratio: number) => `${ratio.toPrecision(2)} times`;

export function numericRangeIssues(model: SwitchModel): RangeIssue[] {
  const { minimumWeights, coefficients, structure } = buildDesign(model);
  const issues: RangeIssue[] = [];
  minimumWeights.forEach((utilisation, task) => {
    if (utilisation > MAX_RATIO) {
      issues.push({
        task,
        message: `Task '${model.tasks[task].name}' needs ${times(utilisation)} the speed of its worker at the offered load: beyond what the solver can resolve (at most ${MAX_RATIO} times).`,
      });
    }
  });
  coefficients.forEach((c, task) => {
    if (c.free || c.queuingAtFullWeight === 0) return;
    const ratio = c.blocking / c.queuingAtFullWeight;
    if (ratio > MAX_RATIO) {
      issues.push({
        task,
        message: `Task '${model.tasks[task].name}' is ${times(ratio)} cheaper than another task on its worker (batch × cost against queue × cost): beyond what the solver can resolve (at most ${MAX_RATIO} times).`,
      });
    }
  });
  model.flows.forEach((flow, f) => {
    if (flow.delaySlo === undefined) return;
    const slowest = slowestTaskTime({ structure, coefficients }, f);
    if (slowest / flow.delaySlo > MAX_RATIO) {
      issues.push({
        flow: f,
        message: `The delay SLO of '${flow.name}' is ${times(slowest / flow.delaySlo)} shorter than the time one of its tasks takes per batch or queue: beyond what the solver can resolve (at most ${MAX_RATIO} times).`,
      });
    }
  });
  return issues;
}

/** The longest batch or full-queue time of a task on the flow's path, seconds. */
function slowestTaskTime(design: Pick<Design, 'structure' | 'coefficients'>, flow: number): number {
  const { structure, coefficients } = design;
  return Math.max(0, ...structure.visits[flow].map(({ task }) => Math.max(coefficients[task].processing, coefficients[task].queuingAtFullWeight)));
}

/**
 * The same ratio for a service's end-to-end delay SLO over every task its hop flows cross; undefined
 * when fine, or when a hop's switch is malformed (a module in no task: the switch reports that).
 */
export function serviceRangeIssue(name: string, hops: readonly { readonly model: SwitchModel; readonly flow: number }[], delaySlo: number): string | undefined {
  const inTasks = ({ model }: { model: SwitchModel }) => model.flows.every((f) => f.path.every((m) => model.tasks.some((t) => t.modules.includes(m))));
  if (!hops.every(inTasks)) return undefined;
  const slowest = Math.max(0, ...hops.map(({ model, flow }) => slowestTaskTime(buildDesign(model), flow)));
  if (slowest / delaySlo <= MAX_RATIO) return undefined;
  return `The delay SLO of '${name}' is ${times(slowest / delaySlo)} shorter than the time one of its hops' tasks takes per batch or queue: beyond what the solver can resolve (at most ${MAX_RATIO} times).`;
}
