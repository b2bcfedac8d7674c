/**
 * Quick fixes from result diagnostics (each checked by the engines before it was offered), the
 * unit suggestion of validation, and "apply the chosen weights" on a feasible switch. Every edit
 * replaces or inserts only the text it must: the rest of the file stays byte-identical.
 */
import { GrammarUtils, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type Range, type TextEdit } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import type { NetScenarioServices } from '../netscenario-module.js';
import { switchMembers } from '../syntax.js';
import { APPLY_WEIGHTS_KIND } from './commands.js';
import { isResultDiagnosticData, type ResultFix } from './fixes.js';
import { declarationNamed, quantityAt, taskNamed } from './locate.js';
import type { ResultStore } from './store.js';

export class ResultCodeActionProvider implements CodeActionProvider {
  private readonly store: ResultStore;

  constructor(services: NetScenarioServices) {
    this.store = services.results.Store;
  }

  getCodeActions(document: LangiumDocument, params: CodeActionParams): Array<Command | CodeAction> {
    const actions: CodeAction[] = [];
    const uri = document.uri.toString();
    const action = (title: string, edits: TextEdit[] | undefined, kind: string, diagnostic?: Diagnostic): void => {
      if (edits && edits.length > 0) actions.push({ title, kind, diagnostics: diagnostic && [diagnostic], edit: { changes: { [uri]: edits } } });
    };
    for (const diagnostic of params.context.diagnostics) {
      const data: unknown = diagnostic.data;
      if (isResultDiagnosticData(data) && data.version === document.textDocument.version) {
        for (const fix of data.fixes) action(fix.title, editsFor(document, fix), CodeActionKind.QuickFix, diagnostic);
      } else if (isUnitSuggestion(data)) {
        action(`Change the unit to '${data.suggestion}'`, [{ range: diagnostic.range, newText: data.suggestion }], CodeActionKind.QuickFix, diagnostic);
      }
    }
    if (actions[0]) actions[0].isPreferred = true;
    const wanted = params.context.only;
    if (!wanted || wanted.some((kind) => APPLY_WEIGHTS_KIND.startsWith(kind))) {
      for (const fix of this.applicableWeightFixes(document, params.range)) action(fix.title, editsFor(document, fix), APPLY_WEIGHTS_KIND);
    }
    return actions;
  }

  /** "Apply the chosen weights" for each feasible switch with optimised weights that overlaps `range`. */
  private applicableWeightFixes(document: LangiumDocument, range: Range): ResultFix[] {
    const results = this.store.current(document);
    if (!results) return [];
    return results.switches.flatMap((outcome): ResultFix[] => {
      const sw = declarationNamed(document, ast.isSwitch, outcome.name);
      const cst = sw?.$cstNode;
      if (!cst || !outcome.applicableWeights || outcome.result.weightsSource !== 'optimal' || !overlaps(cst.range, range)) return [];
      return [{ kind: 'apply-weights', title: `Apply the chosen weights of '${outcome.name}' as fixed weights`, switch: outcome.name, weights: outcome.applicableWeights }];
    });
  }
}

function isUnitSuggestion(data: unknown): data is { code: 'unknown-unit'; suggestion: string } {
  return typeof data === 'object' && data !== null && (data as { code?: string }).code === 'unknown-unit';
}

const overlaps = (a: Range, b: Range) =>
  !(
    a.end.line < b.start.line ||
    (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line ||
    (b.end.line === a.start.line && b.end.character < a.start.character)
  );

/** A number as the language writes it, with its unit (`%` sticks to the number). */
export function writeQuantity(value: number, unit?: string): string {
  return unit === undefined ? String(value) : unit === '%' ? `${value}%` : `${value} ${unit}`;
}

export function editsFor(document: LangiumDocument, fix: ResultFix): TextEdit[] | undefined {
  switch (fix.kind) {
    case 'set-quantity': {
      const range = quantityAt(document, fix.target)?.$cstNode?.range;
      return range && [{ range, newText: writeQuantity(fix.value, fix.unit) }];
    }
    case 'apply-weights': {
      const sw = declarationNamed(document, ast.isSwitch, fix.switch);
      return sw && switchMembers(sw, 'Task').flatMap((task) => weightEdit(task, fix.weights[task.name]));
    }
    case 'move-task': {
      const sw = declarationNamed(document, ast.isSwitch, fix.switch);
      const task = sw && taskNamed(sw, fix.task);
      const worker = task && GrammarUtils.findNodeForProperty(task.$cstNode, 'worker');
      if (!task || !worker) return undefined;
      const edits: TextEdit[] = [{ range: worker.range, newText: fix.toWorker }];
      // A fixed weight belongs to the old worker's shares: drop " weight X" along with the move.
      const weight = task.weight?.$cstNode;
      if (weight) edits.push({ range: { start: worker.range.end, end: weight.range.end }, newText: '' });
      return edits;
    }
  }
}

function weightEdit(task: ast.Task, weight: number | undefined): TextEdit[] {
  if (weight === undefined) return [];
  const written = task.weight?.$cstNode;
  if (written) return [{ range: written.range, newText: String(weight) }];
  const worker = GrammarUtils.findNodeForProperty(task.$cstNode, 'worker');
  return worker ? [{ range: { start: worker.range.end, end: worker.range.end }, newText: ` weight ${weight}` }] : [];
}
