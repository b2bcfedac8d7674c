/** A one-line verdict above each placement, switch and study, and "Show charts". */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Command, Range } from 'vscode-languageserver';
import { atLeast, formatQuantity } from '../../engine/units.js';
import * as ast from '../generated/ast.js';
import type { NetScenarioServices } from '../netscenario-module.js';
import type { PlacementOutcome, ScenarioResults, StudyOutcome, SwitchOutcome } from './model.js';
import type { ClientSupport } from '../lsp/client-support.js';
import { CLIENT_COMMANDS, SERVER_COMMANDS } from './commands.js';
import type { ResultStore } from './store.js';

export class ResultCodeLensProvider implements CodeLensProvider {
  private readonly store: ResultStore;
  private readonly client: ClientSupport;

  constructor(services: NetScenarioServices) {
    this.store = services.results.Store;
    this.client = services.client.Support;
  }

  provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
    const uri = document.uri.toString();
    const results = this.store.current(document);
    const lenses: CodeLens[] = [];
    for (const declaration of (document.parseResult.value as ast.Scenario).declarations) {
      if (!ast.isPlacement(declaration) && !ast.isSwitch(declaration) && !ast.isStudy(declaration)) continue;
      const range = declaration.$cstNode && lineStart(declaration.$cstNode.range);
      if (range) lenses.push(...this.commandsFor(declaration, uri, results).map((command) => ({ range, command })));
    }
    return lenses;
  }

  private commandsFor(declaration: ast.Placement | ast.Switch | ast.Study, uri: string, results: ScenarioResults | undefined): Command[] {
    const solve = (title: string): Command => ({ title, command: SERVER_COMMANDS.solve, arguments: [uri] });
    if (results?.status === 'not-solved') {
      const title = results.message ?? 'not solved: the file has errors';
      return [results.location ? { title, command: SERVER_COMMANDS.reveal, arguments: [results.location.uri, results.location.range] } : solve(title)];
    }
    const verdict = results && verdictOf(declaration, results);
    if (!verdict) return [solve('not solved yet: save, or click to solve')];
    // Charts need the VS Code client; elsewhere the verdict re-solves on click.
    if (!this.client.clientCommands) return [solve(verdict)];
    const showResults = (title: string): Command => ({ title, command: CLIENT_COMMANDS.showResults, arguments: [uri, declaration.name] });
    return [showResults(verdict), showResults('Show charts')];
  }
}

const lineStart = (range: Range): Range => ({ start: range.start, end: range.start });

function verdictOf(declaration: ast.Placement | ast.Switch | ast.Study, results: ScenarioResults): string | undefined {
  if (results.status !== 'solved') return results.status === 'timeout' ? 'solver time limit reached' : 'solve failed';
  if (ast.isPlacement(declaration)) return placementVerdict(results.placements.find((p) => p.name === declaration.name));
  if (ast.isSwitch(declaration)) return switchVerdict(results.switches.find((s) => s.name === declaration.name));
  return studyVerdict(results.studies.find((s) => s.name === declaration.name));
}

function placementVerdict(outcome: PlacementOutcome | undefined): string | undefined {
  if (!outcome) return undefined;
  const r = outcome.result;
  if (r.status === 'timeout') return 'timeout: no placement proven within the time limit';
  if (r.status === 'infeasible') return `infeasible: needs target ≥ ${atLeast(r.relaxations.minTarget, 'time')}`;
  return `feasible · ${r.aifs.length} AIFs · server ${r.server} · ${r.accelerated.length} accelerated · round ${formatQuantity(r.maxRoundTime, 'time')} / ${formatQuantity(r.roundLimit, 'time')}`;
}

function switchVerdict(outcome: SwitchOutcome | undefined): string | undefined {
  if (!outcome) return undefined;
  const r = outcome.result;
  if (r.status === 'feasible') return `feasible · ${r.weightsSource} weights${r.slack === null ? '' : ` · slack ${(r.slack * 100).toFixed(1)}%`}`;
  const failing = r.flows.flatMap((f) => [...(f.meetsDelay ? [] : [`delay of ${f.name}`]), ...(f.meetsRate ? [] : [`rate of ${f.name}`])]);
  return `infeasible: ${failing.join(', ')}`;
}

function studyVerdict(outcome: StudyOutcome | undefined): string | undefined {
  if (!outcome) return undefined;
  const cells = outcome.result.cells;
  const feasible = cells.filter((c) => c.feasible > 0).length;
  return `${cells.length} cells × ${outcome.result.instances} instances · ${feasible} cells with a feasible instance`;
}
