/**
 * The fixes the editor offers (engine/scenario.ts): each value derived by hand, and each checked by
 * re-solving — a fix is only offered when it works.
 */
import { describe, expect, it } from 'vitest';
import { solveScenarioWithDetails as solveScenario, type ScenarioInput, type WrittenUnits } from '../../engine/scenario.js';
import type { SwitchModel } from '../../engine/scheduling/model.js';
import { metroProblem } from './placement/fixtures.js';
import { chainModel, forkModel } from './scheduling/fixtures.js';

const NO_UNITS: WrittenUnits = { targets: {}, flows: {}, services: {} };
const input = (parts: Partial<ScenarioInput>): ScenarioInput => ({ placements: [], switches: [], services: [], crossedSwitches: [], studies: [], units: NO_UNITS, ...parts });

describe('fixes', () => {
  it('relaxes a delay SLO to the best achievable delay, written in the unit of the source', async () => {
    // The chain (costs 1, 1, 10 on one 1 Hz worker) reaches at best 11 + 11 + 22.5 = 44.5 s.
    const inSeconds = await solveScenario(input({ switches: [chainModel()], units: { ...NO_UNITS, flows: { 'Chain/f': { delay: 's' } } } }));
    expect(inSeconds.switches[0].flowFixes.f.delay).toEqual({ value: 44.5, unit: 's' });
    const inMilliseconds = await solveScenario(input({ switches: [chainModel()], units: { ...NO_UNITS, flows: { 'Chain/f': { delay: 'ms' } } } }));
    expect(inMilliseconds.switches[0].flowFixes.f.delay).toEqual({ value: 44500, unit: 'ms' });
  });

  it('with fixed weights, relaxes to the delay and rate those weights give', async () => {
    // Equal weights: f1 takes 6 s and gets 1/4 pps (fork-fixed-weights.nsc).
    const [fork] = (await solveScenario(input({ switches: [forkModel({ t0: 1, t1: 0.5, t2: 0.5 })] }))).switches;
    expect(fork.flowFixes.f1).toEqual({ delay: { value: 6 }, rate: { value: 0.25 } });
  });

  it('offers the chosen weights rounded to 3 decimals, each worker summing to 1, when they keep the switch feasible', async () => {
    // paper-fork's optimum w1 = (-10 + sqrt(436)) / 14 = 0.77718: 0.777 and 0.223 still meet every SLO
    // (f1: 2/0.777 + 2 = 4.57 s <= 5 s, 0.3885 pps >= 1/3; f2: 1/0.223 + 1 = 5.48 s <= 6 s, 0.223 pps >= 0.2).
    const [fork] = (await solveScenario(input({ switches: [forkModel()] }))).switches;
    expect(fork.applicableWeights).toEqual({ t0: 1, t1: 0.777, t2: 0.223 });
    expect(fork.taskWorkers).toEqual({ t0: 'rx', t1: 'w0', t2: 'w0' });
  });

  it('moves a task to the least-loaded worker when that makes the switch feasible', async () => {
    // Two tasks each need 0.8 of w0 to carry 0.8 pps at 1 cycle per packet: 1.6 > 1. On w1 (idle) either fits.
    const crowded: SwitchModel = {
      name: 'Crowded',
      workers: [
        { name: 'w0', speed: 1 },
        { name: 'w1', speed: 1 },
      ],
      batch: 1,
      queue: 1,
      modules: [
        { name: 'a', cost: 1 },
        { name: 'b', cost: 1 },
      ],
      edges: [],
      tasks: [
        { name: 'ta', worker: 0, modules: [0] },
        { name: 'tb', worker: 0, modules: [1] },
      ],
      flows: [
        { name: 'fa', path: [0], offered: 0.8, rateSlo: 0.8 },
        { name: 'fb', path: [1], offered: 0.8, rateSlo: 0.8 },
      ],
      controller: chainModel().controller,
    };
    const [outcome] = (await solveScenario(input({ switches: [crowded] }))).switches;
    expect(outcome.result.status).toBe('infeasible');
    expect(outcome.move).toEqual({ task: 'ta', toWorker: 'w1' });
  });

  it('raises the target (rounded up in its unit) or lowers the rounds of an infeasible placement', async () => {
    // The metro baseline: no plain round is below p_12 = 0.17 s plus latency, so 10 rounds need more than 1.7 s
    // and 1.6 s fits at most floor(1.6 / 0.17...) = 9 rounds.
    const baseline = metroProblem({ name: 'Baseline', rounds: 10, objective: { kind: 'baseline' }, maxAccelerators: undefined });
    const [outcome] = (await solveScenario(input({ placements: [baseline], units: { ...NO_UNITS, targets: { Baseline: 's' } } }))).placements;
    const { minTarget } = outcome.result.relaxations;
    expect(minTarget).toBeGreaterThan(1.7);
    // 3 significant digits, rounded up: never below the exact smallest target.
    expect(outcome.fixes.target).toEqual({ value: Math.ceil(minTarget! * 100) / 100, unit: 's' });
    expect(outcome.fixes.rounds).toEqual({ value: 9 });
    expect(outcome.fixes.acceleratorsMax).toBeUndefined(); // the baseline uses no accelerators by definition
  });
});
