/**
 * The standard editor features (language/lsp/), in process through Langium's test helpers.
 * Expectations come from docs/language.md: which units a place takes, what a qualified name refers to,
 * what an identifier is, how a block is laid out.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAstNode, isReference, type AstNode, type LangiumDocument } from 'langium';
import {
  expectCompletion,
  expectFoldings,
  expectFormatting,
  expectGoToDefinition,
  expectSemanticToken,
  expectSymbols,
  highlightHelper,
  parseDocument,
  replaceIndices,
} from 'langium/test';
import { describe, expect, it } from 'vitest';
import { CompletionItemKind, ResponseError, SemanticTokenTypes, SymbolKind, type CompletionList, type DocumentSymbol, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildWorkspace, createServices, exampleFiles } from './helpers.js';
import { METRO } from '../support/metro-fixture.js';

const unitLabels = (list: CompletionList) => list.items.filter((item) => item.kind === CompletionItemKind.Unit).map((item) => item.label);
const labels = (list: CompletionList) => list.items.map((item) => item.label);

/** Builds `files` as one workspace; `<|>` in a file marks the cursor, `<|...|>` the ranges a test expects. */
async function workspaceWithMarkers(files: Record<string, string>) {
  const services = createServices();
  const marked = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, replaceIndices({ text })]));
  const documents = await buildWorkspace(services, Object.fromEntries(Object.entries(marked).map(([name, { output }]) => [name, output])));
  const at = (name: string) => {
    const document = documents.get(name)!;
    const { indices, ranges } = marked[name];
    return {
      document,
      uri: document.uri.toString(),
      position: document.textDocument.positionAt(indices[0] ?? 0),
      ranges: ranges.map(([start, end]) => ({ start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(end) })),
    };
  };
  return { services, documents, at };
}

/** Applies a workspace edit's changes to the built documents and returns the new texts by file name. */
function applyChanges(documents: Map<string, LangiumDocument>, changes: Record<string, TextEdit[]>): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [name, document] of documents) {
    const edits = changes[document.uri.toString()] ?? [];
    texts[name] = TextDocument.applyEdits(document.textDocument, edits);
  }
  return texts;
}

describe('completion', () => {
  it('offers only time units after the number of a target', async () => {
    await expectCompletion(createServices())({
      text: `placement P {\n  target 1.6 <|>\n}`,
      index: 0,
      assert: (list) => {
        expect(unitLabels(list)).toEqual(['ns', 'us', 'µs', 'ms', 's']);
        expect(labels(list)).not.toContain('pps');
        expect(labels(list)).not.toContain('%');
      },
    });
  });

  it('says what a unit measures in its detail', async () => {
    await expectCompletion(createServices())({
      text: `switch S {\n  worker w speed 2.4 <|>\n}`,
      index: 0,
      assert: (list) => {
        expect(unitLabels(list)).toEqual(['Hz', 'kHz', 'MHz', 'GHz']);
        expect(list.items.find((item) => item.label === 'GHz')?.detail).toBe('frequency: 1 GHz = 1000000000 Hz');
      },
    });
  });

  it('offers % for a share, the units of a rate after rate >=, and completes a started unit', async () => {
    await expectCompletion(createServices())({
      text: `topology G mandala {\n  accelerators 30<|>\n}`,
      index: 0,
      assert: (list) => expect(unitLabels(list)).toEqual(['%']),
    });
    await expectCompletion(createServices())({
      text: `switch S {\n  module a cost 1 cycles\n  flow f a rate >= 1 <|>\n}`,
      index: 0,
      assert: (list) => expect(unitLabels(list)).toEqual(['pps', 'kpps', 'Mpps', 'Gpps']),
    });
    await expectCompletion(createServices())({
      text: `placement P {\n  max latency 2 m<|>\n}`,
      index: 0,
      assert: (list) => {
        expect(unitLabels(list)).toContain('ms');
        expect(unitLabels(list).every((unit) => ['ns', 'us', 'µs', 'ms', 's'].includes(unit))).toBe(true);
      },
    });
  });

  it('offers no unit where a plain number is expected', async () => {
    for (const text of [`placement P {\n  rounds 10 <|>\n}`, `topology G mandala {\n  seed 7 <|>\n}`, `switch S {\n  batch 32 <|>\n}`, `curve C {\n  1 <|>\n}`]) {
      await expectCompletion(createServices())({ text, index: 0, assert: (list) => expect(unitLabels(list), text).toEqual([]) });
    }
  });

  it('offers the declarations at top level as keywords', async () => {
    await expectCompletion(createServices())({
      text: `<|>`,
      index: 0,
      assert: (list) => expect(labels(list).sort()).toEqual(['curve', 'placement', 'service', 'study', 'switch', 'topology']),
    });
  });

  it('offers topology nodes of other files by qualified name after at, with a summary', async () => {
    const services = createServices();
    await buildWorkspace(services, { 'metro.nsc': METRO });
    await expectCompletion(services)({
      text: `switch S at <|> {\n}`,
      index: 0,
      assert: (list) => {
        expect(labels(list).sort()).toEqual(['Metro.acc1', 'Metro.agg1', 'Metro.core1']);
        expect(list.items.find((item) => item.label === 'Metro.agg1')).toMatchObject({ kind: CompletionItemKind.Field, detail: 'aggregation node of Metro, accelerator' });
      },
    });
  });

  it('offers the flows of every switch by qualified name after via, with a summary', async () => {
    const services = createServices();
    await buildWorkspace(services, { 'edge.nsc': 'switch Edge {\n  worker w\n  module m\n  task t on w { m }\n  flow voice m offered 1 kpps\n  flow bulk m\n}\n' });
    await expectCompletion(services)({
      text: `service V {\n  via <|>\n}`,
      index: 0,
      assert: (list) => {
        expect(labels(list).sort()).toEqual(['Edge.bulk', 'Edge.voice']);
        expect(list.items.find((item) => item.label === 'Edge.voice')).toMatchObject({ kind: CompletionItemKind.Event, detail: 'flow, offered 1 kpps' });
      },
    });
  });

  it('offers the nodes of the placement topology by plain name after server in, each once', async () => {
    const services = createServices();
    await buildWorkspace(services, { 'metro.nsc': METRO, 'other.nsc': 'topology Other {\n  node x\n}\n' });
    await expectCompletion(services)({
      text: `placement P {\n  topology Metro\n  server in core1, <|>\n}`,
      index: 0,
      assert: (list) => expect(labels(list).sort()).toEqual(['acc1', 'agg1', 'core1']),
    });
  });

  it('offers workers with their speed after on', async () => {
    await expectCompletion(createServices())({
      text: `switch S {\n  worker w0 speed 1 GHz\n  worker w1 speed 2 GHz\n  module m cost 1 cycles\n  task t on <|> { m }\n}`,
      index: 0,
      assert: (list) => {
        expect(labels(list)).toEqual(['w0', 'w1']);
        expect(list.items[1]).toMatchObject({ kind: CompletionItemKind.Variable, detail: 'worker, 2 GHz' });
      },
    });
  });
});

describe('go to definition and references', () => {
  const SITE = `switch Site at <|Metro|>.<|agg1|> {\n}\nplacement P {\n  topology <|Metro|>\n  curve Lstm\n  rounds 2\n  target 4 s\n  server in core1, <|agg1|>\n  exclude acc1\n}\n`;

  it('goes from each part of a qualified name to what it names, across files', async () => {
    const { services, at } = await workspaceWithMarkers({ 'metro.nsc': METRO, 'site.nsc': `switch Site at Me<|>tro.agg1 {\n}\n` });
    const provider = services.lsp.DefinitionProvider!;
    const onTopology = await provider.getDefinition(at('site.nsc').document, { textDocument: { uri: at('site.nsc').uri }, position: at('site.nsc').position });
    expect(onTopology).toHaveLength(1);
    expect(onTopology![0].targetUri).toBe(at('metro.nsc').uri);
    expect(onTopology![0].targetSelectionRange).toEqual({ start: { line: 0, character: 9 }, end: { line: 0, character: 14 } });
    expect(onTopology![0].originSelectionRange, 'the link starts at the part under the cursor').toEqual({ start: { line: 0, character: 15 }, end: { line: 0, character: 20 } });

    const position = { ...at('site.nsc').position, character: at('site.nsc').position.character + 4 }; // on `agg1`
    const onNode = await provider.getDefinition(at('site.nsc').document, { textDocument: { uri: at('site.nsc').uri }, position });
    expect(onNode![0].targetSelectionRange).toEqual({ start: { line: 2, character: 7 }, end: { line: 2, character: 11 } });
    expect(onNode![0].originSelectionRange).toEqual({ start: { line: 0, character: 21 }, end: { line: 0, character: 25 } });
  });

  it('goes from a plain node name in server in to the node of the placement topology', async () => {
    const services = createServices();
    await buildWorkspace(services, { 'metro.nsc': METRO });
    await expectGoToDefinition(services)({
      text: `topology Local {\n  node <|agg1|>\n}\nplacement P {\n  topology Local\n  server in ag<|>g1\n}`,
      index: 0,
      rangeIndex: 0,
    });
  });

  it('finds the references of a node in every file, each covering only the node name', async () => {
    const { services, at } = await workspaceWithMarkers({
      'metro.nsc': `topology Metro {\n  node core1\n  node <|ag<|>g1|>\n  node acc1\n  link core1 -- <|agg1|>\n  link <|agg1|> -- acc1\n}\ncurve Lstm { 1 -> 1 s }\n`,
      'site.nsc': SITE,
    });
    const metro = at('metro.nsc');
    const found = await services.lsp.ReferencesProvider!.findReferences(metro.document, {
      textDocument: { uri: metro.uri },
      position: metro.position,
      context: { includeDeclaration: true },
    });
    const site = at('site.nsc');
    const expected = [...metro.ranges.map((range) => ({ uri: metro.uri, range })), { uri: site.uri, range: site.ranges[1] }, { uri: site.uri, range: site.ranges[3] }];
    expect(sortLocations(found)).toEqual(sortLocations(expected));
  });

  it('counts the qualifier of Metro.agg1 among the references of the topology Metro', async () => {
    const { services, at } = await workspaceWithMarkers({
      'metro.nsc': `topology <|Met<|>ro|> {\n  node core1\n  node agg1\n  node acc1\n}\ncurve Lstm { 1 -> 1 s }\n`,
      'site.nsc': SITE,
    });
    const metro = at('metro.nsc');
    const found = await services.lsp.ReferencesProvider!.findReferences(metro.document, {
      textDocument: { uri: metro.uri },
      position: metro.position,
      context: { includeDeclaration: true },
    });
    const site = at('site.nsc');
    const expected = [
      { uri: metro.uri, range: metro.ranges[0] },
      { uri: site.uri, range: site.ranges[0] },
      { uri: site.uri, range: site.ranges[2] },
    ];
    expect(sortLocations(found)).toEqual(sortLocations(expected));
  });
});

function sortLocations<T extends { uri: string; range: { start: { line: number; character: number } } }>(locations: T[]): T[] {
  const key = (l: T) => `${l.uri}:${String(l.range.start.line).padStart(4, '0')}:${String(l.range.start.character).padStart(4, '0')}`;
  return [...locations].sort((a, b) => key(a).localeCompare(key(b)));
}

describe('rename', () => {
  const SITE = `switch Site at Metro.agg1 {\n}\nplacement P {\n  topology Metro\n  curve Lstm\n  rounds 2\n  target 4 s\n  server in core1, agg1, Metro.acc1\n}\n`;

  async function rename(files: Record<string, string>, file: string, newName: string) {
    const { services, documents, at } = await workspaceWithMarkers(files);
    const { document, uri, position } = at(file);
    const edit = await services.lsp.RenameProvider!.rename(document, { textDocument: { uri }, position, newName });
    return applyChanges(documents, edit?.changes ?? {});
  }

  it('renames a node everywhere, rewriting only the last part of Metro.agg1', async () => {
    const texts = await rename({ 'metro.nsc': METRO.replace('node agg1', 'node ag<|>g1'), 'site.nsc': SITE }, 'metro.nsc', 'edge1');
    expect(texts['metro.nsc']).toBe(METRO.replaceAll('agg1', 'edge1'));
    expect(texts['site.nsc']).toBe(SITE.replaceAll('agg1', 'edge1'));
  });

  it('renames a node from its qualified reference in another file', async () => {
    const texts = await rename({ 'metro.nsc': METRO, 'site.nsc': SITE.replace('Metro.agg1', 'Metro.a<|>gg1') }, 'site.nsc', 'edge1');
    expect(texts['metro.nsc']).toBe(METRO.replaceAll('agg1', 'edge1'));
    expect(texts['site.nsc']).toContain('switch Site at Metro.edge1 {');
  });

  it('renames a topology, rewriting the first part of qualified names and its plain references', async () => {
    const texts = await rename({ 'metro.nsc': METRO.replace('topology Metro', 'topology Me<|>tro'), 'site.nsc': SITE }, 'metro.nsc', 'Backbone');
    expect(texts['metro.nsc']).toBe(METRO.replace('topology Metro', 'topology Backbone'));
    expect(texts['site.nsc']).toBe(SITE.replaceAll('Metro', 'Backbone'));
  });

  it('renames the topology when the cursor is on the first part of Metro.agg1', async () => {
    const texts = await rename({ 'metro.nsc': METRO, 'site.nsc': SITE.replace('at Metro.agg1', 'at Me<|>tro.agg1') }, 'site.nsc', 'Backbone');
    expect(texts['metro.nsc']).toBe(METRO.replace('topology Metro', 'topology Backbone'));
    expect(texts['site.nsc']).toBe(SITE.replaceAll('Metro', 'Backbone'));
  });

  it('prepares a rename on the part of a qualified name under the cursor', async () => {
    const { services, at } = await workspaceWithMarkers({ 'metro.nsc': METRO, 'site.nsc': SITE.replace('Metro.agg1', 'Metro.ag<|>g1') });
    const { document, uri, position } = at('site.nsc');
    const range = await services.lsp.RenameProvider!.prepareRename(document, { textDocument: { uri }, position });
    expect(range).toEqual({ start: { line: 0, character: 21 }, end: { line: 0, character: 25 } });
  });

  it.each([
    ['1abc', /not a valid name/],
    ['agg-1', /not a valid name/],
    ['Metro.x', /not a valid name/],
    ['', /not a valid name/],
    ['node', /keyword/],
    ['latency', /keyword/],
  ])('rejects %j as a new name with a clear error', async (newName, message) => {
    const { services, at } = await workspaceWithMarkers({ 'metro.nsc': METRO.replace('node agg1', 'node ag<|>g1') });
    const { document, uri, position } = at('metro.nsc');
    const attempt = services.lsp.RenameProvider!.rename(document, { textDocument: { uri }, position, newName });
    await expect(attempt).rejects.toBeInstanceOf(ResponseError);
    await expect(attempt).rejects.toThrow(message);
  });

  it('refuses a new name that validation would report as a duplicate', async () => {
    const { services, at } = await workspaceWithMarkers({ 'metro.nsc': METRO.replace('node agg1', 'node ag<|>g1'), 'site.nsc': SITE.replace('switch Site', 'switch Si<|>te') });
    const renaming = (file: string, newName: string) => {
      const { document, uri, position } = at(file);
      return services.lsp.RenameProvider!.rename(document, { textDocument: { uri }, position, newName });
    };
    await expect(renaming('metro.nsc', 'acc1')).rejects.toThrow("'acc1' is already the name of a node in Metro.");
    await expect(renaming('site.nsc', 'Lstm')).rejects.toThrow("'Lstm' is already declared in metro.nsc; names must be unique across the workspace.");
    // Other kinds and other containers have names of their own.
    await expect(renaming('metro.nsc', 'Lstm')).resolves.toBeDefined();
    await expect(renaming('metro.nsc', 'agg1')).resolves.toBeDefined();
  });

  // A service in another file names the switch's flow as Edge.voice: each part renames on its own.
  const EDGE = `switch Edge at Metro.agg1 {\n  worker w speed 1 GHz\n  module m cost 1 cycles\n  task t on w { m }\n  flow voice m\n}\n`;
  const CHAIN = `service Chain {\n  from Metro.acc1 to Metro.core1\n  via Edge.voice\n  offered 1 kpps\n}\n`;

  it('renames a flow in the file of its switch and in the via of a service in another file', async () => {
    const texts = await rename({ 'metro.nsc': METRO, 'edge.nsc': EDGE.replace('flow voice', 'flow vo<|>ice'), 'chain.nsc': CHAIN }, 'edge.nsc', 'speech');
    expect(texts['edge.nsc']).toBe(EDGE.replace('flow voice', 'flow speech'));
    expect(texts['chain.nsc']).toBe(CHAIN.replace('Edge.voice', 'Edge.speech'));
  });

  it('renames a switch from the first part of a service hop, and its flow from the second', async () => {
    const bySwitch = await rename({ 'metro.nsc': METRO, 'edge.nsc': EDGE, 'chain.nsc': CHAIN.replace('via Edge.voice', 'via Ed<|>ge.voice') }, 'chain.nsc', 'Access');
    expect(bySwitch['edge.nsc']).toBe(EDGE.replace('switch Edge', 'switch Access'));
    expect(bySwitch['chain.nsc']).toBe(CHAIN.replace('Edge.voice', 'Access.voice'));
    const byFlow = await rename({ 'metro.nsc': METRO, 'edge.nsc': EDGE, 'chain.nsc': CHAIN.replace('via Edge.voice', 'via Edge.vo<|>ice') }, 'chain.nsc', 'speech');
    expect(byFlow['edge.nsc']).toBe(EDGE.replace('flow voice', 'flow speech'));
    expect(byFlow['chain.nsc']).toBe(CHAIN.replace('Edge.voice', 'Edge.speech'));
  });

  it('accepts a tier word and a unit as new names, as the grammar does', async () => {
    for (const newName of ['core', 'ms', '_x2', 'µnode']) {
      const texts = await rename({ 'metro.nsc': METRO.replace('node agg1', 'node ag<|>g1') }, 'metro.nsc', newName);
      expect(texts['metro.nsc']).toBe(METRO.replaceAll('agg1', newName));
    }
  });
});

describe('outline', () => {
  const kindName = (kind: SymbolKind) => Object.entries(SymbolKind).find(([, value]) => value === kind)?.[0];
  const symbolTree = (symbol: DocumentSymbol): string =>
    `${kindName(symbol.kind)} ${symbol.name}${symbol.children?.length ? ` [${symbol.children.map(symbolTree).join(', ')}]` : ''}`;

  it('nests nodes under their topology and workers, modules, tasks and flows under their switch', async () => {
    await expectSymbols(createServices())({
      text: `${METRO}placement P { topology Metro }\nswitch S {\n  worker w\n  module a\n  module b\n  a -> b\n  task t on w { a, b }\n  flow f a -> b\n  controller { alpha 1 }\n}\nstudy Sweep { placement P }\n`,
      symbolToString: symbolTree,
      expectedSymbols: [
        'Namespace Metro [Field core1, Field agg1, Field acc1]',
        'Function Lstm',
        'Class P',
        'Class S [Variable w, Method a, Method b, Object t, Event f]',
        'Class Sweep',
      ],
    });
  });

  it('gives each symbol a one-line summary', async () => {
    await expectSymbols(createServices())({
      text: METRO,
      assert: (symbols) => {
        expect(symbols.map((s) => s.detail)).toEqual(['topology, 3 nodes, 2 links', 'curve, 2 points']);
        expect(symbols[0].children!.map((s) => s.detail)).toEqual(['core node of Metro', 'aggregation node of Metro, accelerator', 'access node of Metro']);
      },
    });
  });
});

describe('folding', () => {
  it('folds multi-line blocks (keeping the closing brace visible), comment runs and block comments', async () => {
    await expectFoldings(createServices())({
      text: [
        '<|// A header',
        '// over two lines|>',
        '<|topology T {',
        '  node a',
        '  node b|>',
        '}',
        'curve C { 1 -> 1 s }',
        '<|/* a block',
        '   comment */|>',
        '<|switch S {',
        '  worker w   // one trailing comment folds nothing',
        '  <|controller {',
        '    alpha 1',
        '    step 0.1|>',
        '  }|>',
        '}',
      ].join('\n'),
    });
  });
});

describe('formatting', () => {
  /** Formats `before` to `after`, and `after` to itself: formatting is idempotent. */
  const format = async (expected: Parameters<ReturnType<typeof expectFormatting>>[0]) => {
    await expectFormatting(createServices())(expected);
    await expectFormatting(createServices())({ ...expected, before: expected.after });
  };

  it('indents blocks by 2 spaces, one member per line, whatever the editor tab size', async () => {
    await format({
      before: `topology   T{node a tier core   node b\nlink a--b latency 1 ms}\ncurve C{1->1 s 2  ->  0.5 s}`,
      after: `topology T {\n  node a tier core\n  node b\n  link a -- b latency 1 ms\n}\ncurve C {\n  1 -> 1 s\n  2 -> 0.5 s\n}`,
      options: { tabSize: 4, insertSpaces: false },
    });
  });

  it('keeps CRLF line endings in a CRLF file', async () => {
    // expectFormatting normalises line endings before comparing, so apply the edits here.
    const services = createServices();
    const document = await parseDocument(services, 'topology   T{node a tier core\r\nnode b}\r\n');
    const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
    expect(TextDocument.applyEdits(document.textDocument, edits)).toBe('topology T {\r\n  node a tier core\r\n  node b\r\n}\r\n');
  });

  it('spaces operators, commas, fractions and qualified names; keeps hand alignment and one blank line', async () => {
    await format({
      before: [
        'placement P {',
        'topology T',
        '',
        '',
        '   target 1 / 2 s',
        '  server in a ,b,T . c',
        '}',
        '',
        '',
        '',
        'switch S at T.a {',
        'module rx     cost 1 cycles',
        'module parse  cost 2 cycles',
        'rx->parse',
        'task t on w{rx,parse}',
        'flow f rx -> parse offered 1 pps rate>=1 pps delay<=1 s',
        '}',
      ].join('\n'),
      after: [
        'placement P {',
        '  topology T',
        '',
        '  target 1/2 s',
        '  server in a, b, T.c',
        '}',
        '',
        'switch S at T.a {',
        '  module rx     cost 1 cycles',
        '  module parse  cost 2 cycles',
        '  rx -> parse',
        '  task t on w { rx, parse }',
        '  flow f rx -> parse offered 1 pps rate >= 1 pps delay <= 1 s',
        '}',
      ].join('\n'),
    });
  });

  it('keeps comments, wrapped members and block layout of lists written over lines', async () => {
    await format({
      before: [
        '// header',
        'switch S { // trailing',
        '// before w',
        '      worker w speed 1 Hz   // aligned',
        '  /* block',
        '     comment */',
        'flow f a -> b',
        '        rate >= 1 pps',
        'controller { alpha 1   tolerance 1% }',
        'controller {',
        'alpha 1',
        '      step 0.1 }',
        '    // last',
        '}',
      ].join('\n'),
      after: [
        '// header',
        'switch S { // trailing',
        '  // before w',
        '  worker w speed 1 Hz   // aligned',
        '  /* block',
        '     comment */',
        '  flow f a -> b',
        '    rate >= 1 pps',
        '  controller { alpha 1   tolerance 1% }',
        '  controller {',
        '    alpha 1',
        '    step 0.1',
        '  }',
        '  // last',
        '}',
      ].join('\n'),
    });
  });

  it('formats only the declarations a range touches', async () => {
    await expectFormatting(createServices())({
      before: 'curve A {\n1->1 s   \n}\ncurve B {\n1->1 s   \n}\n',
      after: 'curve A {\n1->1 s   \n}\ncurve B {\n  1 -> 1 s\n}\n',
      range: { start: { line: 3, character: 0 }, end: { line: 5, character: 1 } },
    });
  });

  it('removes trailing spaces, also where no token follows on the line', async () => {
    await format({
      before: 'topology T {   \n  node a   \n   \n  // c  \n  node b\n}  \n  ',
      after: 'topology T {\n  node a\n\n  // c\n  node b\n}\n',
    });
  });

  const { scenarios: examples, otherFiles } = exampleFiles();

  async function formatted(text: string): Promise<string> {
    const services = createServices();
    const [document] = (await buildWorkspace(services, { 'x.nsc': text })).values();
    const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
    return TextDocument.applyEdits(document.textDocument, edits);
  }

  it.each(Object.keys(examples))('%s formats idempotently, to the same AST and without diagnostics', async (file) => {
    const once = await formatted(examples[file]);
    expect(await formatted(once)).toBe(once);
    const before = await buildWorkspace(createServices(otherFiles), examples);
    const after = await buildWorkspace(createServices(otherFiles), { ...examples, [file]: once });
    expect(after.get(file)!.diagnostics).toEqual([]);
    expect(astShape(after.get(file)!.parseResult.value)).toEqual(astShape(before.get(file)!.parseResult.value));
  });

  it.each(Object.keys(examples))('%s with scrambled spacing and indentation formats idempotently to the same AST', async (file) => {
    const random = seededRandom(file.length);
    const spaces = (min: number) => ' '.repeat(min + Math.floor(random() * 3));
    const scrambled = examples[file]
      .split('\n')
      .map((line) => {
        const comment = line.indexOf('//');
        const code = comment < 0 ? line : line.slice(0, comment);
        const messy = code
          .trim()
          .replace(/ +/g, () => spaces(1))
          .replace(/ *(->|--|,) */g, (_, operator: string) => `${spaces(0)}${operator}${spaces(0)}`);
        return `${spaces(0)}${messy}${comment < 0 ? '' : ` ${line.slice(comment)}`}`;
      })
      .join('\n');
    const once = await formatted(scrambled);
    expect(await formatted(once)).toBe(once);
    const before = await buildWorkspace(createServices(otherFiles), examples);
    const after = await buildWorkspace(createServices(otherFiles), { ...examples, [file]: once });
    expect(after.get(file)!.diagnostics).toEqual([]);
    expect(astShape(after.get(file)!.parseResult.value)).toEqual(astShape(before.get(file)!.parseResult.value));
    for (const line of once.split('\n')) expect(line, 'indentation is a multiple of 2 spaces').toMatch(/^( {2})*\S|^$/);
  });
});

/** A small deterministic generator (mulberry32), so a failing scramble can be reproduced. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The AST as plain data: types, values and reference texts, without positions. */
function astShape(node: AstNode): unknown {
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !key.startsWith('$') || key === '$type')
      .map(([key, value]) => [key, shapeOf(value)]),
  );
}

function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (isReference(value)) return { ref: value.$refText };
  if (isAstNode(value)) return astShape(value);
  return value;
}

describe('semantic tokens', () => {
  it('marks declarations, references per qualified part, units, numbers, keywords and operators', async () => {
    const services = createServices();
    await buildWorkspace(services, { 'metro.nsc': METRO });
    const tokens = await highlightHelper(services)(
      `<|switch|> <|Edge|> at <|Metro|>.<|agg1|> {\n  worker <|w|> speed <|2.4|> <|GHz|>\n  module a cost 1 cycles\n  module b cost 1 cycles\n  a <|->|> b\n  task t on <|w|> { a, b }\n  flow f a -> b rate >= <|1|>/<|3|> <|pps|>\n}\ntopology G mandala { accelerators 30<|%|> }\n`,
    );
    const expected: [number, string][] = [
      [0, SemanticTokenTypes.keyword],
      [1, SemanticTokenTypes.class],
      [2, SemanticTokenTypes.namespace],
      [3, SemanticTokenTypes.property],
      [4, SemanticTokenTypes.variable],
      [5, SemanticTokenTypes.number],
      [6, SemanticTokenTypes.type],
      [7, SemanticTokenTypes.operator],
      [8, SemanticTokenTypes.variable],
      [9, SemanticTokenTypes.number],
      [10, SemanticTokenTypes.number],
      [11, SemanticTokenTypes.type],
      [12, SemanticTokenTypes.type],
    ];
    for (const [rangeIndex, tokenType] of expected) expectSemanticToken(tokens, { rangeIndex, tokenType: tokenType as SemanticTokenTypes });
    const modifiersAt = (rangeIndex: number) => tokens.tokens.find((token) => token.offset === tokens.ranges[rangeIndex][0])?.tokenModifiers;
    expect(modifiersAt(4), 'worker w declares').not.toBe(0);
    expect(modifiersAt(8), 'on w refers').toBe(0);
  });

  it('marks the flow of a traffic change as a reference, its period as a number and a trace file name as a string', async () => {
    const tokens = await highlightHelper(createServices({ 'load.csv': 'period,flow,offered\n' }))(
      `switch S {\n  worker w speed 1 GHz\n  module a cost 1 cycles\n  task t on w { a }\n  flow f a offered 1 pps\n  traffic { <|at|> period <|3|> <|f|> offered 2 pps }\n}\nswitch T {\n  worker w speed 1 GHz\n  module a cost 1 cycles\n  task t on w { a }\n  flow f a offered 1 pps\n  traffic from <|"load.csv"|>\n}\n`,
    );
    const expected: [number, string][] = [
      [0, SemanticTokenTypes.keyword],
      [1, SemanticTokenTypes.number],
      [2, SemanticTokenTypes.event], // flows are events, here as everywhere
      [3, SemanticTokenTypes.string],
    ];
    for (const [rangeIndex, tokenType] of expected) expectSemanticToken(tokens, { rangeIndex, tokenType: tokenType as SemanticTokenTypes });
  });

  it('gives units a token type that nothing else in a scenario gets', async () => {
    const example = readFileSync(join(import.meta.dirname, '../../examples/edge-site.nsc'), 'utf8');
    const services = createServices();
    await buildWorkspace(services, { 'metro.nsc': readFileSync(join(import.meta.dirname, '../../examples/metro-placement.nsc'), 'utf8') });
    const { tokens } = await highlightHelper(services)(example);
    const typed = tokens.filter((token) => token.tokenType === SemanticTokenTypes.type).map((token) => token.text);
    expect(new Set(typed)).toEqual(new Set(['GHz', 'cycles', 'Mpps', 'us', 'ms']));
  });
});
