/**
 * Editor features through the real server process (out/server/main.js over stdio): unit completion,
 * rename across two workspace files (qualified names included), formatting, outline.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompletionItemKind, type CompletionList, type DocumentSymbol, type Range, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspSession } from '../support/lsp-session.js';
import { METRO } from '../support/metro-fixture.js';

const SITE = `switch Edge at Metro.agg1 {
  worker w0 speed 1 GHz
}

placement P {
  topology Metro
  curve Lstm
  rounds 2
  target 1.6 s
  server in core1, agg1
}
`;

let folder: string;
let session: LspSession;
const uriOf = (file: string) => pathToFileURL(join(folder, file)).toString();

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'nsc-editor-'));
  writeFileSync(join(folder, 'metro.nsc'), METRO);
  writeFileSync(join(folder, 'site.nsc'), SITE);
  session = await LspSession.start(folder);
  expect(await session.open(uriOf('metro.nsc'), METRO)).toEqual([]);
  expect(await session.open(uriOf('site.nsc'), SITE)).toEqual([]);
});

afterAll(async () => {
  await session?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** The position just after the first occurrence of `before` in `text`. */
function after(text: string, before: string) {
  const document = TextDocument.create('file:///x', 'netscenario', 1, text);
  return document.positionAt(text.indexOf(before) + before.length);
}

function applied(text: string, edits: TextEdit[] | undefined): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'netscenario', 1, text), edits ?? []);
}

describe('editor features over the protocol', () => {
  it('completes only time units after the number of a target', async () => {
    const list = await session.request<CompletionList>('textDocument/completion', { textDocument: { uri: uriOf('site.nsc') }, position: after(SITE, 'target 1.6 ') });
    const units = list.items.filter((item) => item.kind === CompletionItemKind.Unit).map((item) => item.label);
    expect(units).toEqual(['ns', 'us', 'µs', 'ms', 's']);
  });

  it('renames a node across both files, only the last part of Metro.agg1', async () => {
    const edit = await session.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf('metro.nsc') }, position: after(METRO, 'node ag'), newName: 'edge1' });
    expect(Object.keys(edit.changes!).sort()).toEqual([uriOf('metro.nsc'), uriOf('site.nsc')].sort());
    expect(applied(METRO, edit.changes![uriOf('metro.nsc')])).toBe(METRO.replaceAll('agg1', 'edge1'));
    expect(applied(SITE, edit.changes![uriOf('site.nsc')])).toBe(SITE.replaceAll('agg1', 'edge1'));
  });

  it('renames the topology from the qualifier of Metro.agg1, only the first part', async () => {
    const edit = await session.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uriOf('site.nsc') }, position: after(SITE, 'at Me'), newName: 'Backbone' });
    expect(applied(METRO, edit.changes![uriOf('metro.nsc')])).toBe(METRO.replace('topology Metro', 'topology Backbone'));
    expect(applied(SITE, edit.changes![uriOf('site.nsc')])).toBe(SITE.replaceAll('Metro', 'Backbone'));
  });

  it('prepares a rename on the part under the cursor and refuses a keyword as the new name', async () => {
    const range = await session.request<Range>('textDocument/prepareRename', { textDocument: { uri: uriOf('site.nsc') }, position: after(SITE, 'Metro.ag') });
    expect(range).toEqual({ start: { line: 0, character: 21 }, end: { line: 0, character: 25 } });
    await expect(session.request('textDocument/rename', { textDocument: { uri: uriOf('metro.nsc') }, position: after(METRO, 'node ag'), newName: 'link' })).rejects.toThrow(
      "'link' is a keyword of the language and cannot be used as a name.",
    );
  });

  it('formats with 2-space indentation whatever tab size the editor asks for', async () => {
    const uri = uriOf('scratch.nsc');
    const text = 'curve C{1->1 s\n        2 -> 0.5 s}\n';
    await session.open(uri, text);
    const edits = await session.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 8, insertSpaces: false } });
    expect(applied(text, edits)).toBe('curve C {\n  1 -> 1 s\n  2 -> 0.5 s\n}\n');
  });

  it('outlines the nodes inside their topology', async () => {
    const symbols = await session.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriOf('metro.nsc') } });
    expect(symbols.map((symbol) => [symbol.name, symbol.children?.map((child) => child.name) ?? []])).toEqual([
      ['Metro', ['core1', 'agg1', 'acc1']],
      ['Lstm', []],
    ]);
  });
});
