/**
 * The brief's hand check: a chain ta -> tb -> tc of one-module tasks on one 1 Hz worker, costs 1, 1, 10
 * cycles, B = Q = 1, offered 10 pps, rate >= 0.06 pps, delay <= 30 s.
 *   d = max{10, 1/wa} + 1 + max{10, 1/wb} + 1 + max{1, 10/wc} + 10   (blocking = the costliest other task)
 * Weight beyond 1/10 buys ta and tb nothing, so the best is wa = wb = 0.1, wc = 0.8:
 *   (10 + 1) + (10 + 1) + (12.5 + 10) = 44.5 s > 30 s  (giving ta weight below 0.1 costs 1/w^2 = 100 per
 *   unit against 10/0.8^2 = 15.6 gained at tc). The rate floors 0.06, 0.06, 0.6 do not bind.
 */
import { describe, expect, it } from 'vitest';
import { solveSwitch } from '../../../engine/scheduling/index.js';
import { chainModel } from './fixtures.js';

describe('three-task chain on one worker', () => {
  it('is infeasible with achievable delay 44.5 s at w = 0.1, 0.1, 0.8', async () => {
    const result = await solveSwitch(chainModel());
    expect(result.status).toBe('infeasible');
    const [f] = result.flows;
    expect(f.meetsDelay).toBe(false);
    expect(f.meetsRate).toBe(true);
    expect(f.achievableDelay).toBeCloseTo(44.5, 9);
    // All 12 cycles per packet on one 1 Hz worker: at most 1/12 pps.
    expect(f.achievableRate).toBeCloseTo(1 / 12, 12);
  });

  it('proves infeasibility: s* = 1 - 44.5/30 = -29/60 with an upper bound below 0', async () => {
    const { optimum, weights } = await solveSwitch(chainModel());
    expect(optimum.upperBound!).toBeLessThan(0);
    expect(optimum.slack!).toBeCloseTo(-29 / 60, 6);
    expect(weights.ta).toBeCloseTo(0.1, 5);
    expect(weights.tb).toBeCloseTo(0.1, 5);
    expect(weights.tc).toBeCloseTo(0.8, 5);
  });
});
