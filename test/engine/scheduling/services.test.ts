/**
 * Services across switches (engine/scheduling/joint.ts) on the example examples/metro-services.nsc,
 * built by hand: routes from the link latencies, hop delays from the delay formulas, the joint
 * optimum s* by an independent bisection on s (test/support/metro-services.ts, which also derives
 * the example), and the comparison with each switch solved alone.
 */
import { describe, expect, it } from 'vitest';
import { loadHighs } from '../../../engine/highs/load.js';
import { itinerary, shortestRoute } from '../../../engine/routing.js';
import { solveNetwork, type Network } from '../../../engine/scheduling/joint.js';
import { DEFAULT_CONTROLLER, type ServiceModel, type SwitchModel } from '../../../engine/scheduling/model.js';
import { solveSwitch } from '../../../engine/scheduling/solve.js';
import { solveScenarioWithDetails } from '../../../engine/scenario.js';
import { accessVoiceDelay, BEST_VOICE_DELAY, coreVoiceDelay, jointSlack, jointVoiceWeights, ms, us } from '../../support/metro-services.js';
import { metroTopology } from '../placement/fixtures.js';
const metro = metroTopology();
const node = (name: string) => metro.nodes.findIndex((n) => n.name === name);

function upf(name: string, voiceCost: number, bulkCost: number, weights?: [number, number]): SwitchModel {
  return {
    name,
    workers: [{ name: 'w0', speed: 2e9 }],
    batch: 32,
    queue: 64,
    modules: [
      { name: 'voice_m', cost: voiceCost },
      { name: 'bulk_m', cost: bulkCost },
    ],
    edges: [],
    tasks: [
      { name: 'voice', worker: 0, modules: [0], fixedWeight: weights?.[0] },
      { name: 'bulk', worker: 0, modules: [1], fixedWeight: weights?.[1] },
    ],
    flows: [
      { name: 'voice_ul', path: [0], offered: 0.8e6 },
      { name: 'bulk_ul', path: [1], offered: 1e6 },
    ],
    controller: DEFAULT_CONTROLLER,
  };
}

const access = upf('AccessUpf', 500, 1000);
const core = upf('CoreUpf', 250, 500);

function service(name: string, from: string, flow: string, overrides: Partial<ServiceModel> = {}): ServiceModel {
  return {
    name,
    topology: metro,
    from: node(from),
    to: node('app1'),
    hops: [
      { switch: 'AccessUpf', flow, node: node('agg1') },
      { switch: 'CoreUpf', flow, node: node('core1') },
    ],
    offered: flow === 'voice_ul' ? 0.8e6 : 1e6,
    ...overrides,
  };
}

const voiceUplink = service('VoiceUplink', 'acc1', 'voice_ul', { rateSlo: 0.8e6, delaySlo: 2.18 * ms });
const bulkUplink = service('BulkUplink', 'acc2', 'bulk_ul', { delaySlo: 5 * ms });
const example: Network = { switches: [access, core], services: [voiceUplink, bulkUplink] };

describe('routes', () => {
  it('follow the shortest one-way latencies on Metro: acc1 → agg1 → core1 → app1 is 0.3 + 0.6 + 1.2 ms', () => {
    const route = shortestRoute(metro, node('acc1'), node('app1'))!;
    expect(route.nodes.map((v) => metro.nodes[v].name)).toEqual(['acc1', 'agg1', 'core1', 'app1']);
    expect(route.latency).toBeCloseTo(2.1 * ms, 15);
    // acc3 → app1: via agg2 and core1 (0.2 + 0.7 + 1.2 = 2.1 ms) beats any way through core2.
    expect(shortestRoute(metro, node('acc3'), node('app1'))!.latency).toBeCloseTo(2.1 * ms, 15);
    expect(shortestRoute(metro, node('agg1'), node('agg1'))).toEqual({ nodes: [node('agg1')], latency: 0 });
  });

  it('reports the first leg without a path', () => {
    const island = { ...metro, nodes: [...metro.nodes, { name: 'island', accelerator: false }] };
    const stops = [node('acc1'), node('agg1'), metro.nodes.length, node('app1')];
    expect(itinerary(island, stops)).toEqual({ ok: false, missing: 1 });
  });
});

describe('services on the metro example', () => {
  it('each switch alone balances its capacity margins, and VoiceUplink misses its SLO at those weights', async () => {
    const [accessAlone, coreAlone] = await Promise.all([solveSwitch(access), solveSwitch(core)]);
    // max min(w/m_v - 1, (1 - w)/m_b - 1): w = m_v / (m_v + m_b), s* = 1/(m_v + m_b) - 1.
    expect(accessAlone.weights.voice).toBeCloseTo(2 / 7, 6);
    expect(accessAlone.optimum.slack).toBeCloseTo(3 / 7, 6);
    expect(coreAlone.weights.voice).toBeCloseTo(2 / 7, 6);
    expect(coreAlone.optimum.slack).toBeCloseTo(13 / 7, 6);
    // At w = 2/7: 16/(2/7) + 8 = 64 µs and 8/(2/7) + 4 = 32 µs: 2.196 ms > 2.18 ms.
    const voiceAlone = 2.1 * ms + accessAlone.flows[0].delay! + coreAlone.flows[0].delay!;
    expect(accessAlone.flows[0].delay).toBeCloseTo(64 * us, 12);
    expect(coreAlone.flows[0].delay).toBeCloseTo(32 * us, 12);
    expect(voiceAlone).toBeCloseTo(2.196 * ms, 12);
    expect(voiceAlone).toBeGreaterThan(2.18 * ms);
  });

  it('optimised jointly, every SLO holds: s* matches the bisection, certified by the bounds', async () => {
    const { switches, services } = await solveNetwork(example);
    const s = jointSlack();
    expect(s).toBeGreaterThan(0.01);
    const [voice] = services;
    expect(voice.optimum.switches).toEqual(['AccessUpf', 'CoreUpf']);
    expect(voice.optimum.services).toEqual(['VoiceUplink', 'BulkUplink']);
    expect(voice.optimum.lowerBound!).toBeCloseTo(s, 6);
    expect(voice.optimum.upperBound! - voice.optimum.lowerBound!).toBeLessThanOrEqual(1e-7);
    expect(voice.optimum.upperBound!).toBeGreaterThanOrEqual(s - 1e-9);
    for (const result of [...switches, ...services]) expect(result.status, result.name).toBe('feasible');
    // Each switch reports its part of the joint optimum and the services it was optimised with.
    expect(switches[0].services).toEqual(['VoiceUplink', 'BulkUplink']);
    expect(switches[0].optimum.slack).toBeCloseTo(s, 6);
    // The optimum puts voice at the bulk margins' limit: w = 1 - m_b (1 + s*).
    expect(switches[0].weights.voice).toBeCloseTo(jointVoiceWeights(s).access, 5);
    expect(switches[1].weights.voice).toBeCloseTo(jointVoiceWeights(s).core, 5);
  });

  it('reports the route, each hop by the delay formulas, and the end-to-end values', async () => {
    const { switches, services } = await solveNetwork(example);
    const [voice, bulk] = services;
    expect(voice.route.map((leg) => leg.nodes)).toEqual([
      ['acc1', 'agg1'],
      ['agg1', 'core1'],
      ['core1', 'app1'],
    ]);
    expect(voice.route.map((leg) => leg.latency / ms)).toEqual([expect.closeTo(0.3, 12), expect.closeTo(0.6, 12), expect.closeTo(1.2, 12)]);
    expect(voice.propagation).toBeCloseTo(2.1 * ms, 15);
    const [wA, wB] = [switches[0].weights.voice, switches[1].weights.voice];
    const [hopA, hopB] = voice.hops;
    expect(hopA).toMatchObject({ switch: 'AccessUpf', flow: 'voice_ul', node: 'agg1' });
    expect(hopA.delay).toBeCloseTo(accessVoiceDelay(wA), 15);
    expect(hopA.budget).toEqual([{ task: 'voice', blocking: 0, queuing: expect.closeTo((16 * us) / wA, 15), processing: expect.closeTo(8 * us, 15) }]);
    expect(hopA).toMatchObject({ blocking: 0, queuing: expect.closeTo((16 * us) / wA, 15), processing: expect.closeTo(8 * us, 15) });
    expect(hopB.delay).toBeCloseTo(coreVoiceDelay(wB), 15);
    expect(voice.delay).toBeCloseTo(2.1 * ms + accessVoiceDelay(wA) + coreVoiceDelay(wB), 15);
    expect(voice.delay!).toBeLessThanOrEqual(2.18 * ms);
    // Every hop carries 0.8 Mpps: the weights cover the design loads.
    expect(voice).toMatchObject({ rate: 0.8e6, rateSlo: 0.8e6, designRate: 0.8e6, offered: 0.8e6, meetsRate: true, meetsDelay: true });
    // Best delay: voice gets all the bulk tasks leave, 1 - m_b: 16/0.5 + 8 = 40 µs and 8/0.75 + 4 = 14.67 µs.
    expect(BEST_VOICE_DELAY).toBeCloseTo(2.1 * ms + 40 * us + (8 * us) / 0.75 + 4 * us, 15);
    expect(voice.achievableDelay).toBeCloseTo(BEST_VOICE_DELAY, 12);
    // Best rate: the worker minus bulk's load, over the voice cost: 1e9/500 = 2 Mpps and 1.5e9/250 = 6 Mpps, capped by the offered 0.8 Mpps.
    expect(voice.achievableRate).toBe(0.8e6);
    expect(voice.weights).toEqual({ AccessUpf: switches[0].weights, CoreUpf: switches[1].weights });

    // BulkUplink from acc2: 0.4 + 0.6 + 1.2 ms; bulk waits Q c_b / (T w_b) (32 µs/w and 16 µs/w) plus 16 µs and 8 µs.
    expect(bulk.propagation).toBeCloseTo(2.2 * ms, 15);
    const [bA, bB] = [switches[0].weights.bulk, switches[1].weights.bulk];
    expect(bulk.delay).toBeCloseTo(2.2 * ms + Math.max(8 * us, (32 * us) / bA) + 16 * us + Math.max(4 * us, (16 * us) / bB) + 8 * us, 15);
  });

  it('a delay SLO below the propagation is a result, not an error: infeasible, s* < 0 as the bisection says, the best delay above it', async () => {
    const belowLinks = { ...voiceUplink, delaySlo: 2 * ms };
    const { services } = await solveNetwork({ switches: [access, core], services: [belowLinks] });
    expect(services[0]).toMatchObject({ status: 'infeasible', meetsDelay: false, propagation: expect.closeTo(2.1 * ms, 15) });
    expect(services[0].achievableDelay).toBeCloseTo(BEST_VOICE_DELAY, 12);
    const s = jointSlack(2 * ms);
    expect(s).toBeLessThan(-0.07);
    expect(services[0].optimum.lowerBound!).toBeCloseTo(s, 6);
  });

  it('a service rate SLO raises its hop flows’ rate SLOs: a tighter one than the offered load lowers their design rates', async () => {
    const halfRate = { ...voiceUplink, rateSlo: 0.4e6 };
    const { switches, services } = await solveNetwork({ switches: [access, core], services: [halfRate] });
    expect(switches[0].flows[0]).toMatchObject({ rateSlo: 0.4e6, designRate: 0.4e6 });
    expect(services[0].designRate).toBe(0.4e6);
  });

  it('counts a task twice when a service crosses it in two hops', async () => {
    // Through AccessUpf's voice flow twice: acc1 → agg1 is 0.3 ms, agg1 → agg1 nothing, agg1 → core1 → app1 1.8 ms.
    const twice: ServiceModel = {
      ...voiceUplink,
      hops: [
        { switch: 'AccessUpf', flow: 'voice_ul', node: node('agg1') },
        { switch: 'AccessUpf', flow: 'voice_ul', node: node('agg1') },
      ],
    };
    const { switches, services } = await solveNetwork({ switches: [access], services: [twice] });
    const w = switches[0].weights.voice;
    expect(services[0].route.map((leg) => leg.nodes)).toEqual([['acc1', 'agg1'], ['agg1'], ['agg1', 'core1', 'app1']]);
    expect(services[0].propagation).toBeCloseTo(2.1 * ms, 15);
    expect(services[0].delay).toBeCloseTo(2.1 * ms + 2 * accessVoiceDelay(w), 15);
    // The best: voice at 1 - m_b = 0.5 in both hops.
    expect(services[0].achievableDelay).toBeCloseTo(2.1 * ms + 2 * accessVoiceDelay(0.5), 12);
  });

  it('keeps a switch whose weights are all written at those weights, and optimises the others around it', async () => {
    const fixedAccess = upf('AccessUpf', 500, 1000, [2 / 7, 5 / 7]);
    const { switches, services } = await solveNetwork({ switches: [fixedAccess, core], services: [voiceUplink] });
    expect(switches[0]).toMatchObject({ weightsSource: 'fixed', weights: { voice: 2 / 7, bulk: 5 / 7 } });
    // Access voice takes 64 µs: the core has 2.18 - 2.1 - 0.064 = 0.016 ms for 8 µs/w + 4 µs, which
    // needs w >= 2/3 while bulk needs 1 - w >= 0.25: feasible, and the core's voice weight is at least 2/3.
    expect(switches[1].weightsSource).toBe('optimal');
    expect(switches[1].weights.voice).toBeGreaterThanOrEqual(2 / 3 - 1e-9);
    expect(services[0].status).toBe('feasible');
    // The optimum offered as the quick fix is found with nothing pinned: it is the joint one above.
    expect(switches[0].optimum.slack).toBeCloseTo(jointSlack(), 6);
  });

  it('solves switches no service crosses alone, exactly as solveSwitch', async () => {
    const other = upf('Other', 500, 1000);
    const { switches } = await solveNetwork({ switches: [access, core, other], services: [voiceUplink] });
    expect(switches[2]).toEqual(await solveSwitch(other, { highs: await loadHighs() }));
    expect(switches[2].services).toEqual([]);
  });
});

describe('fixes of a service', () => {
  it('relaxes a missed end-to-end delay SLO to the best achievable, rounded up in its unit, checked by re-solving', async () => {
    const tight = { ...voiceUplink, delaySlo: 2.15 * ms };
    const outcome = await solveScenarioWithDetails({
      placements: [],
      switches: [access, core],
      services: [tight],
      crossedSwitches: [],
      studies: [],
      units: { targets: {}, flows: {}, services: { VoiceUplink: { delay: 'ms' } } },
    });
    const [voice] = outcome.services;
    expect(voice.result.status).toBe('infeasible');
    expect(voice.result.achievableDelay).toBeCloseTo(BEST_VOICE_DELAY, 12);
    // 2.154667 ms, 3 significant digits rounded up.
    expect(voice.fixes).toEqual({ delay: { value: 2.16, unit: 'ms' } });
    // One worker per switch: no task can move.
    expect(voice.move).toBeNull();
    expect(voice.taskWorkers).toEqual({ AccessUpf: { voice: 'w0', bulk: 'w0' }, CoreUpf: { voice: 'w0', bulk: 'w0' } });
  });
});
