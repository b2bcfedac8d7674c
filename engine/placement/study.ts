/**
 * `study`: the placement paper's sweeps (Fig. 5–6). Every instance regenerates the topology with
 * seed + i and a random accelerator share; every (objective, target, rounds) cell is solved with
 * the exact methods on every instance; a cell reports the feasible share and mean/std of #AIFs,
 * max learning time (max round time) and #accelerated over the feasible instances.
 * Instances are independent, so `jobs` > 1 spreads them over worker threads.
 */
import { Worker } from 'node:worker_threads';
import { compiledWorkerUrl } from '../highs/worker-script.js';
import { Deadline, TimeLimitReached } from './deadline.js';
import { generateMandala, withAccelerators } from './mandala.js';
import type { MandalaSpec, Objective, ObjectiveKind, PlacementProblem, SpreadOver, StudySpec, TieBreak, Topology } from './model.js';
import { deriveSeed, mulberry32, uniform } from './prng.js';
import { solvePlacementExact } from './solve.js';

export interface Stat {
  readonly mean: number;
  /** Population standard deviation over the feasible instances. */
  readonly std: number;
}

export interface StudyCell {
  readonly objective: ObjectiveKind;
  /** Added fields for `balanced`, so two balanced objectives with different weights stay apart. */
  readonly aifWeight?: number;
  readonly spreadWeight?: number;
  /** What the spread of `balanced` is over (aifs when not written). */
  readonly spreadOver?: SpreadOver;
  /** How min-aifs and baseline rank equally few AIFs (fastest-round when not written). */
  readonly tieBreak?: TieBreak;
  readonly target: number;
  readonly rounds: number;
  /** Share of instances with a feasible placement. */
  readonly feasible: number;
  readonly aifs: Stat | null;
  readonly maxLearningTime: Stat | null;
  readonly accelerated: Stat | null;
}

export interface StudyResult {
  readonly name: string;
  readonly placement: string;
  readonly instances: number;
  readonly cells: StudyCell[];
}

export interface StudyOptions {
  /** Worker threads; 1 (default) runs on the calling thread. */
  readonly jobs?: number;
  readonly onProgress?: (doneInstances: number, totalInstances: number) => void;
  readonly signal?: AbortSignal;
  /** Past it the study stops with TimeLimitReached. */
  readonly deadline?: Deadline;
}

/** One cell's outcome on one instance: undefined when infeasible. */
export type CellOutcome = { readonly aifs: number; readonly maxRoundTime: number; readonly accelerated: number } | undefined;

interface CellKey {
  readonly objective: Objective;
  readonly target: number;
  readonly rounds: number;
}

/** Cells in the order objectives × targets × rounds, as written in the study. */
function cellKeys(spec: StudySpec): CellKey[] {
  return spec.objectives.flatMap((objective) => spec.targets.flatMap((target) => spec.rounds.map((rounds) => ({ objective, target, rounds }))));
}

/** The graph of a generated topology, drawn once per spec (and thread) when instances keep it. */
const keptGraphs = new WeakMap<MandalaSpec, Topology>();

function keptGraph(spec: MandalaSpec, deadline: Deadline): Topology {
  let graph = keptGraphs.get(spec);
  if (graph === undefined) keptGraphs.set(spec, (graph = generateMandala(spec, deadline)));
  return graph;
}

/**
 * Instance i's topology: the placement's own graph (generated once from its seed) with an
 * accelerator share uniform in the study's range (from the study seed and i) on nodes drawn with
 * seed + i — the paper's 15 configurations of one network — or, with `regenerate`, a new Mandala
 * graph drawn with the topology's seed + i.
 */
export function studyTopology(spec: StudySpec, instance: number, deadline: Deadline = Deadline.NONE): Topology {
  const share = uniform(mulberry32(deriveSeed(spec.seed, instance)), spec.acceleratorShare.min, spec.acceleratorShare.max);
  const source = spec.base.topology;
  if (source.kind === 'mandala' && spec.regenerate) return generateMandala({ ...source.spec, seed: source.spec.seed + instance, acceleratorShare: share }, deadline);
  const topology = source.kind === 'explicit' ? source.topology : keptGraph(source.spec, deadline);
  return withAccelerators(topology, Math.round(share * topology.nodes.length), spec.seed + instance);
}

/** Solves every cell on instance i (exact methods, on the calling thread); throws TimeLimitReached past `deadline`. */
export function runStudyInstance(spec: StudySpec, instance: number, deadline: Deadline = Deadline.NONE): CellOutcome[] {
  const topology = studyTopology(spec, instance, deadline);
  return cellKeys(spec).map(({ objective, target, rounds }) => {
    const problem: PlacementProblem = { ...spec.base, topology: { kind: 'explicit', topology }, objective, target, rounds };
    const result = solvePlacementExact(problem, deadline);
    if (result.status === 'timeout') throw new TimeLimitReached(); // not infeasible: unknown
    if (result.status !== 'feasible') return undefined;
    return { aifs: result.aifs.length, maxRoundTime: result.maxRoundTime as number, accelerated: result.accelerated.length };
  });
}

export async function runStudy(spec: StudySpec, options: StudyOptions = {}): Promise<StudyResult> {
  options.signal?.throwIfAborted();
  options.deadline?.check();
  const indices = Array.from({ length: Math.max(0, spec.instances) }, (_, i) => i);
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, indices.length));
  const perInstance = jobs === 1 ? await runHere(spec, indices, options) : await runInWorkers(spec, indices, jobs, options);
  const cells = cellKeys(spec).map((key, c) => summarise(key, perInstance.map((outcomes) => outcomes[c]), indices.length));
  return { name: spec.name, placement: spec.base.name, instances: indices.length, cells };
}

async function runHere(spec: StudySpec, indices: number[], options: StudyOptions): Promise<CellOutcome[][]> {
  const results: CellOutcome[][] = [];
  for (const i of indices) {
    results.push(runStudyInstance(spec, i, options.deadline));
    options.onProgress?.(results.length, indices.length);
    await new Promise((resolve) => setImmediate(resolve)); // let an abort event in between instances
    options.signal?.throwIfAborted();
  }
  return results;
}

function runInWorkers(spec: StudySpec, indices: number[], jobs: number, options: StudyOptions): Promise<CellOutcome[][]> {
  const results = new Array<CellOutcome[]>(indices.length);
  const queue = [...indices];
  let done = 0;
  const workers: Worker[] = [];
  return new Promise<CellOutcome[][]>((resolve, reject) => {
    const stop = (error?: unknown) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error === undefined) resolve(results);
      else reject(error instanceof Error ? error : new Error(`the study stopped: ${JSON.stringify(error)}`));
    };
    const onAbort = () => stop(options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // This thread only waits for the workers, so a timer fires on time; terminating them stops their work.
    const remaining = options.deadline?.remainingSeconds;
    const timer = remaining === undefined ? undefined : setTimeout(() => stop(new TimeLimitReached()), remaining * 1000);
    const url = compiledWorkerUrl(import.meta.url, 'study-worker.js');
    for (let w = 0; w < jobs; w++) {
      const worker = new Worker(url, { workerData: { spec } });
      workers.push(worker);
      const feed = () => {
        const next = queue.shift();
        if (next !== undefined) worker.postMessage(next);
      };
      worker.on('message', ({ instance, outcomes }: { instance: number; outcomes: CellOutcome[] }) => {
        results[instance] = outcomes;
        done++; // not inside the optional call below: `f?.(++x)` skips the increment when f is absent
        options.onProgress?.(done, indices.length);
        if (done === indices.length) stop();
        else feed();
      });
      worker.on('error', stop);
      feed();
    }
  });
}

function summarise(key: CellKey, outcomes: readonly CellOutcome[], instances: number): StudyCell {
  const feasible = outcomes.filter((o): o is NonNullable<CellOutcome> => o !== undefined);
  const objective = key.objective;
  const weights =
    objective.kind === 'balanced'
      ? { aifWeight: objective.aifWeight, spreadWeight: objective.spreadWeight, spreadOver: objective.spreadOver ?? 'aifs' }
      : { tieBreak: objective.tieBreak ?? 'fastest-round' };
  return {
    objective: key.objective.kind,
    ...weights,
    target: key.target,
    rounds: key.rounds,
    feasible: instances === 0 ? 0 : feasible.length / instances,
    aifs: stat(feasible.map((o) => o.aifs)),
    maxLearningTime: stat(feasible.map((o) => o.maxRoundTime)),
    accelerated: stat(feasible.map((o) => o.accelerated)),
  };
}

function stat(values: readonly number[]): Stat | null {
  if (values.length === 0) return null;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  // Equal values have no spread; their mean after round-off may differ from them by an ulp.
  if (values.every((v) => v === values[0])) return { mean: values[0], std: 0 };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance) };
}
