/** What the controller charts and texts show of a simulation with changing traffic: shaded periods, SLO steps, the changes. */
import { describe, expect, it } from 'vitest';
import { sloChanges, sloSteps, violationRanges } from '../../client/webview/tracking.js';
import { changeText, recoveryText } from '../../engine/scheduling/phase-text.js';
import type { PhaseResult, Simulation } from '../../engine/scheduling/result.js';

const phase = (start: number, periods: number, changes: PhaseResult['changes'], delaySlo: number, verdict: Partial<PhaseResult> = {}): PhaseResult => ({
  start,
  periods,
  changes,
  flows: { f: { offered: 10, rateSlo: null, delaySlo } },
  optimalSlack: 0.2,
  slackTarget: 0.2,
  firstCompliantPeriod: start,
  periodsToCompliance: 0,
  violationPeriods: 0,
  never: null,
  achievable: null,
  ...verdict,
});

const compliance = [true, false, false, true, true, false, true];
const simulation: Simulation = {
  name: 'S',
  slackTarget: 0.2,
  optimalSlack: 0.2,
  firstCompliantPeriod: 0,
  violationPeriods: 3,
  phases: [phase(0, 5, [], 2e-3), phase(5, 2, [{ flow: 'f', delaySlo: 1e-3, offered: 2e6 }], 1e-3, { firstCompliantPeriod: 6, periodsToCompliance: 1, violationPeriods: 1 })],
  rows: compliance.map((compliant, period) => ({ period, phase: period < 5 ? 0 : 1, weights: {}, rates: {}, delays: {}, lambda: {}, slack: null, compliant })),
};

describe('controller charts with changing traffic', () => {
  it('shades each run of periods that miss an SLO', () => {
    expect(violationRanges(simulation.rows)).toEqual([
      { from: 1, to: 2 },
      { from: 5, to: 5 },
    ]);
  });

  it('says what changes in the words of the language', () => {
    expect(changeText(simulation.phases[1])).toBe('f offered 2 Mpps delay <= 1 ms');
  });

  it('draws an SLO the traffic changes as its value in force period by period, in the chart unit', () => {
    expect(sloChanges(simulation, 'delaySlo')).toBe(true);
    expect(sloChanges(simulation, 'rateSlo')).toBe(false);
    expect(sloSteps(simulation, 'f', 'delaySlo', 1e3).map((p) => p.y)).toEqual([2, 2, 2, 2, 2, 1, 1]);
    expect(sloSteps(simulation, 'f', 'rateSlo', 1).every((p) => p.y === null)).toBe(true);
  });

  it('says how the controller coped with a change', () => {
    expect(recoveryText(simulation.phases[1])).toBe('every SLO holds again after 1 period (period 6)');
    expect(recoveryText(simulation.phases[0])).toBe('every SLO holds at once');
    expect(recoveryText(phase(5, 2, [], 1, { periodsToCompliance: null, firstCompliantPeriod: null, never: 'infeasible' }))).toBe(
      'never: no weights meet every SLO under this load',
    );
    expect(recoveryText(phase(5, 2, [], 1, { periodsToCompliance: null, firstCompliantPeriod: null, never: 'phase-ended' }))).toBe('not within the 2 periods this load lasts');
  });
});
