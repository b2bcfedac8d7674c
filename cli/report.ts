/**
 * `nsc report FILE -o report.html`: solves the file (placements, switches, studies) and writes one
 * self-contained HTML page with the editor's charts: the webview renderer and its stylesheet
 * inlined from dist/ (the build makes them), the results embedded as JSON, nothing to fetch.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { solveScenarioWithDetails } from '../engine/scenario.js';
import { scenarioInput, type LoweredScenario } from '../language/lowering.js';
import type { ScenarioResults } from '../server/protocol.js';
import { newNonce, resultsPage } from '../client/page.js';
import { analyse } from './analysis.js';
import { EXIT } from './exit-codes.js';
import { packageRoot } from './package-root.js';
import { UsageError } from './usage-error.js';

export async function runReport(files: readonly string[], options: { output?: string; workspace?: string }): Promise<number> {
  if (files.length !== 1 || !options.output) throw new UsageError('name one .nsc file and the page to write: nsc report FILE -o report.html');
  const [file] = files;
  const { scenarios } = await analyse(files, options.workspace);
  if (scenarios === undefined) return EXIT.inputError;
  const [scenario] = scenarios;

  const results = await solveForReport(scenario, pathToFileURL(resolve(file)).href);

  const page = resultsPage({
    title: `NetScenario report: ${basename(file)}`,
    nonce: newNonce(),
    script: { text: readFileSync(join(packageRoot(), 'dist', 'webview.js'), 'utf8') },
    style: { text: readFileSync(join(packageRoot(), 'dist', 'webview.css'), 'utf8') },
    results,
  });
  try {
    writeFileSync(options.output, page);
  } catch (error) {
    process.stderr.write(`nsc report: cannot write ${options.output}: ${(error as Error).message}\n`);
    return EXIT.inputError;
  }
  const infeasible = [...results.placements, ...results.switches, ...results.services].some((outcome) => outcome.result.status !== 'feasible');
  return infeasible ? EXIT.infeasible : EXIT.ok;
}

/** Everything the file declares, solved as the language server would (studies included). */
export async function solveForReport(scenario: LoweredScenario, uri: string): Promise<ScenarioResults> {
  const started = performance.now();
  const outcome = await solveScenarioWithDetails(scenarioInput(scenario));
  return { uri, version: 0, status: 'solved', seconds: (performance.now() - started) / 1000, ...outcome };
}
