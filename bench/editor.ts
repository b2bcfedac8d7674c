/** Editor benchmarks: save-to-diagnostics and save-to-inlay-hints latency through the real server. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { LspSession } from '../test/support/lsp-session.js';
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
        const hints = await session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } } });
        toHints.push(performance.now() - started);
        if (hints.length === 0) throw new Error(`${label}: no inlay hints after the solve`);
      }
      print(`save-to-diagnostics, ${label}: median ${fmt(median(toDiagnostics))} ms; save-to-inlay-hints: median ${fmt(median(toHints))} ms`);
    }
  } finally {
    await session.stop();
  }
}
