/**
 * The fork pipeline of the paper's Fig. 1 (examples paper-fork.nsc and fork-fixed-weights.nsc),
 * every expected number derived by hand from docs/models.md's formulas. Worker w0 runs t1 (theta = 2)
 * and t2 (theta = 1) at 1 Hz, B = Q = 1; t0 costs nothing and runs alone on rx, so it adds 0.
 *   f1 at t1: max{B theta_2, Q theta_1 / w1} + B theta_1 = max{1, 2/w1} + 2,  rate <= w1 / 2
 *   f2 at t2: max{B theta_1, Q theta_2 / w2} + B theta_2 = max{2, 1/w2} + 1,  rate <= w2 / 1
 */
import { describe, expect, it } from 'vitest';
import { solveSwitch } from '../../../engine/scheduling/index.js';
import type { SwitchResult } from '../../../engine/scheduling/result.js';
import { forkModel } from './fixtures.js';

function flow(result: SwitchResult, name: string) {
  const found = result.flows.find((f) => f.name === name);
  if (found === undefined) throw new Error(`no flow ${name}`);
  return found;
}

describe('fork with fixed weights (fork-fixed-weights.nsc)', () => {
  it('equal weights: f1 gets 1/4 pps and 6 s (both SLOs fail), f2 1/2 pps and 3 s', async () => {
    const result = await solveSwitch(forkModel({ t0: 1, t1: 1 / 2, t2: 1 / 2 }));
    expect(result.weightsSource).toBe('fixed');
    expect(result.weights).toEqual({ t0: 1, t1: 0.5, t2: 0.5 });
    expect(result.status).toBe('infeasible');
    const f1 = flow(result, 'f1');
    // max{1, 2/(1/2)} + 2 = 6 s; rate (1/2) / 2 = 1/4 pps < 1/3.
    expect(f1.rate).toBeCloseTo(1 / 4, 12);
    expect(f1.delay).toBeCloseTo(6, 12);
    expect([f1.meetsRate, f1.meetsDelay]).toEqual([false, false]);
    // The budget: t0 adds nothing; at t1 queuing (4) beats blocking (1), processing 2.
    expect(f1.budget).toEqual([
      { task: 't0', blocking: 0, queuing: 0, processing: 0 },
      { task: 't1', blocking: 0, queuing: 4, processing: 2 },
    ]);
    const f2 = flow(result, 'f2');
    // max{2, 1/(1/2)} + 1 = 3 s (a tie, reported as queuing); f2 would take all of t2's 1/2 pps.
    expect(f2.rate).toBeCloseTo(1 / 2, 12);
    expect(f2.delay).toBeCloseTo(3, 12);
    expect([f2.meetsRate, f2.meetsDelay]).toEqual([true, true]);
    // Slack of these weights: f1's delay 1 - 6/5 = -1/5 and t1's capacity (1/2)/(2/3) - 1 = -1/4.
    expect(result.slack).toBeCloseTo(-1 / 4, 12);
  });

  it('4/5–1/5: f1 gets 2/5 pps and 4.5 s, f2 exactly 1/5 pps and 6 s — both of f2’s SLOs met exactly', async () => {
    const result = await solveSwitch(forkModel({ t0: 1, t1: 4 / 5, t2: 1 / 5 }));
    expect(result.status).toBe('feasible');
    const f1 = flow(result, 'f1');
    // max{1, 2/(4/5)} + 2 = 4.5 s; rate (4/5)/2 = 2/5.
    expect(f1.rate).toBeCloseTo(2 / 5, 12);
    expect(f1.delay).toBeCloseTo(4.5, 12);
    const f2 = flow(result, 'f2');
    // max{2, 1/(1/5)} + 1 = 6 s = D_2; rate 1/5 = R_2.
    expect(f2.rate).toBeCloseTo(1 / 5, 12);
    expect(f2.delay).toBeCloseTo(6, 12);
    expect([f1.meetsRate, f1.meetsDelay, f2.meetsRate, f2.meetsDelay]).toEqual([true, true, true, true]);
    expect(f2.budget[1]).toEqual({ task: 't2', blocking: 0, queuing: 5, processing: 1 });
    // The optimum offered as a quick fix is the paper-fork optimum below.
    expect(result.optimum.weights.t1).toBeCloseTo(2 / (3 - 5 * S_STAR), 6);
  });
});

/**
 * paper-fork.nsc: max s with 2/w1 + 2 <= 5(1-s), 1/w2 + 1 <= 6(1-s) (the delay rows bind before the
 * capacity rows w1 >= (1+s) 2/3, w2 >= (1+s)/5, and before the blocking bounds s <= 2/5, s <= 1/2).
 * With w1 = 2/(3-5s), w2 = 1/(5-6s), w1 + w2 = 1 gives 15 s^2 - 13 s + 1 = 0, s* = (13 - sqrt 109)/30.
 */
const S_STAR = (13 - Math.sqrt(109)) / 30;

describe('paper-fork (optimal weights)', () => {
  it('is feasible, with weights inside the feasible range 2/3 <= w1 <= 4/5', async () => {
    const result = await solveSwitch(forkModel());
    expect(result.status).toBe('feasible');
    expect(result.weightsSource).toBe('optimal');
    const w1 = result.weights.t1;
    expect(w1).toBeGreaterThanOrEqual(2 / 3);
    expect(w1).toBeLessThanOrEqual(4 / 5);
    expect(result.weights.t0).toBe(1);
    expect(w1 + result.weights.t2).toBeCloseTo(1, 12);
  });

  it('certifies s* = (13 - sqrt 109)/30 to 1e-6', async () => {
    const { optimum, slack } = await solveSwitch(forkModel());
    expect(optimum.lowerBound).not.toBeNull();
    expect(optimum.upperBound).not.toBeNull();
    expect(optimum.lowerBound!).toBeLessThanOrEqual(S_STAR + 1e-12);
    expect(optimum.upperBound!).toBeGreaterThanOrEqual(S_STAR - 1e-9);
    expect(optimum.upperBound! - optimum.lowerBound!).toBeLessThanOrEqual(1e-6);
    expect(slack).toBe(optimum.slack);
    expect(Math.abs(optimum.slack! - S_STAR)).toBeLessThan(1e-6);
  });

  it('reports the best achievable values', async () => {
    const result = await solveSwitch(forkModel());
    // f1: rate SLOs force w2 >= 1/5, so w1 <= 4/5: delay max{1, 5/2} + 2 = 4.5, rate (4/5)/2 = 2/5.
    expect(flow(result, 'f1').achievableDelay).toBeCloseTo(4.5, 12);
    expect(flow(result, 'f1').achievableRate).toBeCloseTo(2 / 5, 12);
    // f2: w1 >= 2/3 leaves w2 <= 1/3: delay max{2, 3} + 1 = 4, rate 1/3.
    expect(flow(result, 'f2').achievableDelay).toBeCloseTo(4, 12);
    expect(flow(result, 'f2').achievableRate).toBeCloseTo(1 / 3, 12);
  });

  it('optimises the free weights around a pinned one', async () => {
    const base = forkModel();
    const pinned = { ...base, tasks: base.tasks.map((t) => (t.name === 't2' ? { ...t, fixedWeight: 0.25 } : t)) };
    const result = await solveSwitch(pinned);
    expect(result.weightsSource).toBe('optimal');
    // t1 is the only free task on w0: it gets the 3/4 that t2 leaves.
    expect(result.weights).toEqual({ t0: 1, t1: 0.75, t2: 0.25 });
    // Slack: f1 1 - (2/0.75 + 2)/5 = 1/15, f2 1 - (1/0.25 + 1)/6 = 1/6, t1 0.75/(2/3) - 1 = 1/8, t2 0.25/0.2 - 1 = 1/4.
    expect(result.slack).toBeCloseTo(1 / 15, 9);
    expect(result.optimum.slack).toBeCloseTo(1 / 15, 9);
  });

  it('finds the single feasible point when an SLO leaves no slack (s* = 0 exactly)', async () => {
    // With D_1 = 4.5: 2/w1 + 2 <= 4.5 needs w1 >= 4/5, f2's rate needs w2 >= 1/5: only w1 = 4/5 works.
    const base = forkModel();
    const tight = { ...base, flows: base.flows.map((f) => (f.name === 'f1' ? { ...f, delaySlo: 4.5 } : f)) };
    const result = await solveSwitch(tight);
    expect(result.status).toBe('feasible');
    expect(result.weights.t1).toBeCloseTo(4 / 5, 9);
    expect(Math.abs(result.optimum.slack!)).toBeLessThan(1e-9);
    expect(result.optimum.upperBound!).toBeGreaterThanOrEqual(0);
  });
});
