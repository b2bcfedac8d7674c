/** Language benchmarks: parse+validate per 1,000 lines, and the server's open-to-diagnostics latency. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EmptyFileSystem, URI } from 'langium';
import { DidChangeTextDocumentNotification } from 'vscode-languageserver/node';
import { createNetScenarioServices } from '../language/netscenario-module.js';
import { LspSession } from '../test/support/lsp-session.js';
import { regionalTopology, topologyText } from './real-topology.js';
import { generateScenario } from './scenario-generator.js';
import { fmt, median, medianMs } from './timing.js';

const RUNS = 7;

export async function benchLanguage(print: (line: string) => void, examplesDir: string): Promise<void> {
  const text = generateScenario(5000);
  const lines = text.split('\n').length - 1;
  const services = createNetScenarioServices(EmptyFileSystem).NetScenario;
  const workspace = services.shared.workspace;
  const times: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const document = workspace.LangiumDocumentFactory.fromString(text, URI.file(`/bench/gen${run}.nsc`));
    workspace.LangiumDocuments.addDocument(document);
    await workspace.DocumentBuilder.build([document], { validation: true });
    if (run > 0) times.push(performance.now() - started); // run 0 warms up
    const error = (document.diagnostics ?? []).find((d) => d.severity === 1);
    if (error) throw new Error(`generated scenario has errors: ${error.message}`);
    await workspace.DocumentBuilder.update([], [document.uri]); // unindex it (untimed), so the next run is not a duplicate
  }
  const parseValidate = median(times);
  print(`parse+validate, generated scenario of ${lines} lines: median ${fmt(parseValidate)} ms = ${fmt((parseValidate * 1000) / lines)} ms per 1,000 lines`);

  // What `nsc check` does with an imported network of 20,000 nodes (one run: it takes seconds).
  const big = topologyText(regionalTopology(20_000));
  const started = performance.now();
  const document = workspace.LangiumDocumentFactory.fromString(big, URI.file('/bench/regional20000.nsc'));
  workspace.LangiumDocuments.addDocument(document);
  await workspace.DocumentBuilder.build([document], { validation: true });
  const bigMs = performance.now() - started;
  const bigError = (document.diagnostics ?? []).find((d) => d.severity === 1);
  if (bigError) throw new Error(`generated topology has errors: ${bigError.message}`);
  await workspace.DocumentBuilder.update([], [document.uri]);
  print(`parse+validate, written-out topology of 20,000 nodes (${big.split('\n').length - 1} lines): ${fmt(bigMs)} ms`);

  const folder = mkdtempSync(join(tmpdir(), 'nsc-bench-'));
  writeFileSync(join(folder, 'metro-placement.nsc'), readFileSync(join(examplesDir, 'metro-placement.nsc')));
  const session = await LspSession.start(folder);
  try {
    for (const [label, body] of [
      ['examples/edge-site.nsc', readFileSync(join(examplesDir, 'edge-site.nsc'), 'utf8')],
      [`generated ${lines}-line scenario`, text],
    ] as const) {
      const uri = pathToFileURL(join(folder, `${label.replace(/\W+/g, '-')}.nsc`)).toString();
      const first = await session.open(uri, body);
      if (first.some((d) => d.severity === 1)) throw new Error(`${label} has errors in the server`);
      let version = 1;
      const latency = await medianMs(RUNS, async () => {
        const published = session.nextDiagnostics(uri);
        await session.connection.sendNotification(DidChangeTextDocumentNotification.type, {
          textDocument: { uri, version: ++version },
          contentChanges: [{ text: `${body}// edit ${version}\n` }],
        });
        await published;
      });
      print(`language server, change-to-diagnostics for ${label}: median ${fmt(latency)} ms`);
    }
  } finally {
    await session.stop();
  }
}
