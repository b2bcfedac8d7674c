/**
 * The example switches of examples/, built by hand as SwitchModels (SI units), so the
 * engine tests do not depend on the parser.
 */
import { DEFAULT_CONTROLLER, type Flow, type SwitchModel, type Task } from '../../../engine/scheduling/model.js';

/** paper-fork.nsc / fork-fixed-weights.nsc: t0 alone on rx, t1 (2 cycles) and t2 (1 cycle) share w0. */
export function forkModel(weights?: { t0: number; t1: number; t2: number }): SwitchModel {
  const modules = [
    { name: 'nic1', cost: 0 },
    { name: 'm1', cost: 2 },
    { name: 'm2', cost: 1 },
    { name: 'out1', cost: 0 },
    { name: 'out2', cost: 0 },
  ];
  const tasks: Task[] = [
    { name: 't0', worker: 0, modules: [0], fixedWeight: weights?.t0 },
    { name: 't1', worker: 1, modules: [1, 3], fixedWeight: weights?.t1 },
    { name: 't2', worker: 1, modules: [2, 4], fixedWeight: weights?.t2 },
  ];
  const flows: Flow[] = [
    { name: 'f1', path: [0, 1, 3], offered: 1, rateSlo: 1 / 3, delaySlo: 5 },
    { name: 'f2', path: [0, 2, 4], offered: 1, rateSlo: 1 / 5, delaySlo: 6 },
  ];
  return {
    name: weights === undefined ? 'Fork' : 'ForkFixed',
    workers: [
      { name: 'rx', speed: 1 },
      { name: 'w0', speed: 1 },
    ],
    batch: 1,
    queue: 1,
    modules,
    edges: [
      [0, 1],
      [1, 3],
      [0, 2],
      [2, 4],
    ],
    tasks,
    flows,
    controller: DEFAULT_CONTROLLER,
  };
}

/** edge-site.nsc: EdgeUpf. */
export function edgeSiteModel(): SwitchModel {
  const names = ['rx', 'parse', 'classify', 'voice_qos', 'bulk_nat', 'gtp_encap', 'tx_voice', 'tx_bulk'];
  const costs = [60, 180, 240, 300, 900, 220, 60, 60];
  const index = (name: string): number => names.indexOf(name);
  const path = (...modules: string[]): number[] => modules.map(index);
  return {
    name: 'EdgeUpf',
    workers: [
      { name: 'w0', speed: 2.4e9 },
      { name: 'w1', speed: 2.4e9 },
    ],
    batch: 32,
    queue: 64,
    modules: names.map((name, i) => ({ name, cost: costs[i] })),
    edges: [
      [index('rx'), index('parse')],
      [index('parse'), index('classify')],
      [index('classify'), index('voice_qos')],
      [index('voice_qos'), index('gtp_encap')],
      [index('gtp_encap'), index('tx_voice')],
      [index('classify'), index('bulk_nat')],
      [index('bulk_nat'), index('tx_bulk')],
    ],
    tasks: [
      { name: 'ingress', worker: 0, modules: path('rx', 'parse', 'classify') },
      { name: 'voice', worker: 1, modules: path('voice_qos', 'gtp_encap', 'tx_voice') },
      { name: 'bulk', worker: 1, modules: path('bulk_nat', 'tx_bulk') },
    ],
    flows: [
      {
        name: 'voice_ul',
        path: path('rx', 'parse', 'classify', 'voice_qos', 'gtp_encap', 'tx_voice'),
        offered: 0.8e6,
        rateSlo: 0.8e6,
        delaySlo: 150e-6,
      },
      { name: 'bulk_ul', path: path('rx', 'parse', 'classify', 'bulk_nat', 'tx_bulk'), offered: 2.0e6, rateSlo: 1.2e6, delaySlo: 2e-3 },
    ],
    controller: DEFAULT_CONTROLLER,
  };
}

/**
 * The hand check of the brief: three one-module tasks in a chain on one 1 Hz worker, costs 1, 1, 10
 * cycles, B = Q = 1, offered 10 pps, rate >= 0.06 pps, delay <= 30 s.
 */
export function chainModel(): SwitchModel {
  return {
    name: 'Chain',
    workers: [{ name: 'w', speed: 1 }],
    batch: 1,
    queue: 1,
    modules: [
      { name: 'a', cost: 1 },
      { name: 'b', cost: 1 },
      { name: 'c', cost: 10 },
    ],
    edges: [
      [0, 1],
      [1, 2],
    ],
    tasks: [
      { name: 'ta', worker: 0, modules: [0] },
      { name: 'tb', worker: 0, modules: [1] },
      { name: 'tc', worker: 0, modules: [2] },
    ],
    flows: [{ name: 'f', path: [0, 1, 2], offered: 10, rateSlo: 0.06, delaySlo: 30 }],
    controller: DEFAULT_CONTROLLER,
  };
}
