/** A one-line verdict above each placement, switch, service and study, and "Show charts". */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Command, Range } from 'vscode-languageserver';
import { atLeast, formatQuantity } from '../../engine/units.js';
import * as ast from '../generated/ast.js';
import type { NetScenarioServices } from '../netscenario-module.js';
import type { PlacementOutcome, ScenarioResults, ServiceOutcome, StudyOutcome, SwitchOutcome } from './model.js';
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
      if (!isSolved(declaration)) continue;
      const range = declaration.$cstNode && lineStart(declaration.$cstNode.range);
      if (range) lenses.push(...this.commandsFor(declaration, uri, results).map((command) => ({ range, command })));
    }
    return lenses;
  }

  private commandsFor(declaration: SolvedDeclaration, uri: string, results: ScenarioResults | undefined): Command[] {
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

/** The declarations the solvers answer for. */
type SolvedDeclaration = ast.Placement | ast.Switch | ast.Service | ast.Study;
const isSolved = (d: ast.Declaration): d is SolvedDeclaration => ast.isPlacement(d) || ast.isSwitch(d) || ast.isService(d) || ast.isStudy(d);

function verdictOf(declaration: SolvedDeclaration, results: ScenarioResults): string | undefined {
  if (results.status !== 'solved') return results.status === 'timeout' ? 'solver time limit reached' : 'solve failed';
  if (ast.isPlacement(declaration)) return placementVerdict(results.placements.find((p) => p.name === declaration.name));
  if (ast.isSwitch(declaration)) return switchVerdict(results.switches.find((s) => s.name === declaration.name));
  if (ast.isService(declaration)) return serviceVerdict(results.services.find((s) => s.name === declaration.name));
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
  const joint = r.services.length > 0 ? ` with ${r.services.join(', ')}` : '';
  if (r.status === 'feasible') return `feasible · ${r.weightsSource} weights${joint}${r.slack === null ? '' : ` · slack ${(r.slack * 100).toFixed(1)}%`}`;
  const failing = r.flows.flatMap((f) => [...(f.meetsDelay ? [] : [`delay of ${f.name}`]), ...(f.meetsRate ? [] : [`rate of ${f.name}`])]);
  return `infeasible: ${failing.join(', ')}`;
}

function serviceVerdict(outcome: ServiceOutcome | undefined): string | undefined {
  if (!outcome) return undefined;
  const r = outcome.result;
  const delay = `${formatQuantity(r.delay, 'time')}${r.delaySlo === null ? '' : ` / ${formatQuantity(r.delaySlo, 'time')}`}`;
  if (r.status === 'infeasible') {
    const failing = [...(r.meetsDelay ? [] : ['end-to-end delay']), ...(r.meetsRate ? [] : ['end-to-end rate'])];
    return `infeasible: ${failing.join(', ')} · ${delay} (best ${atLeast(r.achievableDelay, 'time')})`;
  }
  const slack = r.optimum.slack === null ? '' : ` · joint slack ${(r.optimum.slack * 100).toFixed(1)}%`;
  return `feasible · ${delay} end to end${slack}`;
}

function studyVerdict(outcome: StudyOutcome | undefined): string | undefined {
  if (!outcome) return undefined;
  const cells = outcome.result.cells;
  const feasible = cells.filter((c) => c.feasible > 0).length;
  return `${cells.length} cells × ${outcome.result.instances} instances · ${feasible} cells with a feasible instance`;
}
