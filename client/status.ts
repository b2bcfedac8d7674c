/**
 * The status bar item: the verdict of the active scenario, a spinner while it is solved. Also the
 * `netscenario.solving` context key, which offers Cancel Solve in the command palette only then.
 */
import * as vscode from 'vscode';
import type { ScenarioResults } from '../server/protocol.js';
import { COMMANDS } from '../server/protocol.js';
import { SOLVING_CONTEXT } from './contributions.js';

export class VerdictStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('netscenario.verdict', vscode.StatusBarAlignment.Left, 50);
  private readonly results = new Map<string, ScenarioResults>();
  private readonly solving = new Set<string>();
  /** The value last given to the context key (undefined: not set yet). */
  private activeSolving: boolean | undefined;

  constructor() {
    this.item.name = 'NetScenario verdict';
    this.item.command = COMMANDS.showResults;
  }

  setResults(results: ScenarioResults): void {
    this.results.set(results.uri, results);
    this.refresh();
  }

  setSolving(uri: string, solving: boolean): void {
    if (solving) this.solving.add(uri);
    else this.solving.delete(uri);
    this.refresh();
  }

  refresh(): void {
    const document = vscode.window.activeTextEditor?.document;
    const uri = document?.languageId === 'netscenario' ? document.uri.toString() : undefined;
    this.setActiveSolving(uri !== undefined && this.solving.has(uri));
    if (uri === undefined) {
      this.item.hide();
      return;
    }
    const { text, tooltip } = this.solving.has(uri)
      ? { text: '$(sync~spin) NetScenario: solving…', tooltip: 'Solving; NetScenario: Cancel Solve stops it' }
      : describe(this.results.get(uri));
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }

  private setActiveSolving(solving: boolean): void {
    if (solving === this.activeSolving) return;
    this.activeSolving = solving;
    void vscode.commands.executeCommand('setContext', SOLVING_CONTEXT, solving);
  }
}

export function describe(results: ScenarioResults | undefined): { text: string; tooltip: string } {
  if (!results) return { text: '$(circle-outline) NetScenario: not solved', tooltip: 'Save the file (or run NetScenario: Solve Now) to solve it' };
  if (results.status === 'not-solved') return { text: `$(error) NetScenario: ${results.message ?? 'not solved'}`, tooltip: 'Fix the errors (Problems panel) and save to solve' };
  if (results.status !== 'solved') return { text: `$(warning) NetScenario: ${results.status}`, tooltip: results.message ?? '' };
  const failing = [
    ...results.placements.filter((p) => p.result.status !== 'feasible').map((p) => `placement ${p.name}`),
    ...results.switches.filter((s) => s.result.status !== 'feasible').map((s) => `switch ${s.name}`),
    ...results.services.filter((s) => s.result.status !== 'feasible').map((s) => `service ${s.name}`),
  ];
  const total = results.placements.length + results.switches.length + results.services.length;
  if (total === 0) return { text: '$(info) NetScenario: nothing to solve', tooltip: 'No placement, switch or service in this file' };
  return failing.length === 0
    ? { text: `$(check) NetScenario: feasible`, tooltip: `All ${total} placements, switches and services are feasible (version ${results.version}); click for charts` }
    : { text: `$(error) NetScenario: ${failing.length} infeasible`, tooltip: `Infeasible: ${failing.join(', ')}; click for charts` };
}
