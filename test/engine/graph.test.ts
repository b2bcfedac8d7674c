/** Paths in dataflow graphs (engine/graph.ts), on graphs small enough to count by hand, and one very long. */
import { describe, expect, it } from 'vitest';
import { pathsBetween } from '../../engine/graph.js';

describe('pathsBetween', () => {
  // 0 -> 1 -> 3 and 0 -> 2 -> 3: two paths from 0 to 3, one from 1 to 3, none from 3 to 0.
  const diamond = [[1, 2], [3], [3], []];

  it('counts paths up to the cap, and gives the path when there is exactly one', () => {
    expect(pathsBetween(diamond, 0, 3)).toEqual({ count: 2 });
    expect(pathsBetween(diamond, 1, 3)).toEqual({ count: 1, path: [1, 3] });
    expect(pathsBetween(diamond, 3, 0)).toEqual({ count: 0 });
    expect(pathsBetween(diamond, 2, 2)).toEqual({ count: 1, path: [2] });
  });

  it('follows a chain of 100000 modules without running out of stack (fuzz)', () => {
    // A flow 'from m0 to m11999' along a 12000-module chain overflowed the recursion of the count (validation reported a RangeError).
    const length = 100_000;
    const chain = Array.from({ length }, (_, v) => (v + 1 < length ? [v + 1] : []));
    const { count, path } = pathsBetween(chain, 0, length - 1);
    expect(count).toBe(1);
    expect(path).toHaveLength(length);
    expect(path?.every((v, i) => v === i)).toBe(true);
  });
});
