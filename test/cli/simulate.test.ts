import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nsc } from './run-cli.js';

const example = (name: string) => join(import.meta.dirname, '../../examples', name);

describe('nsc simulate', () => {
  it('prints one CSV row per control period, starting from equal shares on each worker (Algorithm 1)', () => {
    const { code, stdout } = nsc(['simulate', example('paper-fork.nsc'), '--periods', '5', '--csv']);
    const [header, ...rows] = stdout.trim().split('\n');
    const columns = header.split(',');
    expect(columns.slice(0, 4)).toEqual(['period', 'weight:t0', 'weight:t1', 'weight:t2']);
    expect(rows).toHaveLength(5);
    const first = Object.fromEntries(columns.map((c, i) => [c, rows[0].split(',')[i]]));
    // Period 0 at w1 = w2 = 1/2: f1 = (1/2)/2 = 1/4 pps and 4 + 2 = 6 s, as in the paper's fork example.
    expect(Number(first['weight:t1'])).toBe(0.5);
    expect(Number(first['rate:f1'])).toBeCloseTo(0.25, 12);
    expect(Number(first['delay:f1'])).toBeCloseTo(6, 12);
    expect(rows.map((r) => Number(r.split(',')[0]))).toEqual([0, 1, 2, 3, 4]);
    expect(code).toBe(1); // not yet compliant after 5 periods of step 0.025
  });

  it('names the switches when --switch matches none', () => {
    const { code, stderr } = nsc(['simulate', example('fork-fixed-weights.nsc'), '--switch', 'Nope']);
    expect(code).toBe(2);
    expect(stderr).toContain("no switch named 'Nope' (switches: ForkEqual, ForkSkewed)");
  });
});
