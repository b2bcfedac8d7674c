/**
 * Keyword help in process: hovering any keyword of a scenario that uses the whole grammar shows
 * that keyword's entry of docs/language.md (the entry of the rule it is written in), names show
 * none, and completion items for keywords carry the same entry as documentation.
 */
import { AstUtils, CstUtils, GrammarAST, isLeafCstNode, type LangiumDocument } from 'langium';
import { expectCompletion } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver';
import { plainText } from '../../language/lsp/markup.js';
import { grammarKeywords, isWord, NAME_RULES, referenceEntries } from '../support/language-reference.js';
import { buildWorkspace, createServices } from './helpers.js';

/** Every word keyword of the grammar, in every rule it is written in, and tier words as names. */
const ALL_KEYWORDS = `
topology Lab {
  node core tier core accelerator
  node agg1 tier aggregation
  node acc1 tier access
  node app1 tier application
  link core -- agg1 latency 0.2 ms
  link agg1 -- acc1 latency 0.1 ms
  link core -- app1 latency 0.3 ms
}
topology Gen mandala {
  access 8
  latency access-aggregation 0.05 ms to 0.1 ms
  latency aggregation-core 0.2 ms to 0.3 ms
  latency core-application 0.4 ms to 0.6 ms
  diameter 2 ms
  accelerators 25%
  seed 3
}
curve C { 1 -> 1 s  3 -> 0.5 s }
placement P {
  topology Lab
  curve C
  rounds 2
  target 4 s
  acceleration 0.5
  accelerators max 1
  exchange one-way
  max latency 2 ms
  objective balanced aifs 1 spread 10
  server in core
  exclude app1
  min aifs 2
}
placement Q { topology Gen curve C rounds 1 target 4 s exchange round-trip objective min-aifs }
study S {
  placement Q
  rounds 1, 2
  target 4 s
  objective baseline then fastest-round, min-aifs then fewest-accelerators, balanced aifs 1 spread 10 over all-nodes, balanced aifs 1 spread 10 over aifs
  instances 2 accelerators 10% to 20% seed 1
  regenerate topology
}
switch W at Lab.core {
  worker w0 speed 1 GHz
  batch 1
  queue 1
  module a cost 10 cycles
  module b cost 10 cycles
  a -> b
  task t on w0 weight 1 { a, b }
  flow f a -> b offered 1 kpps rate >= 1 kpps delay <= 1 ms
  flow g from a to b offered 1 kpps
  controller { alpha 1 step 0.025 tries 5 periods 10 tolerance 1% }
  traffic { at period 2 f offered 2 kpps }
}
switch V {
  worker w0 speed 1 GHz
  module a cost 10 cycles
  task t on w0 { a }
  flow f a offered 1 kpps
  traffic from "v.csv"
}
service Svc {
  from Lab.acc1 to Lab.app1
  via W.f
  offered 1 kpps
  rate >= 1 kpps
  delay <= 5 ms
}
`;

const entries = referenceEntries();
const expectedMarkdown = (key: string) => `**${entries.get(key)!.title}**\n\n${entries.get(key)!.body}`;

async function hoverAt(document: LangiumDocument, offset: number) {
  const services = createServices();
  return services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: document.textDocument.positionAt(offset) });
}

describe('keyword hovers', () => {
  it('show, on every keyword of a scenario using the whole grammar, the entry of the rule it is written in', async () => {
    const services = createServices({ 'v.csv': 'period,flow,offered\n3,f,2 kpps\n' });
    const document = (await buildWorkspace(services, { 'all.nsc': ALL_KEYWORDS })).get('all.nsc')!;
    expect(document.diagnostics?.filter((d) => d.severity === 1)).toEqual([]);
    const seen = new Set<string>();
    for (const leaf of CstUtils.streamCst(document.parseResult.value.$cstNode!)) {
      if (!isLeafCstNode(leaf) || !GrammarAST.isKeyword(leaf.grammarSource) || !isWord(leaf.text)) continue;
      const rule = AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isParserRule)!.name;
      const hover = await services.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: document.uri.toString() }, position: leaf.range.start });
      const where = `'${leaf.text}' (${rule}) at line ${leaf.range.start.line + 1}`;
      if (NAME_RULES.has(rule)) {
        expect(hover, where).toBeUndefined();
        continue;
      }
      seen.add(`${rule}.${leaf.text}`);
      expect(hover?.contents, where).toEqual({ kind: 'markdown', value: expectedMarkdown(`${rule}.${leaf.text}`) });
    }
    // The scenario covers the grammar: every documentable keyword was hovered above.
    const all = grammarKeywords()
      .filter((k) => isWord(k.keyword) && !NAME_RULES.has(k.rule))
      .map((k) => `${k.rule}.${k.keyword}`);
    expect(all.filter((key) => !seen.has(key))).toEqual([]);
  });

  it('tell `rounds` of a placement from `rounds` of a study', async () => {
    const services = createServices();
    const document = (await buildWorkspace(services, { 'all.nsc': ALL_KEYWORDS })).get('all.nsc')!;
    const text = document.textDocument.getText();
    const inPlacement = await hoverAt(document, text.indexOf('rounds 2'));
    const inStudy = await hoverAt(document, text.indexOf('rounds 1, 2'));
    expect((inPlacement?.contents as MarkupContent).value).toContain('R, the number of federated-learning rounds');
    expect((inStudy?.contents as MarkupContent).value).toContain('The values of R to sweep.');
  });

  it('show nothing on names, numbers and units', async () => {
    const services = createServices();
    const document = (await buildWorkspace(services, { 'all.nsc': ALL_KEYWORDS })).get('all.nsc')!;
    const text = document.textDocument.getText();
    for (const needle of ['agg1 tier', '0.2 ms', 'ms\n  link agg1', 'Lab\n  curve']) {
      expect(await hoverAt(document, text.indexOf(needle)), needle).toBeUndefined();
    }
  });
});

describe('keyword completion', () => {
  const documentationOf = (items: CompletionItem[], label: string) => items.find((item) => item.label === label)?.documentation;

  it('documents each keyword offered with its entry', async () => {
    await expectCompletion(createServices())({
      text: 'placement P {\n  topology T\n  <|>\n}',
      index: 0,
      assert: (list) => {
        expect(documentationOf(list.items, 'exchange')).toEqual({ kind: 'markdown', value: expectedMarkdown('ExchangeClause.exchange') });
        expect(documentationOf(list.items, 'max')).toEqual({ kind: 'markdown', value: expectedMarkdown('MaxLatencyClause.max') });
        expect(documentationOf(list.items, 'rounds')).toEqual({ kind: 'markdown', value: expectedMarkdown('RoundsClause.rounds') });
      },
    });
  });

  it('documents the keyword of the place being completed: `rounds` in a study', async () => {
    await expectCompletion(createServices())({
      text: 'study S {\n  <|>\n}',
      index: 0,
      assert: (list) => expect(documentationOf(list.items, 'rounds')).toEqual({ kind: 'markdown', value: expectedMarkdown('StudyRounds.rounds') }),
    });
  });
});

describe('plain text for clients without markdown', () => {
  it('keeps the words and drops the markup', () => {
    expect(plainText('**`rounds` — placement clause**\n\nR, see `target`.\n\n```\nrounds 10\n```')).toBe('rounds — placement clause\n\nR, see target.\n\nrounds 10');
    expect(plainText('See [models](models.md#x) and [HiGHS](https://highs.dev).')).toBe('See models and HiGHS (https://highs.dev).');
  });

  it('turns a table into aligned columns', () => {
    const table = '| task | delay |\n| --- | --- |\n| `t1` | **2.57 s** |\n| `bulk` | 1 s |';
    expect(plainText(`before\n${table}\nafter`)).toBe('before\ntask  delay\nt1    2.57 s\nbulk  1 s\nafter');
  });
});
