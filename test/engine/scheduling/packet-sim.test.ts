/**
 * The packet-level simulation on cases with known answers: a single task at constant arrivals (every
 * delay exact), an M/D/1 queue (mean waiting time in closed form), WFQ shares of saturated tasks,
 * back-pressure, and the delay estimate against a saturated task, where the two must agree.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONTROLLER, type SwitchModel } from '../../../engine/scheduling/model.js';
import { checkEstimate } from '../../../engine/scheduling/packet-check.js';
import { simulatePackets, statistics } from '../../../engine/scheduling/packet-sim.js';
import { forkModel } from './fixtures.js';

/** One task of one module (cost c cycles) alone on a worker of speed T, one flow offering rho. */
function singleTask(c: number, T: number, rho: number, batch: number, queue: number): SwitchModel {
  return {
    name: 'Single',
    workers: [{ name: 'w', speed: T }],
    batch,
    queue,
    modules: [{ name: 'm', cost: c }],
    edges: [],
    tasks: [{ name: 't', worker: 0, modules: [0] }],
    flows: [{ name: 'f', path: [0], offered: rho }],
    controller: DEFAULT_CONTROLLER,
  };
}

/** Two flows, each into its own one-module task; both tasks share worker w0 (speed T). */
function twoTasks(costs: [number, number], offered: [number, number], T: number): SwitchModel {
  return {
    name: 'Two',
    workers: [{ name: 'w0', speed: T }],
    batch: 4,
    queue: 16,
    modules: [
      { name: 'a', cost: costs[0] },
      { name: 'b', cost: costs[1] },
    ],
    edges: [],
    tasks: [
      { name: 'ta', worker: 0, modules: [0] },
      { name: 'tb', worker: 0, modules: [1] },
    ],
    flows: [
      { name: 'fa', path: [0], offered: offered[0] },
      { name: 'fb', path: [1], offered: offered[1] },
    ],
    controller: DEFAULT_CONTROLLER,
  };
}

describe('packet-level simulation: a single task', () => {
  it('below capacity at constant arrivals, every packet is served alone on arrival: delay = c/T exactly', () => {
    // 3 cycles at 10 Hz = 0.3 s per packet; a packet every 0.5 s never finds the worker busy.
    for (const batch of [1, 8]) {
      const { flows } = simulatePackets(singleTask(3, 10, 2, batch, 4), [1], { packets: 2000, arrivals: 'constant' });
      expect(flows[0].dropped).toBe(0);
      expect(flows[0].delay!.p50).toBeCloseTo(0.3, 12);
      expect(flows[0].delay!.max).toBeCloseTo(0.3, 12);
      expect(flows[0].delay!.mean).toBeCloseTo(0.3, 12);
    }
  });

  it('saturated at constant arrivals, the queue stays full: delays lie in ((Q+B)c/T - B/rho, (Q+B)c/T], throughput T/c', () => {
    // After each batch starts, B slots free up and the next B arrivals take them; each of those waits
    // for the batch running, Q/B batches ahead (Q - B packets plus its own batch), so leaves
    // (Q + B) c/T after the batch start, and arrived within B gaps after it.
    const c = 1;
    const T = 1;
    const rho = 3;
    const [B, Q] = [2, 4];
    const { flows, window } = simulatePackets(singleTask(c, T, rho, B, Q), [1], { packets: 30000, arrivals: 'constant' });
    const { delay, throughput, dropped, arrived } = flows[0];
    expect(delay!.max).toBeCloseTo(((Q + B) * c) / T, 9);
    expect(delay!.p50).toBeGreaterThan(((Q + B) * c) / T - B / rho);
    expect(throughput).toBeCloseTo(T / c, 2);
    // Everything else is dropped at the input queue: 1 - (T/c)/rho of the arrivals.
    expect(dropped / arrived).toBeCloseTo(1 - T / c / rho, 2);
    expect(window).toBeCloseTo((arrived - 1) / rho, 6);
  });

  it('M/D/1: Poisson arrivals at load 0.8, B = 1, an unbounded queue: mean delay = W_q + 1/mu with W_q = rho/(2 mu (1 - rho))', () => {
    // mu = T/c = 1 packet/s, rho = 0.8: W_q = 0.8/(2 * 0.2) = 2 s, mean delay 3 s. The standard error
    // of the mean over 1e6 correlated packets at this load is about 2 % (relaxation time ~ 300
    // packets), so 5 % is a 2.5-sigma band.
    const { flows } = simulatePackets(singleTask(1, 1, 0.8, 1, 1_000_000), [1], { packets: 1_000_000, seed: 11 });
    expect(flows[0].dropped).toBe(0);
    expect(flows[0].delay!.mean).toBeGreaterThan(3 * 0.95);
    expect(flows[0].delay!.mean).toBeLessThan(3 * 1.05);
    expect(flows[0].throughput).toBeCloseTo(0.8, 2);
  });

  it('M/D/1 at load 0.3: 70 % of the packets find the worker idle (PASTA), so the median delay is the service time', () => {
    const { flows } = simulatePackets(singleTask(2, 4, 0.6, 1, 1_000_000), [1], { packets: 200_000, seed: 3 });
    expect(flows[0].delay!.p50).toBe(0.5);
    // W_q = 0.3 / (2 * 2 * 0.7) = 0.1071 s on top of 0.5 s of service.
    expect(flows[0].delay!.mean).toBeGreaterThan((0.5 + 0.3 / 2.8) * 0.97);
    expect(flows[0].delay!.mean).toBeLessThan((0.5 + 0.3 / 2.8) * 1.03);
  });
});

describe('packet-level simulation: sharing and back-pressure', () => {
  it('WFQ: two saturated tasks on one worker get their weights in cycles, w_t T / c_t packets per second', () => {
    // w = 3/4, 1/4 of 1000 cycles/s: ta (2 cycles) 375 pps, tb (1 cycle) 250 pps; both offered far more.
    const { flows } = simulatePackets(twoTasks([2, 1], [2000, 2000], 1000), [0.75, 0.25], { packets: 200_000 });
    expect(flows[0].throughput / 375).toBeCloseTo(1, 2);
    expect(flows[1].throughput / 250).toBeCloseTo(1, 2);
  });

  it('WFQ is work-conserving: a task that needs less than its weight leaves the rest to the other', () => {
    // ta needs 100 pps * 2 cycles = 200 of its 750 cycles/s; tb (1 cycle) gets the other 800.
    const { flows } = simulatePackets(twoTasks([2, 1], [100, 2000], 1000), [0.75, 0.25], { packets: 200_000 });
    expect(flows[0].dropped).toBe(0);
    expect(flows[0].throughput / 100).toBeCloseTo(1, 1);
    expect(flows[1].throughput / 800).toBeCloseTo(1, 2);
  });

  it('back-pressure: a fast task feeding a slow one on another worker loses nothing inside; the excess is dropped at the entry', () => {
    const model: SwitchModel = {
      ...singleTask(1, 100, 500, 4, 8),
      workers: [
        { name: 'fast', speed: 100 },
        { name: 'slow', speed: 100 },
      ],
      modules: [
        { name: 'a', cost: 0.1 },
        { name: 'b', cost: 1 },
      ],
      edges: [[0, 1]],
      tasks: [
        { name: 'ta', worker: 0, modules: [0] },
        { name: 'tb', worker: 1, modules: [1] },
      ],
      flows: [{ name: 'f', path: [0, 1], offered: 500 }],
    };
    const { flows } = simulatePackets(model, [1, 1], { packets: 100_000 });
    // tb carries 100 cycles/s / 1 cycle = 100 pps; ta could do 1000 pps but is held back.
    expect(flows[0].throughput / 100).toBeCloseTo(1, 2);
    expect(flows[0].delivered + flows[0].dropped).toBe(flows[0].arrived);
    expect(flows[0].dropped / flows[0].arrived).toBeCloseTo(0.8, 2);
  });

  it('is deterministic for a seed, and the seed matters', () => {
    const model = forkModel();
    const run = (seed: number) => simulatePackets(model, [1, 0.8, 0.2], { packets: 20_000, seed });
    expect(run(5)).toEqual(run(5));
    expect(run(5).flows[0].delay!.mean).not.toBe(run(6).flows[0].delay!.mean);
  });

  it('a costly task of weight 0 only runs when nothing else can: the run ends, its flow is slow but delivered', () => {
    const { flows } = simulatePackets(twoTasks([1, 1], [100, 100], 1000), [1, 0], { packets: 10_000, arrivals: 'constant' });
    // ta needs 10 % of the worker, so tb runs in the idle time.
    expect(flows[1].delivered).toBeGreaterThan(0);
  });
});

describe('the delay estimate against the packet-level simulation', () => {
  it('a saturated task alone on its worker: the estimate (Q θ + B θ)/T is exactly the largest measured delay', async () => {
    const check = await checkEstimate(singleTask(1, 1, 3, 2, 4), [1], { packets: 30_000, arrivals: 'constant' });
    const [flow] = check.flows;
    expect(flow.estimate).toBeCloseTo(6, 12);
    expect(flow.delay!.max).toBeCloseTo(flow.estimate!, 9);
    expect(flow.rate).toBeCloseTo(1, 9); // the rate LP: T/c
    expect(check.weights).toEqual({ t: 1 });
  });

  it('below capacity the estimate still assumes a full queue: at constant arrivals it is (Q + B)/1 times the measured c/T', async () => {
    const check = await checkEstimate(singleTask(3, 10, 2, 1, 4), [1], { packets: 2000, arrivals: 'constant' });
    expect(check.flows[0].estimate).toBeCloseTo(((4 + 1) * 3) / 10, 12);
    expect(check.flows[0].delay!.max).toBeCloseTo(0.3, 12);
  });
});

describe('statistics', () => {
  it('nearest-rank percentiles: the p-th is the smallest value with p % of the values at or below it', () => {
    const values = Float64Array.from({ length: 200 }, (_, i) => 200 - i); // 1..200, unsorted
    expect(statistics(values)).toEqual({ mean: 100.5, p50: 100, p99: 198, max: 200 });
    expect(statistics(new Float64Array(0))).toBeNull();
  });
});
