/**
 * A tiny seeded PRNG. Generated topologies and study instances must be identical for identical
 * seeds on every machine and Node version, so the engine never uses Math.random.
 */

/** Uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: 32-bit state, good enough statistical quality for drawing topologies. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let r = Math.imul(state ^ (state >>> 15), 1 | state);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Derives an independent seed from a seed and a stream number, so that e.g. the accelerator draw does
 * not shift when the graph draw consumes a different count of numbers (murmur3 finaliser).
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform integer in [0, n). */
export function randomIndex(random: Random, n: number): number {
  return Math.min(n - 1, Math.floor(random() * n));
}

/**
 * `count` distinct integers of [0, n) (partial Fisher–Yates), in draw order. The pool [0, n) is
 * virtual: only the slots a swap moved are stored, so drawing 2 of n costs O(1), not O(n) (the
 * Mandala generator draws twice per node, which made a 3,000-node graph take seconds per draw).
 */
export function sampleDistinct(random: Random, n: number, count: number): number[] {
  const moved = new Map<number, number>();
  const slot = (i: number) => moved.get(i) ?? i;
  const chosen: number[] = [];
  for (let i = 0; i < Math.min(count, n); i++) {
    const j = i + randomIndex(random, n - i);
    const picked = slot(j);
    moved.set(j, slot(i)); // slot i is never read again
    chosen.push(picked);
  }
  return chosen;
}

/** Uniform number in [min, max]. */
export function uniform(random: Random, min: number, max: number): number {
  return min + (max - min) * random();
}
