/**
 * Solves everything one scenario file declares, in two steps: the verdicts (one solve per
 * declaration: what diagnostics, hints, lenses and the status bar show), then the details that take
 * longer and can wait — quick fixes, each checked by re-solving, and the controller trajectories the
 * charts draw. The language server publishes the verdicts first and adds the details when they come,
 * so a large switch's fixes never delay its verdict. Pure engine code: it sees lowered models and,
 * for fixes, only which unit the user wrote each limit in.
 */
import { exchangeLatencies } from './placement/latency.js';
import type { PlacementProblem, StudySpec, Topology } from './placement/model.js';
import { resolveProblem } from './placement/instance.js';
import type { PlacementResult } from './placement/result.js';
import { solvePlacementExact } from './placement/solve.js';
import { runStudy, type StudyResult } from './placement/study.js';
import { buildDesign } from './scheduling/design.js';
import type { SwitchModel } from './scheduling/model.js';
import { checkEstimate, type PacketCheck } from './scheduling/packet-check.js';
import type { Simulation, SwitchResult } from './scheduling/result.js';
import { simulateSwitch } from './scheduling/simulate.js';
import { solveSwitch } from './scheduling/solve.js';
import { roundInUnit } from './units.js';

/** The units limits were written in, so a fix can be written back in the same unit. */
export interface WrittenUnits {
  /** Placement name -> unit of its `target`. */
  readonly targets: Readonly<Record<string, string | undefined>>;
  /** `switch/flow` -> units of the flow's SLOs. */
  readonly flows: Readonly<Record<string, { readonly delay?: string; readonly rate?: string }>>;
}

export interface ValueFix {
  readonly value: number;
  readonly unit?: string;
}

/** Per placement, the checked fixes; per switch, fixes and trajectories; aligned with the outcome's arrays. */
export interface ScenarioDetails {
  readonly placements: readonly PlacementOutcome['fixes'][];
  readonly switches: readonly Pick<SwitchOutcome, 'simulation' | 'packets' | 'flowFixes' | 'applicableWeights' | 'move'>[];
}

export interface PlacementOutcome {
  readonly name: string;
  readonly result: PlacementResult;
  readonly topology: Topology;
  readonly latencyToServer: Readonly<Record<string, number | null>>;
  readonly curve: PlacementProblem['curve'];
  readonly acceleration: number;
  /** R and T as written, for the round-time budget. */
  readonly rounds: number;
  readonly target: number;
  /** Checked fixes of an infeasible placement; empty until the details are computed. */
  readonly fixes: { readonly target?: ValueFix; readonly rounds?: ValueFix; readonly acceleratorsMax?: ValueFix };
}

export interface SwitchOutcome {
  readonly name: string;
  readonly result: SwitchResult;
  /** This and the fields below are details: null or empty until they are computed. */
  readonly simulation: Simulation | null;
  /** The delay estimate against a packet-level simulation at the reported weights. */
  readonly packets: PacketCheck | null;
  /** Task -> the worker it runs on, in declaration order: weights are shares of their worker. */
  readonly taskWorkers: Readonly<Record<string, string>>;
  readonly flowFixes: Readonly<Record<string, { readonly delay?: ValueFix; readonly rate?: ValueFix }>>;
  readonly applicableWeights: Readonly<Record<string, number>> | null;
  readonly move: { readonly task: string; readonly toWorker: string } | null;
}

export interface StudyOutcome {
  readonly name: string;
  readonly result: StudyResult;
}

export interface ScenarioInput {
  readonly placements: readonly PlacementProblem[];
  readonly switches: readonly SwitchModel[];
  readonly studies: readonly StudySpec[];
  readonly units: WrittenUnits;
}

export interface ScenarioOutcome {
  readonly placements: readonly PlacementOutcome[];
  readonly switches: readonly SwitchOutcome[];
  readonly studies: readonly StudyOutcome[];
}

/** The verdicts of every declaration, without details (see scenarioDetails). */
export async function solveScenario(input: ScenarioInput, options: { signal?: AbortSignal } = {}): Promise<ScenarioOutcome> {
  const placements = input.placements.map(placementOutcome);
  const switches: SwitchOutcome[] = [];
  for (const model of input.switches) {
    options.signal?.throwIfAborted();
    switches.push(await switchOutcome(model));
  }
  const studies: StudyOutcome[] = [];
  for (const spec of input.studies) studies.push({ name: spec.name, result: await runStudy(spec, { signal: options.signal }) });
  return { placements, switches, studies };
}

/** The details of solved verdicts: checked fixes of what is infeasible, and controller trajectories. */
export async function scenarioDetails(input: ScenarioInput, outcome: ScenarioOutcome, options: { signal?: AbortSignal } = {}): Promise<ScenarioDetails> {
  const placements = input.placements.map((problem, i) => {
    const { result } = outcome.placements[i];
    return result.status === 'infeasible' ? placementFixes(problem, result, input.units.targets[problem.name]) : {};
  });
  const switches: ScenarioDetails['switches'][number][] = [];
  for (const [i, model] of input.switches.entries()) {
    options.signal?.throwIfAborted();
    switches.push(await switchDetails(model, outcome.switches[i].result, input.units));
  }
  return { placements, switches };
}

export function withDetails(outcome: ScenarioOutcome, details: ScenarioDetails): ScenarioOutcome {
  return {
    placements: outcome.placements.map((p, i) => ({ ...p, fixes: details.placements[i] })),
    switches: outcome.switches.map((s, i) => ({ ...s, ...details.switches[i] })),
    studies: outcome.studies,
  };
}

/** Verdicts and details at once, for one-shot callers (nsc report). */
export async function solveScenarioWithDetails(input: ScenarioInput, options: { signal?: AbortSignal } = {}): Promise<ScenarioOutcome> {
  const outcome = await solveScenario(input, options);
  return withDetails(outcome, await scenarioDetails(input, outcome, options));
}

// ----------------------------------------------------------------- placements

function placementOutcome(problem: PlacementProblem): PlacementOutcome {
  const result = solvePlacementExact(problem);
  const { instance } = resolveProblem(problem);
  const topology = instance?.topology ?? (problem.topology.kind === 'explicit' ? problem.topology.topology : { name: problem.name, nodes: [], links: [] });
  const latencyToServer: Record<string, number | null> = {};
  const server = result.server === null ? -1 : topology.nodes.findIndex((n) => n.name === result.server);
  if (server >= 0) {
    const latency = exchangeLatencies(topology, problem.exchange);
    topology.nodes.forEach((node, i) => (latencyToServer[node.name] = Number.isFinite(latency[i][server]) ? latency[i][server] : null));
  }
  return {
    name: problem.name,
    result,
    topology,
    latencyToServer,
    curve: problem.curve,
    acceleration: problem.acceleration,
    rounds: problem.rounds,
    target: problem.target,
    fixes: {},
  };
}

const feasibleWith = (problem: PlacementProblem, change: Partial<PlacementProblem>) => solvePlacementExact({ ...problem, ...change }).status === 'feasible';

function placementFixes(problem: PlacementProblem, result: PlacementResult, targetUnit: string | undefined): PlacementOutcome['fixes'] {
  const { minTarget, maxRounds, extraAccelerators } = result.relaxations;
  const fixes: { target?: ValueFix; rounds?: ValueFix; acceleratorsMax?: ValueFix } = {};
  if (minTarget !== null) {
    const { written, base } = roundInUnit(minTarget, targetUnit, 'up');
    if (feasibleWith(problem, { target: base })) fixes.target = { value: written, unit: targetUnit };
  }
  if (maxRounds !== null && feasibleWith(problem, { rounds: maxRounds })) fixes.rounds = { value: maxRounds };
  // Raising `accelerators max` only helps where a limit is written and acceleration is allowed at all.
  if (extraAccelerators !== null && extraAccelerators > 0 && problem.maxAccelerators !== undefined && problem.objective.kind !== 'baseline') {
    const raised = problem.maxAccelerators + extraAccelerators;
    if (feasibleWith(problem, { maxAccelerators: raised })) fixes.acceleratorsMax = { value: raised };
  }
  return fixes;
}

// ----------------------------------------------------------------- switches

async function switchOutcome(model: SwitchModel): Promise<SwitchOutcome> {
  return {
    name: model.name,
    result: await solveSwitch(model),
    simulation: null,
    packets: null,
    taskWorkers: Object.fromEntries(model.tasks.map((t) => [t.name, model.workers[t.worker].name])),
    flowFixes: {},
    applicableWeights: null,
    move: null,
  };
}

/**
 * Packets of the details' packet-level check: ~40 ms for examples/edge-site.nsc, whose p99 then
 * varies by about ±6 % from seed to seed (measured over seeds 1–5).
 */
export const DETAIL_PACKETS = 100_000;

async function switchDetails(model: SwitchModel, result: SwitchResult, units: WrittenUnits): Promise<ScenarioDetails['switches'][number]> {
  const runnable = model.tasks.length > 0 && model.flows.length > 0;
  const simulation = runnable ? await simulateSwitch(model) : null;
  const packets = runnable ? await checkEstimate(model, model.tasks.map((t) => result.weights[t.name]), { packets: DETAIL_PACKETS }) : null;
  const flowFixes: Record<string, { delay?: ValueFix; rate?: ValueFix }> = {};
  for (const [f, flow] of result.flows.entries()) {
    const written = units.flows[`${model.name}/${flow.name}`] ?? {};
    const fixes: { delay?: ValueFix; rate?: ValueFix } = {};
    if (!flow.meetsDelay && model.flows[f].delaySlo !== undefined) {
      // With fixed weights the delay stays where it is; with optimised weights the best achievable one is reachable.
      const target = result.weightsSource === 'fixed' ? flow.delay : flow.achievableDelay;
      if (target !== null) {
        const { written: value, base } = roundInUnit(target, written.delay, 'up');
        if (await flowMeets(model, f, { delaySlo: base }, 'meetsDelay')) fixes.delay = { value, unit: written.delay };
      }
    }
    if (!flow.meetsRate && model.flows[f].rateSlo !== undefined) {
      const target = result.weightsSource === 'fixed' ? flow.rate : flow.achievableRate;
      if (target !== null && target > 0) {
        const { written: value, base } = roundInUnit(target, written.rate, 'down');
        if (base > 0 && (await flowMeets(model, f, { rateSlo: base }, 'meetsRate'))) fixes.rate = { value, unit: written.rate };
      }
    }
    if (fixes.delay || fixes.rate) flowFixes[flow.name] = fixes;
  }
  return {
    simulation,
    packets,
    flowFixes,
    applicableWeights: await applicableWeights(model, result),
    move: result.status === 'infeasible' ? await feasibleMove(model) : null,
  };
}

async function flowMeets(model: SwitchModel, f: number, change: { delaySlo?: number; rateSlo?: number }, verdict: 'meetsDelay' | 'meetsRate'): Promise<boolean> {
  const flows = model.flows.map((flow, i) => (i === f ? { ...flow, ...change } : flow));
  return (await solveSwitch({ ...model, flows })).flows[f][verdict];
}

/**
 * The optimal weights rounded for the source (3 decimals, then more if rounding breaks the verdict),
 * each worker's weights summing to exactly 1; null unless they make the switch feasible.
 */
async function applicableWeights(model: SwitchModel, result: SwitchResult): Promise<Record<string, number> | null> {
  const optimal = result.optimum.weights;
  if (result.optimum.slack === null || result.optimum.slack < 0 || model.tasks.length === 0) return null;
  for (const decimals of [3, 4, 6]) {
    const weights = model.tasks.map((t) => Number(optimal[t.name].toFixed(decimals)));
    // The last task of each worker takes the rounding remainder so the shares sum to 1.
    model.workers.forEach((_, w) => {
      const onWorker = model.tasks.flatMap((t, i) => (t.worker === w ? [i] : []));
      if (onWorker.length === 0) return;
      const last = onWorker[onWorker.length - 1];
      weights[last] = Number((1 - onWorker.slice(0, -1).reduce((sum, i) => sum + weights[i], 0)).toFixed(decimals));
    });
    if (weights.some((w) => w < 0)) continue;
    const fixed = { ...model, tasks: model.tasks.map((t, i) => ({ ...t, fixedWeight: weights[i] })) };
    if ((await solveSwitch(fixed)).status === 'feasible') return Object.fromEntries(model.tasks.map((t, i) => [t.name, weights[i]]));
  }
  return null;
}

/** Moving one task to the least-loaded other worker: the first such move that makes the switch feasible. */
async function feasibleMove(model: SwitchModel): Promise<{ task: string; toWorker: string } | null> {
  if (model.workers.length < 2) return null;
  // Utilisation of each worker at the design rates: sum of its tasks' design loads over its speed.
  const { loads } = buildDesign(model);
  const load = model.workers.map((worker, w) => model.tasks.reduce((sum, t, i) => (t.worker === w ? sum + loads[i] : sum), 0) / worker.speed);
  for (const [i, task] of model.tasks.entries()) {
    const others = model.workers.map((_, w) => w).filter((w) => w !== task.worker);
    const target = others.reduce((best, w) => (load[w] < load[best] ? w : best), others[0]);
    // A fixed weight means nothing on another worker; the moved task's weight is optimised there.
    const tasks = model.tasks.map((t, j) => (j === i ? { ...t, worker: target, fixedWeight: undefined } : t));
    if ((await solveSwitch({ ...model, tasks })).status === 'feasible') return { task: task.name, toWorker: model.workers[target].name };
  }
  return null;
}
