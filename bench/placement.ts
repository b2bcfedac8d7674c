/**
 * Placement benchmark: paper MILP vs compact MILP vs the exact methods on Mandala topologies of the
 * paper's setting (diameter 7% of the lowest training time, 30% accelerators, H = 8, R = 10, T = 2 s).
 * Everything is measured in this run. (Memory over 1,000 MILP solves: memory.ts.)
 */
import { HighsWorker } from '../engine/highs/worker-solver.js';
import { DEFAULT_MANDALA_LATENCIES, generateMandala } from '../engine/placement/mandala.js';
import type { Objective, PlacementProblem, Topology } from '../engine/placement/model.js';
import { paperTrainingCurve } from '../engine/placement/paper-curve.js';
import { placementPareto, solvePlacement, solvePlacementExact } from '../engine/placement/solve.js';
import { regionalTopology } from './real-topology.js';
import { fmt, medianMs } from './timing.js';

const SIZES = [16, 32, 64, 128, 256];
/** A MILP that needs longer than this is not run again on larger sizes. */
export const MILP_LIMIT_SECONDS = 60;

const FIG3 = paperTrainingCurve('Fig3');

export function mandalaProblem(access: number, objective: Objective, seed = 7, rounds = 10): PlacementProblem {
  return {
    name: `Mandala${access}`,
    topology: {
      kind: 'mandala',
      spec: { name: 'Mandala', access, ...DEFAULT_MANDALA_LATENCIES, diameter: 0.07 * 0.17, acceleratorShare: 0.3, seed },
    },
    curve: FIG3,
    rounds,
    target: 2,
    acceleration: 0.5,
    maxAccelerators: 8,
    exchange: 'round-trip',
    objective,
    excluded: [],
    minAifs: 2,
  };
}

export const MIN_AIFS: Objective = { kind: 'min-aifs' };
export const BALANCED: Objective = { kind: 'balanced', aifWeight: 1, spreadWeight: 1000 };

export async function benchPlacement(print: (line: string) => void): Promise<void> {
  const solver = new HighsWorker();
  try {
    await benchSolvers(print, solver);
    await benchLargeTopologies(print, solver);
  } finally {
    await solver.close();
  }
}

/** The same requirement on a written-out topology (what an import gives). */
function explicitProblem(topology: Topology, objective: Objective): PlacementProblem {
  return { ...mandalaProblem(8, objective), name: topology.name, topology: { kind: 'explicit', topology } };
}

/** A copy with its own link array: nothing computed for one run can serve the next. */
const fresh = (topology: Topology): Topology => ({ ...topology, links: topology.links.map((link) => ({ ...link })) });

/**
 * The exact path on real-network sizes: a Kdl-sized regional network (754 nodes, as the Topology
 * Zoo's largest), the 1,664-node Mandala (access 1,024) and a 10,000-node regional network; the
 * compact MILP beside it where its n^2 model is worth trying.
 */
async function benchLargeTopologies(print: (line: string) => void, solver: HighsWorker): Promise<void> {
  print('');
  print(`exact path on large written-out topologies, ms (median of 3 cold runs; compact MILP: one run, cut at ${MILP_LIMIT_SECONDS} s)`);
  print('topology | nodes | links | exact min-aifs | exact balanced | Pareto fronts | compact MILP min-aifs | same optimum | RSS after (MB)');
  const cases: [string, () => Topology, boolean][] = [
    ['regional (Kdl-sized)', () => regionalTopology(754), true],
    [
      'Mandala access 1,024',
      () => generateMandala({ name: 'Mandala1024', access: 1024, ...DEFAULT_MANDALA_LATENCIES, diameter: 0.07 * 0.17, acceleratorShare: 0.3, seed: 7 }),
      false,
    ],
    ['regional', () => regionalTopology(10_000), false],
  ];
  for (const [label, make, tryMilp] of cases) {
    const topology = make();
    const time = (work: (t: Topology) => unknown) => medianMs(3, () => work(fresh(topology)));
    const exactMs = await time((t) => solvePlacementExact(explicitProblem(t, MIN_AIFS)));
    const balancedMs = await time((t) => solvePlacementExact(explicitProblem(t, BALANCED)));
    const paretoMs = await time((t) => placementPareto(explicitProblem(t, MIN_AIFS)));
    const exact = solvePlacementExact(explicitProblem(topology, MIN_AIFS));
    let milp = 'skipped (n^2 model)';
    let agree = '-';
    if (tryMilp) {
      const started = performance.now();
      const result = await solvePlacement(explicitProblem(topology, MIN_AIFS), { method: 'milp-compact', solver, timeLimit: MILP_LIMIT_SECONDS });
      milp = result.status === 'timeout' ? `>${MILP_LIMIT_SECONDS * 1000}` : fmt(performance.now() - started);
      agree = result.status === 'timeout' ? '-' : result.status === exact.status && result.k === exact.k ? 'yes' : 'NO';
    }
    const rss = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
    print([label, topology.nodes.length, topology.links.length, fmt(exactMs), fmt(balancedMs), fmt(paretoMs), milp, agree, rss].map(String).join(' | '));
  }
}

async function benchSolvers(print: (line: string) => void, solver: HighsWorker): Promise<void> {
  print(`placement solve times, ms (MILPs: one run through a HiGHS worker, cut at ${MILP_LIMIT_SECONDS} s; exact: median of 5, incl. relaxations)`);
  print('N access | nodes | paper MILP | compact MILP | exact min-aifs | paper/compact | compact/exact | compact MILP var | exact var | MILP var/exact var | same optimum');
  // The first solve in a worker pays ~1 s of JIT warm-up: not part of any measurement below.
  await solvePlacement(mandalaProblem(8, MIN_AIFS), { method: 'milp-compact', solver });
  const skip = new Set<string>();
  for (const access of SIZES) {
    const nodes = (13 * access) / 8;
    const milp = async (method: 'milp-paper' | 'milp-compact', objective: Objective) => {
      const key = `${method} ${objective.kind}`;
      if (skip.has(key)) return undefined;
      const started = performance.now();
      const result = await solvePlacement(mandalaProblem(access, objective), { method, solver, timeLimit: MILP_LIMIT_SECONDS });
      const ms = performance.now() - started;
      if (result.status === 'timeout') skip.add(key);
      return { ms, result };
    };
    const paper = await milp('milp-paper', MIN_AIFS);
    const compact = await milp('milp-compact', MIN_AIFS);
    const compactVariant = await milp('milp-compact', BALANCED);
    const exact = solvePlacementExact(mandalaProblem(access, MIN_AIFS));
    const exactVariant = solvePlacementExact(mandalaProblem(access, BALANCED));
    const exactMs = await medianMs(5, () => solvePlacementExact(mandalaProblem(access, MIN_AIFS)));
    const variantMs = await medianMs(5, () => solvePlacementExact(mandalaProblem(access, BALANCED)));
    const show = (run: { ms: number; result: { status: string } } | undefined) =>
      run === undefined ? 'skipped' : run.result.status === 'timeout' ? `>${MILP_LIMIT_SECONDS * 1000}` : fmt(run.ms);
    const ratio = (a: { ms: number; result: { status: string } } | undefined, b: number | undefined) =>
      a === undefined || b === undefined ? '-' : `${a.result.status === 'timeout' ? '>' : ''}${(a.ms / b).toFixed(1)}x`;
    const agree = [
      [paper?.result, exact],
      [compact?.result, exact],
      [compactVariant?.result, exactVariant],
    ].every(([a, b]) => a === undefined || a.status === 'timeout' || (a.status === b?.status && Math.abs((a.objectiveValue ?? 0) - (b?.objectiveValue ?? 0)) < 1e-6));
    print(
      [
        access,
        nodes,
        show(paper),
        show(compact),
        fmt(exactMs),
        ratio(paper, compact?.ms),
        ratio(compact, exactMs),
        show(compactVariant),
        fmt(variantMs),
        ratio(compactVariant, variantMs),
        agree ? 'yes' : 'NO',
      ]
        .map(String)
        .join(' | '),
    );
  }
}
