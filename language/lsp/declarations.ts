/**
 * How each kind of declaration shows up in the editor: its outline symbol, completion item and
 * semantic token type, and a one-line summary (the `detail` of outline entries and completions).
 * One table, so the outline, completion and highlighting always agree.
 */
import { CompletionItemKind, SemanticTokenTypes, SymbolKind } from 'vscode-languageserver';
import type { AstNode } from 'langium';
import * as ast from '../generated/ast.js';
import { firstOf, placementTopology, topologyLinks, topologyNodes } from '../syntax.js';

type Declared =
  ast.ExplicitTopology | ast.MandalaTopology | ast.TopologyNode | ast.Curve | ast.Placement | ast.Switch | ast.Worker | ast.Module | ast.Task | ast.Flow | ast.Service | ast.Study;

interface DeclarationKind {
  /** What a user calls it in a message. */
  readonly noun: string;
  readonly symbol: SymbolKind;
  readonly completion: CompletionItemKind;
  readonly token: SemanticTokenTypes;
}

// Topologies qualify their nodes' names (`Metro.agg1`), hence namespace; a curve maps k to a time,
// hence function; the blocks the solver answers for are classes; their parts are members.
const KINDS: Readonly<Record<Declared['$type'], DeclarationKind>> = {
  ExplicitTopology: { noun: 'topology', symbol: SymbolKind.Namespace, completion: CompletionItemKind.Module, token: SemanticTokenTypes.namespace },
  MandalaTopology: { noun: 'topology', symbol: SymbolKind.Namespace, completion: CompletionItemKind.Module, token: SemanticTokenTypes.namespace },
  TopologyNode: { noun: 'node', symbol: SymbolKind.Field, completion: CompletionItemKind.Field, token: SemanticTokenTypes.property },
  Curve: { noun: 'curve', symbol: SymbolKind.Function, completion: CompletionItemKind.Function, token: SemanticTokenTypes.function },
  Placement: { noun: 'placement', symbol: SymbolKind.Class, completion: CompletionItemKind.Class, token: SemanticTokenTypes.class },
  Switch: { noun: 'switch', symbol: SymbolKind.Class, completion: CompletionItemKind.Class, token: SemanticTokenTypes.class },
  Service: { noun: 'service', symbol: SymbolKind.Class, completion: CompletionItemKind.Class, token: SemanticTokenTypes.class },
  Study: { noun: 'study', symbol: SymbolKind.Class, completion: CompletionItemKind.Class, token: SemanticTokenTypes.class },
  Worker: { noun: 'worker', symbol: SymbolKind.Variable, completion: CompletionItemKind.Variable, token: SemanticTokenTypes.variable },
  Module: { noun: 'module', symbol: SymbolKind.Method, completion: CompletionItemKind.Method, token: SemanticTokenTypes.method },
  Task: { noun: 'task', symbol: SymbolKind.Object, completion: CompletionItemKind.Struct, token: SemanticTokenTypes.struct },
  Flow: { noun: 'flow', symbol: SymbolKind.Event, completion: CompletionItemKind.Event, token: SemanticTokenTypes.event },
};

export function declarationKind(node: AstNode): DeclarationKind | undefined {
  return (KINDS as Record<string, DeclarationKind | undefined>)[node.$type];
}

const written = (node: AstNode | undefined) => node?.$cstNode?.text.replace(/\s+/g, ' ');
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const joined = (...parts: (string | false | undefined)[]) => parts.filter(Boolean).join(', ');

/** A one-line summary of a declaration as written, e.g. "aggregation node of Metro, accelerator". */
export function describeDeclaration(node: AstNode): string | undefined {
  if (!declarationKind(node)) return undefined;
  const declared = node as Declared;
  switch (declared.$type) {
    case 'ExplicitTopology':
      return joined('topology', count(topologyNodes(declared).length, 'node'), count(topologyLinks(declared).length, 'link'));
    case 'MandalaTopology':
      return joined(
        'generated Mandala topology',
        written(firstOf(declared.settings, 'MandalaAccess')?.count) && `${written(firstOf(declared.settings, 'MandalaAccess')?.count)} access nodes`,
      );
    case 'TopologyNode':
      return joined(`${declared.tier ? `${declared.tier} ` : ''}node of ${declared.$container.name}`, declared.accelerator && 'accelerator');
    case 'Curve':
      return joined('curve', count(declared.points.length, 'point'));
    case 'Placement':
      return joined('placement', placementTopology(declared)?.name && `on ${placementTopology(declared)?.name}`);
    case 'Switch':
      return joined('switch', declared.location && `at ${declared.location.$refText}`);
    case 'Worker':
      return joined('worker', written(declared.speed));
    case 'Module':
      return joined('module', written(declared.cost) && `cost ${written(declared.cost)}`);
    case 'Task':
      return joined(`task on ${declared.worker?.$refText ?? '?'}`, count(declared.modules.length, 'module'), written(declared.weight) && `weight ${written(declared.weight)}`);
    case 'Flow':
      return joined('flow', written(declared.offered) && `offered ${written(declared.offered)}`, written(declared.rateSlo), written(declared.delaySlo));
    case 'Service': {
      const ends = firstOf(declared.clauses, 'ServiceEnds');
      const via = firstOf(declared.clauses, 'ServiceVia');
      return joined('service', ends && `from ${ends.source?.$refText} to ${ends.target?.$refText}`, via && `via ${via.hops.map((hop) => hop.$refText).join(', ')}`);
    }
    case 'Study':
      return joined('study', firstOf(declared.clauses, 'StudyPlacement')?.placement.$refText && `of ${firstOf(declared.clauses, 'StudyPlacement')?.placement.$refText}`);
  }
}
