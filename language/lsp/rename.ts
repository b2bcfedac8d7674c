/**
 * Rename: Langium's provider over QualifiedReferences (so only the renamed part of `Metro.agg1`
 * changes), refusing new names that would not parse back as the same declaration.
 */
import { DefaultRenameProvider, type LangiumServices } from 'langium/lsp';
import type { LangiumDocument } from 'langium';
import { ErrorCodes, ResponseError, type CancellationToken, type RenameParams, type WorkspaceEdit } from 'vscode-languageserver';
import { NameSyntax } from './name-syntax.js';

export class NetScenarioRenameProvider extends DefaultRenameProvider {
  private readonly names: NameSyntax;

  constructor(services: LangiumServices) {
    super(services);
    this.names = new NameSyntax(services.Grammar);
  }

  override async rename(document: LangiumDocument, params: RenameParams, cancelToken?: CancellationToken): Promise<WorkspaceEdit | undefined> {
    const problem = this.names.problemWith(params.newName);
    // A ResponseError reaches the client as is, so the editor shows this message to the user.
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, problem);
    return super.rename(document, params, cancelToken);
  }
}
