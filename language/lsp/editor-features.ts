/**
 * The standard editor features of NetScenario as one Langium module: completion, go to definition
 * and references (over qualified-name-aware References), rename, outline, folding, formatting and
 * semantic tokens. The solver-driven features (diagnostics from results, hints, hovers, actions,
 * lenses) live elsewhere.
 */
import type { Module } from 'langium';
import type { LangiumServices, PartialLangiumServices } from 'langium/lsp';
import { NetScenarioCompletionProvider } from './completion.js';
import { NetScenarioDefinitionProvider } from './definition.js';
import { NetScenarioDocumentSymbolProvider } from './document-symbols.js';
import { NetScenarioFoldingRangeProvider } from './folding.js';
import { NetScenarioFormatter } from './formatter.js';
import { QualifiedReferences } from './qualified-references.js';
import { NetScenarioRenameProvider } from './rename.js';
import { NetScenarioSemanticTokenProvider } from './semantic-tokens.js';

export const EditorFeaturesModule: Module<LangiumServices, PartialLangiumServices> = {
  references: {
    References: (services) => new QualifiedReferences(services),
  },
  lsp: {
    CompletionProvider: (services) => new NetScenarioCompletionProvider(services),
    DefinitionProvider: (services) => new NetScenarioDefinitionProvider(services),
    RenameProvider: (services) => new NetScenarioRenameProvider(services),
    DocumentSymbolProvider: (services) => new NetScenarioDocumentSymbolProvider(services),
    FoldingRangeProvider: (services) => new NetScenarioFoldingRangeProvider(services),
    Formatter: () => new NetScenarioFormatter(),
    SemanticTokenProvider: (services) => new NetScenarioSemanticTokenProvider(services),
  },
};
