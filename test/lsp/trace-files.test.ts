/**
 * A trace file (`traffic from "load.csv"`) through the real server: read next to the scenario,
 * validated, and when it changes on disk (workspace/didChangeWatchedFiles) the scenario is validated
 * again and, with solve on save, solved again as if it had been saved.
 */
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
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

  /**
   * Replaces the file as editors save one (write a copy, rename it over: the server never reads it
   * half-written), tells the server, and waits for the diagnostics that `accept` takes (the server
   * may still publish some of the state before).
   */
  const csvChanged = async (text: string, accept: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> => {
    writeFileSync(`${csv}.new`, text);
    renameSync(`${csv}.new`, csv);
    await session.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: csvUri, type: FileChangeType.Changed }] });
    for (;;) {
      const diagnostics = await session.nextDiagnostics(uri);
      if (accept(diagnostics)) return diagnostics;
    }
  };

  it('reads the file next to the scenario, and solves with its changes', async () => {
    session = await LspSession.start(folder);
    expect(await session.open(uri, SCENARIO)).toEqual([]);
    const { results } = await session.save(uri, 'details');
    expect(results.switches[0].simulation!.phases.map((p) => p.start)).toEqual([0, 4]);
  });

  it('validates the scenario again when the file changes on disk', async () => {
    const before = session.results.length;
    const diagnostics = await csvChanged('period,flow,offered\n4,g,200\n', (d) => d.length > 0);
    expect(diagnostics.map((d) => d.message)).toEqual(["Trace file 'load.csv': line 2: 'g' is not a flow of switch 'Day' (flows: f)."]);
    // With solve on save the server solves again, and says it cannot: wait for that before the next change.
    while (!session.results.slice(before).some((r) => r.uri === uri && r.status === 'not-solved')) await new Promise((r) => setTimeout(r, 20));
  });

  it('solves it again when the file is fixed, as a save would', async () => {
    const solved = session.nextResults(uri, (r) => r.status === 'solved' && r.details === 'ready');
    await csvChanged('period,flow,offered\n6,f,50\n', (d) => d.length === 0);
    expect((await solved).switches[0].simulation!.phases.map((p) => p.start)).toEqual([0, 6]);
  });
});
