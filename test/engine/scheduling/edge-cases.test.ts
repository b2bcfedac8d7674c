/**
 * Degenerate inputs: zero costs, zero weights, flows without SLOs, tasks no flow visits, and the
 * JSON safety of every result (JSON.stringify would silently turn NaN and Infinity into null, so the
 * results are walked for non-finite numbers instead).
 */
import { describe, expect, it } from 'vitest';
import { simulateSwitch, solveSwitch, type SwitchModel } from '../../../engine/scheduling/index.js';
import { edgeSiteModel, forkModel } from './fixtures.js';

function nonFiniteNumbers(value: unknown, path = '$'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} = ${value}`];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFiniteNumbers(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => nonFiniteNumbers(v, `${path}.${k}`));
  return [];
}

function withTasks(model: SwitchModel, weights: Record<string, number | undefined>): SwitchModel {
  return { ...model, tasks: model.tasks.map((t) => ({ ...t, fixedWeight: weights[t.name] })) };
}

describe('edge cases', () => {
  it('a zero weight on a costly task: unbounded delay reported as null, never Infinity', async () => {
    const result = await solveSwitch(forkModel({ t0: 1, t1: 1, t2: 0 }));
    expect(nonFiniteNumbers(result)).toEqual([]);
    const f2 = result.flows[1];
    expect(f2.delay).toBeNull();
    expect(f2.budget[1].queuing).toBeNull();
    expect([f2.meetsRate, f2.meetsDelay]).toEqual([false, false]);
    expect(f2.rate).toBe(0);
    expect(result.slack).toBeNull();
    expect(result.status).toBe('infeasible');
    // The quick fix is still the paper-fork optimum, computed with nothing pinned.
    expect(result.optimum.weights.t1).toBeGreaterThan(2 / 3);
  });

  it('a pinned zero weight among free ones proves s* = -infinity (null) and stays JSON-safe', async () => {
    const result = await solveSwitch(withTasks(forkModel(), { t2: 0 }));
    expect(nonFiniteNumbers(result)).toEqual([]);
    expect(result.optimum.slack).toBeNull();
    expect(result.status).toBe('infeasible');
    expect(result.flows[1].achievableDelay).toBeNull();
  });

  it('pinned weights that fill a worker leave its free task weight 0: unbounded, not a crash', async () => {
    const result = await solveSwitch(withTasks(forkModel(), { t2: 1 }));
    expect(nonFiniteNumbers(result)).toEqual([]);
    expect(result.weights.t1).toBe(0);
    expect(result.flows[0].delay).toBeNull();
    expect(result.optimum.slack).toBeNull();
    expect(result.status).toBe('infeasible');
    const simulation = await simulateSwitch(withTasks(forkModel(), { t2: 1 }), { periods: 3 });
    expect(nonFiniteNumbers(simulation)).toEqual([]);
  });

  it('zero-cost modules everywhere: every delay 0, nothing constrains the slack but the delay SLOs', async () => {
    const base = forkModel();
    const free: SwitchModel = { ...base, modules: base.modules.map((m) => ({ ...m, cost: 0 })) };
    const result = await solveSwitch(free);
    expect(nonFiniteNumbers(result)).toEqual([]);
    expect(result.flows.map((f) => f.delay)).toEqual([0, 0]);
    expect(result.flows.map((f) => f.rate)).toEqual([1, 1]);
    // d_f = 0 <= (1 - s) D_f holds up to s = 1.
    expect(result.slack).toBe(1);
    expect(result.status).toBe('feasible');
  });

  it('no SLO and no cost anywhere: the slack is unbounded (null) and the weights equal shares', async () => {
    const base = forkModel();
    const bare: SwitchModel = {
      ...base,
      modules: base.modules.map((m) => ({ ...m, cost: 0 })),
      flows: base.flows.map(({ name, path, offered }) => ({ name, path, offered })),
    };
    const result = await solveSwitch(bare);
    expect(nonFiniteNumbers(result)).toEqual([]);
    expect(result.optimum.slack).toBeNull();
    expect(result.weights).toEqual({ t0: 1, t1: 0.5, t2: 0.5 });
    expect(result.flows.every((f) => f.meetsRate && f.meetsDelay && f.rateSlo === null && f.delaySlo === null)).toBe(true);
  });

  it('a task no flow visits, a flow without SLOs and a worker with one task', async () => {
    const base = forkModel();
    const model: SwitchModel = {
      ...base,
      modules: [...base.modules, { name: 'idle', cost: 5 }],
      tasks: [...base.tasks, { name: 't3', worker: 1, modules: [5] }],
      // f3 has no SLO: its design rate is its offered load, 1/10 pps through t2.
      flows: [...base.flows, { name: 'f3', path: [0, 2, 4], offered: 0.1 }],
    };
    const result = await solveSwitch(model);
    expect(nonFiniteNumbers(result)).toEqual([]);
    expect(result.status).toBe('feasible');
    expect(result.weights.t0).toBe(1);
    const f3 = result.flows[2];
    expect([f3.rateSlo, f3.delaySlo, f3.meetsRate, f3.meetsDelay]).toEqual([null, null, true, true]);
    expect(f3.designRate).toBe(0.1);
    // t2 now carries 1/5 + 1/10 pps at 1 cycle; with t1 at >= 2/3 the optimum still exists.
    expect(result.weights.t1 + result.weights.t2 + result.weights.t3).toBeCloseTo(1, 12);
    const simulation = await simulateSwitch(model, { periods: 5 });
    expect(nonFiniteNumbers(simulation)).toEqual([]);
  });

  it('edge-site at equal weights on w1, by hand', async () => {
    const model = withTasks(edgeSiteModel(), { ingress: 1, voice: 0.5, bulk: 0.5 });
    const result = await solveSwitch(model);
    // theta: ingress 60+180+240 = 480, voice 300+220+60 = 580, bulk 900+60 = 960 cycles; T = 2.4e9, B 32, Q 64.
    // ingress alone: Q 480/T + B 480/T = 12.8 us + 6.4 us = 19.2 us.
    // voice at 1/2: max{B 960/T = 12.8 us, Q 580/(T/2) = 30.93 us} + B 580/T = 7.73 us -> 38.67 us.
    // bulk at 1/2: max{B 580/T = 7.73 us, Q 960/(T/2) = 51.2 us} + B 960/T = 12.8 us -> 64 us.
    const T = 2.4e9;
    const voice = 19.2e-6 + (64 * 580) / (T / 2) + (32 * 580) / T;
    const bulk = 19.2e-6 + 51.2e-6 + 12.8e-6;
    expect(result.flows[0].delay).toBeCloseTo(voice, 15);
    expect(result.flows[1].delay).toBeCloseTo(bulk, 15);
    expect(result.status).toBe('feasible');
    // Tightest: bulk's capacity, 0.5 / (1.2e6 * 960 / 2.4e9 = 0.48) - 1 = 1/24.
    expect(result.slack).toBeCloseTo(1 / 24, 12);
    expect(result.flows[0].budget[1]).toEqual({ task: 'voice', blocking: 0, queuing: (64 * 580) / (T / 2), processing: (32 * 580) / T });
  });
});
