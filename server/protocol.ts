/**
 * What the language server tells the client beyond standard LSP: the result model of a solve.
 * The client imports the result types with `import type` and these constants by value; nothing
 * else of the server reaches its bundle.
 */
export type * from '../language/results/model.js';
export type { NetScenarioInitializationOptions } from '../language/lsp/client-support.js';
import { CLIENT_COMMANDS } from '../language/results/commands.js';

export { APPLY_WEIGHTS_KIND } from '../language/results/commands.js';

/** Server -> client notification: results for a document version (sent after every solve). */
export const RESULTS_NOTIFICATION = 'netscenario/results';
/** Server -> client notification: a solve started (`solving: true`) or ended for a document. */
export const SOLVING_NOTIFICATION = 'netscenario/solving';
export interface SolvingParams {
  readonly uri: string;
  readonly solving: boolean;
}
/** Client -> server requests, each with `{ uri }`. */
export const REQUESTS = {
  /** The latest results of a document (any version), or null. */
  getResults: 'netscenario/getResults',
  /** Solve now, whatever `netscenario.solveOn` says; answers the results (status not-solved when the document has errors), or null for an unknown document. */
  solve: 'netscenario/solve',
  /** Cancel a running solve; answers whether one was running. */
  cancel: 'netscenario/cancelSolve',
  /** A topology file (GML, GraphML, containerlab) as .nsc text: ImportTopologyParams, answers ImportTopologyResult. */
  importTopology: 'netscenario/importTopology',
} as const;
export interface UriParams {
  readonly uri: string;
}

/** The file to import (its name tells the format) and the rules of `nsc import` (docs/cli.md). */
export interface ImportTopologyParams {
  readonly fileName: string;
  readonly text: string;
  /** none (default), all, top-degree:SHARE or random:SHARE. */
  readonly accelerators?: string;
}

/** The scenario text and what the import did (the lines `nsc import` prints), or why it failed. */
export type ImportTopologyResult = { readonly ok: true; readonly text: string; readonly summary: readonly string[] } | { readonly ok: false; readonly message: string };

/** VS Code commands, handled by the client (code lenses name some of them). */
export const COMMANDS = {
  ...CLIENT_COMMANDS,
  cancel: 'netscenario.cancelSolve',
  exportResults: 'netscenario.exportResults',
  applyWeights: 'netscenario.applyChosenWeights',
  importTopology: 'netscenario.importTopology',
} as const;
