/**
 * A long solve runs off the server's main thread: the server keeps answering meanwhile, and an
 * edit makes the running solve's result stale, so it is dropped (never shown).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList } from 'vscode-languageserver';
import { LspSession } from '../support/lsp-session.js';
import { SLOW_STUDY } from '../support/slow-scenario.js';

const FAST = `
curve C { 1 -> 1.2 s  2 -> 0.7 s  4 -> 0.38 s }
switch S {
  worker w speed 1 Hz
  module a cost 1 cycles
  task t on w { a }
  flow f a offered 1 pps delay <= 5 s
}
`;

let session: LspSession;
let uri: string;

beforeAll(async () => {
  const folder = mkdtempSync(join(tmpdir(), 'nsc-slow-'));
  uri = pathToFileURL(join(folder, 'slow.nsc')).toString();
  session = await LspSession.start(folder);
});
afterAll(async () => {
  await session?.stop();
});

const solvingStarted = async () => {
  while (!session.solving.some((s) => s.uri === uri && s.solving)) await new Promise((r) => setTimeout(r, 20));
};

describe('a slow solve', () => {
  it('does not block hover and completion', async () => {
    await session.open(uri, FAST + SLOW_STUDY, 1);
    void session.save(uri);
    await solvingStarted();
    const hover = session.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 10 } });
    const completion = session.request<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 2 } });
    const [, items] = await Promise.all([hover, completion]);
    const labels = (Array.isArray(items) ? items : items.items).map((i) => i.label);
    expect(labels).toContain('module');
    // Both answered while the solve was still running: no result has arrived yet.
    expect(session.results.filter((r) => r.uri === uri)).toEqual([]);
  });

  it('is cancelled by an edit, and its result is never published', async () => {
    // The edit (version 2) cancels the version-1 solve; saving version 2 solves the fast text.
    await session.change(uri, FAST, 2);
    const { results } = await session.save(uri);
    expect(results.version).toBe(2);
    expect(results.status).toBe('solved');
    // Only version 2 is ever published: its verdicts, then (maybe already) its details.
    expect(new Set(session.results.filter((r) => r.uri === uri).map((r) => r.version))).toEqual(new Set([2]));
    // 'Solving' is on while any solve runs, and off at the end: the cancelled solve may end before
    // or after the second began, but never switches it off while the second runs.
    const flags = session.solving.filter((s) => s.uri === uri).map((s) => s.solving);
    expect([
      [true, false, true, false],
      [true, false],
    ]).toContainEqual(flags);
  });
});
