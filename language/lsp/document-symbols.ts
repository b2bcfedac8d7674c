/**
 * The outline: Langium's nesting by containment (topology > nodes, switch > workers, modules,
 * tasks, flows; placement, curve, study at top level) with our symbol kinds and one-line details.
 */
import { DefaultDocumentSymbolProvider } from 'langium/lsp';
import type { AstNode, CstNode, LangiumDocument } from 'langium';
import type { DocumentSymbol } from 'vscode-languageserver';
import { declarationKind, describeDeclaration } from './declarations.js';

export class NetScenarioDocumentSymbolProvider extends DefaultDocumentSymbolProvider {
  protected override createSymbol(document: LangiumDocument, astNode: AstNode, cstNode: CstNode, nameNode: CstNode, computedName?: string): DocumentSymbol {
    const symbol = super.createSymbol(document, astNode, cstNode, nameNode, computedName);
    return { ...symbol, kind: declarationKind(astNode)?.symbol ?? symbol.kind, detail: describeDeclaration(astNode) };
  }
}
