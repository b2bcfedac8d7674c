/**
 * A deterministic generator of software-switch pipelines for benchmarks and randomised tests.
 * Each task is a chain of modules; task b > 0 hangs off a random module of an earlier task, so the
 * dataflow graph is a DAG and every task is connected with its first module as root. Flows start at
 * task 0 and follow the task tree, leaving a task where its child hangs off or at its end. Speeds are
 * set so each worker runs at 50–80 % of capacity at the design rates, and delay SLOs at (by default)
 * 0.9–1.6 times the delay with load-proportional weights, so instances are a mix of feasible and
 * infeasible ones.
 */
import { mulberry32, randomIndex, uniform } from '../placement/prng.js';
import { flowDelays } from './delay.js';
import { buildDesign } from './design.js';
import { DEFAULT_CONTROLLER, type Flow, type Module, type SwitchModel, type Task } from './model.js';

export interface PipelineSpec {
  readonly modules: number;
  readonly tasks: number;
  readonly workers: number;
  readonly flows: number;
  readonly seed: number;
  /**
   * Delay SLOs are the delay at load-proportional weights times a factor drawn from this range;
   * default [0.9, 1.6]. From 1 up, those weights meet every SLO, so the instance is feasible.
   */
  readonly delaySloFactor?: readonly [number, number];
}

export function generatePipeline(spec: PipelineSpec): SwitchModel {
  if (spec.modules < spec.tasks || spec.tasks < spec.workers || spec.workers < 1) {
    throw new RangeError('a pipeline needs modules >= tasks >= workers >= 1');
  }
  // The placement engine's seeded PRNG: identical draws on every platform, never Math.random.
  const random = mulberry32(spec.seed);
  const between = (min: number, max: number): number => uniform(random, min, max);
  const pick = (n: number): number => randomIndex(random, n);

  const modules: Module[] = Array.from({ length: spec.modules }, (_, m) => ({ name: `m${m}`, cost: Math.round(between(20, 600)) }));
  const chains: number[][] = Array.from({ length: spec.tasks }, () => []);
  for (let m = 0; m < spec.modules; m++) chains[m < spec.tasks ? m : pick(spec.tasks)].push(m);
  chains.forEach((chain) => chain.sort((a, b) => a - b));

  const edges: [number, number][] = chains.flatMap((chain) => chain.slice(1).map((m, k): [number, number] => [chain[k], m]));
  // Task b > 0 leaves its parent at one module: parent[b] = [parent task, position in its chain].
  const parent: [number, number][] = [[-1, -1]];
  for (let b = 1; b < spec.tasks; b++) {
    const a = pick(b);
    parent.push([a, pick(chains[a].length)]);
    edges.push([chains[a][parent[b][1]], chains[b][0]]);
  }
  const tasks: Task[] = chains.map((chain, t) => ({ name: `t${t}`, worker: t % spec.workers, modules: chain }));

  // Flow f heads for task T-1-f (so the flows cover the newest tasks, the tree's leaves, and their
  // ancestors), then wanders on into a random child or ends at the end of the chain.
  const children = chains.map((_, a) => parent.flatMap(([p, position], b) => (p === a ? [[position, b] as const] : [])));
  const flows: Flow[] = Array.from({ length: spec.flows }, (_, f) => {
    const route = [spec.tasks - 1 - (f % spec.tasks)];
    while (route[0] !== 0) route.unshift(parent[route[0]][0]);
    for (;;) {
      const next = children[route[route.length - 1]];
      const choice = pick(next.length + 1);
      if (choice === next.length) break;
      route.push(next[choice][1]);
    }
    const path = route.flatMap((task, k) => (k + 1 < route.length ? chains[task].slice(0, parent[route[k + 1]][1] + 1) : chains[task]));
    const offered = Math.round(between(1e5, 1e6));
    return { name: `f${f}`, path, offered, rateSlo: Math.round(offered * between(0.5, 1)) };
  });

  const draft: SwitchModel = {
    name: `Pipeline${spec.seed}`,
    workers: Array.from({ length: spec.workers }, (_, i) => ({ name: `w${i}`, speed: 1 })),
    batch: 1 + pick(32),
    queue: 1 + pick(64),
    modules,
    edges,
    tasks,
    flows,
    controller: DEFAULT_CONTROLLER,
  };
  const { loads } = buildDesign(draft);
  const workers = draft.workers.map((worker, i) => {
    const load = tasks.reduce((sum, task, t) => (task.worker === i ? sum + loads[t] : sum), 0);
    return { ...worker, speed: load > 0 ? Math.round(load / between(0.5, 0.8)) : 1e9 };
  });
  const sized = { ...draft, workers };
  // Delay SLOs relative to the weights that share every worker in proportion to the design loads
  // (all its tasks then have the same capacity headroom): tight for some flows, loose for others.
  const design = buildDesign(sized);
  const proportional = design.minimumWeights.map((minimum, t) => {
    const siblings = design.structure.tasksOfWorker[tasks[t].worker];
    const total = siblings.reduce((sum, s) => sum + design.minimumWeights[s], 0);
    return total > 0 ? minimum / total : 1 / siblings.length;
  });
  const delays = flowDelays(design.structure, design.coefficients, proportional);
  return { ...sized, flows: flows.map((flow, f) => ({ ...flow, delaySlo: delays[f] * between(...(spec.delaySloFactor ?? [0.9, 1.6])) })) };
}
