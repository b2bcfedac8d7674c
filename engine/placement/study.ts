/**
 * `study`: the placement paper's sweeps (Fig. 5–6). Every instance regenerates the topology with
 * seed + i and a random accelerator share; every (objective, target, rounds) cell is solved with
 * the exact methods on every instance; a cell reports the feasible share and mean/std of #AIFs,
 * max learning time (max round time) and #accelerated over the feasible instances.
 *
 * The grid is cells × instances, every point independent. Work is handed out in slices — some
 * cells of one instance, whose topology is drawn once for them — so a study can be spread over
 * worker threads (`jobs`), and over machines (cli/shards.ts cuts the grid into shards; the
 * per-point outcomes of all shards, summarised here, give exactly the one-machine result).
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

/** What a cell sweeps: objective (with its weights when balanced), target and rounds. */
export interface StudyCellKey {
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
}

export interface StudyCell extends StudyCellKey {
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

/** What a study's results are summarised from: its name, cells and number of instances. */
export type StudyOutline = Omit<StudyResult, 'cells'> & { readonly cells: readonly StudyCellKey[] };

/** One cell's outcome on one instance: undefined when infeasible. */
export type CellOutcome = { readonly aifs: number; readonly maxRoundTime: number; readonly accelerated: number } | undefined;

/** A unit of work: cells [firstCell, endCell) of one instance. */
export interface StudySlice {
  readonly instance: number;
  readonly firstCell: number;
  readonly endCell: number;
}

export interface StudyOptions {
  /** Worker threads; 1 (default) runs on the calling thread. */
  readonly jobs?: number;
  readonly onProgress?: (doneInstances: number, totalInstances: number) => void;
  readonly signal?: AbortSignal;
  /** Past it the study stops with TimeLimitReached. */
  readonly deadline?: Deadline;
}

export interface SliceOptions extends Omit<StudyOptions, 'onProgress'> {
  /** Called on the calling thread as each slice completes, in completion order. */
  readonly onSlice?: (slice: StudySlice, outcomes: CellOutcome[]) => void;
}

interface CellPlan {
  readonly objective: Objective;
  readonly target: number;
  readonly rounds: number;
}

/** Cells in the order objectives × targets × rounds, as written in the study. */
function cellPlans(spec: StudySpec): CellPlan[] {
  return spec.objectives.flatMap((objective) => spec.targets.flatMap((target) => spec.rounds.map((rounds) => ({ objective, target, rounds }))));
}

const cellKey = ({ objective, target, rounds }: CellPlan): StudyCellKey => ({
  objective: objective.kind,
  ...(objective.kind === 'balanced'
    ? { aifWeight: objective.aifWeight, spreadWeight: objective.spreadWeight, spreadOver: objective.spreadOver ?? 'aifs' }
    : { tieBreak: objective.tieBreak ?? 'fastest-round' }),
  target,
  rounds,
});

/** The study's name, cells and instance count: all its results need besides the outcomes. */
export function studyOutline(spec: StudySpec): StudyOutline {
  return { name: spec.name, placement: spec.base.name, instances: Math.max(0, spec.instances), cells: cellPlans(spec).map(cellKey) };
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

/** Solves the slice's cells on its instance (exact methods, on the calling thread); throws TimeLimitReached past `deadline`. */
export function runStudySlice(spec: StudySpec, slice: StudySlice, deadline: Deadline = Deadline.NONE): CellOutcome[] {
  const topology = studyTopology(spec, slice.instance, deadline);
  return cellPlans(spec)
    .slice(slice.firstCell, slice.endCell)
    .map(({ objective, target, rounds }) => {
      const problem: PlacementProblem = { ...spec.base, topology: { kind: 'explicit', topology }, objective, target, rounds };
      const result = solvePlacementExact(problem, deadline);
      if (result.status === 'timeout') throw new TimeLimitReached(); // not infeasible: unknown
      if (result.status !== 'feasible') return undefined;
      return { aifs: result.aifs.length, maxRoundTime: result.maxRoundTime as number, accelerated: result.accelerated.length };
    });
}

/** The whole study on this machine: every cell of every instance, then the statistics. */
export async function runStudy(spec: StudySpec, options: StudyOptions = {}): Promise<StudyResult> {
  const outline = studyOutline(spec);
  const slices = Array.from({ length: outline.instances }, (_, instance) => ({ instance, firstCell: 0, endCell: outline.cells.length }));
  const perInstance = new Array<CellOutcome[]>(outline.instances);
  let done = 0;
  await runStudySlices(spec, slices, {
    ...options,
    onSlice: (slice, outcomes) => {
      perInstance[slice.instance] = outcomes;
      done++; // not inside the optional call below: `f?.(++x)` skips the increment when f is absent
      options.onProgress?.(done, slices.length);
    },
  });
  return summariseStudy(outline, perInstance);
}

/** Runs the slices (here, or over `jobs` worker threads) and hands each one's outcomes to `onSlice`. */
export async function runStudySlices(spec: StudySpec, slices: readonly StudySlice[], options: SliceOptions = {}): Promise<void> {
  options.signal?.throwIfAborted();
  options.deadline?.check();
  const jobs = Math.max(1, Math.min(options.jobs ?? 1, slices.length));
  if (jobs === 1) await runHere(spec, slices, options);
  else await runInWorkers(spec, slices, jobs, options);
}

async function runHere(spec: StudySpec, slices: readonly StudySlice[], options: SliceOptions): Promise<void> {
  for (const slice of slices) {
    options.onSlice?.(slice, runStudySlice(spec, slice, options.deadline));
    await new Promise((resolve) => setImmediate(resolve)); // let an abort event in between slices
    options.signal?.throwIfAborted();
  }
}

/** A worker's answer: the outcomes of the slice it was sent (by its index in the list). */
export interface SliceReply {
  readonly index: number;
  readonly outcomes: CellOutcome[];
}

function runInWorkers(spec: StudySpec, slices: readonly StudySlice[], jobs: number, options: SliceOptions): Promise<void> {
  const queue = slices.map((_, index) => index);
  let done = 0;
  const workers: Worker[] = [];
  return new Promise<void>((resolve, reject) => {
    const stop = (error?: unknown) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error === undefined) resolve();
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
        if (next !== undefined) worker.postMessage({ index: next, slice: slices[next] });
      };
      worker.on('message', ({ index, outcomes }: SliceReply) => {
        try {
          options.onSlice?.(slices[index], outcomes);
        } catch (error) {
          stop(error);
          return;
        }
        if (++done === slices.length) stop();
        else feed();
      });
      worker.on('error', stop);
      feed();
    }
  });
}

/** A study's cells from every instance's outcomes (`perInstance[i][c]`: cell c on instance i). */
export function summariseStudy(outline: StudyOutline, perInstance: readonly (readonly CellOutcome[])[]): StudyResult {
  const cells = outline.cells.map((key, c) =>
    summariseCell(
      key,
      perInstance.map((outcomes) => outcomes[c]),
      outline.instances,
    ),
  );
  return { name: outline.name, placement: outline.placement, instances: outline.instances, cells };
}

function summariseCell(key: StudyCellKey, outcomes: readonly CellOutcome[], instances: number): StudyCell {
  const feasible = outcomes.filter((o): o is NonNullable<CellOutcome> => o !== undefined);
  return {
    ...key,
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
