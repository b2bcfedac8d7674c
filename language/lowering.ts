/**
 * Lowering: validated AST -> plain engine models (SI units, numbers, indices, no AST references).
 * The only bridge between `language/` and `engine/`. Call it on documents without errors; each
 * lowered model keeps the AST node it came from so results can be mapped back to source ranges.
 */
import { pathsBetween } from '../engine/graph.js';
import type { WrittenUnits } from '../engine/scenario.js';
import type { MandalaSpec, Objective, PlacementProblem, StudySpec, Topology, TopologySource, TrainingCurve } from '../engine/placement/model.js';
import { DEFAULT_CONTROLLER, type ControllerSettings, type SwitchModel, type Task } from '../engine/scheduling/model.js';
import * as ast from './generated/ast.js';
import { allOf, firstOf, placementTopology, switchMembers, topologyLinks, topologyNodes } from './syntax.js';
import { dataflowOf } from './validation/switch-rules.js';
import { valueOf } from './validation/placement-rules.js';

export interface Lowered<M, N> {
  readonly model: M;
  readonly node: N;
}

export interface LoweredScenario {
  readonly placements: Lowered<PlacementProblem, ast.Placement>[];
  readonly switches: Lowered<SwitchModel, ast.Switch>[];
  readonly studies: Lowered<StudySpec, ast.Study>[];
  /** The units limits are written in, so fixes can be written back the same way. */
  readonly units: WrittenUnits;
}

export class LoweringError extends Error {}

/** A quantity the validator has accepted, in base units. */
function required(quantity: ast.Quantity | undefined, what: string): number {
  const value = valueOf(quantity);
  if (value === undefined) throw new LoweringError(`${what} is missing or invalid; validate before lowering`);
  return value;
}

const optional = (quantity: ast.Quantity | undefined): number | undefined => (quantity ? valueOf(quantity) : undefined);

export function lowerScenario(scenario: ast.Scenario): LoweredScenario {
  const placements: LoweredScenario['placements'] = [];
  const switches: LoweredScenario['switches'] = [];
  const studies: LoweredScenario['studies'] = [];
  for (const declaration of scenario.declarations) {
    if (ast.isPlacement(declaration)) placements.push({ model: lowerPlacement(declaration), node: declaration });
    else if (ast.isSwitch(declaration)) switches.push({ model: lowerSwitch(declaration), node: declaration });
    else if (ast.isStudy(declaration)) studies.push({ model: lowerStudy(declaration), node: declaration });
  }
  return { placements, switches, studies, units: writtenUnits(placements, switches) };
}

function writtenUnits(placements: LoweredScenario['placements'], switches: LoweredScenario['switches']): WrittenUnits {
  const targets: Record<string, string | undefined> = {};
  for (const { node } of placements) targets[node.name] = firstOf(node.clauses, 'TargetClause')?.value.unit;
  const flows: Record<string, { delay?: string; rate?: string }> = {};
  for (const { node } of switches) {
    for (const flow of switchMembers(node, 'Flow')) flows[`${node.name}/${flow.name}`] = { delay: flow.delaySlo?.value.unit, rate: flow.rateSlo?.value.unit };
  }
  return { targets, flows };
}

export function lowerTopology(topology: ast.ExplicitTopology): Topology {
  const nodes = topologyNodes(topology);
  const index = new Map(nodes.map((n, i) => [n, i]));
  return {
    name: topology.name,
    nodes: nodes.map((n) => ({ name: n.name, tier: n.tier as Topology['nodes'][number]['tier'], accelerator: n.accelerator })),
    links: topologyLinks(topology).map((link) => ({
      a: index.get(link.a.ref!)!,
      b: index.get(link.b.ref!)!,
      latency: required(link.latency, `latency of a link in ${topology.name}`),
    })),
  };
}

// LANGUAGE.md's defaults for a generated topology.
const DEFAULT_MANDALA_LATENCY = {
  'access-aggregation': { min: 0.05e-3, max: 0.1e-3 },
  'aggregation-core': { min: 0.2e-3, max: 0.3e-3 },
  'core-application': { min: 0.4e-3, max: 0.6e-3 },
} as const;

export function lowerMandala(topology: ast.MandalaTopology): MandalaSpec {
  const settings = topology.settings;
  const range = (tiers: keyof typeof DEFAULT_MANDALA_LATENCY) => {
    const latency = allOf(settings, 'MandalaLatency').find((l) => l.tiers === tiers);
    return latency ? { min: required(latency.min, 'latency'), max: required(latency.max, 'latency') } : DEFAULT_MANDALA_LATENCY[tiers];
  };
  return {
    name: topology.name,
    access: required(firstOf(settings, 'MandalaAccess')?.count, `access of ${topology.name}`),
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
  return {
    name: curve.name,
    points: curve.points.map((p) => ({ k: required(p.k, 'k'), time: required(p.time, `time at a point of ${curve.name}`) })),
  };
}

export function lowerObjective(spec: ast.ObjectiveSpec | undefined): Objective {
  if (spec?.kind === 'balanced') {
    return { kind: 'balanced', aifWeight: required(spec.aifWeight, 'aifs weight'), spreadWeight: required(spec.spreadWeight, 'spread weight') };
  }
  return { kind: spec?.kind === 'baseline' ? 'baseline' : 'min-aifs' };
}

// LANGUAGE.md's placement defaults.
const DEFAULT_ACCELERATION = 0.5;
const DEFAULT_MIN_AIFS = 2;

export function lowerPlacement(placement: ast.Placement): PlacementProblem {
  const clauses = placement.clauses;
  const topology = placementTopology(placement);
  const curve = firstOf(clauses, 'PlacementCurve')?.curve?.ref;
  if (!topology || !curve) throw new LoweringError(`placement ${placement.name} has unresolved references; validate before lowering`);
  const nodeNames = (type: 'ServerClause' | 'ExcludeClause') => allOf(clauses, type).flatMap((c) => c.nodes.map((ref) => ref.ref!.name));
  return {
    name: placement.name,
    topology: lowerTopologySource(topology),
    curve: lowerCurve(curve),
    rounds: required(firstOf(clauses, 'RoundsClause')?.value, 'rounds'),
    target: required(firstOf(clauses, 'TargetClause')?.value, 'target'),
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

export function lowerSwitch(sw: ast.Switch): SwitchModel {
  const workers = switchMembers(sw, 'Worker');
  const workerIndex = new Map(workers.map((w, i) => [w, i]));
  const dataflow = dataflowOf(sw);
  const moduleIndex = (ref: { ref?: ast.Module }) => dataflow.indexOf.get(ref.ref!)!;
  const edges = dataflow.next.flatMap((targets, from) => targets.map((to) => [from, to] as const));
  const tasks: Task[] = switchMembers(sw, 'Task').map((task) => {
    const members = task.modules.map(moduleIndex);
    const inside = new Set(members);
    const root = members.find((v) => !dataflow.predecessors[v].some((p) => inside.has(p))) ?? members[0];
    return {
      name: task.name,
      worker: workerIndex.get(task.worker.ref!)!,
      modules: [root, ...members.filter((v) => v !== root)],
      fixedWeight: optional(task.weight),
    };
  });
  const flows = switchMembers(sw, 'Flow').map((flow) => {
    let path: number[];
    if (flow.source) {
      const found = pathsBetween(dataflow.next, moduleIndex(flow.source), moduleIndex(flow.target!));
      if (!found.path) throw new LoweringError(`flow ${flow.name} has no unique path; validate before lowering`);
      path = found.path;
    } else path = flow.path.map(moduleIndex);
    return {
      name: flow.name,
      path,
      offered: required(flow.offered, `offered load of ${flow.name}`),
      rateSlo: optional(flow.rateSlo?.value),
      delaySlo: optional(flow.delaySlo?.value),
    };
  });
  return {
    name: sw.name,
    workers: workers.map((w) => ({ name: w.name, speed: required(w.speed, `speed of ${w.name}`) })),
    batch: optional(switchMembers(sw, 'BatchClause')[0]?.value) ?? 1,
    queue: optional(switchMembers(sw, 'QueueClause')[0]?.value) ?? 1,
    modules: dataflow.modules.map((m) => ({ name: m.name, cost: required(m.cost, `cost of ${m.name}`) })),
    edges,
    tasks,
    flows,
    controller: lowerController(switchMembers(sw, 'Controller')[0]),
  };
}

function lowerController(controller: ast.Controller | undefined): ControllerSettings {
  const setting = (key: keyof ControllerSettings) => optional(controller?.settings.find((s) => s.key === key)?.value) ?? DEFAULT_CONTROLLER[key];
  return { alpha: setting('alpha'), step: setting('step'), tries: setting('tries'), periods: setting('periods'), tolerance: setting('tolerance') };
}

export function lowerStudy(study: ast.Study): StudySpec {
  const clauses = study.clauses;
  const placement = firstOf(clauses, 'StudyPlacement')?.placement?.ref;
  if (!placement) throw new LoweringError(`study ${study.name} has no resolved placement; validate before lowering`);
  const base = lowerPlacement(placement);
  if (base.topology.kind !== 'mandala') throw new LoweringError(`study ${study.name} needs a generated topology`);
  const instances = firstOf(clauses, 'StudyInstances');
  const share = base.topology.spec.acceleratorShare;
  const rounds = firstOf(clauses, 'StudyRounds')?.values.map((q) => required(q, 'rounds'));
  const targets = firstOf(clauses, 'StudyTargets')?.values.map((q) => required(q, 'target'));
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
  };
}
