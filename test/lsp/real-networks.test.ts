/**
 * An imported network in the editor: a study over its written-out topology solves (the instances
 * keep the graph), and the placement's details carry its Pareto fronts for the charts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUESTS, type ImportTopologyResult } from '../../server/protocol.js';
import { LspSession, VSCODE_CLIENT } from '../support/lsp-session.js';

let session: LspSession;
let uri: string;
let text: string;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'nsc-real-networks-'));
  session = await LspSession.start(folder, undefined, VSCODE_CLIENT);
  const gml = readFileSync(join(import.meta.dirname, '../fixtures/import/equator.gml'), 'utf8');
  const imported = await session.request<ImportTopologyResult>(REQUESTS.importTopology, { fileName: 'equator.gml', text: gml, accelerators: 'all' });
  if (!imported.ok) throw new Error(imported.message);
  text = `${imported.text}
study EquatorSweep {
  placement Equator_NetPlacement
  rounds 1, 5, 10
  objective min-aifs, balanced aifs 1 spread 1000 over all-nodes
  instances 4 accelerators 20% to 60% seed 9
}
`;
  const file = join(folder, 'equator.nsc');
  writeFileSync(file, text);
  uri = pathToFileURL(file).toString();
  await session.open(uri, text);
});
afterAll(async () => {
  await session?.stop();
});

describe('an imported network in the editor', () => {
  it('solves a study over the written-out topology, and gives the placement its Pareto fronts', async () => {
    const { results, diagnostics } = await session.save(uri, 'details');
    expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    expect(results.status).toBe('solved');
    const [study] = results.studies;
    expect(study.result).toMatchObject({ name: 'EquatorSweep', instances: 4 });
    expect(study.result.cells.map((c) => [c.objective, c.rounds])).toEqual(['min-aifs', 'balanced'].flatMap((o) => [1, 5, 10].map((r) => [o, r])));
    const [placement] = results.placements;
    // T/R = 0.2 s: 4 accelerated AIFs (alpha p_4 = 0.19 s plus well under 10 ms of round trip) fit.
    expect(placement.result).toMatchObject({ status: 'feasible', k: 4 });
    // Each front starts at the fewest AIFs that meet T/R: the placement's own k for min-aifs.
    expect(placement.pareto?.maxRoundTime[0]?.k).toBe(4);
    expect(placement.pareto?.spread[0]?.k).toBe(4);
  });
});
