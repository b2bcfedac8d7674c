/**
 * Rename: Langium's provider over QualifiedReferences (so only the renamed part of `Metro.agg1`
 * changes), refusing new names that would not parse back as the same declaration or that validation
 * would reject as duplicates (members of one kind within their container, declarations across the workspace).
 */
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import { AstUtils, CstUtils, isNamed, type AstNode, type IndexManager, type LangiumDocument } from 'langium';
import { ErrorCodes, ResponseError, type CancellationToken, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import { isScenario } from '../generated/ast.js';
import { declarationKind } from './declarations.js';
import { NameSyntax } from './name-syntax.js';

export class NetScenarioRenameProvider extends DefaultRenameProvider {
  private readonly names: NameSyntax;
  private readonly index: IndexManager;

  constructor(services: LangiumServices) {
    super(services);
    this.names = new NameSyntax(services.Grammar);
    this.index = services.shared.workspace.IndexManager;
  }

  override async rename(document: LangiumDocument, params: RenameParams, cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined> {
    const target = this.declarationAt(document, params);
    const problem = this.names.problemWith(params.newName) ?? (target && this.clashOf(target, params.newName));
    // A ResponseError reaches the client as is, so the editor shows this message to the user.
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
    return super.rename(document, params, cancelToken);
  }

  /** The declaration a rename at the position renames, found as Langium's rename finds it. */
  private declarationAt(document: LangiumDocument, params: RenameParams): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    const leaf = CstUtils.findDeclarationNodeAtOffset(root, document.textDocument.offsetAt(params.position), this.grammarConfig.nameRegexp);
    return leaf && this.references.findDeclarations(leaf)[0];
  }

  private clashOf(target: AstNode, newName: string): string | undefined {
    if (!isNamed(target) || target.name === newName) return undefined;
    const container = target.$container;
    if (isScenario(container)) {
      const other = this.index.allElements().find((description) => description.name === newName);
      return (
        other && `'${newName}' is already declared in ${other.documentUri.path.slice(other.documentUri.path.lastIndexOf('/') + 1)}; names must be unique across the workspace.`
      );
    }
    const sibling = container && AstUtils.streamContents(container).find((node) => node.$type === target.$type && isNamed(node) && node.name === newName);
    const noun = declarationKind(target)?.noun ?? 'declaration';
    return sibling && `'${newName}' is already the name of a ${noun} in ${isNamed(container) ? container.name : 'this block'}.`;
  }
}
