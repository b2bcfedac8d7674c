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

/** Two placed switches on Net (a, b, c; a -- b 1 ms, a -- c 2 ms), each with a flow v, and a service through them. */
const upf = (name: string, at: string, offered = '') => `switch ${name} at ${at} {
  worker w0 speed 1 GHz
  module m cost 10 cycles
  task t on w0 { m }
  flow v m${offered}
}`;
const serviceOn = (clauses: string, switches = `${upf('S1', 'Net.b', ' offered 1 kpps')}\n${upf('S2', 'Net.a', ' offered 1 kpps')}`) => `${TOPOLOGY}
${switches}
service V {
${clauses}
}`;
const SERVICE = '  from Net.b to Net.c\n  via S1.v, S2.v';

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
  {
    name: 'unknown unit with suggestion',
    text: placement(BASE_PLACEMENT.replace('4 s', '4 mss')),
    message: "Unknown unit 'mss': a target learning time is a time (ns, us, µs, ms, s). Did you mean 'ms'?",
    covers: 'mss',
  },
  {
    name: 'unit of the wrong dimension',
    text: placement(BASE_PLACEMENT.replace('4 s', '4 pps')),
    message: "'pps' is a unit of packet rate, but a target learning time is a time (ns, us, µs, ms, s).",
    covers: 'pps',
  },
  { name: 'missing unit', text: switchWith(CHAIN).replace('speed 1 GHz', 'speed 1'), message: 'A worker speed needs a unit of frequency (Hz, kHz, MHz, GHz).', covers: '1' },
  {
    name: 'unit on a plain count',
    text: placement(BASE_PLACEMENT.replace('rounds 2', 'rounds 2 s')),
    message: 'The number of rounds is a plain number and takes no unit.',
    covers: 's',
  },
  { name: 'count that is not whole', text: placement(BASE_PLACEMENT.replace('rounds 2', 'rounds 2.5')), message: 'The number of rounds must be a whole number.', covers: '2.5' },
  {
    name: 'number too large to represent',
    text: switchWith(CHAIN).replace('cost 10 cycles', 'cost 1e309 cycles'),
    message: 'This number is too large to represent; write a finite value.',
    covers: '1e309 cycles',
  },
  {
    name: 'absurd but finite number',
    text: switchWith(CHAIN).replace('cost 10 cycles', 'cost 1e200 cycles'),
    message: 'A module cost of 1e200 cycles is out of range: at most 1000000 Mcycles is accepted.',
    covers: '1e200 cycles',
  },
  { name: 'worker speed below 1 Hz', text: switchWith(CHAIN).replace('speed 1 GHz', 'speed 1e-300 Hz'), message: 'A worker speed must be at least 1 Hz.', covers: '1e-300 Hz' },
  {
    name: 'delay SLO below 1 ns',
    text: switchWith(`${CHAIN}\n  flow f a -> b -> c offered 1 pps delay <= 1e-12 s`),
    message: 'A delay SLO must be at least 1 ns.',
    covers: '1e-12 s',
  },
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
  {
    name: 'fraction with zero denominator',
    text: switchWith(`${CHAIN}\n  flow f a -> b -> c offered 1/0 pps`),
    message: 'A fraction cannot have a zero denominator.',
    covers: '0',
  },
  // names and references
  { name: 'duplicate declaration', text: `${TOPOLOGY}\ncurve C { 1 -> 2 s }`, message: "Duplicate declaration 'C'.", covers: 'C' },
  {
    name: 'declaration duplicated in another file',
    text: 'curve Other { 1 -> 1 s }',
    others: { 'other.nsc': 'curve Other { 1 -> 2 s }' },
    message: "'Other' is also declared in other.nsc; names must be unique across the workspace.",
    covers: 'Other',
  },
  // Found by fuzzing: the one file named was the last in the index, whose order depends on which files were rebuilt last.
  {
    name: 'declaration duplicated in two other files, named in a fixed order',
    text: 'curve Other { 1 -> 1 s }',
    others: { 'z.nsc': 'curve Other { 1 -> 2 s }', 'a.nsc': 'curve Other { 1 -> 3 s }' },
    message: "'Other' is also declared in a.nsc, z.nsc; names must be unique across the workspace.",
    covers: 'Other',
  },
  { name: 'duplicate node', text: TOPOLOGY.replace('node c tier access', 'node b tier access'), message: "Duplicate node 'b'.", covers: 'b' },
  { name: 'duplicate module', text: switchWith(CHAIN).replace('module c cost', 'module b cost'), message: "Duplicate module 'b'.", covers: 'b' },
  { name: 'unresolved reference', text: placement(BASE_PLACEMENT.replace('curve C', 'curve Missing')), message: "Unknown curve 'Missing'.", covers: 'Missing' },
  {
    name: 'unresolved reference with a close name',
    text: placement(BASE_PLACEMENT.replace('topology Net', 'topology Nett')),
    message: "Unknown topology 'Nett'. Did you mean 'Net'?",
    covers: 'Nett',
  },
  {
    name: 'misspelt keyword',
    text: switchWith(`${CHAIN}\n  modul d cost 1 cycles`),
    message: "Expected '->' but found 'd'. Did you mean 'module' instead of 'modul'?",
    covers: 'd',
  },
  {
    name: 'misspelt declaration keyword',
    text: 'placemnt P { }',
    message: "Unexpected 'placemnt': a declaration starts with 'topology', 'curve', 'placement', 'switch', 'service' or 'study'. Did you mean 'placement' instead of 'placemnt'?",
    covers: 'placemnt',
  },
  {
    name: 'bit rate where a time belongs',
    text: `${TOPOLOGY.replace('latency 1 ms', 'latency 10 Mbps')}`,
    message: "'Mbps' is a bit rate, not a time: a link latency is a time (ns, us, µs, ms, s).",
    covers: 'Mbps',
  },
  {
    name: 'time in a unit the language does not use',
    text: placement(BASE_PLACEMENT.replace('4 s', '2 h')),
    message: "'h' is a time in a unit NetScenario does not use: a target learning time is a time (ns, us, µs, ms, s).",
    covers: 'h',
  },
  // topology
  { name: 'self link', text: TOPOLOGY.replace('link a -- c', 'link c -- c'), message: "A link cannot connect 'c' to itself.", covers: 'link c -- c latency 2 ms' },
  { name: 'duplicate link', text: TOPOLOGY.replace('link a -- c', 'link b -- a'), message: "'b' and 'a' are already linked.", covers: 'link b -- a latency 2 ms' },
  {
    name: 'link without latency',
    text: TOPOLOGY.replace('link a -- c latency 2 ms', 'link a -- c'),
    message: "A link needs a latency, e.g. 'latency 0.5 ms'.",
    covers: 'link a -- c',
  },
  { name: 'negative link latency', text: TOPOLOGY.replace('latency 2 ms', 'latency -2 ms'), message: 'A link latency must be zero or more.', covers: '-2 ms' },
  // mandala
  { name: 'mandala access not a multiple of 8', text: 'topology M mandala { access 20 seed 1 }', message: /must be a positive multiple of 8.*20 is not/, covers: '20' },
  {
    name: 'mandala accelerator share above 100%',
    text: 'topology M mandala { access 16 accelerators 130% }',
    message: 'An accelerator share is a share in [0, 1]: write a fraction like 0.3 or a percentage like 30%.',
    covers: '130%',
  },
  {
    name: 'mandala empty latency range',
    text: 'topology M mandala { access 16 latency core-application 0.6 ms to 0.4 ms }',
    message: 'The latency range is empty: core-application goes from a larger to a smaller value.',
    covers: 'latency core-application 0.6 ms to 0.4 ms',
  },
  { name: 'mandala setting given twice', text: 'topology M mandala { access 16 seed 1 seed 2 }', message: "'seed' is given more than once; keep one.", covers: 'seed 2' },
  { name: 'mandala without access', text: 'topology M mandala { seed 1 }', message: "'M' needs 'access'.", covers: 'M' },
  // curve
  {
    name: 'curve k not strictly increasing',
    text: 'curve K { 1 -> 1 s  3 -> 0.5 s  3 -> 0.4 s }',
    message: 'The numbers of AIFs must increase strictly: 3 follows 3.',
    covers: '3',
    severity: 1,
  },
  { name: 'curve time not positive', text: 'curve K { 1 -> 0 s }', message: 'A training time must be at least 1 ns.', covers: '0 s' },
  { name: 'rising curve warns', text: 'curve K { 1 -> 1 s  2 -> 1.5 s }', message: /Training time rises from 1 s at k = 1 to 1.5 s at k = 2/, covers: '1.5 s', severity: 2 },
  { name: 'empty curve', text: 'curve K { }', message: "Curve 'K' needs at least one point 'k -> time'.", covers: 'K' },
  // placement
  { name: 'placement missing required clauses', text: placement('topology Net\n  curve C'), message: "'P' needs 'rounds', 'target'.", covers: 'P' },
  { name: 'placement clause given twice', text: placement(`${BASE_PLACEMENT}\n  rounds 3`), message: "'rounds' is given more than once; keep one.", covers: 'rounds 3' },
  { name: 'rounds must be positive', text: placement(BASE_PLACEMENT.replace('rounds 2', 'rounds 0')), message: 'The number of rounds must be at least 1.', covers: '0' },
  {
    name: 'acceleration outside (0,1)',
    text: placement(`${BASE_PLACEMENT}\n  acceleration 1`),
    message: 'The acceleration factor must lie strictly between 0 and 1.',
    covers: '1',
  },
  {
    name: 'server not in the placement topology',
    text: placement(`${BASE_PLACEMENT}\n  server in Other.x`) + '\ntopology Other { node x }',
    message: "'Other.x' is not a node of topology 'Net'.",
    covers: 'Other.x',
  },
  {
    name: 'accelerators max above what exists warns',
    text: placement(`${BASE_PLACEMENT}\n  accelerators max 5`),
    message: "Only 1 node of 'Net' has an accelerator; at most 1 can be used.",
    covers: '5',
    severity: 2,
  },
  {
    name: 'min aifs beyond the topology warns',
    text: placement(`${BASE_PLACEMENT}\n  min aifs 3`),
    message: "'Net' has 3 nodes: with one for the FL server, at most 2 AIFs fit.",
    covers: '3',
    severity: 2,
  },
  { name: 'negative objective weight', text: placement(`${BASE_PLACEMENT}\n  objective balanced aifs -1 spread 10`), message: 'A weight must be zero or more.', covers: '-1' },
  // switch
  {
    name: 'worker without speed',
    text: switchWith(CHAIN).replace('worker w0 speed 1 GHz', 'worker w0'),
    message: "Worker 'w0' needs a speed, e.g. 'speed 2.4 GHz'.",
    covers: 'w0',
  },
  { name: 'negative module cost', text: switchWith(CHAIN).replace('cost 10 cycles', 'cost -10 cycles'), message: 'A module cost must be zero or more.', covers: '-10 cycles' },
  { name: 'module in no task', text: switchWith('a -> b -> c\n  task t on w0 { a, b }'), message: "Module 'c' is in no task; put it in exactly one task.", covers: 'c' },
  {
    name: 'module in two tasks',
    text: switchWith('a -> b -> c\n  task t on w0 { a, b, c }\n  task u on w0 { c }'),
    message: "Module 'c' is already in task 't'; a module belongs to exactly one task.",
    covers: 'c',
  },
  {
    name: 'task with two roots',
    text: switchWith('a -> c\n  b -> c\n  task t on w0 { a, b, c }'),
    message: "Task 't' must have one root (the module owning its input queue), but 'a', 'b' have no predecessor inside it.",
    covers: 't',
  },
  {
    name: 'task not connected',
    text: switchWith('a -> b\n  b -> c\n  task t on w0 { a, c }\n  task u on w0 { b }'),
    message: "Task 't' must have one root (the module owning its input queue), but 'a', 'c' have no predecessor inside it.",
    covers: 't',
  },
  {
    name: 'cyclic dataflow',
    text: switchWith('a -> b -> c -> a\n  task t on w0 { a, b, c }'),
    message: 'The dataflow must be acyclic, but a -> b -> c -> a is a cycle.',
    covers: 'a -> b -> c -> a',
  },
  {
    name: 'flow path not along edges',
    text: switchWith(`${CHAIN}\n  flow f a -> c offered 1 pps`),
    message: "There is no edge 'a -> c'; a flow's path must follow declared edges.",
    covers: 'c',
  },
  { name: 'from..to with no path', text: switchWith(`${CHAIN}\n  flow f from c to a offered 1 pps`), message: "No path leads from 'c' to 'a'.", covers: 'a' },
  {
    name: 'from..to with several paths',
    text: switchWith('a -> b -> c\n  a -> c\n  task t on w0 { a, b, c }\n  flow f from a to c offered 1 pps'),
    message: "Several paths lead from 'a' to 'c'; spell this flow's path out with '->'.",
    covers: 'c',
  },
  {
    name: 'flow without offered load',
    text: switchWith(`${CHAIN}\n  flow f a -> b`),
    message: "Flow 'f' needs an offered load, e.g. 'offered 1 Mpps', or a service through it that states one.",
    covers: 'f',
  },
  { name: 'delay SLO not positive', text: switchWith(`${CHAIN}\n  flow f a -> b offered 1 pps delay <= 0 s`), message: 'A delay SLO must be at least 1 ns.', covers: '0 s' },
  {
    name: 'rate SLO not positive',
    text: switchWith(`${CHAIN}\n  flow f a -> b offered 1 pps rate >= 0 pps`),
    message: 'A rate SLO must be at least 0.000001 pps.',
    covers: '0 pps',
  },
  {
    name: 'fixed weights above 1',
    text: switchWith('a -> b -> c\n  task t on w0 weight 0.6 { a }\n  task u on w0 weight 1/2 { b, c }'),
    message: "The fixed weights on worker 'w0' sum to 1.1; they may sum to at most 1.",
    covers: '1/2',
  },
  {
    name: 'fixed weights leave nothing for another task',
    text: switchWith('a -> b -> c\n  task t on w0 weight 1 { a }\n  task u on w0 { b, c }'),
    message: "The fixed weights on worker 'w0' already sum to 1, so task 'u' gets weight 0 and never runs.",
    covers: 'u',
    severity: 2,
  },
  { name: 'batch given twice', text: switchWith(`${CHAIN}\n  batch 4\n  batch 8`), message: "'batch' is given more than once; keep one.", covers: 'batch 8' },
  {
    name: 'controller tolerance outside (0,1)',
    text: switchWith(`${CHAIN}\n  controller { tolerance 0% }`),
    message: 'The tolerance is a share in (0, 1): write a fraction like 0.3 or a percentage like 30%.',
    covers: '0%',
  },
  { name: 'empty task', text: switchWith(`${CHAIN}\n  task e on w0 { }`), message: "Task 'e' has no modules.", covers: 'e' },
  // warnings about how a topology is used
  {
    name: 'topology in disconnected parts',
    text: placement(BASE_PLACEMENT).replace('  link a -- c latency 2 ms', '  link a -- c latency 2 ms\n  node d\n  node e\n  link d -- e latency 1 ms\n  node f'),
    message: "Topology 'Net' is in 3 disconnected parts: {a, b, c}, {d, e}, {f}. 'P' can only place AIFs in the part of the FL server.",
    covers: 'Net',
    severity: 2,
  },
  {
    name: 'zero link latency',
    text: TOPOLOGY.replace('latency 1 ms', 'latency 0 ms'),
    message: 'A latency of 0: this link adds no delay at all. Write its real one-way latency, even a small one.',
    covers: '0 ms',
    severity: 2,
  },
  {
    name: 'accelerators no placement can use',
    text: `${placement(`${BASE_PLACEMENT}\n  objective baseline`)}\nplacement Q {\n  ${BASE_PLACEMENT}\n  accelerators max 0\n}`,
    message: "No placement can use the accelerators of 'Net': 'P', 'Q' are baseline or allow 'accelerators max 0'.",
    covers: 'accelerator',
    severity: 2,
  },
  // services
  { name: 'service missing its route clauses', text: serviceOn('  offered 1 kpps'), message: "'V' needs 'from … to', 'via'.", covers: 'V' },
  {
    name: 'service clause given twice',
    text: serviceOn(`${SERVICE}\n  delay <= 9 ms\n  delay <= 8 ms`),
    message: "'delay <=' is given more than once; keep one.",
    covers: 'delay <= 8 ms',
  },
  { name: 'service through an unknown flow', text: serviceOn('  from Net.b to Net.c\n  via S1.v, S2.w'), message: "Unknown flow 'S2.w'. Did you mean 'S2.v'?", covers: 'S2.w' },
  {
    name: 'service through a switch that is not placed',
    text: serviceOn(SERVICE, `${upf('S1', 'Net.b', ' offered 1 kpps')}\n${upf('S2', 'Net.a', ' offered 1 kpps').replace(' at Net.a', '')}`),
    message: "Switch 'S2' is not placed: add 'at Net.NODE' to it, so the service can be routed through it.",
    covers: 'S2.v',
  },
  {
    name: 'service through a switch on another topology',
    text: `${serviceOn(SERVICE, `${upf('S1', 'Net.b', ' offered 1 kpps')}\n${upf('S2', 'Other.x', ' offered 1 kpps')}`)}\ntopology Other { node x }`,
    message: "Switch 'S2' is at 'Other.x', not on topology 'Net' where the service runs.",
    covers: 'S2.v',
  },
  {
    name: 'service leaving on another topology',
    text: `${serviceOn('  from Net.b to Other.x\n  via S1.v')}\ntopology Other { node x }`,
    message: "'Other.x' is not a node of topology 'Net', where the service enters: a service runs on one topology.",
    covers: 'Other.x',
  },
  {
    name: 'service crossing a flow twice',
    text: serviceOn('  from Net.b to Net.c\n  via S1.v, S1.v'),
    message: "'S1.v' is already a hop of this service; each flow is crossed once.",
    covers: 'S1.v',
  },
  // Net.d is linked to nothing: the leg from S1's node b to S2 at d has no path.
  {
    name: 'service leg without a path, on the hop that needs it',
    text: serviceOn(SERVICE, `${upf('S1', 'Net.b', ' offered 1 kpps')}\n${upf('S2', 'Net.d', ' offered 1 kpps')}`).replace('node c tier access', 'node c tier access\n  node d'),
    message: "No path on 'Net' leads from 'b' (switch 'S1') to 'd' (switch 'S2'); link them, or place the switch elsewhere.",
    covers: 'S2.v',
  },
  {
    name: 'service exit without a path',
    text: serviceOn('  from Net.b to Net.d\n  via S1.v, S2.v').replace('node c tier access', 'node c tier access\n  node d'),
    message: "No path on 'Net' leads from 'a' (switch 'S2') to 'd'; link them, or place the switch elsewhere.",
    covers: 'Net.d',
  },
  {
    name: 'service entry without a path',
    text: serviceOn('  from Net.d to Net.c\n  via S1.v, S2.v').replace('node c tier access', 'node c tier access\n  node d'),
    message: "No path on 'Net' leads from 'd' to 'b' (switch 'S1'); link them, or place the switch elsewhere.",
    covers: 'Net.d',
  },
  {
    name: 'hop flow offering another load than its service',
    text: serviceOn(`${SERVICE}\n  offered 2 kpps`),
    message: "'S1.v' offers 1 kpps, but service 'V' offers 2 kpps: a service's traffic is the same at every hop; make them equal, or leave the load to the service.",
    covers: 'S1.v',
  },
  {
    name: 'hop flows offering different loads',
    text: serviceOn(SERVICE, `${upf('S1', 'Net.b', ' offered 1 kpps')}\n${upf('S2', 'Net.a', ' offered 3 kpps')}`),
    message: "'S2.v' offers 3 kpps, but 'S1.v' offers 1 kpps: a service's traffic is the same at every hop; make them equal, or leave the load to the service.",
    covers: 'S2.v',
  },
  {
    name: 'service and hop flows without a load',
    text: serviceOn(SERVICE, `${upf('S1', 'Net.b')}\n${upf('S2', 'Net.a')}`),
    message: "Service 'V' needs an offered load: write 'offered RATE' in it, or in its hop flows.",
    covers: 'V',
  },
  {
    name: 'flow whose services disagree on its load',
    text: `${serviceOn(`${SERVICE}\n  offered 1 kpps`, `${upf('S1', 'Net.b')}\n${upf('S2', 'Net.a')}`)}\nservice W {\n  from Net.b to Net.c\n  via S1.v\n  offered 2 kpps\n}`,
    message: "Services 'V' (1 kpps) and 'W' (2 kpps) both cross flow 'v' with different loads; give the flow its own 'offered', or make them agree.",
    covers: 'v',
  },
  // b -- a -- c is 1 + 2 ms of links: a 2.5 ms SLO cannot be met whatever the weights.
  {
    name: 'service delay SLO below its propagation warns',
    text: serviceOn(`${SERVICE}\n  delay <= 2.5 ms`),
    message: 'The delay SLO of 2.5 ms is below the 3 ms the route takes on its links alone: no weights can meet it.',
    covers: '2.5 ms',
    severity: 2,
  },
  // S1 on a 1 Hz worker: 10 cycles take 10 s per batch, against an end-to-end SLO of 1 ns (and 1 pps, so S1 carries its load).
  {
    name: 'service delay SLO a million times below a hop task time',
    text: serviceOn(`${SERVICE}\n  delay <= 1 ns`).replace('speed 1 GHz', 'speed 1 Hz').replaceAll('1 kpps', '1 pps'),
    message:
      "The delay SLO of 'V' is 1.0e+10 times shorter than the time one of its hops' tasks takes per batch or queue: beyond what the solver can resolve (at most 1000000 times).",
    covers: '1 ns',
  },
  { name: 'service rate SLO not positive', text: serviceOn(`${SERVICE}\n  rate >= 0 pps`), message: 'An end-to-end rate SLO must be at least 0.000001 pps.', covers: '0 pps' },
  // study
  {
    name: 'study regenerating an explicit topology',
    text: `${placement(BASE_PLACEMENT)}\nstudy St { placement P regenerate topology }`,
    message:
      "Only a generated ('mandala') topology can be regenerated per instance; 'Net' is written out. Without 'regenerate topology' every instance keeps it and draws its accelerators anew.",
    covers: 'regenerate topology',
  },
  {
    name: 'study accelerator range empty',
    text: 'study St { instances 3 accelerators 60% to 10% }',
    message: 'The accelerator share range is empty: 60% is above 10%.',
    covers: '60%',
  },
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
