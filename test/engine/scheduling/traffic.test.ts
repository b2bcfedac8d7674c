/**
 * The controller tracking changes of load and SLOs (the `traffic` block). The expected periods are
 * derived by hand on the paper's fork: with slack target 0 the controller stops at w1 = 0.675
 * (period 7, see controller.test.ts) and from there moves a weight by `step` = 0.025 per period.
 * f1's SLOs need w1 >= 2 R_1 (rate) and 2/w1 + 2 <= D_1 (delay); f2's need w2 = 1 - w1 >= R_2 and
 * 1/w2 + 1 <= D_2 (blocking by t1 is 2 s, below the queuing term).
 */
import { describe, expect, it } from 'vitest';
import type { SwitchModel, TrafficChange } from '../../../engine/scheduling/model.js';
import { simulateSwitch } from '../../../engine/scheduling/simulate.js';
import { loadPhases } from '../../../engine/scheduling/traffic.js';
import { forkModel } from './fixtures.js';

const F1 = 0;
const F2 = 1;
const withTraffic = (traffic: TrafficChange[], periods = 30): SwitchModel => {
  const model = forkModel();
  return { ...model, traffic, controller: { ...model.controller, periods } };
};

describe('load phases', () => {
  it('one phase per change period, in period order, with the changes applied cumulatively', () => {
    const phases = loadPhases(
      withTraffic([
        { period: 20, flow: F1, offered: 3 },
        { period: 5, flow: F2, delaySlo: 7 },
        { period: 20, flow: F2, rateSlo: 0.1 },
        { period: 40, flow: F1, offered: 9 },
      ]),
      30,
    );
    expect(phases.map((p) => p.start)).toEqual([0, 5, 20]);
    expect(phases[0].model.flows[F2].delaySlo).toBe(6);
    expect(phases[1].model.flows[F2].delaySlo).toBe(7);
    expect(phases[2].model.flows.map((f) => f.offered)).toEqual([3, 1]);
    expect(phases[2].model.flows[F2]).toMatchObject({ delaySlo: 7, rateSlo: 0.1 });
    expect(phases[2].changes).toHaveLength(2);
  });

  it('a change at period 0 replaces the declared load from the start', () => {
    const [first, ...rest] = loadPhases(withTraffic([{ period: 0, flow: F1, offered: 2 }]), 30);
    expect(rest).toEqual([]);
    expect(first.model.flows[F1].offered).toBe(2);
    expect(first.changes).toEqual([{ period: 0, flow: F1, offered: 2 }]);
  });
});

describe('tracking changes in the simulator', () => {
  it('a higher rate SLO for f1 at period 10: w1 from 0.675 needs 0.74, three steps, compliant again at period 13', async () => {
    const simulation = await simulateSwitch(withTraffic([{ period: 10, flow: F1, rateSlo: 0.37 }]), { slackTarget: 0 });
    const [before, after] = simulation.phases;
    expect(before).toMatchObject({ start: 0, periods: 10, firstCompliantPeriod: 7, periodsToCompliance: 7, violationPeriods: 7, never: null });
    expect(after).toMatchObject({ start: 10, periods: 20, firstCompliantPeriod: 13, periodsToCompliance: 3, violationPeriods: 3, never: null, achievable: null });
    expect(after.changes).toEqual([{ flow: 'f1', rateSlo: 0.37 }]);
    expect(after.flows.f1).toEqual({ offered: 1, rateSlo: 0.37, delaySlo: 5 });
    expect(simulation.rows[9].compliant).toBe(true);
    expect(simulation.rows[10].compliant).toBe(false);
    expect(simulation.rows[13].weights.t1).toBeCloseTo(0.75, 12);
    expect(simulation.violationPeriods).toBe(10);
    expect(simulation.rows.map((r) => r.phase)).toEqual([...Array(10).fill(0), ...Array(20).fill(1)]);
    // s* under each load: f1's rate margin w1/(2 R_1) - 1 against f2's delay margin, both at their best.
    expect(after.optimalSlack!).toBeLessThan(before.optimalSlack!);
  });

  it('a tighter delay SLO for f1 at period 10 (4.6 s needs w1 >= 2/2.6 = 0.769): four steps', async () => {
    const simulation = await simulateSwitch(withTraffic([{ period: 10, flow: F1, delaySlo: 4.6 }]), { slackTarget: 0 });
    expect(simulation.phases[1]).toMatchObject({ periodsToCompliance: 4, violationPeriods: 4, firstCompliantPeriod: 14 });
  });

  it('a change that breaks nothing: f2 delay <= 5 s needs w2 >= 0.25, and w2 is 0.325: 0 periods', async () => {
    const simulation = await simulateSwitch(withTraffic([{ period: 10, flow: F2, delaySlo: 5 }]), { slackTarget: 0 });
    expect(simulation.phases[1]).toMatchObject({ periodsToCompliance: 0, violationPeriods: 0 });
  });

  it('an infeasible load never complies, and says what is achievable under it', async () => {
    // f1 rate >= 0.45 needs w1 >= 0.9, f2 needs w2 >= 0.2: together 1.1 of the worker.
    const simulation = await simulateSwitch(withTraffic([{ period: 10, flow: F1, rateSlo: 0.45 }]), { slackTarget: 0 });
    const after = simulation.phases[1];
    expect(after).toMatchObject({ firstCompliantPeriod: null, periodsToCompliance: null, violationPeriods: 20, never: 'infeasible' });
    expect(after.optimalSlack!).toBeLessThan(0);
    // With f2 at its 0.2 pps (w2 = 0.2), t1 has 0.8 of the worker: f1 gets 0.4 pps; with f1 at
    // 0.45 pps t2 has 0.1: f2 gets 0.1 pps. No weights carry both design loads: no achievable delay.
    expect(after.achievable!.f1.rate).toBeCloseTo(0.4, 9);
    expect(after.achievable!.f2.rate).toBeCloseTo(0.1, 9);
    expect(after.achievable!.f1.delay).toBeNull();
  });

  it('a feasible load the phase is too short for: never within the phase, not infeasible', async () => {
    const simulation = await simulateSwitch(
      withTraffic([
        { period: 10, flow: F1, rateSlo: 0.37 },
        { period: 12, flow: F1, rateSlo: 1 / 3 },
      ]),
      { slackTarget: 0 },
    );
    expect(simulation.phases[1]).toMatchObject({ periods: 2, firstCompliantPeriod: null, never: 'phase-ended', achievable: null });
  });

  it('more offered load changes the rates of the rows from its period on', async () => {
    const simulation = await simulateSwitch(withTraffic([{ period: 3, flow: F2, offered: 0.1 }], 5), { slackTarget: 0 });
    // At w2 = 0.45 f2 (1 cycle/packet) is carried up to its offered load, 1 pps, then 0.1 pps.
    expect(simulation.rows[2].rates.f2).toBeCloseTo(0.45, 12);
    expect(simulation.rows[3].rates.f2).toBeCloseTo(0.1, 12);
  });
});
