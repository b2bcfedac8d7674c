/** Shared test inputs: the metro example built by hand, seeded random instances, and a brute-force oracle. */
import type { PlacementInstance } from '../../../engine/placement/instance.js';
import type { Objective, PlacementProblem, Topology, TrainingCurve } from '../../../engine/placement/model.js';
import { mulberry32 } from '../../../engine/placement/prng.js';

const ms = 1e-3;

/** examples/metro-placement.nsc, topology Metro, transcribed node by node. */
export function metroTopology(): Topology {
  const names = ['app1', 'core1', 'core2', 'agg1', 'agg2', 'agg3', 'agg4', 'acc1', 'acc2', 'acc3', 'acc4', 'acc5', 'acc6', 'acc7', 'acc8'];
  const accelerated = new Set(['agg1', 'agg3', 'acc2', 'acc6']);
  const index = (name: string) => names.indexOf(name);
  const link = (a: string, b: string, latencyMs: number) => ({ a: index(a), b: index(b), latency: latencyMs * ms });
  return {
    name: 'Metro',
    nodes: names.map((name) => ({ name, accelerator: accelerated.has(name) })),
    links: [
      link('app1', 'core1', 1.2),
      link('app1', 'core2', 1.4),
      link('core1', 'core2', 0.8),
      link('core1', 'agg1', 0.6),
      link('core1', 'agg2', 0.7),
      link('core2', 'agg3', 0.5),
      link('core2', 'agg4', 0.9),
      link('agg1', 'acc1', 0.3),
      link('agg1', 'acc2', 0.4),
      link('agg2', 'acc3', 0.2),
      link('agg2', 'acc4', 0.3),
      link('agg3', 'acc5', 0.4),
      link('agg3', 'acc6', 0.3),
      link('agg4', 'acc7', 0.2),
      link('agg4', 'acc8', 0.5),
    ],
  };
}

export const LSTM_TRAINING: TrainingCurve = {
  name: 'LstmTraining',
  points: [
    { k: 1, time: 1.2 },
    { k: 2, time: 0.7 },
    { k: 3, time: 0.5 },
    { k: 4, time: 0.38 },
    { k: 6, time: 0.27 },
    { k: 8, time: 0.21 },
    { k: 10, time: 0.18 },
    { k: 12, time: 0.17 },
  ],
};

/** placement AnomalyDetection of the metro example; override fields for its siblings. */
export function metroProblem(overrides: Partial<PlacementProblem> = {}): PlacementProblem {
  return {
    name: 'AnomalyDetection',
    topology: { kind: 'explicit', topology: metroTopology() },
    curve: LSTM_TRAINING,
    rounds: 5,
    target: 1.6,
    acceleration: 0.5,
    maxAccelerators: 3,
    exchange: 'round-trip',
    objective: { kind: 'min-aifs' },
    excluded: [],
    minAifs: 2,
    ...overrides,
  };
}

/**
 * A small random problem: 4–7 nodes, random links (sometimes disconnected), random accelerators,
 * a decreasing random curve, and T/R in the range where the answer is interesting.
 */
export function randomProblem(seed: number, objective: Objective, maxNodes = 7): PlacementProblem {
  const random = mulberry32(seed);
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const n = pick(4, maxNodes);
  const nodes = Array.from({ length: n }, (_, i) => ({ name: `n${i}`, accelerator: random() < 0.45 }));
  const links: { a: number; b: number; latency: number }[] = [];
  const disconnected = random() < 0.1;
  for (let i = 1; i < n; i++) {
    if (disconnected && i === n - 1) continue;
    links.push({ a: i, b: pick(0, i - 1), latency: (0.1 + random() * 3) * ms });
  }
  for (let e = pick(0, 2); e > 0; e--) links.push({ a: pick(0, n - 1), b: pick(0, n - 1), latency: (0.1 + random() * 3) * ms });
  let time = 0.8 + random() * 0.6;
  const points = [];
  for (let k = 1; k <= n; k += pick(1, 2)) {
    points.push({ k, time });
    time *= 0.55 + random() * 0.4;
  }
  const names = nodes.map((v) => v.name);
  const rounds = pick(1, 6);
  return {
    name: `random${seed}`,
    topology: { kind: 'explicit', topology: { name: `T${seed}`, nodes, links } },
    curve: { name: 'c', points },
    rounds,
    target: rounds * (0.15 + random() * 0.6),
    acceleration: 0.3 + random() * 0.5,
    maxAccelerators: random() < 0.3 ? undefined : pick(0, 3),
    exchange: random() < 0.5 ? 'round-trip' : 'one-way',
    maxLatency: random() < 0.3 ? (1 + random() * 6) * ms : undefined,
    objective,
    serverCandidates: random() < 0.3 ? names.filter(() => random() < 0.6) : undefined,
    excluded: random() < 0.3 ? [names[pick(0, n - 1)]] : [],
    minAifs: pick(1, 3),
  };
}

export interface BruteForceBest {
  readonly objective: number;
  readonly k: number;
  readonly maxRoundTime: number;
  readonly spread: number;
}

/**
 * Visits every (server, AIF set, accelerated subset) allowed by the instance with at most
 * `accelerators` accelerators, straight from the definitions: round time of i is (alpha*)p_k + d_ij.
 */
export function forEachPlacement(instance: PlacementInstance, accelerators: number, visit: (k: number, roundTimes: number[], accelerated: number) => void): void {
  const { n, alpha, times } = instance;
  const rows = instance.latency.allPairs();
  const latency = (i: number, j: number) => rows[j][i]; // d_ij, from the server's row as the solvers read it
  for (let j = 0; j < n; j++) {
    if (!instance.serverAllowed[j]) continue;
    for (let set = 1; set < 1 << n; set++) {
      const members = [...Array(n).keys()].filter((i) => set & (1 << i));
      if (members.length < instance.minAifs || set & (1 << j)) continue;
      if (!members.every((i) => instance.aifAllowed[i] && Number.isFinite(latency(i, j)) && latency(i, j) <= instance.maxLatency)) continue;
      const k = members.length;
      for (let acc = 0; acc < 1 << n; acc++) {
        if ((acc & set) !== acc) continue;
        const used = members.filter((i) => acc & (1 << i));
        if (used.length > accelerators || !used.every((i) => instance.accelerator[i])) continue;
        visit(
          k,
          members.map((i) => (acc & (1 << i) ? alpha * times[k] : times[k]) + latency(i, j)),
          used.length,
        );
      }
    }
  }
}

/** The lexicographic best by (objective, k, max round time) among placements meeting T/R, or undefined. */
export function bruteForce(instance: PlacementInstance): BruteForceBest | undefined {
  const limit = (instance.roundLimit ?? -1) * (1 + 1e-9);
  const objective = instance.problem.objective;
  let best: BruteForceBest | undefined;
  forEachPlacement(instance, instance.maxAccelerators, (k, round) => {
    const maxRoundTime = Math.max(...round);
    if (maxRoundTime > limit) return;
    const spread = maxRoundTime - Math.min(...round);
    const value = objective.kind === 'balanced' ? objective.aifWeight * k + objective.spreadWeight * spread : k;
    const tie = Math.abs(value - (best?.objective ?? Infinity)) <= 1e-12;
    if (best === undefined || value < best.objective - 1e-12 || (tie && (k < best.k || (k === best.k && maxRoundTime < best.maxRoundTime)))) {
      best = { objective: value, k, maxRoundTime, spread };
    }
  });
  return best;
}

/** The smallest max round time of any placement, T/R ignored (Infinity when none exists). */
export function bruteForceSmallestMaxRound(instance: PlacementInstance, accelerators = instance.maxAccelerators): number {
  let best = Infinity;
  forEachPlacement(instance, accelerators, (_, round) => (best = Math.min(best, Math.max(...round))));
  return best;
}

/** Fewest accelerators (any number of the available ones) for a placement meeting T/R; Infinity when none. */
export function bruteForceAcceleratorsNeeded(instance: PlacementInstance): number {
  const limit = (instance.roundLimit ?? -1) * (1 + 1e-9);
  let best = Infinity;
  for (let h = 0; h <= instance.n && best === Infinity; h++) {
    forEachPlacement(instance, h, (_, round) => {
      if (Math.max(...round) <= limit) best = h;
    });
  }
  return best;
}
