/** Switch rules (seed: NF scheduling): dataflow structure, tasks, flows and fixed weights. */
import type { ValidationAcceptor } from 'langium';
import { adjacency, findCycle, pathsBetween, reachableWithin } from '../../engine/graph.js';
import type * as ast from '../generated/ast.js';
import { switchMembers } from '../syntax.js';
import { checkSingleClauses, syntaxIsComplete } from './clauses.js';
import { checkUniqueNames } from './names.js';
import { valueOf } from './placement-rules.js';
import { formatQuantity } from '../../engine/units.js';
import { serviceOffered } from '../lowering.js';
import type { ServiceLookup } from '../referrers.js';

/** The switch's dataflow graph over module indices, with the edge chain that declared each edge. */
export interface Dataflow {
  readonly modules: readonly ast.Module[];
  readonly indexOf: ReadonlyMap<ast.Module, number>;
  readonly next: number[][];
  readonly predecessors: number[][];
}

export function dataflowOf(sw: ast.Switch): Dataflow {
  const modules = switchMembers(sw, 'Module');
  const indexOf = new Map(modules.map((m, i) => [m, i]));
  const edges: [number, number][] = [];
  for (const chain of switchMembers(sw, 'EdgeChain')) {
    for (let i = 0; i + 1 < chain.modules.length; i++) {
      const [a, b] = [chain.modules[i].ref, chain.modules[i + 1].ref];
      const [from, to] = [a && indexOf.get(a), b && indexOf.get(b)];
      if (from !== undefined && to !== undefined) edges.push([from, to]);
    }
  }
  const next = adjacency(modules.length, edges);
  const predecessors: number[][] = modules.map(() => []);
  next.forEach((targets, from) => targets.forEach((to) => predecessors[to].push(from)));
  return { modules, indexOf, next, predecessors };
}

export function checkSwitch(sw: ast.Switch, lookup: ServiceLookup, accept: ValidationAcceptor): void {
  checkUniqueNames(switchMembers(sw, 'Worker'), 'worker', accept);
  checkUniqueNames(switchMembers(sw, 'Module'), 'module', accept);
  checkUniqueNames(switchMembers(sw, 'Task'), 'task', accept);
  checkUniqueNames(switchMembers(sw, 'Flow'), 'flow', accept);
  const singles = sw.members.filter((m) => m.$type === 'BatchClause' || m.$type === 'QueueClause' || m.$type === 'Controller' || m.$type === 'Traffic');
  checkSingleClauses(
    singles,
    (m) => m.$type,
    (k) => `'${k.replace('Clause', '').toLowerCase()}'`,
    accept,
  );
  const dataflow = dataflowOf(sw);
  if (syntaxIsComplete(sw)) {
    checkMissingParts(sw, lookup, accept);
    checkTaskMembership(sw, dataflow, accept);
  }
  const acyclic = checkAcyclic(sw, dataflow, accept);
  for (const task of switchMembers(sw, 'Task')) checkTaskShape(task, dataflow, accept);
  for (const flow of switchMembers(sw, 'Flow')) checkFlow(flow, dataflow, acyclic, accept);
  checkFixedWeights(sw, accept);
}

function checkMissingParts(sw: ast.Switch, lookup: ServiceLookup, accept: ValidationAcceptor): void {
  for (const worker of switchMembers(sw, 'Worker')) {
    if (!worker.speed) accept('error', `Worker '${worker.name}' needs a speed, e.g. 'speed 2.4 GHz'.`, { node: worker, property: 'name' });
  }
  for (const module of switchMembers(sw, 'Module')) {
    if (!module.cost) accept('error', `Module '${module.name}' needs a cost, e.g. 'cost 100 cycles'.`, { node: module, property: 'name' });
  }
  for (const flow of switchMembers(sw, 'Flow')) if (!flow.offered) checkOfferedFromServices(flow, lookup, accept);
}

/** A flow without `offered` carries the load of the services through it: there must be one, and they must agree. */
function checkOfferedFromServices(flow: ast.Flow, lookup: ServiceLookup, accept: ValidationAcceptor): void {
  const loads = lookup.servicesThrough(flow).flatMap((service) => {
    const offered = serviceOffered(service);
    return offered === undefined ? [] : [{ service: service.name, offered }];
  });
  if (loads.length === 0) {
    accept('error', `Flow '${flow.name}' needs an offered load, e.g. 'offered 1 Mpps', or a service through it that states one.`, { node: flow, property: 'name' });
    return;
  }
  const other = loads.find((load) => Math.abs(load.offered - loads[0].offered) > 1e-9 * Math.max(load.offered, loads[0].offered));
  if (other) {
    const rate = (pps: number) => formatQuantity(pps, 'rate');
    accept(
      'error',
      `Services '${loads[0].service}' (${rate(loads[0].offered)}) and '${other.service}' (${rate(other.offered)}) both cross flow '${flow.name}' with different loads; give the flow its own 'offered', or make them agree.`,
      {
        node: flow,
        property: 'name',
      },
    );
  }
}

function checkAcyclic(sw: ast.Switch, dataflow: Dataflow, accept: ValidationAcceptor): boolean {
  const cycle = findCycle(dataflow.next);
  if (!cycle) return true;
  const names = cycle.map((i) => dataflow.modules[i].name);
  // Report on the chain that closes the cycle: the one holding its last edge.
  const [from, to] = [dataflow.modules[cycle[cycle.length - 2]], dataflow.modules[cycle[cycle.length - 1]]];
  const chain = switchMembers(sw, 'EdgeChain').find((c) => c.modules.some((m, i) => m.ref === from && c.modules[i + 1]?.ref === to));
  accept('error', `The dataflow must be acyclic, but ${names.join(' -> ')} is a cycle.`, { node: chain ?? sw, property: chain ? undefined : 'name' });
  return false;
}

function checkTaskMembership(sw: ast.Switch, dataflow: Dataflow, accept: ValidationAcceptor): void {
  const owner = new Map<ast.Module, ast.Task>();
  for (const task of switchMembers(sw, 'Task')) {
    task.modules.forEach((ref, index) => {
      const module = ref.ref;
      if (!module) return;
      const previous = owner.get(module);
      if (previous) {
        accept('error', `Module '${module.name}' is already in task '${previous.name}'; a module belongs to exactly one task.`, { node: task, property: 'modules', index });
      } else owner.set(module, task);
    });
  }
  for (const module of dataflow.modules) {
    if (!owner.has(module)) accept('error', `Module '${module.name}' is in no task; put it in exactly one task.`, { node: module, property: 'name' });
  }
}

/** A task is a connected, rooted sub-graph: exactly one module without a predecessor inside it, reaching all others. */
function checkTaskShape(task: ast.Task, dataflow: Dataflow, accept: ValidationAcceptor): void {
  const members = new Set(task.modules.map((r) => r.ref && dataflow.indexOf.get(r.ref)).filter((i): i is number => i !== undefined));
  if (task.modules.length === 0 && syntaxIsComplete(task)) {
    accept('error', `Task '${task.name}' has no modules.`, { node: task, property: 'name' });
    return;
  }
  if (members.size === 0) return;
  const roots = [...members].filter((v) => !dataflow.predecessors[v].some((p) => members.has(p)));
  if (roots.length !== 1) {
    const names = roots.map((v) => `'${dataflow.modules[v].name}'`).join(', ');
    const message =
      roots.length === 0
        ? `Task '${task.name}' has no root: every module has a predecessor inside the task.`
        : `Task '${task.name}' must have one root (the module owning its input queue), but ${names} have no predecessor inside it.`;
    accept('error', message, { node: task, property: 'name' });
    return;
  }
  const reached = reachableWithin(dataflow.next, roots[0], members);
  const unreached = [...members].filter((v) => !reached.has(v)).map((v) => `'${dataflow.modules[v].name}'`);
  if (unreached.length > 0) {
    accept('error', `Task '${task.name}' is not connected: ${unreached.join(', ')} cannot be reached from its root '${dataflow.modules[roots[0]].name}'.`, {
      node: task,
      property: 'name',
    });
  }
}

function checkFlow(flow: ast.Flow, dataflow: Dataflow, acyclic: boolean, accept: ValidationAcceptor): void {
  if (flow.source || flow.target) {
    const source = flow.source?.ref;
    const target = flow.target?.ref;
    const [from, to] = [source && dataflow.indexOf.get(source), target && dataflow.indexOf.get(target)];
    if (!source || !target || !acyclic || from === undefined || to === undefined) return;
    const { count } = pathsBetween(dataflow.next, from, to);
    if (count === 0) accept('error', `No path leads from '${source.name}' to '${target.name}'.`, { node: flow, property: 'target' });
    if (count > 1) {
      accept('error', `Several paths lead from '${source.name}' to '${target.name}'; spell this flow's path out with '->'.`, { node: flow, property: 'target' });
    }
    return;
  }
  for (let i = 0; i + 1 < flow.path.length; i++) {
    const from = flow.path[i].ref;
    const to = flow.path[i + 1].ref;
    const [a, b] = [from && dataflow.indexOf.get(from), to && dataflow.indexOf.get(to)];
    if (!from || !to || a === undefined || b === undefined) continue;
    if (!dataflow.next[a].includes(b)) {
      accept('error', `There is no edge '${from.name} -> ${to.name}'; a flow's path must follow declared edges.`, { node: flow, property: 'path', index: i + 1 });
    }
  }
}

function checkFixedWeights(sw: ast.Switch, accept: ValidationAcceptor): void {
  const sums = new Map<ast.Worker, { total: number; tasks: ast.Task[] }>();
  for (const task of switchMembers(sw, 'Task')) {
    const worker = task.worker?.ref;
    const weight = valueOf(task.weight);
    if (!worker || weight === undefined) continue;
    const entry = sums.get(worker) ?? { total: 0, tasks: [] };
    entry.total += weight;
    entry.tasks.push(task);
    sums.set(worker, entry);
  }
  for (const [worker, { total, tasks }] of sums) {
    if (total > 1 + 1e-9) {
      const last = tasks[tasks.length - 1];
      accept('error', `The fixed weights on worker '${worker.name}' sum to ${+total.toFixed(6)}; they may sum to at most 1.`, { node: last, property: 'weight' });
    } else if (total >= 1 - 1e-9) {
      // Nothing is left for the worker's other tasks: they would never run.
      for (const starved of switchMembers(sw, 'Task').filter((t) => t.worker?.ref === worker && !t.weight)) {
        accept('warning', `The fixed weights on worker '${worker.name}' already sum to 1, so task '${starved.name}' gets weight 0 and never runs.`, {
          node: starved,
          property: 'name',
        });
      }
    }
  }
}

const CONTROLLER_KEYWORDS = (key: string) => `'${key}'`;

export function checkController(controller: ast.Controller, accept: ValidationAcceptor): void {
  checkSingleClauses(controller.settings, (s) => s.key, CONTROLLER_KEYWORDS, accept);
}
