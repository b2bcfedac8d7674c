/** Langium dependency injection: the language services of NetScenario. */
import './polyfills.js';
import { inject, type Module } from 'langium';
import {
  createDefaultModule,
  createDefaultSharedModule,
  type DefaultSharedModuleContext,
  type LangiumServices,
  type LangiumSharedServices,
  type PartialLangiumServices,
  type PartialLangiumSharedServices,
} from 'langium/lsp';
import { NetScenarioGeneratedModule, NetScenarioGeneratedSharedModule } from './generated/module.js';
import { NetScenarioDocumentBuilder } from './workspace-builder.js';
import { NetScenarioTokenBuilder } from './tokens.js';
import { NetScenarioLexerErrorMessages, NetScenarioParserErrorMessages } from './syntax-errors.js';
import { NetScenarioScopeComputation, NetScenarioScopeProvider } from './scope.js';
import { NetScenarioLinker } from './linker.js';
import { registerValidationChecks } from './validation/validator.js';
import { ResultStore } from './results/store.js';
import { SaveAwareDocumentUpdateHandler } from './save-events.js';
import { NetScenarioDocumentValidator } from './results/validator.js';
import { ResultCodeActionProvider } from './results/code-actions.js';
import { ResultCodeLensProvider } from './results/code-lens.js';
import { ResultHoverProvider } from './results/hover.js';
import { ResultInlayHintProvider } from './results/inlay-hints.js';
import { EditorFeaturesModule } from './lsp/editor-features.js';
import { ClientSupport } from './lsp/client-support.js';
import { TraceFiles } from './trace-files.js';

export interface NetScenarioAddedServices {
  results: { Store: ResultStore };
  client: { Support: ClientSupport };
  /** The trace files of `traffic from` clauses, read before validation (trace-files.ts). */
  traffic: { TraceFiles: TraceFiles };
}

export type NetScenarioServices = LangiumServices & NetScenarioAddedServices;

export const NetScenarioModule: Module<NetScenarioServices, PartialLangiumServices & NetScenarioAddedServices> = {
  parser: {
    TokenBuilder: () => new NetScenarioTokenBuilder(),
    ParserErrorMessageProvider: () => new NetScenarioParserErrorMessages(),
    LexerErrorMessageProvider: () => new NetScenarioLexerErrorMessages(),
  },
  references: {
    Linker: (services) => new NetScenarioLinker(services),
    ScopeComputation: (services) => new NetScenarioScopeComputation(services),
    ScopeProvider: (services) => new NetScenarioScopeProvider(services),
  },
  validation: {
    DocumentValidator: (services) => new NetScenarioDocumentValidator(services),
  },
  results: {
    Store: () => new ResultStore(),
  },
  client: {
    Support: (services) => new ClientSupport(services.shared),
  },
  traffic: {
    TraceFiles: (services) => new TraceFiles(services.shared.workspace.FileSystemProvider),
  },
  lsp: {
    InlayHintProvider: (services) => new ResultInlayHintProvider(services),
    HoverProvider: (services) => new ResultHoverProvider(services),
    CodeActionProvider: (services) => new ResultCodeActionProvider(services),
    CodeLensProvider: (services) => new ResultCodeLensProvider(services),
  },
};

export type NetScenarioSharedServices = LangiumSharedServices & { lsp: { DocumentUpdateHandler: SaveAwareDocumentUpdateHandler } };

const NetScenarioSharedModule: Module<NetScenarioSharedServices, PartialLangiumSharedServices & { lsp: { DocumentUpdateHandler: SaveAwareDocumentUpdateHandler } }> = {
  lsp: {
    DocumentUpdateHandler: (services) => new SaveAwareDocumentUpdateHandler(services),
  },
  workspace: {
    DocumentBuilder: (services) => new NetScenarioDocumentBuilder(services),
  },
};

/**
 * The services of one workspace. `serverModule` adds what only the language server has (its
 * workspace/executeCommand handler); the CLI and tests go without.
 */
export function createNetScenarioServices(
  context: DefaultSharedModuleContext,
  serverModule: Module<NetScenarioSharedServices, PartialLangiumSharedServices> = {},
): {
  shared: NetScenarioSharedServices;
  NetScenario: NetScenarioServices;
} {
  const shared = inject(createDefaultSharedModule(context), NetScenarioGeneratedSharedModule, NetScenarioSharedModule, serverModule);
  const NetScenario = inject(createDefaultModule({ shared }), NetScenarioGeneratedModule, NetScenarioModule, EditorFeaturesModule);
  shared.ServiceRegistry.register(NetScenario);
  registerValidationChecks(NetScenario);
  shared.workspace.DocumentBuilder.onUpdate((_changed, deleted) => deleted.forEach((uri) => NetScenario.traffic.TraceFiles.forget(uri)));
  if (!context.connection) {
    // Without a language client nothing triggers the config update that builds the workspace.
    void shared.workspace.ConfigurationProvider.initialized({});
  }
  return { shared, NetScenario };
}
