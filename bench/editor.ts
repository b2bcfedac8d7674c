/** Editor benchmarks: save-to-diagnostics and save-to-inlay-hints latency through the real server. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InlayHint } from 'vscode-languageserver';
import { REQUESTS } from '../server/protocol.js';
import { LspSession } from '../test/support/lsp-session.js';
import { SLOW_STUDY } from '../test/support/slow-scenario.js';
import { generateSite } from './scenario-generator.js';
import { fmt, median } from './timing.js';

const RUNS = 7;

export async function benchEditor(print: (line: string) => void, examplesDir: string): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'nsc-bench-editor-'));
  writeFileSync(join(folder, 'metro-placement.nsc'), readFileSync(join(examplesDir, 'metro-placement.nsc')));
  const session = await LspSession.start(folder);
  try {
    const cases = [
      ['examples/edge-site.nsc', readFileSync(join(examplesDir, 'edge-site.nsc'), 'utf8')],
      ['generated: 200-node topology + placement, 40-module switch', generateSite(200)],
    ] as const;
    let version = 0;
    for (const [index, [label, text]] of cases.entries()) {
      const uri = pathToFileURL(join(folder, `case${index}.nsc`)).toString();
      await session.open(uri, text, ++version);
      await session.save(uri); // warm-up: the worker loads HiGHS on its first solve
      const toDiagnostics: number[] = [];
      const toHints: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        // A new version each time, so the save solves instead of reusing cached results.
        await session.change(uri, `${text}// run ${run}\n`, ++version);
        const started = performance.now();
        const { results } = await session.save(uri);
        toDiagnostics.push(performance.now() - started);
        if (results.status !== 'solved') throw new Error(`${label}: ${results.status} ${results.message ?? ''}`);
        const hints = await session.request<InlayHint[]>('textDocument/inlayHint', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } },
        });
        toHints.push(performance.now() - started);
        if (hints.length === 0) throw new Error(`${label}: no inlay hints after the solve`);
      }
      print(`save-to-diagnostics, ${label}: median ${fmt(median(toDiagnostics))} ms; save-to-inlay-hints: median ${fmt(median(toHints))} ms`);
    }
    await benchResponsiveness(print, session, pathToFileURL(join(folder, 'slow.nsc')).toString(), ++version);
  } finally {
    await session.stop();
  }
}

/** Hover and completion latency while a long study solves in the worker (the server must keep answering). */
async function benchResponsiveness(print: (line: string) => void, session: LspSession, uri: string, version: number): Promise<void> {
  await session.open(uri, `curve C { 1 -> 1.2 s  2 -> 0.7 s  4 -> 0.38 s }\n${SLOW_STUDY}`, version);
  void session.save(uri);
  while (!session.solving.some((s) => s.uri === uri && s.solving)) await new Promise((resolve) => setTimeout(resolve, 10));
  const hover: number[] = [];
  const completion: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    let started = performance.now();
    await session.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } });
    hover.push(performance.now() - started);
    started = performance.now();
    await session.request('textDocument/completion', { textDocument: { uri }, position: { line: 4, character: 2 } });
    completion.push(performance.now() - started);
  }
  const stillSolving = !session.results.some((r) => r.uri === uri);
  await session.request(REQUESTS.cancel, { uri });
  print(`while a long study solves${stillSolving ? '' : ' (it ended early!)'}: hover median ${fmt(median(hover))} ms, completion median ${fmt(median(completion))} ms`);
}
