import { describe, expect, it } from 'vitest';
import { ExchangeLatencies } from '../../../engine/placement/latency.js';
import { DEFAULT_MANDALA_LATENCIES, generateMandala } from '../../../engine/placement/mandala.js';
import type { MandalaSpec, Topology } from '../../../engine/placement/model.js';

const oneWay = (topology: Topology) => new ExchangeLatencies(topology, 'one-way').allPairs();

const spec = (overrides: Partial<MandalaSpec> = {}): MandalaSpec => ({
  name: 'M',
  access: 24,
  ...DEFAULT_MANDALA_LATENCIES,
  acceleratorShare: 0.3,
  seed: 7,
  ...overrides,
});

describe('Mandala generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateMandala(spec())).toEqual(generateMandala(spec()));
    expect(generateMandala(spec({ seed: 8 })).links).not.toEqual(generateMandala(spec()).links);
  });

  it('keeps the graph when only the accelerator share changes', () => {
    expect(generateMandala(spec({ acceleratorShare: 0.6 })).links).toEqual(generateMandala(spec()).links);
  });

  for (const access of [8, 24, 64]) {
    it(`N = ${access}: tiers N, N/4, N/4, N/8, two distinct next-tier links each, connected`, () => {
      for (let seed = 0; seed < 20; seed++) {
        const topology = generateMandala(spec({ access, seed }));
        const tiers = ['access', 'aggregation', 'core', 'application'] as const;
        const counts = tiers.map((tier) => topology.nodes.filter((node) => node.tier === tier).length);
        expect(counts).toEqual([access, access / 4, access / 4, access / 8]);
        const prefixes = { access: 'acc', aggregation: 'agg', core: 'core', application: 'app' };
        for (const tier of tiers) {
          const names = topology.nodes.filter((node) => node.tier === tier).map((node) => node.name);
          expect(names).toEqual(names.map((_, i) => `${prefixes[tier]}${i + 1}`));
        }
        for (let t = 0; t < 3; t++) {
          topology.nodes.forEach((node, i) => {
            if (node.tier !== tiers[t]) return;
            const up = topology.links.filter((link) => link.a === i).map((link) => link.b);
            expect(up.every((b) => topology.nodes[b].tier === tiers[t + 1])).toBe(true);
            expect(new Set(up).size).toBe(Math.min(2, counts[t + 1])); // a single application node when N = 8
          });
        }
        expect(oneWay(topology).every((row) => row.every(Number.isFinite))).toBe(true);
        expect(topology.nodes.filter((node) => node.accelerator).length).toBe(Math.round(0.3 * topology.nodes.length));
      }
    });
  }

  it('draws latencies inside the tier ranges', () => {
    const topology = generateMandala(spec());
    const ranges = [DEFAULT_MANDALA_LATENCIES.accessAggregation, DEFAULT_MANDALA_LATENCIES.aggregationCore, DEFAULT_MANDALA_LATENCIES.coreApplication];
    const tierIndex = { access: 0, aggregation: 1, core: 2, application: 3 };
    for (const link of topology.links) {
      const range = ranges[tierIndex[topology.nodes[link.a].tier ?? 'access']];
      expect(link.latency).toBeGreaterThanOrEqual(range.min);
      expect(link.latency).toBeLessThanOrEqual(range.max);
    }
  });

  it('rescales so that the largest shortest-path round trip equals the diameter', () => {
    for (let seed = 0; seed < 10; seed++) {
      const topology = generateMandala(spec({ diameter: 12e-3, seed }));
      const largest = Math.max(...oneWay(topology).map((row) => Math.max(...row)));
      expect(2 * largest).toBeCloseTo(12e-3, 15);
    }
  });

  it('rejects an access count that is not a positive multiple of 8', () => {
    expect(() => generateMandala(spec({ access: 12 }))).toThrow(/multiple of 8/);
  });
});
