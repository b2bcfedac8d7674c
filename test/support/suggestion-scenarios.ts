/**
 * Scenarios for the suggestion round-trip tests: placements whose exact smallest target is not a
 * short decimal, and ones whose exact values are short decimals (the boundary).
 */
import { mulberry32 } from '../../engine/placement/prng.js';

/** One placement on a topology and curve of its own, so each can be edited alone. */
export function generatedPlacement(seed: number): string {
  const random = mulberry32(seed);
  const nodes = 4 + Math.floor(random() * 4);
  const lines = [`topology T${seed} {`];
  for (let i = 0; i < nodes; i++) lines.push(`  node n${i}${random() < 0.4 ? ' accelerator' : ''}`);
  for (let i = 1; i < nodes; i++) lines.push(`  link n${Math.floor(random() * i)} -- n${i} latency ${(0.05 + random() * 2).toFixed(4)} ms`);
  lines.push('}', `curve C${seed} { 1 -> ${(0.8 + random()).toFixed(4)} s  2 -> ${(0.4 + random() * 0.3).toFixed(4)} s  4 -> ${(0.2 + random() * 0.15).toFixed(4)} s }`);
  const rounds = 2 + Math.floor(random() * 8);
  lines.push(
    `placement P${seed} {`,
    `  topology T${seed}`,
    `  curve C${seed}`,
    `  rounds ${rounds}`,
    `  target ${(rounds * (0.3 + random() * 0.6)).toFixed(3)} s`,
    `  accelerators max ${Math.floor(random() * 2)}`,
    random() < 0.3 ? '  objective baseline' : '  objective min-aifs',
    '}',
  );
  return lines.join('\n');
}

/**
 * At the boundary: links without latency and p_2 = 0.35 s, so 10 rounds need exactly 3.5 s and
 * 3.5 s allow exactly 10 rounds (0.35 * 10 is 3.5 in binary floating point too).
 */
export const BOUNDARY = `topology Exact {
  node a
  node b
  node c
  link a -- b latency 0 ms
  link a -- c latency 0 ms
}
curve Flat { 1 -> 0.5 s  2 -> 0.35 s }
placement TargetAtBoundary { topology Exact curve Flat rounds 10 target 3 s }
placement RoundsAtBoundary { topology Exact curve Flat rounds 11 target 3.5 s }

// T/R = 0.25 s: a plain round takes 0.4 s, an accelerated one 0.2 s, so both AIFs need an accelerator.
topology Accelerated {
  node s
  node x accelerator
  node y accelerator
  link s -- x latency 1 us
  link s -- y latency 1 us
}
curve Slow { 1 -> 0.8 s  2 -> 0.4 s }
placement NeedsAccelerators { topology Accelerated curve Slow rounds 10 target 2.5 s accelerators max 0 }
`;

/**
 * A switch with one flow whose SLO no weights can meet, the other flow easy: three tasks on one
 * 1 MHz worker, costs and loads drawn at random. Even seeds miss a delay SLO, odd seeds a rate SLO
 * (fb's load above what the worker can run), so the quick fixes relax them to values that are not
 * short decimals, rounded up for a delay and down for a rate.
 */
export function generatedSwitch(seed: number): string {
  const random = mulberry32(seed);
  const cost = (scale: number) => Math.round(50 + random() * scale);
  const [a, b, c] = [cost(200), cost(400), cost(300)];
  const tightDelay = seed % 2 === 0;
  // fb needs a + b cycles per packet: the worker runs at most 1e6 / (a + b) of them per second.
  const capacity = 1e3 / (a + b); // kpps
  const fbLoad = (tightDelay ? capacity * (0.2 + random() * 0.3) : capacity * (1.2 + random())).toFixed(3);
  const fbDelay = tightDelay ? (0.05 + random() * 0.2).toFixed(3) : '50';
  return [
    `switch G${seed} {`,
    '  worker w speed 1 MHz',
    `  module a cost ${a} cycles`,
    `  module b cost ${b} cycles`,
    `  module c cost ${c} cycles`,
    '  a -> b',
    '  a -> c',
    '  task ta on w { a }',
    '  task tb on w { b }',
    '  task tc on w { c }',
    `  flow fb a -> b offered ${fbLoad} kpps rate >= ${fbLoad} kpps delay <= ${fbDelay} ms`,
    `  flow fc a -> c offered ${(0.01 + random() * 0.05).toFixed(3)} kpps delay <= 100 ms`,
    '}',
  ].join('\n');
}
