/**
 * Services across switches (docs/models.md "Services across switches"): switches that services
 * connect are optimised together. For such a group, the weights of all its switches maximise one
 * common relative slack over every per-switch SLO term and every service's end-to-end delay SLO,
 *
 *   propagation_S + sum over S's hops h of d_h(w)  <=  (1 - s) D_S,
 *
 * the propagation being a constant of each service's delay row; a service's rate SLO raises its hop
 * flows' rate SLOs to it, so it enters as their tasks' capacity margins. The group is one design
 * (joint-design.ts) solved by the same cutting-plane optimiser with its certificate. Switches no
 * service crosses are solved alone (solve.ts), exactly as without services.
 */
import type { Highs } from 'highs';
import { loadHighs } from '../highs/load.js';
import { getOrInsert, present } from '../invariants.js';
import { itinerary, type Itinerary } from '../routing.js';
import { achievableCommonRate, achievablePathDelay } from './achievable.js';
import { buildDesign, meetsDelaySlo, type DelayLimit, type Design } from './design.js';
import { combineDesigns, partOf } from './joint-design.js';
import type { ServiceModel, SwitchModel } from './model.js';
import { optimalWeights } from './optimal-weights.js';
import { optimiserPins, type Pins } from './pins.js';
import { byName, finiteOrNull, type JointOptimumResult, type ServiceResult, type SwitchResult } from './result.js';
import { isFullyFixed, solveSwitch, switchResultAt } from './solve.js';

export interface Network {
  /** Every switch to solve, and every switch a service crosses. */
  readonly switches: readonly SwitchModel[];
  readonly services: readonly ServiceModel[];
}

export interface NetworkResults {
  /** Aligned with the input's switches. */
  readonly switches: readonly SwitchResult[];
  /** Aligned with the input's services. */
  readonly services: readonly ServiceResult[];
}

/** Switches connected through services (directly or through other services), and those services. */
export interface ServiceGroup {
  readonly switches: readonly number[];
  readonly services: readonly number[];
}

export async function solveNetwork(network: Network, options: { highs?: Highs; signal?: AbortSignal } = {}): Promise<NetworkResults> {
  const highs = options.highs ?? (await loadHighs());
  const switches = new Array<SwitchResult>(network.switches.length);
  const services = new Array<ServiceResult>(network.services.length);
  const groups = serviceGroups(network);
  const grouped = new Set(groups.flatMap((g) => g.switches));
  for (const [i, model] of network.switches.entries()) {
    options.signal?.throwIfAborted();
    if (!grouped.has(i)) switches[i] = await solveSwitch(model, { highs });
  }
  for (const group of groups) {
    options.signal?.throwIfAborted();
    const solved = solveGroup(highs, network, group);
    group.switches.forEach((i, k) => (switches[i] = solved.switches[k]));
    group.services.forEach((j, k) => (services[j] = solved.services[k]));
  }
  return { switches, services };
}

function switchIndex(network: Network): (service: ServiceModel, name: string) => number {
  const byName = new Map(network.switches.map((s, i) => [s.name, i]));
  return (service, name) => {
    const index = byName.get(name);
    if (index === undefined) throw new Error(`service ${service.name} crosses switch ${name}, which is not part of the problem`);
    return index;
  };
}

/** Union-find over the switches, joined by every service that crosses two of them. */
export function serviceGroups(network: Network): ServiceGroup[] {
  const indexOf = switchIndex(network);
  const parent = network.switches.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])));
  for (const service of network.services) {
    const [first, ...rest] = service.hops.map((hop) => root(indexOf(service, hop.switch)));
    for (const other of rest) parent[root(other)] = root(first);
  }
  const groups = new Map<number, { switches: number[]; services: number[] }>();
  const groupOf = (i: number) => getOrInsert(groups, root(i), () => ({ switches: [], services: [] }));
  network.services.forEach((service, j) => {
    if (service.hops.length > 0) groupOf(indexOf(service, service.hops[0].switch)).services.push(j);
  });
  network.switches.forEach((_, i) => groups.get(root(i))?.switches.push(i));
  return [...groups.values()];
}

/** Where a hop is in the group: the part (switch) and the flow's index in it. */
interface HopPlace {
  readonly part: number;
  readonly flow: number;
}

interface GroupProblem {
  readonly models: readonly SwitchModel[];
  readonly designs: readonly Design[];
  readonly services: readonly ServiceModel[];
  readonly routes: readonly Itinerary[];
  readonly places: readonly (readonly HopPlace[])[];
}

function groupProblem(network: Network, group: ServiceGroup): GroupProblem {
  const services = group.services.map((j) => network.services[j]);
  const partOfSwitch = new Map(group.switches.map((i, k) => [network.switches[i].name, k]));
  const places = services.map((service) =>
    service.hops.map((hop): HopPlace => {
      const part = present(partOfSwitch.get(hop.switch), `switch ${hop.switch} of service ${service.name}`);
      const flow = network.switches[group.switches[part]].flows.findIndex((f) => f.name === hop.flow);
      if (flow < 0) throw new Error(`service ${service.name}: switch ${hop.switch} has no flow ${hop.flow}`);
      return { part, flow };
    }),
  );
  // A service's rate SLO is every hop's: the hop flow's rate SLO becomes the larger of the two.
  const models = group.switches.map((i, k) => {
    const model = network.switches[i];
    const raised = new Map<number, number>();
    services.forEach((service, s) => {
      if (service.rateSlo === undefined) return;
      for (const place of places[s]) if (place.part === k) raised.set(place.flow, Math.max(raised.get(place.flow) ?? 0, service.rateSlo));
    });
    return raised.size === 0 ? model : { ...model, flows: model.flows.map((f, i) => (raised.has(i) ? { ...f, rateSlo: Math.max(f.rateSlo ?? 0, raised.get(i) ?? 0) } : f)) };
  });
  const routes = services.map((service) => {
    const found = itinerary(service.topology, [service.from, ...service.hops.map((h) => h.node), service.to]);
    if (!found.ok) throw new Error(`service ${service.name}: no path on topology ${service.topology.name} for segment ${found.missing + 1} of its route`);
    return found.itinerary;
  });
  return { models, designs: models.map(buildDesign), services, routes, places };
}

/** Per part, task -> how often the service's hops there cross it. */
function taskCounts(problem: GroupProblem, s: number): Map<number, Map<number, number>> {
  const counts = new Map<number, Map<number, number>>();
  for (const { part, flow } of problem.places[s]) {
    const perTask = getOrInsert(counts, part, () => new Map<number, number>());
    for (const { task } of problem.designs[part].structure.visits[flow]) perTask.set(task, (perTask.get(task) ?? 0) + 1);
  }
  return counts;
}

function solveGroup(highs: Highs, network: Network, group: ServiceGroup): { switches: SwitchResult[]; services: ServiceResult[] } {
  const problem = groupProblem(network, group);
  const { models, designs, services, routes } = problem;
  const serviceLimits = (taskOffsets: readonly number[]): DelayLimit[] =>
    services.flatMap((service, s) => {
      if (service.delaySlo === undefined) return [];
      const visits = [...taskCounts(problem, s)].flatMap(([part, counts]) => [...counts].map(([task, count]) => ({ task: task + taskOffsets[part], count })));
      return [{ visits, limit: service.delaySlo, offset: routes[s].latency }];
    });
  const joint = combineDesigns(models.map((m) => m.name).join('+'), designs, serviceLimits);

  // As for one switch: a switch whose every task has a written weight is evaluated as written, and
  // the optimum offered as its quick fix is found with nothing pinned; the others adapt to it.
  const optimumPins = models.flatMap(optimiserPins);
  const reportedPins = models.flatMap((m) => (isFullyFixed(m) ? m.tasks.map((t) => t.fixedWeight) : optimiserPins(m)));
  const optimum = optimalWeights(highs, joint.design, optimumPins);
  const anyFixed = models.some(isFullyFixed);
  const reported = anyFixed ? optimalWeights(highs, joint.design, reportedPins).weights : optimum.weights;

  const jointOptimum: JointOptimumResult = {
    switches: models.map((m) => m.name),
    services: services.map((s) => s.name),
    slack: finiteOrNull(optimum.slack),
    lowerBound: finiteOrNull(optimum.slack),
    upperBound: finiteOrNull(optimum.upperBound),
    iterations: optimum.iterations,
  };
  const pinsOf = (k: number): Pins => partOf(joint, k, optimumPins);
  const switches = models.map((model, k) => {
    const crossing = services.filter((_, s) => problem.places[s].some((p) => p.part === k)).map((s) => s.name);
    const { slack, lowerBound, upperBound, iterations } = jointOptimum;
    const certificate = { weights: byName(model.tasks, partOf(joint, k, optimum.weights)), slack, lowerBound, upperBound, iterations };
    const source = isFullyFixed(model) ? 'fixed' : 'optimal';
    return switchResultAt(highs, designs[k], pinsOf(k), { weights: partOf(joint, k, reported), source }, certificate, crossing);
  });
  return { switches, services: services.map((service, s) => serviceResult(problem, s, switches, pinsOf, jointOptimum)) };
}

function serviceResult(problem: GroupProblem, s: number, switches: readonly SwitchResult[], pinsOf: (part: number) => Pins, optimum: JointOptimumResult): ServiceResult {
  const service = problem.services[s];
  const route = problem.routes[s];
  const places = problem.places[s];
  const names = service.topology.nodes.map((n) => n.name);
  const hops = service.hops.map((hop, h) => {
    const flow = switches[places[h].part].flows[places[h].flow];
    const total = (term: 'blocking' | 'processing') => flow.budget.reduce((sum, b) => sum + b[term], 0);
    const queuing = flow.budget.some((b) => b.queuing === null) ? null : flow.budget.reduce((sum, b) => sum + (b.queuing ?? 0), 0);
    const { delay, rate, meetsRate, budget } = flow;
    return { switch: hop.switch, flow: hop.flow, node: names[hop.node], delay, rate, meetsRate, blocking: total('blocking'), queuing, processing: total('processing'), budget };
  });
  const delay = hops.reduce<number | null>((sum, hop) => (sum === null || hop.delay === null ? null : sum + hop.delay), route.latency);
  const weightsOf = (part: number) => problem.models[part].tasks.map((t) => switches[part].weights[t.name]);
  const counts = taskCounts(problem, s);

  // The service's own terms of the common slack: its end-to-end delay, and its hop tasks' capacity.
  let slack = service.delaySlo === undefined ? Infinity : 1 - (delay ?? Infinity) / service.delaySlo;
  for (const [part, perTask] of counts) {
    const weights = weightsOf(part);
    for (const task of perTask.keys()) {
      const minimum = problem.designs[part].minimumWeights[task];
      if (minimum > 0) slack = Math.min(slack, weights[task] / minimum - 1);
    }
  }
  const bestHopDelays = [...counts].map(([part, perTask]) => achievablePathDelay(problem.designs[part], pinsOf(part), perTask));
  const hopFlowsOf = (part: number) => places.filter((p) => p.part === part).map((p) => p.flow);
  const bestHopRates = [...counts.keys()].map((part) => achievableCommonRate(problem.designs[part], pinsOf(part), hopFlowsOf(part)));
  const crossed = [...new Set(places.map((p) => p.part))];

  // Each hop flow's rate SLO is at least the service's, so every hop meeting its own is the service meeting its.
  const meetsRate = hops.every((hop) => hop.meetsRate);
  const meetsDelay = meetsDelaySlo(delay ?? Infinity, service.delaySlo);
  return {
    name: service.name,
    status: meetsRate && meetsDelay ? 'feasible' : 'infeasible',
    topology: service.topology.name,
    from: names[service.from],
    to: names[service.to],
    route: route.segments.map((segment) => ({ nodes: segment.nodes.map((v) => names[v]), latency: segment.latency })),
    propagation: route.latency,
    hops,
    delay,
    delaySlo: service.delaySlo ?? null,
    rate: Math.min(...hops.map((hop) => hop.rate)),
    rateSlo: service.rateSlo ?? null,
    offered: service.offered,
    designRate: Math.min(service.offered, service.rateSlo ?? Infinity),
    meetsRate,
    meetsDelay,
    slack: finiteOrNull(slack),
    achievableDelay: bestHopDelays.every((d) => d !== undefined) ? route.latency + bestHopDelays.reduce((sum, d) => sum + d, 0) : null,
    achievableRate: bestHopRates.every((r) => r !== undefined) ? Math.min(service.offered, ...bestHopRates.map((r) => r)) : null,
    weights: Object.fromEntries(crossed.map((part) => [problem.models[part].name, switches[part].weights])),
    optimum,
  };
}
