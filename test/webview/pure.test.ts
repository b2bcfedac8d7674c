/** The results page's DOM-free parts: topology layout, CSV and export file names. */
import { describe, expect, it } from 'vitest';
import { fileName, toCsv } from '../../client/webview/export.js';
import { layoutTopology } from '../../client/webview/layout.js';
import type { Topology } from '../../engine/placement/model.js';

const tree: Topology = {
  name: 'Tree',
  nodes: [
    { name: 'leafB', tier: 'access', accelerator: false },
    { name: 'core', tier: 'core', accelerator: false },
    { name: 'aggA', tier: 'aggregation', accelerator: false },
    { name: 'aggB', tier: 'aggregation', accelerator: false },
    { name: 'leafA', tier: 'access', accelerator: false },
  ],
  links: [
    { a: 1, b: 2, latency: 1e-3 },
    { a: 1, b: 3, latency: 1e-3 },
    { a: 3, b: 0, latency: 1e-3 },
    { a: 2, b: 4, latency: 1e-3 },
  ],
};

describe('topology layout', () => {
  it('puts tiers in rows from core down to access, each leaf under its parent', () => {
    const [leafB, core, aggA, aggB, leafA] = layoutTopology(tree);
    expect(core.y).toBe(0);
    expect([aggA.y, aggB.y]).toEqual([0.5, 0.5]);
    expect([leafA.y, leafB.y]).toEqual([1, 1]);
    // leafA hangs under aggA (left), leafB under aggB (right), whatever the declaration order.
    expect(aggA.x).toBeLessThan(aggB.x);
    expect(leafA.x).toBeLessThan(leafB.x);
  });

  it('lays out a topology without tiers by force, the same every time, inside the unit square', () => {
    const ring: Topology = {
      name: 'Ring',
      nodes: ['a', 'b', 'c', 'd', 'e'].map((name) => ({ name, accelerator: false })),
      links: [0, 1, 2, 3, 4].map((i) => ({ a: i, b: (i + 1) % 5, latency: 1e-3 })),
    };
    const first = layoutTopology(ring);
    expect(layoutTopology(ring)).toEqual(first);
    for (const p of first) for (const v of [p.x, p.y]) expect(v >= 0 && v <= 1).toBe(true);
    // Linked neighbours end up closer than the nodes two hops apart.
    const distance = (i: number, j: number) => Math.hypot(first[i].x - first[j].x, first[i].y - first[j].y);
    expect(distance(0, 1)).toBeLessThan(distance(0, 2));
  });
});

describe('exports', () => {
  it('quotes CSV fields with commas, quotes or line breaks; nulls are empty', () => {
    expect(
      toCsv(
        ['name', 'value'],
        [
          ['a,b', 1],
          ['say "hi"', null],
          ['two\nlines', 0.5],
        ],
      ),
    ).toBe('name,value\r\n"a,b",1\r\n"say ""hi""",\r\n"two\nlines",0.5\r\n');
  });

  it('makes file names from declaration and chart names with no path or markup characters', () => {
    expect(fileName(['Fork', 'Delay budget of f1'], 'csv')).toBe('Fork-Delay_budget_of_f1.csv');
    expect(fileName(['../../etc', '<script>'], 'png')).toBe('etc-_script_.png');
    expect(fileName(['…'], 'svg')).toBe('chart.svg');
  });
});
