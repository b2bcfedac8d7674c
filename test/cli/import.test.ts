import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Objective } from '../../engine/placement/model.js';
import { solvePlacement } from '../../engine/placement/solve.js';
import { lowered, validate } from '../language/helpers.js';
import { nsc } from './run-cli.js';

const FIXTURES = join(import.meta.dirname, '../fixtures/import');

describe('nsc import', () => {
  it.each([
    ['equator.gml', 'Equator_Net', 7],
    ['campus.graphml', 'Campus', 3],
    ['edge-lab.clab.yml', 'edge_lab', 4],
  ])('%s becomes a valid scenario whose placement the exact method and the compact MILP solve alike', async (file, topology, nodes) => {
    const run = nsc(['import', join(FIXTURES, file), '--accelerators', 'all']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`${nodes} nodes`);
    expect(run.stdout).toContain(`topology ${topology} {`);
    const { document, diagnostics, services } = await validate(run.stdout);
    expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    const problem = lowered(document, services).placements[0].model;
    expect(problem.topology.kind === 'explicit' && problem.topology.topology.nodes.length).toBe(nodes);
    const objectives: Objective[] = [{ kind: 'min-aifs' }, { kind: 'balanced', aifWeight: 1, spreadWeight: 1000 }];
    for (const objective of objectives) {
      for (const rounds of [1, 5, 10]) {
        const variant = { ...problem, objective, rounds };
        const exact = await solvePlacement(variant);
        const milp = await solvePlacement(variant, { method: 'milp-compact' });
        expect(exact.status).toBe(milp.status);
        if (exact.objectiveValue !== null) expect(exact.objectiveValue).toBeCloseTo(milp.objectiveValue ?? NaN, 6);
      }
    }
  });

  it('writes the file given with -o, keeping labels as comments; --topology-only leaves out the placement', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nsc-import-'));
    const out = join(folder, 'equator.nsc');
    const run = nsc(['import', join(FIXTURES, 'equator.gml'), '-o', out, '--topology-only', '--name', 'Equator']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/node Quito_Centro +\/\/ Quito Centro/);
    expect(text).toContain('topology Equator {');
    expect(text).not.toContain('placement');
    expect(run.stderr).toMatch(/Warning: 1 parts? not connected to the largest were dropped: \{Island A, Island B\}/);
  });

  it('bad input: a clear message and exit 2, never a stack trace', () => {
    const folder = mkdtempSync(join(tmpdir(), 'nsc-import-'));
    const cases: [string[], RegExp][] = [
      [[join(folder, 'missing.gml')], /cannot read/],
      [[join(FIXTURES, 'equator.gml'), '--accelerators', 'most'], /not an accelerator rule/],
      [[join(FIXTURES, 'equator.gml'), '--min-latency', 'soon'], /--min-latency needs a time/],
      [[join(FIXTURES, 'equator.gml'), '--name', 'link'], /keyword/],
      [[join(FIXTURES, '../import')], /cannot read/],
    ];
    for (const [args, message] of cases) {
      const run = nsc(['import', ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
