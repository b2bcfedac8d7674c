/**
 * One invalid input per validation rule of docs/language.md: each asserts the message and the exact
 * source text the diagnostic's range covers.
 */
import { describe, expect, it } from 'vitest';
import { validate } from './helpers.js';

const TOPOLOGY = `topology Net {
  node a tier core
  node b tier access accelerator
  node c tier access
  link a -- b latency 1 ms
  link a -- c latency 2 ms
}
curve C { 1 -> 1 s  2 -> 0.6 s }
`;

const placement = (clauses: string) => `${TOPOLOGY}
placement P {
${clauses}
}`;
const BASE_PLACEMENT = 'topology Net\n  curve C\n  rounds 2\n  target 4 s';

const switchWith = (body: string) => `switch S {
  worker w0 speed 1 GHz
  module a cost 10 cycles
  module b cost 20 cycles
  module c cost 30 cycles
${body}
}`;
const CHAIN = 'a -> b -> c\n  task t on w0 { a, b, c }';

interface Case {
  readonly name: string;
  readonly text: string;
  readonly message: string | RegExp;
  /** The source text the diagnostic's range must cover. */
  readonly covers: string;
  readonly severity?: 1 | 2;
  readonly others?: Record<string, string>;
}

const cases: Case[] = [
  // units and numbers
  { name: 'unknown unit with suggestion', text: placement(BASE_PLACEMENT.replace('4 s', '4 mss')), message: "Unknown unit 'mss': a target learning time is a time (ns, us, µs, ms, s). Did you mean 'ms'?", covers: 'mss' },
  { name: 'unit of the wrong dimension', text: placement(BASE_PLACEMENT.replace('4 s', '4 pps')), message: "'pps' is a unit of packet rate, but a target learning time is a time (ns, us, µs, ms, s).", covers: 'pps' },
  { name: 'missing unit', text: switchWith(CHAIN).replace('speed 1 GHz', 'speed 1'), message: 'A worker speed needs a unit of frequency (Hz, kHz, MHz, GHz).', covers: '1' },
  { name: 'unit on a plain count', text: placement(BASE_PLACEMENT.replace('rounds 2', 'rounds 2 s')), message: 'The number of rounds is a plain number and takes no unit.', covers: 's' },
  { name: 'count that is not whole', text: placement(BASE_PLACEMENT.replace('rounds 2', 'rounds 2.5')), message: 'The number of rounds must be a whole number.', covers: '2.5' },
  { name: 'number too large to represent', text: switchWith(CHAIN).replace('cost 10 cycles', 'cost 1e309 cycles'), message: 'This number is too large to represent; write a finite value.', covers: '1e309 cycles' },
  { name: 'absurd but finite number', text: switchWith(CHAIN).replace('cost 10 cycles', 'cost 1e200 cycles'), message: 'A module cost of 1e200 cycles is out of range: at most 1000000 Mcycles is accepted.', covers: '1e200 cycles' },
  { name: 'worker speed below 1 Hz', text: switchWith(CHAIN).replace('speed 1 GHz', 'speed 1e-300 Hz'), message: 'A worker speed must be at least 1 Hz.', covers: '1e-300 Hz' },
  { name: 'delay SLO below 1 ns', text: switchWith(`${CHAIN}\n  flow f a -> b -> c offered 1 pps delay <= 1e-12 s`), message: 'A delay SLO must be at least 1 ns.', covers: '1e-12 s' },
  // a switch whose quantities are each fine but whose ratios the solver cannot resolve (bound 1e6):
  // tau = 10 + 20 + 3e7 cycles at 1 Gpps on a 1 GHz worker: utilisation 3.000003e7
  {
    name: 'task load a million times its worker',
    text: switchWith(`${CHAIN}\n  flow f a -> b -> c offered 1 Gpps`).replace('cost 30 cycles', 'cost 3e7 cycles'),
    message: "Task 't' needs 3.0e+7 times the speed of its worker at the offered load: beyond what the solver can resolve (at most 1000000 times).",
    covers: 't',
  },
  // 1 Hz worker: processing = queuing at full weight = 60 cycles / 1 Hz = 60 s, against an SLO of 1 ns
  {
    name: 'delay SLO a million times below a task time',
    text: switchWith(`${CHAIN}\n  flow f a -> b -> c offered 1 pps delay <= 1 ns`).replace('speed 1 GHz', 'speed 1 Hz'),
    message: "The delay SLO of 'f' is 6.0e+10 times shorter than the time one of its tasks takes per batch or queue: beyond what the solver can resolve (at most 1000000 times).",
    covers: 'f',
  },
  // t waits behind u's batch (theta 20 + 1e8 cycles) but queues only its own 10 cycles: ratio 1.000002e7
  {
    name: 'tasks on one worker a million times apart in cost',
    text: switchWith('a -> b -> c\n  task t on w0 { a }\n  task u on w0 { b, c }\n  flow f a -> b -> c offered 1 pps').replace('cost 30 cycles', 'cost 1e8 cycles'),
    message: "Task 't' is 1.0e+7 times cheaper than another task on its worker (batch × cost against queue × cost): beyond what the solver can resolve (at most 1000000 times).",
    covers: 't',
  },
  { name: 'fraction with zero denominator', text: switchWith(`${CHAIN}\n  flow f a -> b -> c offered 1/0 pps`), message: 'A fraction cannot have a zero denominator.', covers: '0' },
  // names and references
  { name: 'duplicate declaration', text: `${TOPOLOGY}\ncurve C { 1 -> 2 s }`, message: "Duplicate declaration 'C'.", covers: 'C' },
  { name: 'declaration duplicated in another file', text: 'curve Other { 1 -> 1 s }', others: { 'other.nsc': 'curve Other { 1 -> 2 s }' }, message: "'Other' is also declared in other.nsc; names must be unique across the workspace.", covers: 'Other' },
  // Found by fuzzing: the one file named was the last in the index, whose order depends on which files were rebuilt last.
  { name: 'declaration duplicated in two other files, named in a fixed order', text: 'curve Other { 1 -> 1 s }', others: { 'z.nsc': 'curve Other { 1 -> 2 s }', 'a.nsc': 'curve Other { 1 -> 3 s }' }, message: "'Other' is also declared in a.nsc, z.nsc; names must be unique across the workspace.", covers: 'Other' },
  { name: 'duplicate node', text: TOPOLOGY.replace('node c tier access', 'node b tier access'), message: "Duplicate node 'b'.", covers: 'b' },
  { name: 'duplicate module', text: switchWith(CHAIN).replace('module c cost', 'module b cost'), message: "Duplicate module 'b'.", covers: 'b' },
  { name: 'unresolved reference', text: placement(BASE_PLACEMENT.replace('curve C', 'curve Missing')), message: /Could not resolve reference to Curve named 'Missing'/, covers: 'Missing' },
  // topology
  { name: 'self link', text: TOPOLOGY.replace('link a -- c', 'link c -- c'), message: "A link cannot connect 'c' to itself.", covers: 'link c -- c latency 2 ms' },
  { name: 'duplicate link', text: TOPOLOGY.replace('link a -- c', 'link b -- a'), message: "'b' and 'a' are already linked.", covers: 'link b -- a latency 2 ms' },
  { name: 'link without latency', text: TOPOLOGY.replace('link a -- c latency 2 ms', 'link a -- c'), message: "A link needs a latency, e.g. 'latency 0.5 ms'.", covers: 'link a -- c' },
  { name: 'negative link latency', text: TOPOLOGY.replace('latency 2 ms', 'latency -2 ms'), message: 'A link latency must be zero or more.', covers: '-2 ms' },
  // mandala
  { name: 'mandala access not a multiple of 8', text: 'topology M mandala { access 20 seed 1 }', message: /must be a positive multiple of 8.*20 is not/, covers: '20' },
  { name: 'mandala accelerator share above 100%', text: 'topology M mandala { access 16 accelerators 130% }', message: 'An accelerator share is a share in [0, 1]: write a fraction like 0.3 or a percentage like 30%.', covers: '130%' },
  { name: 'mandala empty latency range', text: 'topology M mandala { access 16 latency core-application 0.6 ms to 0.4 ms }', message: 'The latency range is empty: core-application goes from a larger to a smaller value.', covers: 'latency core-application 0.6 ms to 0.4 ms' },
  { name: 'mandala setting given twice', text: 'topology M mandala { access 16 seed 1 seed 2 }', message: "'seed' is given more than once; keep one.", covers: 'seed 2' },
  { name: 'mandala without access', text: 'topology M mandala { seed 1 }', message: "'M' needs 'access'.", covers: 'M' },
  // curve
  { name: 'curve k not strictly increasing', text: 'curve K { 1 -> 1 s  3 -> 0.5 s  3 -> 0.4 s }', message: 'The numbers of AIFs must increase strictly: 3 follows 3.', covers: '3', severity: 1 },
  { name: 'curve time not positive', text: 'curve K { 1 -> 0 s }', message: 'A training time must be at least 1 ns.', covers: '0 s' },
  { name: 'rising curve warns', text: 'curve K { 1 -> 1 s  2 -> 1.5 s }', message: /Training time rises from 1 s at k = 1 to 1.5 s at k = 2/, covers: '1.5 s', severity: 2 },
  { name: 'empty curve', text: 'curve K { }', message: "Curve 'K' needs at least one point 'k -> time'.", covers: 'K' },
  // placement
  { name: 'placement missing required clauses', text: placement('topology Net\n  curve C'), message: "'P' needs 'rounds', 'target'.", covers: 'P' },
  { name: 'placement clause given twice', text: placement(`${BASE_PLACEMENT}\n  rounds 3`), message: "'rounds' is given more than once; keep one.", covers: 'rounds 3' },
  { name: 'rounds must be positive', text: placement(BASE_PLACEMENT.replace('rounds 2', 'rounds 0')), message: 'The number of rounds must be at least 1.', covers: '0' },
  { name: 'acceleration outside (0,1)', text: placement(`${BASE_PLACEMENT}\n  acceleration 1`), message: 'The acceleration factor must lie strictly between 0 and 1.', covers: '1' },
  { name: 'server not in the placement topology', text: placement(`${BASE_PLACEMENT}\n  server in Other.x`) + '\ntopology Other { node x }', message: "'Other.x' is not a node of topology 'Net'.", covers: 'Other.x' },
  { name: 'accelerators max above what exists warns', text: placement(`${BASE_PLACEMENT}\n  accelerators max 5`), message: "Only 1 node of 'Net' has an accelerator; at most 1 can be used.", covers: '5', severity: 2 },
  { name: 'min aifs beyond the topology warns', text: placement(`${BASE_PLACEMENT}\n  min aifs 3`), message: "'Net' has 3 nodes: with one for the FL server, at most 2 AIFs fit.", covers: '3', severity: 2 },
  { name: 'negative objective weight', text: placement(`${BASE_PLACEMENT}\n  objective balanced aifs -1 spread 10`), message: 'A weight must be zero or more.', covers: '-1' },
  // switch
  { name: 'worker without speed', text: switchWith(CHAIN).replace('worker w0 speed 1 GHz', 'worker w0'), message: "Worker 'w0' needs a speed, e.g. 'speed 2.4 GHz'.", covers: 'w0' },
  { name: 'negative module cost', text: switchWith(CHAIN).replace('cost 10 cycles', 'cost -10 cycles'), message: 'A module cost must be zero or more.', covers: '-10 cycles' },
  { name: 'module in no task', text: switchWith('a -> b -> c\n  task t on w0 { a, b }'), message: "Module 'c' is in no task; put it in exactly one task.", covers: 'c' },
  { name: 'module in two tasks', text: switchWith('a -> b -> c\n  task t on w0 { a, b, c }\n  task u on w0 { c }'), message: "Module 'c' is already in task 't'; a module belongs to exactly one task.", covers: 'c' },
  { name: 'task with two roots', text: switchWith('a -> c\n  b -> c\n  task t on w0 { a, b, c }'), message: "Task 't' must have one root (the module owning its input queue), but 'a', 'b' have no predecessor inside it.", covers: 't' },
  { name: 'task not connected', text: switchWith('a -> b\n  b -> c\n  task t on w0 { a, c }\n  task u on w0 { b }'), message: "Task 't' must have one root (the module owning its input queue), but 'a', 'c' have no predecessor inside it.", covers: 't' },
  { name: 'cyclic dataflow', text: switchWith('a -> b -> c -> a\n  task t on w0 { a, b, c }'), message: 'The dataflow must be acyclic, but a -> b -> c -> a is a cycle.', covers: 'a -> b -> c -> a' },
  { name: 'flow path not along edges', text: switchWith(`${CHAIN}\n  flow f a -> c offered 1 pps`), message: "There is no edge 'a -> c'; a flow's path must follow declared edges.", covers: 'c' },
  { name: 'from..to with no path', text: switchWith(`${CHAIN}\n  flow f from c to a offered 1 pps`), message: "No path leads from 'c' to 'a'.", covers: 'a' },
  { name: 'from..to with several paths', text: switchWith('a -> b -> c\n  a -> c\n  task t on w0 { a, b, c }\n  flow f from a to c offered 1 pps'), message: "Several paths lead from 'a' to 'c'; spell this flow's path out with '->'.", covers: 'c' },
  { name: 'flow without offered load', text: switchWith(`${CHAIN}\n  flow f a -> b`), message: "Flow 'f' needs an offered load, e.g. 'offered 1 Mpps'.", covers: 'f' },
  { name: 'delay SLO not positive', text: switchWith(`${CHAIN}\n  flow f a -> b offered 1 pps delay <= 0 s`), message: 'A delay SLO must be at least 1 ns.', covers: '0 s' },
  { name: 'rate SLO not positive', text: switchWith(`${CHAIN}\n  flow f a -> b offered 1 pps rate >= 0 pps`), message: 'A rate SLO must be at least 0.000001 pps.', covers: '0 pps' },
  { name: 'fixed weights above 1', text: switchWith('a -> b -> c\n  task t on w0 weight 0.6 { a }\n  task u on w0 weight 1/2 { b, c }'), message: "The fixed weights on worker 'w0' sum to 1.1; they may sum to at most 1.", covers: '1/2' },
  { name: 'fixed weights leave nothing for another task', text: switchWith('a -> b -> c\n  task t on w0 weight 1 { a }\n  task u on w0 { b, c }'), message: "The fixed weights on worker 'w0' already sum to 1, so task 'u' gets weight 0 and never runs.", covers: 'u', severity: 2 },
  { name: 'batch given twice', text: switchWith(`${CHAIN}\n  batch 4\n  batch 8`), message: "'batch' is given more than once; keep one.", covers: 'batch 8' },
  { name: 'controller tolerance outside (0,1)', text: switchWith(`${CHAIN}\n  controller { tolerance 0% }`), message: 'The tolerance is a share in (0, 1): write a fraction like 0.3 or a percentage like 30%.', covers: '0%' },
  { name: 'empty task', text: switchWith(`${CHAIN}\n  task e on w0 { }`), message: "Task 'e' has no modules.", covers: 'e' },
  // study
  { name: 'study over an explicit topology', text: `${placement(BASE_PLACEMENT)}\nstudy St { placement P }`, message: "A study regenerates the topology per instance, so 'P' needs a generated ('mandala') topology; 'Net' is explicit.", covers: 'P' },
  { name: 'study accelerator range empty', text: 'study St { instances 3 accelerators 60% to 10% }', message: 'The accelerator share range is empty: 60% is above 10%.', covers: '60%' },
  { name: 'study without placement', text: 'study St { rounds 1, 2 }', message: "'St' needs 'placement'.", covers: 'St' },
];

describe('validation', () => {
  it('covers at least 30 distinct rules', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$name', async ({ text, message, covers, severity, others }) => {
    const { document, diagnostics } = await validate(text, others);
    const matching = diagnostics.filter((d) => (typeof message === 'string' ? d.message === message : message.test(d.message)));
    const report = diagnostics.map((d) => `${d.message} @ '${document.textDocument.getText(d.range)}'`).join('\n');
    expect(matching.length, `no diagnostic matches; got:\n${report}`).toBeGreaterThan(0);
    const diagnostic = matching[0];
    expect(document.textDocument.getText(diagnostic.range)).toBe(covers);
    expect(diagnostic.severity).toBe(severity ?? 1);
  });
});
