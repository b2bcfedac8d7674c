/**
 * Semantic highlighting: declarations (with the `declaration` modifier) and references by the kind
 * of what they name (declarations.ts), each part of `Metro.agg1` on its own; units as `type`, a
 * token type nothing else uses; numbers; file names in quotes; word keywords; the operators `->`,
 * `--`, `>=`, `<=`, `/`.
 * Punctuation and comments are left to the TextMate grammar.
 */
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { AstUtils, CstUtils, GrammarAST, GrammarUtils, type AstNode, type LeafCstNode } from 'langium';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { isQuantity, type NetScenarioTerminalNames } from '../generated/ast.js';
import { declarationKind } from './declarations.js';
import { segmentTargets } from './qualified-names.js';

const NUMBER: NetScenarioTerminalNames = 'NUMBER';
const STRING: NetScenarioTerminalNames = 'STRING';
const OPERATORS = new Set(['->', '--', '>=', '<=', '/']);

export class NetScenarioSemanticTokenProvider extends AbstractSemanticTokenProvider {
  protected override highlightElement(node: AstNode, accept: SemanticTokenAcceptor): void {
    for (const { reference } of AstUtils.streamReferences(node)) {
      for (const { segment, target } of segmentTargets(reference)) {
        const kind = declarationKind(target);
        if (kind) accept({ cst: segment, type: kind.token });
      }
    }
    if (!node.$cstNode) return;
    for (const token of CstUtils.flattenCst(node.$cstNode)) {
      if (token.hidden || token.astNode !== node) continue;
      const assignment = GrammarUtils.findAssignment(token);
      if (assignment && GrammarAST.isCrossReference(assignment.terminal)) continue; // highlighted above
      const type = tokenType(node, token, assignment?.feature);
      if (!type) continue;
      const modifier = assignment?.feature === 'name' ? SemanticTokenModifiers.declaration : undefined;
      accept({ cst: token, type, modifier });
    }
  }
}

function tokenType(node: AstNode, token: LeafCstNode, feature: string | undefined): string | undefined {
  const keyword = GrammarAST.isKeyword(token.grammarSource);
  if (feature === 'name') return declarationKind(node)?.token;
  if (isQuantity(node) && feature === 'unit') return SemanticTokenTypes.type;
  if (token.tokenType.name === NUMBER) return SemanticTokenTypes.number;
  if (token.tokenType.name === STRING) return SemanticTokenTypes.string;
  if (keyword && OPERATORS.has(token.text)) return SemanticTokenTypes.operator;
  if (keyword && /\p{L}/u.test(token.text)) return SemanticTokenTypes.keyword;
  return undefined;
}
