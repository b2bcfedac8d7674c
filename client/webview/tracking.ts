/**
 * What the controller charts draw besides the trajectories, from a simulation's phases and rows:
 * the periods that miss an SLO (shaded) and each flow's SLO as it is in force period by period (a
 * step line). DOM-free, so it is tested directly.
 */
import type { Simulation } from '../../engine/scheduling/result.js';

/** Consecutive periods from `from` to `to` (inclusive) in which some SLO is missed. */
export interface PeriodRange {
  readonly from: number;
  readonly to: number;
}

export function violationRanges(rows: Simulation['rows']): PeriodRange[] {
  const ranges: PeriodRange[] = [];
  for (const row of rows) {
    if (row.compliant) continue;
    const last = ranges[ranges.length - 1];
    if (last && last.to === row.period - 1) ranges[ranges.length - 1] = { from: last.from, to: row.period };
    else ranges.push({ from: row.period, to: row.period });
  }
  return ranges;
}

/** Whether the SLO of this kind changes for some flow: then it is drawn as a step line rather than a fixed line. */
export function sloChanges(simulation: Simulation, slo: 'rateSlo' | 'delaySlo'): boolean {
  return simulation.phases.some((phase) => phase.changes.some((c) => c[slo] !== undefined));
}

/** The flow's SLO in force in every period (null where it has none), as chart points. */
export function sloSteps(simulation: Simulation, flow: string, slo: 'rateSlo' | 'delaySlo', factor: number): { x: number; y: number | null }[] {
  return simulation.rows.map((row) => {
    const value = simulation.phases[row.phase].flows[flow]?.[slo] ?? null;
    return { x: row.period, y: value === null ? null : value * factor };
  });
}
