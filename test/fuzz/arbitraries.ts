/**
 * Grammar-aware fast-check arbitraries for scenario text: generated scenarios, the examples, and
 * mutations of both as an editor produces them mid-typing (and worse). A mutation is plain data
 * (positions are fractions of the text), so fast-check prints and shrinks it, and it applies to any
 * text: the same mutation list reproduces a case on the example or scenario it was drawn for.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UNITS } from '../../engine/units.js';

const ROOT = join(import.meta.dirname, '../..');

/** The examples by file name. */
export const EXAMPLES: Readonly<Record<string, string>> = Object.fromEntries(
  readdirSync(join(ROOT, 'examples'))
    .filter((file) => file.endsWith('.nsc'))
    .sort()
    .map((file) => [file, readFileSync(join(ROOT, 'examples', file), 'utf8')]),
);

/** Every keyword and punctuation of the grammar, read from the grammar itself so new keywords are fuzzed too. */
const GRAMMAR_LITERALS = [...new Set([...readFileSync(join(ROOT, 'language/netscenario.langium'), 'utf8').matchAll(/'([^'\s]+)'/g)].map((m) => m[1]))];
const KEYWORDS = GRAMMAR_LITERALS.filter((literal) => /^[a-z]/.test(literal));

// ------------------------------------------------------------------ tokens and strange text

/** Numbers at and past every edge: zero, subnormal, overflow, negative, fractions of huge and tiny, and non-numbers. */
const EXTREME_NUMBERS = [
  '0',
  '-0',
  '-1',
  '1e-300',
  '5e-324',
  '1e308',
  '1e309',
  '-1e309',
  '1.7976931348623157e308',
  '1e-400',
  '1/0',
  '0/0',
  '1/3',
  '-1/3',
  '1e308/1e-308',
  '1e-300/1e300',
  '99999999999999999999999/7',
  '123456789012345678901234567890',
  '0.000000000000000000001',
  '4294967296',
  '2147483648',
  '9007199254740993',
  '.5',
  '5.',
  '1e',
  '1e+',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1_000',
];

/** Unicode that breaks naive offset arithmetic or printing: astral, combining, invisible, bidi, lone surrogates, line separators. */
const STRANGE_TEXT = [
  '\0',
  '\uFEFF',
  '\u200B',
  '\u200D',
  '\u00A0',
  '\u2028',
  '\u2029',
  '\u202E',
  '\uD800',
  '\uDC00',
  '😀',
  '𝔘𝔫𝔦',
  '👩‍👩‍👧',
  'e\u0301',
  '\u0301',
  'µ',
  'ﬁ',
  'İ',
  'ß',
  '\t',
  '\r',
  '\r\n',
  '\v',
  '\f',
  '\x7F',
  '\\',
  '"',
  "'",
  '`',
  '/*',
  '*/',
  '//',
  '#',
];

const UNIT_NAMES = [...UNITS.keys()];
const PUNCTUATION = GRAMMAR_LITERALS.filter((literal) => !/^[a-z]/.test(literal));

/** A token an editor would plausibly insert: keywords, punctuation, units, names, numbers, strange text. */
const token: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KEYWORDS),
  fc.constantFrom(...PUNCTUATION),
  fc.constantFrom(...UNIT_NAMES),
  fc.constantFrom(...EXTREME_NUMBERS),
  fc.constantFrom(...STRANGE_TEXT),
  fc.constantFrom(' ', '\n', '\n\n', '  ', '{', '}', '{}', '}\n'),
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }),
  fc.double().map(String),
  fc.integer().map(String),
);

/** A very long piece of one line: a name, a number, spaces, or a member repeated. */
const longText: fc.Arbitrary<string> = fc
  .record({ piece: fc.constantFrom('x', '9', ' ', 'a1', '->', 'node n ', 'module m cost 1 cycles ', '/* */', '😀'), times: fc.integer({ min: 1000, max: 20_000 }) })
  .map(({ piece, times }) => piece.repeat(Math.ceil(times / piece.length)));

// ------------------------------------------------------------------ mutations

/** A position in a text as a fraction in [0, 1): it applies to any text and shrinks towards the start. */
const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export type Mutation =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'replace'; readonly at: number; readonly length: number; readonly text: string }
  | { readonly kind: 'delete-line' | 'duplicate-line'; readonly at: number }
  | { readonly kind: 'delete-block' | 'duplicate-block'; readonly at: number }
  /** Replaces one name by another name of the text or by an unknown one (an unresolved reference). */
  | { readonly kind: 'rename'; readonly at: number; readonly to: string | number }
  /** Replaces one number by an extreme one. */
  | { readonly kind: 'number'; readonly at: number; readonly to: string }
  /** Multiplies one number: values that stay plausible but move a scenario across feasibility and numeric range. */
  | { readonly kind: 'scale'; readonly at: number; readonly factor: number }
  /** Adds the reverse of an edge chain of a switch right after it: a cycle in the dataflow. */
  | { readonly kind: 'cycle'; readonly at: number }
  | { readonly kind: 'line-endings'; readonly style: 'crlf' | 'cr' | 'mixed' };

const NEW_NAMES = ['zz', 'x1', 'Metro', 'Fork', 'core', 'access', 'naïve', 'e\u0301', '𝔘', '_', 'µs', 'a'.repeat(300)];

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at, text: fc.oneof({ weight: 9, arbitrary: token }, { weight: 1, arbitrary: longText }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), at, length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('replace' as const), at, length: fc.integer({ min: 1, max: 12 }), text: token }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('delete-block' as const, 'duplicate-block' as const), at }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('rename' as const), at, to: fc.oneof(fc.constantFrom(...NEW_NAMES), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('number' as const),
      at,
      to: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...EXTREME_NUMBERS) }, fc.double().map(String), fc.nat().map(String)),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('scale' as const),
      at,
      factor: fc.oneof(fc.constantFrom(0, 1e-6, 0.001, 0.5, 0.999, 1.001, 2, 1000, 1e6), fc.double({ min: 1e-4, max: 1e4, noNaN: true })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cycle' as const), at }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('line-endings' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const) }) },
);

const pick = <T>(items: readonly T[], fraction: number): T | undefined => items[Math.floor(fraction * items.length)];
const offsetIn = (text: string, fraction: number) => Math.floor(fraction * (text.length + 1));

/** [start, end) of each line, its line break included. */
function lineSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const breaks = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    spans.push([start, m.index + m[0].length]);
    start = m.index + m[0].length;
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}

/** [start, end) of each top-level declaration: from its keyword at a line start to its matching '}' (or the end). */
function blockSpans(text: string): [number, number][] {
  return [...text.matchAll(/^(topology|curve|placement|switch|study)\b/gm)].map((m) => {
    let depth = 0;
    for (let i = text.indexOf('{', m.index); i >= 0 && i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) return [m.index, i + 1] as [number, number];
    }
    return [m.index, text.length] as [number, number];
  });
}

const KEYWORD_SET = new Set(KEYWORDS);
const spansOf = (text: string, pattern: RegExp): { start: number; end: number; text: string }[] =>
  [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
const namesIn = (text: string) => spansOf(text, /[_a-zA-Zµ][\w_µ]*/g).filter((n) => !KEYWORD_SET.has(n.text) && !UNITS.has(n.text));
const numbersIn = (text: string) => spansOf(text, /-?((\d+(\.\d*)?)|(\.\d+))([eE][+-]?\d+)?/g);

const splice = (text: string, start: number, end: number, insert: string) => text.slice(0, start) + insert + text.slice(end);

function applyMutation(text: string, m: Mutation): string {
  switch (m.kind) {
    case 'insert':
      return splice(text, offsetIn(text, m.at), offsetIn(text, m.at), m.text);
    case 'delete':
    case 'replace': {
      const start = offsetIn(text, m.at);
      return splice(text, start, start + m.length, m.kind === 'replace' ? m.text : '');
    }
    case 'delete-line':
    case 'duplicate-line':
    case 'delete-block':
    case 'duplicate-block': {
      const span = pick(m.kind.endsWith('line') ? lineSpans(text) : blockSpans(text), m.at);
      if (!span) return text;
      const [start, end] = span;
      return m.kind.startsWith('delete') ? splice(text, start, end, '') : splice(text, end, end, `${m.kind.endsWith('block') ? '\n' : ''}${text.slice(start, end)}`);
    }
    case 'rename': {
      const names = namesIn(text);
      const target = pick(names, m.at);
      const to = typeof m.to === 'string' ? m.to : pick(names, m.to)?.text;
      return target && to !== undefined ? splice(text, target.start, target.end, to) : text;
    }
    case 'number':
    case 'scale': {
      const target = pick(numbersIn(text), m.at);
      if (!target) return text;
      return splice(text, target.start, target.end, m.kind === 'number' ? m.to : String(Number(target.text) * m.factor));
    }
    case 'cycle': {
      const chain = pick(spansOf(text, /^[ \t]*[_a-zA-Zµ][\w_µ]*([ \t]*->[ \t]*[_a-zA-Zµ][\w_µ]*)+[ \t]*$/gm), m.at);
      if (!chain) return text;
      const reversed = chain.text
        .trim()
        .split(/\s*->\s*/)
        .reverse()
        .join(' -> ');
      return splice(text, chain.end, chain.end, `\n  ${reversed}`);
    }
    case 'line-endings': {
      if (m.style === 'mixed') return text.replace(/\n/g, (_, offset: number) => (offset % 3 === 0 ? '\r\n' : offset % 3 === 1 ? '\r' : '\n'));
      return text.replace(/\r?\n/g, m.style === 'crlf' ? '\r\n' : '\r');
    }
  }
}

export const applyMutations = (text: string, mutations: readonly Mutation[]) => mutations.reduce(applyMutation, text);

// ------------------------------------------------------------------ generated scenarios

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
/** A number as a user writes it: a few significant digits. */
const written = (value: number) => String(Number(value.toPrecision(3)));

/** A topology of `size` nodes n0..: a random tree (so every node is reachable) plus a few extra links. */
const explicitTopology = fc.integer({ min: 2, max: 7 }).chain((size) =>
  fc.record({
    size: fc.constant(size),
    parents: fc.tuple(...times(size - 1, (i) => fc.nat({ max: i }))),
    extras: fc.array(fc.tuple(fc.nat({ max: size - 1 }), fc.nat({ max: size - 1 })), { maxLength: 2 }),
    tiers: fc.array(fc.constantFrom('', ' tier access', ' tier aggregation', ' tier core', ' tier application'), { minLength: size, maxLength: size }),
    accelerators: fc.array(fc.boolean(), { minLength: size, maxLength: size }),
    latencies: fc.array(fc.double({ min: 0, max: 20, noNaN: true }), { minLength: size + 2, maxLength: size + 2 }),
  }),
);

const curve = fc.record({ points: fc.integer({ min: 1, max: 6 }), first: fc.double({ min: 0.05, max: 5, noNaN: true }), decay: fc.double({ min: 0.3, max: 1, noNaN: true }) });

const objective = fc.constantFrom('min-aifs', 'baseline', 'balanced aifs 1 spread 1000', 'balanced aifs 0.5 spread 10');

const placementClauses = fc.record(
  {
    rounds: fc.integer({ min: 1, max: 20 }),
    target: fc.double({ min: 0.05, max: 30, noNaN: true }),
    acceleration: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
    acceleratorsMax: fc.nat({ max: 4 }),
    exchange: fc.constantFrom('round-trip', 'one-way'),
    maxLatency: fc.double({ min: 0.001, max: 50, noNaN: true }),
    objective,
    server: fc.nat({ max: 6 }),
    exclude: fc.nat({ max: 6 }),
    minAifs: fc.integer({ min: 1, max: 3 }),
  },
  { requiredKeys: ['rounds', 'target'] },
);

function placementText(topology: ValueOf<typeof explicitTopology>, c: ValueOf<typeof curve>, p: ValueOf<typeof placementClauses>): string {
  const { size, parents, extras, tiers, accelerators, latencies } = topology;
  const pairs = [...parents.map((parent, i) => [parent, i + 1]), ...extras.filter(([a, b]) => a !== b)];
  const links = [...new Map(pairs.map(([a, b]) => [`${Math.min(a, b)}-${Math.max(a, b)}`, [a, b]])).values()];
  const node = (i: number) => `n${i % size}`;
  return [
    'topology T {',
    ...times(size, (i) => `  node n${i}${tiers[i]}${accelerators[i] ? ' accelerator' : ''}`),
    ...links.map(([a, b], i) => `  link n${a} -- n${b} latency ${written(latencies[i % latencies.length])} ms`),
    '}',
    'curve C {',
    ...times(c.points, (i) => `  ${i + 1} -> ${written(c.first * c.decay ** i)} s`),
    '}',
    'placement P {',
    '  topology T',
    '  curve C',
    `  rounds ${p.rounds}`,
    `  target ${written(p.target)} s`,
    p.acceleration !== undefined && `  acceleration ${written(p.acceleration)}`,
    p.acceleratorsMax !== undefined && `  accelerators max ${p.acceleratorsMax}`,
    p.exchange !== undefined && `  exchange ${p.exchange}`,
    p.maxLatency !== undefined && `  max latency ${written(p.maxLatency)} ms`,
    p.objective !== undefined && `  objective ${p.objective}`,
    p.server !== undefined && `  server in ${node(p.server)}`,
    p.exclude !== undefined && `  exclude ${node(p.exclude)}`,
    p.minAifs !== undefined && `  min aifs ${p.minAifs}`,
    '}',
  ]
    .filter((line) => line !== false)
    .join('\n');
}

/**
 * A switch whose dataflow is a random tree m0 -> ...: each module joins its parent's task or starts
 * one (so every task is connected with one root), and each flow runs from m0 to a module. Loads are
 * drawn as utilisations, so both feasible and infeasible switches come out.
 */
const switchShape = fc.integer({ min: 1, max: 6 }).chain((modules) =>
  fc.record({
    modules: fc.constant(modules),
    parents: fc.tuple(...times(modules - 1, (i) => fc.nat({ max: i }))),
    joinsParent: fc.array(fc.boolean(), { minLength: modules, maxLength: modules }),
    workers: fc.integer({ min: 1, max: 3 }),
    taskWorker: fc.array(fc.nat({ max: 2 }), { minLength: modules, maxLength: modules }),
    costs: fc.array(fc.integer({ min: 0, max: 500 }), { minLength: modules, maxLength: modules }),
    speed: fc.constantFrom('1 Hz', '1 kHz', '2.4 GHz'),
    batch: fc.integer({ min: 1, max: 64 }),
    queue: fc.integer({ min: 1, max: 128 }),
    flows: fc.array(
      fc.record({
        to: fc.nat({ max: modules - 1 }),
        spelledOut: fc.boolean(),
        utilisation: fc.double({ min: 0.001, max: 1.5, noNaN: true }),
        rateShare: fc.option(fc.double({ min: 0.1, max: 1.2, noNaN: true })),
        delayFactor: fc.option(fc.double({ min: 0.5, max: 500, noNaN: true })),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    fixedWeights: fc.boolean(),
    controller: fc.boolean(),
  }),
);

const SPEED_HZ: Record<string, number> = { '1 Hz': 1, '1 kHz': 1e3, '2.4 GHz': 2.4e9 };

function switchText(s: ValueOf<typeof switchShape>): string {
  const parent = (i: number) => s.parents[i - 1];
  const taskOf: number[] = [];
  for (let i = 0; i < s.modules; i++) taskOf.push(i > 0 && s.joinsParent[i] ? taskOf[parent(i)] : i);
  const tasks = [...new Set(taskOf)];
  const pathTo = (m: number): number[] => (m === 0 ? [0] : [...pathTo(parent(m)), m]);
  const onWorker = (t: number) => s.taskWorker[t] % s.workers;
  const perWorker = times(s.workers, (w) => tasks.filter((t) => onWorker(t) === w).length);
  const speed = SPEED_HZ[s.speed];
  const totalCost = Math.max(
    1,
    s.costs.reduce((a, b) => a + b, 0),
  );
  return [
    'switch S {',
    ...times(s.workers, (w) => `  worker w${w} speed ${s.speed}`),
    `  batch ${s.batch}`,
    `  queue ${s.queue}`,
    ...times(s.modules, (m) => `  module m${m} cost ${s.costs[m]} cycles`),
    ...times(s.modules - 1, (i) => `  m${parent(i + 1)} -> m${i + 1}`),
    ...tasks.map((t) => {
      const weight = s.fixedWeights ? ` weight 1/${perWorker[onWorker(t)]}` : '';
      return `  task t${t} on w${onWorker(t)}${weight} { ${times(s.modules, (m) => m)
        .filter((m) => taskOf[m] === t)
        .map((m) => `m${m}`)
        .join(', ')} }`;
    }),
    ...s.flows.map((f, i) => {
      const offered = (f.utilisation * speed) / totalCost;
      const path =
        f.spelledOut || f.to === 0
          ? pathTo(f.to)
              .map((m) => `m${m}`)
              .join(' -> ')
          : `from m0 to m${f.to}`;
      const rate = f.rateShare === null ? '' : ` rate >= ${written(Math.max(offered * f.rateShare, 1e-6))} pps`;
      const delay = f.delayFactor === null ? '' : ` delay <= ${written(Math.min(Math.max((f.delayFactor * s.batch * totalCost) / speed, 1e-9), 1e6))} s`;
      return `  flow f${i} ${path} offered ${written(Math.max(offered, 1e-6))} pps${rate}${delay}`;
    }),
    s.controller ? '  controller { alpha 0.5 periods 20 }' : '',
    '}',
  ].join('\n');
}

/** A small generated topology and a study over it: few instances, so a solve stays quick. */
const mandalaStudy = fc
  .record({ access: fc.constantFrom(8, 16), instances: fc.integer({ min: 1, max: 2 }), seed: fc.nat({ max: 1000 }), rounds: fc.integer({ min: 1, max: 10 }) })
  .map(({ access, instances, seed, rounds }) =>
    [
      `topology M mandala {\n  access ${access}\n  diameter 12 ms\n  accelerators 30%\n  seed ${seed}\n}`,
      'curve MC {\n  1 -> 1.2 s\n  2 -> 0.7 s\n  4 -> 0.4 s\n}',
      `placement MP {\n  topology M\n  curve MC\n  rounds ${rounds}\n  target 2 s\n  acceleration 0.5\n}`,
      `study MS {\n  placement MP\n  rounds 1, ${rounds}\n  target 2 s\n  objective baseline, min-aifs\n  instances ${instances} accelerators 10% to 60% seed ${seed}\n}`,
    ].join('\n'),
  );

/** A valid-looking scenario built from the grammar: a placement, a switch, or a study, or several. */
export const generatedScenario: fc.Arbitrary<string> = fc
  .record({
    placement: fc.option(fc.tuple(explicitTopology, curve, placementClauses)),
    switch: fc.option(switchShape),
    study: fc.option(mandalaStudy, { freq: 4 }),
  })
  .map(({ placement, switch: sw, study }) =>
    [placement && placementText(...placement), sw && switchText(sw), study].filter((part): part is string => typeof part === 'string').join('\n\n'),
  );

/** An example or a generated scenario, by name, before mutation. */
const baseScenario: fc.Arbitrary<{ readonly file: string; readonly text: string }> = fc.oneof(
  fc.constantFrom(...Object.entries(EXAMPLES)).map(([file, text]) => ({ file, text })),
  generatedScenario.map((text) => ({ file: 'generated.nsc', text })),
);

/** A base scenario and 0..n mutations of it. */
export const mutatedScenario = (maxMutations = 4) =>
  fc
    .record({ base: baseScenario, mutations: fc.array(mutation, { maxLength: maxMutations }) })
    .map(({ base, mutations }) => ({ ...base, mutations, text: applyMutations(base.text, mutations) }));

/** The seed of every fuzz property: NSC_FUZZ_SEED reproduces a run; otherwise fixed, so CI is deterministic. */
export function fuzzSeed(): number {
  const seed = Number(process.env.NSC_FUZZ_SEED ?? 20_240_611);
  if (!Number.isSafeInteger(seed)) throw new Error(`NSC_FUZZ_SEED must be an integer, not '${process.env.NSC_FUZZ_SEED}'`);
  return seed;
}

/** How many cases a property runs: NSC_FUZZ_RUNS scales every property of a long run, `ci` is the default. */
export function fuzzRuns(ci: number): number {
  const runs = process.env.NSC_FUZZ_RUNS === undefined ? ci : Number(process.env.NSC_FUZZ_RUNS);
  if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`NSC_FUZZ_RUNS must be a positive integer, not '${process.env.NSC_FUZZ_RUNS}'`);
  return runs;
}
