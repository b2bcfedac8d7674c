/**
 * Keyword help through the real server, for a client that renders markdown (as VS Code, Neovim and
 * Helix declare) and for one that declares plain text only (as Eglot without markdown-mode): the
 * same reference entries and result hovers, with or without markup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionList, Hover, MarkupContent, Position } from 'vscode-languageserver';
import { copyExamples } from '../support/example-workspace.js';
import { referenceEntries } from '../support/language-reference.js';
import { LspSession } from '../support/lsp-session.js';

const workspace = copyExamples();
const entries = referenceEntries();
const entryMarkdown = (key: string) => `**${entries.get(key)!.title}**\n\n${entries.get(key)!.body}`;

const positionOf = (text: string, needle: string): Position => {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};

/** A placement being written: the cursor on an empty clause line after `topology Metro`. */
const DRAFT = 'placement Draft {\n  topology Metro\n  \n}\n';

function clientWith(formats: string[]) {
  let session: LspSession | undefined;
  beforeAll(async () => {
    session = await LspSession.start(workspace.folder, undefined, {
      capabilities: {
        textDocument: {
          publishDiagnostics: {},
          hover: { contentFormat: formats as MarkupContent['kind'][] },
          completion: { completionItem: { documentationFormat: formats as MarkupContent['kind'][] } },
        },
      },
    });
  });
  afterAll(async () => {
    await session?.stop();
  });
  return {
    get session() {
      return session!;
    },
  };
}

async function flowHover(session: LspSession): Promise<MarkupContent> {
  const uri = workspace.uriOf('paper-fork.nsc');
  const text = workspace.textOf('paper-fork.nsc');
  await session.open(uri, text);
  await session.save(uri);
  const hover = await session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'flow f1 nic1') });
  return hover.contents as MarkupContent;
}

async function draftCompletion(session: LspSession): Promise<CompletionList> {
  const uri = workspace.uriOf('draft.nsc');
  await session.open(uri, DRAFT);
  return session.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 2 } });
}

describe('a markdown client', () => {
  const client = clientWith(['markdown', 'plaintext']);

  it('gets the result hover first and the keyword entry after it', async () => {
    const contents = await flowHover(client.session);
    expect(contents.kind).toBe('markdown');
    const [result, keyword] = contents.value.split('\n\n---\n\n');
    expect(result).toContain('| task | blocking | queuing | processing | total |');
    expect(keyword).toBe(entryMarkdown('Flow.flow'));
  });

  it('gets keyword entries as completion documentation', async () => {
    const list = await draftCompletion(client.session);
    expect(list.items.find((item) => item.label === 'exchange')?.documentation).toEqual({ kind: 'markdown', value: entryMarkdown('ExchangeClause.exchange') });
  });
});

describe('a plain-text client', () => {
  const client = clientWith(['plaintext']);

  it('gets the same hover as plain text: the table in columns, no markup', async () => {
    const contents = await flowHover(client.session);
    expect(contents.kind).toBe('plaintext');
    expect(contents.value).not.toMatch(/[|*`]/);
    expect(contents.value).toMatch(/^task\s+blocking\s+queuing\s+processing\s+total$/m);
    expect(contents.value).toMatch(/^t1\s+0 s\s+2\.57 s\s+2 s\s+4\.57 s$/m);
    expect(contents.value).toContain('flow\n\nA traffic flow through the switch');
  });

  it('gets completion documentation as plain text', async () => {
    const list = await draftCompletion(client.session);
    const documentation = list.items.find((item) => item.label === 'exchange')?.documentation as MarkupContent;
    expect(documentation.kind).toBe('plaintext');
    expect(documentation.value).toContain('exchange\n\nHow the exchange latency d_ij between an AIF on node i and the FL server on node j is counted:\nround-trip is twice');
  });
});
