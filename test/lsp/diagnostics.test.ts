import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver/node';
import { LspSession } from '../support/lsp-session.js';

const examples = join(import.meta.dirname, '../../examples');
let session: LspSession;

beforeAll(async () => {
  session = await LspSession.start(examples);
});
afterAll(async () => {
  await session?.stop();
});

describe('language server over stdio', () => {
  it('publishes no diagnostics for an example that references another workspace file', async () => {
    const uri = pathToFileURL(join(examples, 'edge-site.nsc')).toString();
    const diagnostics = await session.open(uri, readFileSync(join(examples, 'edge-site.nsc'), 'utf8'));
    expect(diagnostics).toEqual([]);
  });

  it('publishes a validation error on the exact range, and clears it when the text is fixed', async () => {
    const uri = pathToFileURL(join(examples, 'scratch-unsaved.nsc')).toString();
    const diagnostics = await session.open(uri, 'curve C {\n  1 -> 2 mss\n}\n');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      severity: 1,
      message: "Unknown unit 'mss': a training time is a time (ns, us, µs, ms, s). Did you mean 'ms'?",
      range: { start: { line: 1, character: 9 }, end: { line: 1, character: 12 } },
    });
    const cleared = session.nextDiagnostics(uri);
    await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: 'curve C {\n  1 -> 2 ms\n}\n' }],
    });
    expect(await cleared).toEqual([]);
  });

  it('re-validates the other file of a duplicate name when its twin appears or is renamed away (fuzz)', async () => {
    // Neither file references the other, so Langium alone re-validated neither: the older file was
    // never told of its new twin, and kept the error (and stayed unsolved) after the twin was renamed.
    const [older, newer] = ['duplicate-older.nsc', 'duplicate-newer.nsc'].map((file) => pathToFileURL(join(examples, file)).toString());
    const curve = (name: string) => `curve ${name} {\n  1 -> 1 s\n}\n`;
    const twinIn = (file: string) => `'Dup' is also declared in ${file}; names must be unique across the workspace.`;
    expect(await session.open(older, curve('Dup'))).toEqual([]);
    const olderTold = session.nextDiagnostics(older);
    expect((await session.open(newer, curve('Dup'))).map((d) => d.message)).toEqual([twinIn('duplicate-older.nsc')]);
    expect((await olderTold).map((d) => d.message)).toEqual([twinIn('duplicate-newer.nsc')]);
    const olderCleared = session.nextDiagnostics(older);
    await session.change(newer, curve('Other'), 2);
    expect(await olderCleared).toEqual([]);
  });
});
