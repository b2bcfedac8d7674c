/**
 * Lowering: validated AST -> plain engine models (SI units, numbers, indices, no AST references).
 * The only bridge between `language/` and `engine/`. It is total: any AST Langium can produce (a
 * half-typed file with unresolved names, missing clauses, a recovered parse tree) lowers to either
 * models or problems, never an exception. Each lowered model keeps the AST node it came from so
 * results can be mapped back to source ranges; each problem names the node that stopped it.
 */
import type { AstNode, Reference } from 'langium';
import { findCycle, pathsBetween } from '../engine/graph.js';
import type { ScenarioInput, SloUnits, WrittenUnits } from '../engine/scenario.js';
import type { MandalaSpec, Objective, PlacementProblem, StudySpec, Topology, TopologySource, TrainingCurve } from '../engine/placement/model.js';
import { DEFAULT_CONTROLLER, type ControllerSettings, type ServiceModel, type SwitchModel, type Task, type TrafficChange } from '../engine/scheduling/model.js';
import * as ast from './generated/ast.js';
import type { ServiceLookup } from './referrers.js';
import type { TraceLookup } from './trace-files.js';
import { allOf, firstOf, serviceFlows, switchMembers, topologyLinks, topologyNodes } from './syntax.js';
import { dataflowOf } from './validation/switch-rules.js';
import { valueOf } from './validation/placement-rules.js';

export interface Lowered<M, N> {
  readonly model: M;
  readonly node: N;
}

export interface LoweredScenario {
  readonly placements: Lowered<PlacementProblem, ast.Placement>[];
  readonly switches: Lowered<SwitchModel, ast.Switch>[];
  readonly services: Lowered<ServiceModel, ast.Service>[];
  /** Switches declared in other files that the services cross. */
  readonly crossedSwitches: Lowered<SwitchModel, ast.Switch>[];
  readonly studies: Lowered<StudySpec, ast.Study>[];
  /** The units limits are written in, so fixes can be written back the same way. */
  readonly units: WrittenUnits;
}

/** Why a declaration could not be lowered, on the node that stopped it. */
export interface LoweringProblem {
  readonly node: AstNode;
  readonly message: string;
}

export type Lowering = { readonly ok: true; readonly scenario: LoweredScenario } | { readonly ok: false; readonly problems: readonly LoweringProblem[] };

/** Thrown inside this module only; lowerScenario turns it into a problem of its declaration. */
class Unlowerable extends Error {
  constructor(
    readonly node: AstNode,
    message: string,
  ) {
    super(message);
  }
}

/** A quantity the validator has accepted, in base units. */
function required(quantity: ast.Quantity | undefined, owner: AstNode, what: string): number {
  const value = valueOf(quantity);
  if (value === undefined) throw new Unlowerable(quantity ?? owner, `${what} is missing or invalid`);
  return value;
}

const optional = (quantity: ast.Quantity | undefined): number | undefined => (quantity ? valueOf(quantity) : undefined);

/** The target of a reference, or a problem on `owner` naming what is unresolved. */
function resolved<T extends AstNode>(reference: Reference<T> | undefined, owner: AstNode, what: string): T {
  const target = reference?.ref;
  if (!target) throw new Unlowerable(owner, `${what} '${reference?.$refText ?? ''}' is not resolved`);
  return target;
}

/**
 * What lowering reads beyond a document's own AST: `services` finds the services through a flow in
 * any file (a flow may take its offered load from one); `traces` holds the rows of the `traffic
 * from` files, read when the document was validated (trace-files.ts).
 */
export interface LoweringContext {
  readonly services: ServiceLookup;
  readonly traces: TraceLookup;
}

/** The switches of other files that the file's services cross are lowered too (`crossedSwitches`). */
export function lowerScenario(scenario: ast.Scenario, context: LoweringContext): Lowering {
  const placements: LoweredScenario['placements'] = [];
  const switches: LoweredScenario['switches'] = [];
  const services: LoweredScenario['services'] = [];
  const studies: LoweredScenario['studies'] = [];
  const problems: LoweringProblem[] = [];
  const lower = (declaration: ast.Declaration, step: () => void) => {
    try {
      step();
    } catch (error) {
      // An Unlowerable says where; anything else is a gap in this module, still reported on the declaration.
      problems.push(
        error instanceof Unlowerable ? error : { node: declaration, message: `cannot read ${declaration.$type.toLowerCase()} '${declaration.name}': ${String(error)}` },
      );
    }
  };
  for (const declaration of scenario.declarations) {
    lower(declaration, () => {
      if (ast.isPlacement(declaration)) placements.push({ model: lowerPlacement(declaration), node: declaration });
      else if (ast.isSwitch(declaration)) switches.push({ model: lowerSwitch(declaration, context), node: declaration });
      else if (ast.isService(declaration)) services.push({ model: lowerService(declaration), node: declaration });
      else if (ast.isStudy(declaration)) studies.push({ model: lowerStudy(declaration), node: declaration });
    });
  }
  const crossedSwitches: LoweredScenario['crossedSwitches'] = [];
  const elsewhere = new Set(services.flatMap(({ node }) => serviceFlows(node).map((flow) => flow.$container)).filter((sw) => !scenario.declarations.includes(sw)));
  for (const sw of elsewhere) lower(sw, () => crossedSwitches.push({ model: lowerSwitch(sw, context), node: sw }));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, scenario: { placements, switches, services, crossedSwitches, studies, units: writtenUnits(placements, switches, services) } };
}

/** What the engine solves for a lowered file. */
export function scenarioInput(scenario: LoweredScenario): ScenarioInput {
  const models = <M>(lowered: readonly Lowered<M, unknown>[]) => lowered.map((l) => l.model);
  return {
    placements: models(scenario.placements),
    switches: models(scenario.switches),
    services: models(scenario.services),
    crossedSwitches: models(scenario.crossedSwitches),
    studies: models(scenario.studies),
    units: scenario.units,
  };
}

function writtenUnits(placements: LoweredScenario['placements'], switches: LoweredScenario['switches'], services: LoweredScenario['services']): WrittenUnits {
  // A recovered parse may leave a clause without its quantity (`rate >= -Infinity pps`): no unit then.
  const targets: Record<string, string | undefined> = {};
  for (const { node } of placements) targets[node.name] = firstOf(node.clauses, 'TargetClause')?.value?.unit;
  const flows: Record<string, SloUnits> = {};
  for (const { node } of switches) {
    for (const flow of switchMembers(node, 'Flow')) flows[`${node.name}/${flow.name}`] = { delay: flow.delaySlo?.value?.unit, rate: flow.rateSlo?.value?.unit };
  }
  const serviceUnits: Record<string, SloUnits> = {};
  for (const { node } of services) {
    serviceUnits[node.name] = { delay: firstOf(node.clauses, 'ServiceDelaySlo')?.value?.unit, rate: firstOf(node.clauses, 'ServiceRateSlo')?.value?.unit };
  }
  return { targets, flows, services: serviceUnits };
}

export function lowerTopology(topology: ast.ExplicitTopology): Topology {
  const nodes = topologyNodes(topology);
  const index = new Map(nodes.map((n, i) => [n, i]));
  const endpoint = (link: ast.Link, end: 'a' | 'b'): number => {
    const node = index.get(resolved(link[end], link, 'link endpoint'));
    if (node === undefined) throw new Unlowerable(link, `link endpoint '${link[end]?.$refText}' is not a node of ${topology.name}`);
    return node;
  };
  return {
    name: topology.name,
    nodes: nodes.map((n) => ({ name: n.name, tier: n.tier, accelerator: n.accelerator })),
    links: topologyLinks(topology).map((link) => ({
      a: endpoint(link, 'a'),
      b: endpoint(link, 'b'),
      latency: required(link.latency, link, `the latency of a link in ${topology.name}`),
    })),
  };
}

// The language reference's defaults for a generated topology.
const DEFAULT_MANDALA_LATENCY = {
  'access-aggregation': { min: 0.05e-3, max: 0.1e-3 },
  'aggregation-core': { min: 0.2e-3, max: 0.3e-3 },
  'core-application': { min: 0.4e-3, max: 0.6e-3 },
} as const;

export function lowerMandala(topology: ast.MandalaTopology): MandalaSpec {
  const settings = topology.settings;
  const range = (tiers: keyof typeof DEFAULT_MANDALA_LATENCY) => {
    const latency = allOf(settings, 'MandalaLatency').find((l) => l.tiers === tiers);
    return latency ? { min: required(latency.min, latency, 'latency'), max: required(latency.max, latency, 'latency') } : DEFAULT_MANDALA_LATENCY[tiers];
  };
  return {
    name: topology.name,
    access: required(firstOf(settings, 'MandalaAccess')?.count, topology, `the number of access nodes of ${topology.name}`),
    accessAggregation: range('access-aggregation'),
    aggregationCore: range('aggregation-core'),
    coreApplication: range('core-application'),
    diameter: optional(firstOf(settings, 'MandalaDiameter')?.value),
    acceleratorShare: optional(firstOf(settings, 'MandalaAccelerators')?.share) ?? 0,
    seed: optional(firstOf(settings, 'MandalaSeed')?.value) ?? 0,
  };
}

function lowerTopologySource(topology: ast.Topology): TopologySource {
  return ast.isExplicitTopology(topology) ? { kind: 'explicit', topology: lowerTopology(topology) } : { kind: 'mandala', spec: lowerMandala(topology) };
}

export function lowerCurve(curve: ast.Curve): TrainingCurve {
  if (curve.points.length === 0) throw new Unlowerable(curve, `curve ${curve.name} has no points`);
  return {
    name: curve.name,
    points: curve.points.map((p) => ({ k: required(p.k, p, 'the number of AIFs'), time: required(p.time, p, `the time at a point of ${curve.name}`) })),
  };
}

export function lowerObjective(spec: ast.ObjectiveSpec | undefined): Objective {
  if (spec?.kind === 'balanced') {
    return {
      kind: 'balanced',
      aifWeight: required(spec.aifWeight, spec, 'the aifs weight'),
      spreadWeight: required(spec.spreadWeight, spec, 'the spread weight'),
      ...(spec.spreadOver === 'all-nodes' || spec.spreadOver === 'aifs' ? { spreadOver: spec.spreadOver } : {}),
    };
  }
  const tieBreak = spec?.tieBreak === 'fastest-round' || spec?.tieBreak === 'fewest-accelerators' ? { tieBreak: spec.tieBreak } : {};
  return { kind: spec?.kind === 'baseline' ? 'baseline' : 'min-aifs', ...tieBreak };
}

// The language reference's placement defaults.
const DEFAULT_ACCELERATION = 0.5;
const DEFAULT_MIN_AIFS = 2;

export function lowerPlacement(placement: ast.Placement): PlacementProblem {
  const clauses = placement.clauses;
  const topology = resolved(firstOf(clauses, 'PlacementTopology')?.topology, placement, 'topology');
  const curve = resolved(firstOf(clauses, 'PlacementCurve')?.curve, placement, 'curve');
  const nodeNames = (type: 'ServerClause' | 'ExcludeClause') => allOf(clauses, type).flatMap((c) => c.nodes.map((ref) => resolved(ref, c, 'node').name));
  return {
    name: placement.name,
    topology: lowerTopologySource(topology),
    curve: lowerCurve(curve),
    rounds: required(firstOf(clauses, 'RoundsClause')?.value, placement, 'rounds'),
    target: required(firstOf(clauses, 'TargetClause')?.value, placement, 'target'),
    acceleration: optional(firstOf(clauses, 'AccelerationClause')?.value) ?? DEFAULT_ACCELERATION,
    maxAccelerators: optional(firstOf(clauses, 'AcceleratorsMaxClause')?.value),
    exchange: firstOf(clauses, 'ExchangeClause')?.mode === 'one-way' ? 'one-way' : 'round-trip',
    maxLatency: optional(firstOf(clauses, 'MaxLatencyClause')?.value),
    objective: lowerObjective(firstOf(clauses, 'ObjectiveClause')?.objective),
    serverCandidates: firstOf(clauses, 'ServerClause') ? nodeNames('ServerClause') : undefined,
    excluded: nodeNames('ExcludeClause'),
    minAifs: optional(firstOf(clauses, 'MinAifsClause')?.value) ?? DEFAULT_MIN_AIFS,
  };
}

export function lowerSwitch(sw: ast.Switch, context: LoweringContext): SwitchModel {
  const workers = switchMembers(sw, 'Worker');
  const workerIndex = new Map(workers.map((w, i) => [w, i]));
  const dataflow = dataflowOf(sw);
  // The model's dataflow is a DAG: paths between modules (and the engines) assume it.
  const cycle = findCycle(dataflow.next);
  if (cycle) throw new Unlowerable(sw, `the dataflow of ${sw.name} has a cycle: ${cycle.map((v) => dataflow.modules[v].name).join(' -> ')}`);
  const moduleIndex = (reference: Reference<ast.Module> | undefined, owner: AstNode): number => {
    const index = dataflow.indexOf.get(resolved(reference, owner, 'module'));
    if (index === undefined) throw new Unlowerable(owner, `module '${reference?.$refText}' is not a module of ${sw.name}`);
    return index;
  };
  const edges = dataflow.next.flatMap((targets, from) => targets.map((to) => [from, to] as const));
  const tasks: Task[] = switchMembers(sw, 'Task').map((task) => {
    const members = task.modules.map((ref) => moduleIndex(ref, task));
    if (members.length === 0) throw new Unlowerable(task, `task ${task.name} has no modules`);
    const inside = new Set(members);
    const root = members.find((v) => !dataflow.predecessors[v].some((p) => inside.has(p))) ?? members[0];
    const worker = workerIndex.get(resolved(task.worker, task, 'worker'));
    if (worker === undefined) throw new Unlowerable(task, `worker '${task.worker?.$refText}' is not a worker of ${sw.name}`);
    return { name: task.name, worker, modules: [root, ...members.filter((v) => v !== root)], fixedWeight: optional(task.weight) };
  });
  const flowNodes = switchMembers(sw, 'Flow');
  const flows = flowNodes.map((flow) => {
    let path: number[];
    if (flow.source || flow.target) {
      const found = pathsBetween(dataflow.next, moduleIndex(flow.source, flow), moduleIndex(flow.target, flow));
      if (!found.path) throw new Unlowerable(flow, `flow ${flow.name} has no unique path`);
      path = found.path;
    } else path = flow.path.map((ref) => moduleIndex(ref, flow));
    if (path.length === 0) throw new Unlowerable(flow, `flow ${flow.name} has no path`);
    return {
      name: flow.name,
      path,
      offered: flowOffered(flow, context.services),
      rateSlo: optional(flow.rateSlo?.value),
      delaySlo: optional(flow.delaySlo?.value),
    };
  });
  return {
    name: sw.name,
    workers: workers.map((w) => ({ name: w.name, speed: required(w.speed, w, `the speed of ${w.name}`) })),
    batch: optional(switchMembers(sw, 'BatchClause')[0]?.value) ?? 1,
    queue: optional(switchMembers(sw, 'QueueClause')[0]?.value) ?? 1,
    modules: dataflow.modules.map((m) => ({ name: m.name, cost: required(m.cost, m, `the cost of ${m.name}`) })),
    edges,
    tasks,
    flows,
    controller: lowerController(switchMembers(sw, 'Controller')[0]),
    traffic: lowerTraffic(sw, flowNodes, context.traces),
  };
}

/** A flow's offered load: its own, or else that of the services through it (validation makes them agree). */
function flowOffered(flow: ast.Flow, lookup: ServiceLookup): number {
  if (flow.offered) return required(flow.offered, flow, `the offered load of ${flow.name}`);
  const fromService = lookup
    .servicesThrough(flow)
    .map(serviceOffered)
    .find((v) => v !== undefined);
  if (fromService === undefined) throw new Unlowerable(flow, `flow ${flow.name} has no offered load, and no service through it states one`);
  return fromService;
}

/** A service's offered load, pps: its own `offered`, else the first one its hop flows state; undefined when none is written. */
export function serviceOffered(service: ast.Service): number | undefined {
  const own = firstOf(service.clauses, 'ServiceOffered');
  return own ? valueOf(own.value) : valueOf(serviceFlows(service).find((f) => f.offered)?.offered);
}

/**
 * A service: its ends and its switches' nodes as indices of the topology of `from`, its hops by
 * switch and flow name, its offered load (its own, else its hop flows' common one) and SLOs.
 */
export function lowerService(service: ast.Service): ServiceModel {
  const ends = firstOf(service.clauses, 'ServiceEnds');
  if (!ends) throw new Unlowerable(service, `service ${service.name} has no 'from … to'`);
  const from = resolved(ends.source, ends, 'node');
  const topology = from.$container;
  if (!ast.isExplicitTopology(topology)) throw new Unlowerable(ends, `node '${from.name}' is not in a written-out topology`);
  const nodes = topologyNodes(topology);
  const nodeIndex = (node: ast.TopologyNode, owner: AstNode): number => {
    const index = nodes.indexOf(node);
    if (index < 0) throw new Unlowerable(owner, `node '${node.name}' is not in topology ${topology.name}`);
    return index;
  };
  const via = firstOf(service.clauses, 'ServiceVia');
  if (!via || via.hops.length === 0) throw new Unlowerable(service, `service ${service.name} crosses no switch`);
  const hops = via.hops.map((reference) => {
    const flow = resolved(reference, via, 'flow');
    const sw = flow.$container;
    return { switch: sw.name, flow: flow.name, node: nodeIndex(resolved(sw.location, via, `the node of switch ${sw.name}`), via) };
  });
  const offered = serviceOffered(service);
  if (offered === undefined) throw new Unlowerable(service, `service ${service.name} has no offered load, and none of its hop flows states one`);
  return {
    name: service.name,
    topology: lowerTopology(topology),
    from: nodeIndex(from, ends),
    to: nodeIndex(resolved(ends.target, ends, 'node'), ends),
    hops,
    offered,
    rateSlo: optional(firstOf(service.clauses, 'ServiceRateSlo')?.value),
    delaySlo: optional(firstOf(service.clauses, 'ServiceDelaySlo')?.value),
  };
}

/** The changes of the switch's `traffic` in period order (in written order within a period); undefined without one. */
function lowerTraffic(sw: ast.Switch, flows: readonly ast.Flow[], traces: TraceLookup): TrafficChange[] | undefined {
  const traffic = switchMembers(sw, 'Traffic')[0];
  if (!traffic) return undefined;
  let changes: TrafficChange[];
  if (traffic.file !== undefined) {
    const content = traces(traffic);
    if (!content) throw new Unlowerable(traffic, `the trace file '${traffic.file}' has not been read`);
    if (!content.ok) throw new Unlowerable(traffic, `${traffic.file}: ${content.message}`);
    const index = new Map(flows.map((flow, f) => [flow.name, f]));
    changes = content.rows.map((row) => {
      const flow = index.get(row.flow);
      if (flow === undefined) throw new Unlowerable(traffic, `${traffic.file} line ${row.line}: '${row.flow}' is not a flow of ${sw.name}`);
      return { period: row.period, flow, offered: row.offered };
    });
  } else {
    changes = traffic.changes.map((change) => {
      const flow = flows.indexOf(resolved(change.flow, change, 'flow'));
      if (flow < 0) throw new Unlowerable(change, `flow '${change.flow.$refText}' is not a flow of ${sw.name}`);
      return {
        period: required(change.period, change, 'the period of a traffic change'),
        flow,
        offered: optional(change.offered),
        rateSlo: optional(change.rateSlo?.value),
        delaySlo: optional(change.delaySlo?.value),
      };
    });
  }
  return changes.sort((a, b) => a.period - b.period);
}

/** What `lower` returns when the declaration lowers (its references resolve, its quantities are valid), else undefined. */
export function attemptLowering<T>(lower: () => T): T | undefined {
  try {
    return lower();
  } catch (error) {
    if (error instanceof Unlowerable) return undefined;
    throw error;
  }
}

function lowerController(controller: ast.Controller | undefined): ControllerSettings {
  const setting = (key: keyof ControllerSettings) => optional(controller?.settings.find((s) => s.key === key)?.value) ?? DEFAULT_CONTROLLER[key];
  return { alpha: setting('alpha'), step: setting('step'), tries: setting('tries'), periods: setting('periods'), tolerance: setting('tolerance') };
}

export function lowerStudy(study: ast.Study): StudySpec {
  const clauses = study.clauses;
  const placement = resolved(firstOf(clauses, 'StudyPlacement')?.placement, study, 'placement');
  const base = lowerPlacement(placement);
  const regenerate = firstOf(clauses, 'StudyRegenerate') !== undefined;
  if (regenerate && base.topology.kind !== 'mandala') throw new Unlowerable(study, `study ${study.name} can only regenerate a generated topology`);
  const instances = firstOf(clauses, 'StudyInstances');
  const source = base.topology;
  const share =
    source.kind === 'mandala' ? source.spec.acceleratorShare : source.topology.nodes.filter((node) => node.accelerator).length / Math.max(1, source.topology.nodes.length);
  const rounds = firstOf(clauses, 'StudyRounds')?.values.map((q) => required(q, study, 'rounds'));
  const targets = firstOf(clauses, 'StudyTargets')?.values.map((q) => required(q, study, 'target'));
  const objectives = firstOf(clauses, 'StudyObjectives')?.objectives.map(lowerObjective);
  return {
    name: study.name,
    base,
    rounds: rounds ?? [base.rounds],
    targets: targets ?? [base.target],
    objectives: objectives ?? [base.objective],
    instances: optional(instances?.count) ?? 1,
    acceleratorShare: { min: optional(instances?.min) ?? share, max: optional(instances?.max) ?? share },
    seed: optional(instances?.seed) ?? 0,
    regenerate,
  };
}
