/**
 * A trace file (`traffic from "load.csv"`) through the real server: read next to the scenario,
 * validated, and when it changes on disk (workspace/didChangeWatchedFiles) the scenario is validated
 * again and, with solve on save, solved again as if it had been saved.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol';
import { LspSession } from '../support/lsp-session.js';

const SCENARIO = `switch Day {
  worker w speed 1 kHz
  module m cost 1 cycles
  task t on w { m }
  flow f m offered 100 pps rate >= 100 pps
  controller { periods 10 }
  traffic from "load.csv"
}
`;

describe('trace files in the language server', () => {
  const folder = mkdtempSync(join(tmpdir(), 'nsc-trace-'));
  const csv = join(folder, 'load.csv');
  const csvUri = pathToFileURL(csv).toString();
  const uri = pathToFileURL(join(folder, 'day.nsc')).toString();
  writeFileSync(join(folder, 'day.nsc'), SCENARIO);
  writeFileSync(csv, 'period,flow,offered\n4,f,200\n');
  let session: LspSession;
  afterAll(() => session?.stop());

  const csvChanged = async (text: string) => {
    writeFileSync(csv, text);
    const diagnostics = session.nextDiagnostics(uri);
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: csvUri, type: FileChangeType.Changed }] });
    return diagnostics;
  };

  it('reads the file next to the scenario, and solves with its changes', async () => {
    session = await LspSession.start(folder);
    expect(await session.open(uri, SCENARIO)).toEqual([]);
    const { results } = await session.save(uri, 'details');
    expect(results.switches[0].simulation!.phases.map((p) => p.start)).toEqual([0, 4]);
  });

  it('validates the scenario again when the file changes on disk', async () => {
    const diagnostics = await csvChanged('period,flow,offered\n4,g,200\n');
    expect(diagnostics.map((d) => d.message)).toEqual(["Trace file 'load.csv': line 2: 'g' is not a flow of switch 'Day' (flows: f)."]);
  });

  it('solves it again when the file is fixed, as a save would', async () => {
    const solved = session.nextResults(uri, (r) => r.status === 'solved' && r.details === 'ready');
    expect(await csvChanged('period,flow,offered\n6,f,50\n')).toEqual([]);
    expect((await solved).switches[0].simulation!.phases.map((p) => p.start)).toEqual([0, 6]);
  });
});
