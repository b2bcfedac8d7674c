/**
 * Inlay hints from the current results: the chosen weight after each task, `≈ delay / SLO` after
 * each delay SLO (a flow's or a service's end-to-end one), the rate after each rate SLO, the round
 * time on a placement, and each topology node's role. Setting: `netscenario.inlayHints.enabled`.
 */
import { GrammarUtils, type LangiumDocument } from 'langium';
import { InlayHintKind, type InlayHint, type InlayHintParams, type Position } from 'vscode-languageserver';
import type { InlayHintProvider } from 'langium/lsp';
import { formatQuantity } from '../../engine/units.js';
import * as ast from '../generated/ast.js';
import type { NetScenarioServices } from '../netscenario-module.js';
import { readSettings } from '../settings.js';
import { firstOf, switchMembers, topologyNodes } from '../syntax.js';
import type { ScenarioResults } from './model.js';
import { nodeRoles } from './roles.js';
import type { ResultStore } from './store.js';

const time = (s: number | null) => formatQuantity(s, 'time');

export class ResultInlayHintProvider implements InlayHintProvider {
  private readonly store: ResultStore;

  constructor(private readonly services: NetScenarioServices) {
    this.store = services.results.Store;
  }

  async getInlayHints(document: LangiumDocument, _params: InlayHintParams): Promise<InlayHint[] | undefined> {
    if (!(await readSettings(this.services.shared.workspace.ConfigurationProvider)).inlayHints) return [];
    const hints: InlayHint[] = [];
    const hint = (position: Position | undefined, label: string, tooltip?: string) => {
      if (position) hints.push({ position, label, kind: InlayHintKind.Parameter, paddingLeft: true, tooltip });
    };
    const results = this.store.current(document);
    const scenario = document.parseResult.value as ast.Scenario;
    for (const declaration of scenario.declarations) {
      if (results && ast.isSwitch(declaration)) switchHints(declaration, results, hint);
      if (results && ast.isPlacement(declaration)) placementHint(declaration, results, hint);
      if (results && ast.isService(declaration)) serviceHints(declaration, results, hint);
      // Node roles may come from placements in other files: use every current result.
      if (ast.isExplicitTopology(declaration)) topologyHints(declaration, this.store.allCurrent(this.services.shared.workspace.LangiumDocuments), hint);
    }
    return hints;
  }
}

type Hint = (position: Position | undefined, label: string, tooltip?: string) => void;
const end = (node: { $cstNode?: { range: { end: Position } } } | undefined) => node?.$cstNode?.range.end;

function switchHints(sw: ast.Switch, results: ScenarioResults, hint: Hint): void {
  const outcome = results.switches.find((s) => s.name === sw.name);
  if (!outcome) return;
  const { result } = outcome;
  for (const task of switchMembers(sw, 'Task')) {
    const weight = result.weights[task.name];
    if (weight === undefined) continue;
    const label = result.weightsSource === 'fixed' ? `w = ${+weight.toFixed(3)}` : `w ≈ ${weight.toFixed(2)}`;
    hint(end(task), label, result.weightsSource === 'fixed' ? 'fixed weight, as written' : 'weight chosen by the solver (max common slack)');
  }
  for (const flow of switchMembers(sw, 'Flow')) {
    const r = result.flows.find((f) => f.name === flow.name);
    if (!r) continue;
    if (flow.delaySlo) hint(end(flow.delaySlo), `≈ ${time(r.delay)} / ${time(r.delaySlo)}`, 'estimated delay / delay SLO');
    if (flow.rateSlo) hint(end(flow.rateSlo), `≈ ${formatQuantity(r.rate, 'rate')}`, 'rate at these weights');
  }
}

function serviceHints(service: ast.Service, results: ScenarioResults, hint: Hint): void {
  const r = results.services.find((s) => s.name === service.name)?.result;
  if (!r) return;
  const delay = firstOf(service.clauses, 'ServiceDelaySlo');
  const rate = firstOf(service.clauses, 'ServiceRateSlo');
  if (delay) hint(end(delay), `≈ ${time(r.delay)} / ${time(r.delaySlo)}`, `end-to-end delay (${time(r.propagation)} on the links) / delay SLO`);
  if (rate) hint(end(rate), `≈ ${formatQuantity(r.rate, 'rate')}`, 'end-to-end rate: the smallest hop rate at these weights');
}

function placementHint(placement: ast.Placement, results: ScenarioResults, hint: Hint): void {
  const outcome = results.placements.find((p) => p.name === placement.name);
  if (!outcome || outcome.result.status !== 'feasible') return;
  const { maxRoundTime, roundLimit } = outcome.result;
  hint(GrammarUtils.findNodeForProperty(placement.$cstNode, 'name')?.range.end, `≈ ${time(maxRoundTime)} / ${time(roundLimit)}`, 'slowest round / T/R');
}

function topologyHints(topology: ast.ExplicitTopology, results: Iterable<ScenarioResults>, hint: Hint): void {
  const all = [...results];
  // With several placements on one topology, each role says which placement it belongs to.
  const placementsHere = all.flatMap((s) => s.placements).filter((p) => p.topology.name === topology.name).length;
  for (const node of topologyNodes(topology)) {
    const roles = nodeRoles(all, topology.name, node.name);
    if (roles.length > 0) hint(end(node), roles.map((r) => (placementsHere > 1 ? `${r.role} (${r.placement})` : r.role)).join('; '));
  }
}
