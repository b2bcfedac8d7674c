/**
 * Names in any script (real networks' node labels are not ASCII): they parse, link, complete,
 * rename and highlight, and every range is in UTF-16 code units as LSP counts them by default.
 */
import { expectCompletion, highlightHelper, expectSemanticToken } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildWorkspace, createServices, validate } from './helpers.js';

const WORLD = `topology Welt {
  node München tier core
  node 東京 tier access accelerator
  node São_Paulo
  node 𝓐lpha
  link München -- 東京 latency 1 ms
  link 東京 -- São_Paulo latency 2 ms
  link São_Paulo -- 𝓐lpha latency 3 ms
}
curve C { 1 -> 1 s  2 -> 0.5 s }
placement P { topology Welt curve C rounds 2 target 4 s server in München exclude 𝓐lpha }
switch S at Welt.東京 {
  worker w speed 1 GHz
  module modules cost 1 cycles
  task t on w { modules }
}
`;

describe('names in any script', () => {
  it('parse, link and validate without diagnostics (a name may also extend a keyword: modules)', async () => {
    const { document, diagnostics } = await validate(WORLD);
    expect(document.parseResult.lexerErrors).toEqual([]);
    expect(document.parseResult.parserErrors).toEqual([]);
    expect(diagnostics.map((d) => d.message)).toEqual([]);
  });

  it('report an unresolved name over exactly its UTF-16 range, astral letters counting two', async () => {
    const text = WORLD.replace('exclude 𝓐lpha', 'exclude 𝓐lphx');
    const { document, diagnostics } = await validate(text);
    const [unresolved] = diagnostics;
    expect(unresolved.message).toBe("Unknown node '𝓐lphx'. Did you mean '𝓐lpha'?");
    const start = text.indexOf('𝓐lphx');
    // '𝓐' is one code point but two UTF-16 code units: the name spans 6 units.
    expect(document.textDocument.offsetAt(unresolved.range.end) - document.textDocument.offsetAt(unresolved.range.start)).toBe(6);
    expect(document.textDocument.offsetAt(unresolved.range.start)).toBe(start);
    expect(unresolved.range.start.character).toBe('placement P { topology Welt curve C rounds 2 target 4 s server in München exclude '.length);
  });

  it('complete node names with their letters', async () => {
    await expectCompletion(createServices())({
      text: WORLD.replace('server in München', 'server in Mü<|>'),
      index: 0,
      expectedItems: ['München'],
      disposeAfterCheck: true,
    });
  });

  it('rename, to names in any script, and refuse what is not a name', async () => {
    const services = createServices();
    const documents = await buildWorkspace(services, { 'world.nsc': WORLD });
    const document = documents.get('world.nsc')!;
    const uri = document.uri.toString();
    const position = document.textDocument.positionAt(WORLD.indexOf('München'));
    const edit = await services.lsp.RenameProvider!.rename(document, { textDocument: { uri }, position, newName: 'Köln' });
    const renamed = TextDocument.applyEdits(document.textDocument, edit?.changes?.[uri] ?? []);
    expect(renamed).toBe(WORLD.replaceAll('München', 'Köln'));
    await expect(services.lsp.RenameProvider!.rename(document, { textDocument: { uri }, position, newName: '9Köln' })).rejects.toThrow(/not a valid name/);
  });

  it('highlight a qualified reference part by part', async () => {
    const services = createServices();
    await buildWorkspace(services, { 'world.nsc': WORLD });
    const tokens = await highlightHelper(services)('switch T at <|Welt|>.<|東京|> {\n}\n');
    expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.namespace });
    expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.property });
  });
});
