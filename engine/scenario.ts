/**
 * Solves everything one scenario file declares, in two steps: the verdicts (one solve per
 * declaration, or per group of switches that services connect: what diagnostics, hints, lenses and
 * the status bar show), then the details that take
 * longer and can wait — quick fixes, each checked by re-solving, and the controller trajectories the
 * charts draw. The language server publishes the verdicts first and adds the details when they come,
 * so a large switch's fixes never delay its verdict. Pure engine code: it sees lowered models and,
 * for fixes, only which unit the user wrote each limit in.
 */
import { ExchangeLatencies } from './placement/latency.js';
import type { PlacementProblem, StudySpec, Topology } from './placement/model.js';
import { resolveProblem } from './placement/instance.js';
import type { PlacementResult } from './placement/result.js';
import type { ParetoFronts } from './placement/pareto.js';
import { placementPareto, solvePlacementExact } from './placement/solve.js';
import { runStudy, type StudyResult } from './placement/study.js';
import { buildDesign } from './scheduling/design.js';
import { serviceGroups, solveNetwork, type Network } from './scheduling/joint.js';
import type { ServiceModel, SwitchModel } from './scheduling/model.js';
import { checkEstimate, type PacketCheck } from './scheduling/packet-check.js';
import type { ServiceResult, Simulation, SwitchResult } from './scheduling/result.js';
import { simulateSwitch } from './scheduling/simulate.js';
import { isFullyFixed } from './scheduling/solve.js';
import { present } from './invariants.js';
import { roundInUnit } from './units.js';

/** The units limits were written in, so a fix can be written back in the same unit. */
export interface WrittenUnits {
  /** Placement name -> unit of its `target`. */
  readonly targets: Readonly<Record<string, string | undefined>>;
  /** `switch/flow` -> units of the flow's SLOs. */
  readonly flows: Readonly<Record<string, SloUnits>>;
  /** Service name -> units of its end-to-end SLOs. */
  readonly services: Readonly<Record<string, SloUnits>>;
}

export interface SloUnits {
  readonly delay?: string;
  readonly rate?: string;
}

export interface ValueFix {
  readonly value: number;
  readonly unit?: string;
}

/** Per placement, the checked fixes; per switch, fixes and trajectories; per service, fixes; aligned with the outcome's arrays. */
export interface ScenarioDetails {
  readonly placements: readonly Pick<PlacementOutcome, 'fixes' | 'pareto'>[];
  readonly switches: readonly Pick<SwitchOutcome, 'simulation' | 'packets' | 'flowFixes' | 'applicableWeights' | 'move'>[];
  readonly services: readonly Pick<ServiceOutcome, 'fixes' | 'move'>[];
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
  /** The Pareto fronts of (AIFs, spread) and (AIFs, max round time); null until the details are computed. */
  readonly pareto: ParetoFronts | null;
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

export interface ServiceOutcome {
  readonly name: string;
  readonly result: ServiceResult;
  /** The topology the route runs on, for the map. */
  readonly topology: Topology;
  /** Per switch crossed, task -> the worker it runs on, in declaration order. */
  readonly taskWorkers: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Checked fixes of an infeasible service (details: empty until computed). */
  readonly fixes: { readonly delay?: ValueFix; readonly rate?: ValueFix };
  /** Moving a task of a hop flow, in a switch of the same file, that makes everything the service is optimised with feasible. */
  readonly move: { readonly switch: string; readonly task: string; readonly toWorker: string } | null;
}

export interface StudyOutcome {
  readonly name: string;
  readonly result: StudyResult;
}

export interface ScenarioInput {
  readonly placements: readonly PlacementProblem[];
  /** The file's own switches: the ones whose outcomes are reported. */
  readonly switches: readonly SwitchModel[];
  readonly services: readonly ServiceModel[];
  /** Switches of other files that the services cross: optimised with them, not reported. */
  readonly crossedSwitches: readonly SwitchModel[];
  readonly studies: readonly StudySpec[];
  readonly units: WrittenUnits;
}

export interface ScenarioOutcome {
  readonly placements: readonly PlacementOutcome[];
  readonly switches: readonly SwitchOutcome[];
  readonly services: readonly ServiceOutcome[];
  readonly studies: readonly StudyOutcome[];
}

/** A study's instances done so far: `study` indexes ScenarioInput.studies, which run in that order. */
export interface StudyProgressReport {
  readonly study: number;
  readonly done: number;
  readonly total: number;
}

/** The verdicts of every declaration, without details (see scenarioDetails). */
export async function solveScenario(
  input: ScenarioInput,
  options: { signal?: AbortSignal; onStudyProgress?: (report: StudyProgressReport) => void } = {},
): Promise<ScenarioOutcome> {
  const placements = input.placements.map(placementOutcome);
  const network = networkOf(input);
  const solved = await solveNetwork(network, { signal: options.signal });
  const switches = input.switches.map((model, i) => switchOutcome(model, solved.switches[i]));
  const services = input.services.map((model, j) => serviceOutcome(model, solved.services[j], network.switches));
  const studies: StudyOutcome[] = [];
  for (const [study, spec] of input.studies.entries()) {
    const onProgress = (done: number, total: number) => options.onStudyProgress?.({ study, done, total });
    studies.push({ name: spec.name, result: await runStudy(spec, { signal: options.signal, onProgress }) });
  }
  return { placements, switches, services, studies };
}

/** Every switch of the scenario, its own first (so indices up to input.switches.length are its own). */
const networkOf = (input: ScenarioInput): Network => ({ switches: [...input.switches, ...input.crossedSwitches], services: input.services });

/** The details of solved verdicts: checked fixes of what is infeasible, and controller trajectories. */
export async function scenarioDetails(input: ScenarioInput, outcome: ScenarioOutcome, options: { signal?: AbortSignal } = {}): Promise<ScenarioDetails> {
  const placements = input.placements.map((problem, i) => {
    const { result } = outcome.placements[i];
    options.signal?.throwIfAborted();
    return {
      fixes: result.status === 'infeasible' ? placementFixes(problem, result, input.units.targets[problem.name]) : {},
      pareto: placementPareto(problem),
    };
  });
  const switches: ScenarioDetails['switches'][number][] = [];
  for (const [i, model] of input.switches.entries()) {
    options.signal?.throwIfAborted();
    switches.push(await switchDetails(new SolvedTogether(networkOf(input), model.name), model, outcome.switches[i].result, input.units));
  }
  const services: ScenarioDetails['services'][number][] = [];
  for (const [j, model] of input.services.entries()) {
    options.signal?.throwIfAborted();
    services.push(await serviceDetails(input, model, outcome.services[j].result));
  }
  return { placements, switches, services };
}

export function withDetails(outcome: ScenarioOutcome, details: ScenarioDetails): ScenarioOutcome {
  return {
    placements: outcome.placements.map((p, i) => ({ ...p, ...details.placements[i] })),
    switches: outcome.switches.map((s, i) => ({ ...s, ...details.switches[i] })),
    services: outcome.services.map((s, j) => ({ ...s, ...details.services[j] })),
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
    const fromServer = (instance?.latency ?? new ExchangeLatencies(topology, problem.exchange)).fromServer(server);
    topology.nodes.forEach((node, i) => (latencyToServer[node.name] = Number.isFinite(fromServer[i]) ? fromServer[i] : null));
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
    pareto: null,
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

function switchOutcome(model: SwitchModel, result: SwitchResult): SwitchOutcome {
  return { name: model.name, result, simulation: null, packets: null, taskWorkers: taskWorkersOf(model), flowFixes: {}, applicableWeights: null, move: null };
}

const taskWorkersOf = (model: SwitchModel): Record<string, string> => Object.fromEntries(model.tasks.map((t) => [t.name, model.workers[t.worker].name]));

/**
 * The part of the scenario a switch (or service) is solved in: the switch alone, or the group of
 * switches and services it is optimised with. A fix must hold in the problem the editor solves, so
 * each is checked by re-solving this part with the change.
 */
class SolvedTogether {
  private readonly network: Network;

  constructor(scenario: Network, switchName: string) {
    const index = scenario.switches.findIndex((s) => s.name === switchName);
    const group = serviceGroups(scenario).find((g) => g.switches.includes(index));
    this.network = group
      ? { switches: group.switches.map((i) => scenario.switches[i]), services: group.services.map((j) => scenario.services[j]) }
      : { switches: [scenario.switches[index]], services: [] };
  }

  /** Re-solved with the switch or service of the same name replaced. */
  async solve(change: { readonly switch?: SwitchModel; readonly service?: ServiceModel }) {
    const switches = this.network.switches.map((s) => (s.name === change.switch?.name ? change.switch : s));
    const services = this.network.services.map((s) => (s.name === change.service?.name ? change.service : s));
    const solved = await solveNetwork({ switches, services });
    return {
      feasible: [...solved.switches, ...solved.services].every((r) => r.status === 'feasible'),
      switchNamed: (name: string) => solved.switches[switches.findIndex((s) => s.name === name)],
      serviceNamed: (name: string) => solved.services[services.findIndex((s) => s.name === name)],
    };
  }
}

/**
 * Packets of the details' packet-level check: ~40 ms for examples/edge-site.nsc, whose p99 then
 * varies by about ±6 % from seed to seed (measured over seeds 1–5).
 */
export const DETAIL_PACKETS = 100_000;

async function switchDetails(together: SolvedTogether, model: SwitchModel, result: SwitchResult, units: WrittenUnits): Promise<ScenarioDetails['switches'][number]> {
  const runnable = model.tasks.length > 0 && model.flows.length > 0;
  const simulation = runnable ? await simulateSwitch(model) : null;
  const packets = runnable
    ? await checkEstimate(
        model,
        model.tasks.map((t) => result.weights[t.name]),
        { packets: DETAIL_PACKETS },
      )
    : null;
  const flowFixes: Record<string, { delay?: ValueFix; rate?: ValueFix }> = {};
  const flowMeets = async (f: number, change: { delaySlo?: number; rateSlo?: number }, verdict: 'meetsDelay' | 'meetsRate') =>
    (await together.solve({ switch: { ...model, flows: model.flows.map((flow, i) => (i === f ? { ...flow, ...change } : flow)) } })).switchNamed(model.name).flows[f][verdict];
  for (const [f, flow] of result.flows.entries()) {
    const written = units.flows[`${model.name}/${flow.name}`] ?? {};
    const fixes: { delay?: ValueFix; rate?: ValueFix } = {};
    if (!flow.meetsDelay && model.flows[f].delaySlo !== undefined) {
      // With fixed weights the delay stays where it is; with optimised weights the best achievable one is reachable.
      const target = result.weightsSource === 'fixed' ? flow.delay : flow.achievableDelay;
      if (target !== null) {
        const { written: value, base } = roundInUnit(target, written.delay, 'up');
        if (await flowMeets(f, { delaySlo: base }, 'meetsDelay')) fixes.delay = { value, unit: written.delay };
      }
    }
    if (!flow.meetsRate && model.flows[f].rateSlo !== undefined) {
      const target = result.weightsSource === 'fixed' ? flow.rate : flow.achievableRate;
      if (target !== null && target > 0) {
        const { written: value, base } = roundInUnit(target, written.rate, 'down');
        if (base > 0 && (await flowMeets(f, { rateSlo: base }, 'meetsRate'))) fixes.rate = { value, unit: written.rate };
      }
    }
    if (fixes.delay || fixes.rate) flowFixes[flow.name] = fixes;
  }
  return {
    simulation,
    packets,
    flowFixes,
    applicableWeights: await applicableWeights(together, model, result),
    move: result.status === 'infeasible' ? await feasibleMove(together, model) : null,
  };
}

/**
 * The optimal weights rounded for the source (3 decimals, then more if rounding breaks the verdict),
 * each worker's weights summing to exactly 1; null unless they keep everything the switch is
 * optimised with feasible.
 */
async function applicableWeights(together: SolvedTogether, model: SwitchModel, result: SwitchResult): Promise<Record<string, number> | null> {
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
    if ((await together.solve({ switch: fixed })).feasible) return Object.fromEntries(model.tasks.map((t, i) => [t.name, weights[i]]));
  }
  return null;
}

/**
 * Moving one task (of `candidates`, default all) to the least-loaded other worker: the first such
 * move that makes everything the switch is optimised with feasible.
 */
async function feasibleMove(
  together: SolvedTogether,
  model: SwitchModel,
  candidates: ReadonlySet<number> = new Set(model.tasks.keys()),
): Promise<{ task: string; toWorker: string } | null> {
  if (model.workers.length < 2) return null;
  // Utilisation of each worker at the design rates: sum of its tasks' design loads over its speed.
  const { loads } = buildDesign(model);
  const load = model.workers.map((worker, w) => model.tasks.reduce((sum, t, i) => (t.worker === w ? sum + loads[i] : sum), 0) / worker.speed);
  for (const [i, task] of model.tasks.entries()) {
    if (!candidates.has(i)) continue;
    const others = model.workers.map((_, w) => w).filter((w) => w !== task.worker);
    const target = others.reduce((best, w) => (load[w] < load[best] ? w : best), others[0]);
    // A fixed weight means nothing on another worker; the moved task's weight is optimised there.
    const tasks = model.tasks.map((t, j) => (j === i ? { ...t, worker: target, fixedWeight: undefined } : t));
    if ((await together.solve({ switch: { ...model, tasks } })).feasible) return { task: task.name, toWorker: model.workers[target].name };
  }
  return null;
}

// ----------------------------------------------------------------- services

function serviceOutcome(model: ServiceModel, result: ServiceResult, switches: readonly SwitchModel[]): ServiceOutcome {
  const crossed = [...new Set(model.hops.map((hop) => hop.switch))].map((name) =>
    present(
      switches.find((s) => s.name === name),
      `switch ${name} of service ${model.name}`,
    ),
  );
  return { name: model.name, result, topology: model.topology, taskWorkers: Object.fromEntries(crossed.map((s) => [s.name, taskWorkersOf(s)])), fixes: {}, move: null };
}

/**
 * An infeasible service's fixes: its end-to-end SLOs relaxed to the best achievable values (rounded
 * in their written unit), and moving a task of a hop flow in a switch of this file; each checked by
 * re-solving the group it is optimised with.
 */
async function serviceDetails(input: ScenarioInput, model: ServiceModel, result: ServiceResult): Promise<ScenarioDetails['services'][number]> {
  if (result.status === 'feasible') return { fixes: {}, move: null };
  const written = input.units.services[model.name] ?? {};
  const network = networkOf(input);
  const together = new SolvedTogether(network, model.hops[0].switch);
  const meets = async (change: Partial<ServiceModel>, verdict: 'meetsDelay' | 'meetsRate') =>
    (await together.solve({ service: { ...model, ...change } })).serviceNamed(model.name)[verdict];
  // With fixed weights somewhere on the way the best achievable value may be out of reach: relax to what is.
  const crossedFixed = model.hops.some((hop) =>
    isFullyFixed(
      present(
        network.switches.find((s) => s.name === hop.switch),
        `switch ${hop.switch} of service ${model.name}`,
      ),
    ),
  );
  const fixes: { delay?: ValueFix; rate?: ValueFix } = {};
  if (!result.meetsDelay && model.delaySlo !== undefined) {
    const target = crossedFixed ? result.delay : result.achievableDelay;
    if (target !== null) {
      const { written: value, base } = roundInUnit(target, written.delay, 'up');
      if (await meets({ delaySlo: base }, 'meetsDelay')) fixes.delay = { value, unit: written.delay };
    }
  }
  if (!result.meetsRate && model.rateSlo !== undefined) {
    const target = crossedFixed ? result.rate : result.achievableRate;
    if (target !== null && target > 0) {
      const { written: value, base } = roundInUnit(target, written.rate, 'down');
      if (base > 0 && (await meets({ rateSlo: base }, 'meetsRate'))) fixes.rate = { value, unit: written.rate };
    }
  }
  return { fixes, move: await hopTaskMove(input, together, model) };
}

/** The first move of a task a hop flow crosses, in a switch of this file, that makes the service's group feasible. */
async function hopTaskMove(input: ScenarioInput, together: SolvedTogether, model: ServiceModel): Promise<ServiceOutcome['move']> {
  for (const hop of model.hops) {
    const sw = input.switches.find((s) => s.name === hop.switch);
    if (!sw) continue; // a switch of another file: its tasks cannot be moved from here
    const flow = present(
      sw.flows.find((f) => f.name === hop.flow),
      `flow ${hop.flow} of switch ${sw.name}`,
    );
    const onPath = new Set(sw.tasks.flatMap((t, i) => (t.modules.some((m) => flow.path.includes(m)) ? [i] : [])));
    const move = await feasibleMove(together, sw, onPath);
    if (move) return { switch: sw.name, ...move };
  }
  return null;
}
