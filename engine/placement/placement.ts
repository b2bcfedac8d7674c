/**
 * A placement decision (FL server, AIFs, accelerated AIFs) and the quantities every solver path
 * derives from it the same way, so exact and MILP results are described identically.
 */
import type { PlacementInstance } from './instance.js';

export interface Placement {
  readonly server: number;
  /** AIF nodes, ascending index. */
  readonly aifs: readonly number[];
  /** AIF nodes that use their accelerator, ascending index. */
  readonly accelerated: readonly number[];
}

export function makePlacement(server: number, aifs: Iterable<number>, accelerated: Iterable<number>): Placement {
  const ascending = (a: number, b: number) => a - b;
  return { server, aifs: [...aifs].sort(ascending), accelerated: [...accelerated].sort(ascending) };
}

/** Per-AIF round time: training p_k (alpha * p_k when accelerated) plus d_ij to the server. */
export function roundTimes(instance: PlacementInstance, placement: Placement): number[] {
  const t = instance.times[placement.aifs.length];
  const accelerated = new Set(placement.accelerated);
  const fromServer = instance.latency.fromServer(placement.server);
  return placement.aifs.map((i) => (accelerated.has(i) ? instance.alpha * t : t) + fromServer[i]);
}

export interface PlacementFigures {
  readonly k: number;
  readonly trainingTime: number;
  readonly maxRoundTime: number;
  readonly spread: number;
}

export function placementFigures(instance: PlacementInstance, placement: Placement): PlacementFigures {
  const times = roundTimes(instance, placement);
  const maxRoundTime = Math.max(...times);
  return {
    k: placement.aifs.length,
    trainingTime: instance.times[placement.aifs.length],
    maxRoundTime,
    spread: maxRoundTime - Math.min(...times),
  };
}

/**
 * The spread (24) is charged for: over the AIFs, or — (22)–(23) read literally, over every node —
 * with the training time t of the nodes without an AIF (the FL server's at least) counted too.
 */
export function chargedSpread(instance: PlacementInstance, placement: Placement): number {
  const objective = instance.problem.objective;
  const times = roundTimes(instance, placement);
  if (objective.kind === 'balanced' && objective.spreadOver === 'all-nodes') times.push(instance.times[placement.aifs.length]);
  return Math.max(...times) - Math.min(...times);
}

/** The objective value a placement has under the problem's objective (24) or (1). */
export function objectiveValue(instance: PlacementInstance, placement: Placement): number {
  const objective = instance.problem.objective;
  if (objective.kind !== 'balanced') return placement.aifs.length;
  return objective.aifWeight * placement.aifs.length + objective.spreadWeight * chargedSpread(instance, placement);
}
