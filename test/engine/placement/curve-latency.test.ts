import { describe, expect, it } from 'vitest';
import { curveIssues, curveTime, flatFrom, trainingTimes } from '../../../engine/placement/curve.js';
import { ExchangeLatencies } from '../../../engine/placement/latency.js';
import { LSTM_TRAINING, metroTopology } from './fixtures.js';

describe('training curve p_k', () => {
  it('is linear between points and flat outside them', () => {
    expect(curveTime(LSTM_TRAINING, 1)).toBe(1.2);
    expect(curveTime(LSTM_TRAINING, 5)).toBeCloseTo((0.38 + 0.27) / 2, 12); // halfway between k = 4 and k = 6
    expect(curveTime(LSTM_TRAINING, 7)).toBeCloseTo(0.24, 12);
    expect(curveTime(LSTM_TRAINING, 11)).toBeCloseTo(0.175, 12);
    expect(curveTime(LSTM_TRAINING, 12)).toBe(0.17);
    expect(curveTime(LSTM_TRAINING, 40)).toBe(0.17);
    const late = {
      name: 'late',
      points: [
        { k: 3, time: 0.9 },
        { k: 5, time: 0.5 },
      ],
    };
    expect(curveTime(late, 1)).toBe(0.9);
    expect(flatFrom(LSTM_TRAINING)).toBe(12);
  });

  it('a one-point curve is constant', () => {
    const one = { name: 'one', points: [{ k: 4, time: 0.3 }] };
    expect([...trainingTimes(one, 6).subarray(1)]).toEqual([0.3, 0.3, 0.3, 0.3, 0.3, 0.3]);
  });

  it('reports unusable curves', () => {
    expect(curveIssues({ name: 'e', points: [] })).toEqual(['curve e has no points']);
    expect(
      curveIssues({
        name: 'd',
        points: [
          { k: 2, time: 1 },
          { k: 2, time: 0.5 },
        ],
      })[0],
    ).toMatch(/increase strictly/);
    expect(curveIssues({ name: 'z', points: [{ k: 1, time: 0 }] })[0]).toMatch(/positive/);
    expect(curveIssues(LSTM_TRAINING)).toEqual([]);
  });
});

describe('exchange latency d_ij', () => {
  const names = metroTopology().nodes.map((node) => node.name);
  const at = (d: Float64Array[], a: string, b: string) => d[names.indexOf(a)][names.indexOf(b)];

  it('is twice the shortest one-way path for round trips, the path itself one way', () => {
    const roundTrip = new ExchangeLatencies(metroTopology(), 'round-trip').allPairs();
    const oneWay = new ExchangeLatencies(metroTopology(), 'one-way').allPairs();
    // acc2 -> agg1 -> core1 -> core2 -> agg3 -> acc6: 0.4 + 0.6 + 0.8 + 0.5 + 0.3 = 2.6 ms (via app1 it is 4.8 ms).
    expect(at(oneWay, 'acc2', 'acc6')).toBeCloseTo(2.6e-3, 15);
    expect(at(roundTrip, 'acc2', 'acc6')).toBeCloseTo(5.2e-3, 15);
    // app1 -> core2 directly (1.4 ms) beats app1 -> core1 -> core2 (2.0 ms).
    expect(at(oneWay, 'app1', 'core2')).toBeCloseTo(1.4e-3, 15);
    expect(at(oneWay, 'acc3', 'acc3')).toBe(0);
  });

  it('is Infinity between disconnected nodes', () => {
    const topology = {
      name: 'two',
      nodes: [
        { name: 'a', accelerator: false },
        { name: 'b', accelerator: false },
      ],
      links: [],
    };
    const d = new ExchangeLatencies(topology, 'round-trip').allPairs();
    expect(d[0][1]).toBe(Infinity);
    expect(d[0][0]).toBe(0);
  });
});

describe('server rows without an all-pairs matrix', () => {
  // A star whose spokes have equal or zero latencies: many ties, found in no particular heap order.
  const names = ['hub', 'a', 'b', 'c', 'd', 'e', 'f'];
  const topology = {
    name: 'ties',
    nodes: names.map((name) => ({ name, accelerator: false })),
    links: [
      { a: 0, b: 6, latency: 1e-3 },
      { a: 0, b: 2, latency: 1e-3 },
      { a: 0, b: 4, latency: 0 },
      { a: 4, b: 1, latency: 1e-3 },
      { a: 0, b: 3, latency: 2e-3 },
      { a: 4, b: 5, latency: 0 },
    ],
  };

  it('lists the nodes by (d_ij, index), ties by index, whatever the order Dijkstra settles them in', () => {
    const latencies = new ExchangeLatencies(topology, 'one-way');
    const { nodes, latency } = latencies.sortedFrom(0);
    // hub, d, e at 0 (zero-latency links), then a, b, f at 1 ms, then c at 2 ms.
    expect([...nodes].map((i) => names[i])).toEqual(['hub', 'd', 'e', 'a', 'b', 'f', 'c']);
    expect([...latency]).toEqual([0, 0, 0, 1e-3, 1e-3, 1e-3, 2e-3]);
  });

  it('stops a nearest-first walk where asked, after the same prefix', () => {
    const latencies = new ExchangeLatencies(topology, 'round-trip');
    const seen: string[] = [];
    latencies.nearest(0, (i, d) => {
      seen.push(`${names[i]}@${d * 1e3}`);
      return seen.length < 4;
    });
    expect(seen).toEqual(['hub@0', 'd@0', 'e@0', 'a@2']);
    // A row read after a stopped walk is complete: nothing of the walk is left behind.
    // From c: hub 2 ms, d and e 2 ms (zero links), a, b and f 3 ms; twice that for round trips.
    const row = latencies.fromServer(3);
    [2e-3, 3e-3, 3e-3, 0, 2e-3, 2e-3, 3e-3].forEach((oneWay, i) => expect(row[i]).toBeCloseTo(2 * oneWay, 15));
  });
});
