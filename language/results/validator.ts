/** Validation plus the diagnostics of the current solve results, published together by Langium. */
import { DefaultDocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import type { CancellationToken } from 'vscode-languageserver';
import type { NetScenarioServices } from '../netscenario-module.js';
import { resultDiagnostics } from './diagnostics.js';
import type { ResultStore } from './store.js';

export class NetScenarioDocumentValidator extends DefaultDocumentValidator {
  private readonly store: ResultStore;

  constructor(services: NetScenarioServices) {
    super(services);
    this.store = services.results.Store;
  }

  override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
    const diagnostics = await super.validateDocument(document, options, cancelToken);
    const results = this.store.current(document);
    return results ? [...diagnostics, ...resultDiagnostics(document, results)] : diagnostics;
  }
}
