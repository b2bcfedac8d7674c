/** A one-line verdict above each placement, switch and study, and "Show charts". */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens, CodeLensParams, Range } from 'vscode-languageserver';
import { formatQuantity } from '../../engine/units.js';
import * as ast from '../generated/ast.js';
import type { NetScenarioServices } from '../netscenario-module.js';
import type { PlacementOutcome, ScenarioResults, StudyOutcome, SwitchOutcome } from './model.js';
import { LENS_COMMANDS } from './commands.js';
import type { ResultStore } from './store.js';

export class ResultCodeLensProvider implements CodeLensProvider {
  private readonly store: ResultStore;

  constructor(services: NetScenarioServices) {
    this.store = services.results.Store;
  }

  provideCodeLens(document: LangiumDocument, _params: CodeLensParams): CodeLens[] {
    const uri = document.uri.toString();
    const results = this.store.current(document);
    const lenses: CodeLens[] = [];
    for (const declaration of (document.parseResult.value as ast.Scenario).declarations) {
      if (!ast.isPlacement(declaration) && !ast.isSwitch(declaration) && !ast.isStudy(declaration)) continue;
      const range = declaration.$cstNode && lineStart(declaration.$cstNode.range);
      if (!range) continue;
      const verdict = results && verdictOf(declaration, results);
      if (!verdict) {
        lenses.push({ range, command: { title: 'not solved yet: save, or click to solve', command: LENS_COMMANDS.solve, arguments: [uri] } });
        continue;
      }
      lenses.push({ range, command: { title: verdict, command: LENS_COMMANDS.showResults, arguments: [uri, declaration.name] } });
      lenses.push({ range, command: { title: 'Show charts', command: LENS_COMMANDS.showResults, arguments: [uri, declaration.name] } });
    }
    return lenses;
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
  if (r.status === 'infeasible') return `infeasible: needs target ≥ ${formatQuantity(r.relaxations.minTarget, 'time')}`;
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
