/**
 * VS Code reports a save twice: didSave, and a change of the file on disk (didChangeWatchedFiles),
 * which makes Langium rebuild the document while the solve of the save runs; a file written by a
 * tool and then opened arrives as didOpen and a 'created' change. Neither the solve nor the
 * publication of its results may look at a document mid-rebuild: references resolved before the
 * document is linked fail, and would be reported as input errors of a valid file.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileChangeType } from 'vscode-languageserver';
import { copyExamples } from '../support/example-workspace.js';
import { LspSession } from '../support/lsp-session.js';

const examples = copyExamples();
let session: LspSession;
let serverLog = '';
beforeAll(async () => {
  session = await LspSession.start(examples.folder, undefined, undefined, (text) => (serverLog += text));
  // Langium's warnings reach the client as log messages (the server's console goes there).
  session.connection.onNotification('window/logMessage', ({ message }: { message: string }) => (serverLog += `${message}\n`));
});
afterAll(() => session.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const watched = (uri: string, type: FileChangeType) => session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });

/** What VS Code asks for after a save, while the rebuild runs: lenses, hints, tokens, symbols. */
async function editorRequests(uri: string): Promise<void> {
  const textDocument = { uri };
  const range = { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } };
  await Promise.all([
    session.request('textDocument/codeLens', { textDocument }),
    session.request('textDocument/inlayHint', { textDocument, range }),
    session.request('textDocument/semanticTokens/full', { textDocument }),
    session.request('textDocument/documentSymbol', { textDocument }),
    session.request('textDocument/hover', { textDocument, position: { line: 2, character: 12 } }),
  ]);
}

describe('a save that is also a watched-file change', () => {
  it('is solved as the valid file it is, at every interleaving of the two notifications', async () => {
    const uri = examples.uriOf('edge-site.nsc');
    const text = examples.textOf('edge-site.nsc');
    await session.open(uri, text);
    const statuses: string[] = [];
    for (let cycle = 0; cycle < 40; cycle++) {
      // A new version each time, so that every save is solved again rather than answered from the cache.
      const version = cycle + 2;
      const edited = `${text}\n// save ${cycle}\n`;
      await session.change(uri, edited, version);
      writeFileSync(fileURLToPath(uri), edited);
      const solved = session.nextResults(uri, (r) => r.version === version);
      await session.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      // The watcher's report comes a little after the save: from at once to a few milliseconds.
      await pause(cycle % 8);
      await watched(uri, FileChangeType.Changed);
      await editorRequests(uri);
      statuses.push((await solved).status);
    }
    expect(statuses.filter((status) => status !== 'solved')).toEqual([]);
    const settled = await session.save(uri);
    expect(settled.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    expect(serverLog).not.toContain('reference resolution before');
  });

  it('a file written to disk, opened, reported created, then saved', async () => {
    for (let cycle = 0; cycle < 16; cycle++) {
      const uri = examples.uriOf(`written-${cycle}.nsc`);
      const text = `curve C${cycle} { 1 -> 1.2 s  2 -> 0.7 s  4 -> 0.38 s }\ntopology T${cycle} mandala { access 64 accelerators 30% seed 3 }\nplacement P${cycle} { topology T${cycle} curve C${cycle} rounds 10 target 2 s }\n`;
      writeFileSync(fileURLToPath(uri), text);
      const opened = session.open(uri, text);
      await pause(cycle % 4);
      await watched(uri, FileChangeType.Created);
      await opened;
      const solved = session.save(uri);
      await pause(cycle % 3);
      await watched(uri, FileChangeType.Changed);
      await editorRequests(uri);
      const { results } = await solved;
      expect(results.status, `cycle ${cycle}: ${results.message ?? ''}`).toBe('solved');
    }
    expect(serverLog).not.toContain('reference resolution before');
  });
});
