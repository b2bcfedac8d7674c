/**
 * Load phases of a switch whose traffic changes over control periods (the `traffic` block): the
 * model in force from each change on. A phase starts at period 0 and at every period where some
 * change applies; changes at the same period form one phase, applied in their order.
 */
import type { SwitchModel, TrafficChange } from './model.js';

export interface LoadPhase {
  /** First control period under this load. */
  readonly start: number;
  /** The changes that start this phase (empty for a phase 0 without changes at period 0). */
  readonly changes: readonly TrafficChange[];
  /** The switch with every change up to `start` applied; `traffic` is kept. */
  readonly model: SwitchModel;
}

/** The phases that start before `periods`, in period order; later changes are never reached. */
export function loadPhases(model: SwitchModel, periods: number): LoadPhase[] {
  const changes = [...(model.traffic ?? [])].filter((c) => c.period < periods).sort((a, b) => a.period - b.period);
  const phases: LoadPhase[] = [];
  let current = model;
  let next = 0;
  for (const start of [0, ...new Set(changes.map((c) => c.period).filter((p) => p > 0))]) {
    const starting: TrafficChange[] = [];
    while (next < changes.length && changes[next].period <= start) starting.push(changes[next++]);
    current = applyChanges(current, starting);
    phases.push({ start, changes: starting, model: current });
  }
  return phases;
}

function applyChanges(model: SwitchModel, changes: readonly TrafficChange[]): SwitchModel {
  if (changes.length === 0) return model;
  const flows = [...model.flows];
  for (const { flow, offered, rateSlo, delaySlo } of changes) {
    flows[flow] = {
      ...flows[flow],
      ...(offered !== undefined && { offered }),
      ...(rateSlo !== undefined && { rateSlo }),
      ...(delaySlo !== undefined && { delaySlo }),
    };
  }
  return { ...model, flows };
}
