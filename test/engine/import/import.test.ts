import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildNetwork, distanceLatency, identifiers, parseAcceleratorRule, type BuildOptions } from '../../../engine/import/build.js';
import { readContainerlab } from '../../../engine/import/containerlab.js';
import { parseGmlTree, readGml } from '../../../engine/import/gml.js';
import { ImportError, parseLatency } from '../../../engine/import/graph.js';
import { readGraphml } from '../../../engine/import/graphml.js';
import { formatOf } from '../../../engine/import/index.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/import', name), 'utf8');
const KEYWORDS = new Set(['node', 'link', 'topology']);
const options = (overrides: Partial<BuildOptions> = {}): BuildOptions => ({
  accelerators: { kind: 'none' },
  minLatency: 0.05e-3,
  defaultLatency: 1e-3,
  keepDisconnected: false,
  isName: (word) => !KEYWORDS.has(word),
  ...overrides,
});
/** One degree of a great circle: 2 pi 6371 km / 360 = 111.19493 km; at 200,000 km/s, in seconds. */
const DEGREE = (2 * Math.PI * 6371) / 360 / 200_000;

describe('GML reader', () => {
  it('reads keys, numbers, strings, nested lists and skips comment lines', () => {
    const tree = parseGmlTree('# made up\ngraph [\n  a 1\n  b -2.5e1\n  c "x y"\n  d [ e "&amp;" ]\n]\n');
    expect(tree).toEqual([
      {
        key: 'graph',
        value: [
          { key: 'a', value: 1 },
          { key: 'b', value: -25 },
          { key: 'c', value: 'x y' },
          { key: 'd', value: [{ key: 'e', value: '&' }] },
        ],
      },
    ]);
  });

  it('says where a broken file breaks', () => {
    expect(() => parseGmlTree('graph [\n  label "open\n')).toThrow(/line 2: a string is not closed/);
    expect(() => parseGmlTree('graph [\n  a 1\n]\n]\n')).toThrow(/line 4: ']' without a '\['/);
    expect(() => parseGmlTree('graph [\n  a 1\n')).toThrow(ImportError);
    expect(() => readGml('creator "x"\n')).toThrow(/no graph/);
  });

  it('reads nodes with labels and coordinates, links with their own delay', () => {
    const raw = readGml(fixture('equator.gml'));
    expect(raw.name).toBe('Equator Net');
    expect(raw.nodes).toHaveLength(9);
    expect(raw.nodes[1]).toEqual({ id: '1', label: 'Zürich', latitude: 0, longitude: 1 });
    expect(raw.nodes[6]).toEqual({ id: '6', label: 'Nowhere', latitude: undefined, longitude: undefined });
    expect(raw.links[5]).toEqual({ source: '2', target: '1', latency: 0.2e-3 });
    expect(raw.links[9]).toEqual({ source: '3', target: '2', latency: 2e-3 }); // a bare number is milliseconds
  });
});

describe('the import rules', () => {
  it('great-circle latency: one degree on the equator or a meridian is 111.195 km, 0.556 ms; co-located nodes get the floor', () => {
    expect(distanceLatency({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 }, 0)).toBeCloseTo(DEGREE, 12);
    expect(distanceLatency({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 }, 0)).toBeCloseTo(DEGREE, 12);
    expect(DEGREE * 1e3).toBeCloseTo(0.555975, 6);
    expect(distanceLatency({ latitude: 5, longitude: 5 }, { latitude: 5, longitude: 5 }, 0.05e-3)).toBe(0.05e-3);
    expect(distanceLatency({ latitude: 5 }, { latitude: 5, longitude: 5 }, 0)).toBeUndefined();
  });

  it('names: identifiers of any script, keywords and repeats made unique, a leading digit prefixed', () => {
    expect(identifiers(['Quito Centro', 'Zürich', 'São Paulo', 'node', '3rd Street', 'Zürich', 'a--b.', '東京'], (w) => !KEYWORDS.has(w))).toEqual([
      'Quito_Centro',
      'Zürich',
      'São_Paulo',
      'node_',
      'n3rd_Street',
      'Zürich_2',
      'a_b',
      '東京',
    ]);
  });

  it('latencies: own, else coordinates, else the median; parallel links merged to the fastest; loops and islands dropped', () => {
    const { topology, nodes, report } = buildNetwork(readGml(fixture('equator.gml')), options());
    const names = topology.nodes.map((node) => node.name);
    expect(names).toEqual(['Quito_Centro', 'Zürich', 'São_Paulo', 'node_', 'n3rd_Street', 'Zürich_2', 'Nowhere']);
    expect(nodes[0].label).toBe('Quito Centro');
    expect(nodes[6].label).toBeUndefined(); // the name is the label
    const latency = (a: string, b: string) => topology.links.find((l) => [names[l.a], names[l.b]].sort().join() === [a, b].sort().join())?.latency;
    expect(latency('Quito_Centro', 'Zürich')).toBeCloseTo(DEGREE, 12);
    expect(latency('Zürich', 'São_Paulo')).toBe(0.2e-3); // its own 0.2 ms beats the 0.556 ms of the parallel link
    expect(latency('São_Paulo', 'node_')).toBeCloseTo(DEGREE, 12); // 0.556 ms beats the parallel 2 ms
    expect(latency('Quito_Centro', 'Zürich_2')).toBe(0.05e-3); // same place: the floor
    // Known latencies of the file's 6 pairs (the island's included): 0.05, 0.2 and four of 0.556 ms: the median is 0.556 ms.
    expect(latency('Nowhere', 'São_Paulo')).toBeCloseTo(DEGREE, 12);
    expect(topology.links).toHaveLength(6);
    expect(report).toMatchObject({
      nodes: 7,
      links: 6,
      latencies: { file: 1, coordinates: 4, median: 1, default: 0 },
      withoutCoordinates: ['Nowhere'],
      parallelMerged: 2,
      selfLoops: 1,
      otherParts: [['Island A', 'Island B']],
      accelerators: 0,
    });
  });

  it('keeps the islands when asked, and falls back to the default latency when nothing in the file has one', () => {
    const kept = buildNetwork(readGml(fixture('equator.gml')), options({ keepDisconnected: true }));
    expect(kept.topology.nodes.map((node) => node.name)).toContain('Island_A');
    expect(kept.report.partsKept).toBe(true);
    const bare = buildNetwork(readGml('graph [ node [ id 1 ] node [ id 2 ] edge [ source 1 target 2 ] ]'), options({ defaultLatency: 3e-3 }));
    expect(bare.topology.links[0].latency).toBe(3e-3);
    expect(bare.report.latencies.default).toBe(1);
    expect(bare.topology.nodes.map((node) => node.name)).toEqual(['n1', 'n2']);
  });

  it('accelerators: top degree (ties in file order), a share rounded, a seeded random choice', () => {
    const raw = readGml(fixture('equator.gml'));
    // Degrees after merging: Quito_Centro 3, Zürich 2, São_Paulo 3, node_ 1, n3rd_Street 1, Zürich_2 1, Nowhere 1.
    const top2 = buildNetwork(raw, options({ accelerators: { kind: 'top-degree', count: 2, seed: 0 } }));
    expect(top2.nodes.filter((node) => node.accelerator).map((node) => node.name)).toEqual(['Quito_Centro', 'São_Paulo']);
    const share = buildNetwork(raw, options({ accelerators: { kind: 'top-degree', share: 0.45, seed: 0 } })); // round(0.45 * 7) = 3
    expect(share.nodes.filter((node) => node.accelerator).map((node) => node.name)).toEqual(['Quito_Centro', 'Zürich', 'São_Paulo']);
    const random = (seed: number) => buildNetwork(raw, options({ accelerators: { kind: 'random', share: 0.5, seed } })).nodes.map((n) => n.accelerator);
    expect(random(4)).toEqual(random(4));
    expect(random(4).filter(Boolean)).toHaveLength(4); // round(3.5)
    expect(buildNetwork(raw, options({ accelerators: { kind: 'all' } })).report.accelerators).toBe(7);
  });

  it('accelerator rules and latencies as written', () => {
    expect(parseAcceleratorRule('top-degree:20%')).toEqual({ kind: 'top-degree', share: 0.2, seed: 0 });
    expect(parseAcceleratorRule('random:12', 5)).toEqual({ kind: 'random', count: 12, seed: 5 });
    expect(parseAcceleratorRule('top-degree:120%')).toMatch(/at most 100%/);
    expect(parseAcceleratorRule('most')).toMatch(/not an accelerator rule/);
    expect(parseLatency('1.5ms')).toBeCloseTo(1.5e-3, 15);
    expect(parseLatency('400 us')).toBeCloseTo(4e-4, 15);
    expect(parseLatency('fast')).toBeUndefined();
    expect(parseLatency(-1)).toBeUndefined();
  });
});

describe('GraphML and containerlab readers', () => {
  it('GraphML: data keys by attribute name, labels, coordinates, edge latencies', () => {
    const raw = readGraphml(fixture('campus.graphml'));
    expect(raw.name).toBe('Campus');
    expect(raw.nodes.map((node) => node.label)).toEqual(['Library', 'Lab & Hall', 'Gym']);
    expect(raw.nodes[2].latitude).toBeUndefined();
    expect(raw.links[0].latency).toBeUndefined();
    expect(raw.links[1].latency).toBeCloseTo(1.5e-3, 15);
    expect(raw.links[2].latency).toBeCloseTo(4e-4, 15);
    const { topology } = buildNetwork(raw, options());
    expect(topology.links[0].latency).toBeCloseTo(DEGREE, 12);
    expect(() => readGraphml('<graphml><graph><node id="a"></graph></graphml>')).toThrow(/GraphML line/);
  });

  it('containerlab: short and extended endpoints, geo labels, link vars; a host link skipped', () => {
    const raw = readContainerlab(fixture('edge-lab.clab.yml'));
    expect(raw.name).toBe('edge-lab');
    expect(raw.nodes.map((node) => node.id)).toEqual(['spine1', 'spine2', 'leaf1', 'leaf2']);
    expect(raw.links).toHaveLength(3);
    expect(raw.warnings.join()).toMatch(/host, not a node of the lab/);
    const { topology, report } = buildNetwork(raw, options());
    const latencies = topology.links.map((link) => link.latency);
    expect(latencies[0]).toBeCloseTo(DEGREE, 12);
    // leaf1 has no coordinates: the median of 0.556 ms and 0.3 ms.
    expect(latencies[1]).toBeCloseTo((DEGREE + 0.3e-3) / 2, 12);
    expect(latencies[2]).toBeCloseTo(0.3e-3, 15);
    expect(report.withoutCoordinates).toEqual(['leaf1', 'leaf2']);
    expect(() => readContainerlab('name: x\ntopology:\n  nodes: [a\n')).toThrow(/containerlab YAML line/);
    expect(() => readContainerlab('name: x\n')).toThrow(/no topology.nodes/);
  });

  it('tells the format from the name, else from the content', () => {
    expect(formatOf('a.GML', '')).toBe('gml');
    expect(formatOf('lab.clab.yml', '')).toBe('containerlab');
    expect(formatOf('net.graphml', '')).toBe('graphml');
    expect(formatOf('export', '<?xml version="1.0"?><graphml/>')).toBe('graphml');
    expect(formatOf('export', '# comment\ngraph [\n]')).toBe('gml');
    expect(formatOf('notes.txt', 'hello')).toBeUndefined();
  });
});
