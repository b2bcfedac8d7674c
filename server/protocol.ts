/**
 * What the language server tells the client beyond standard LSP: the result model of a solve.
 * The client imports the result types with `import type` and these constants by value; nothing
 * else of the server reaches its bundle.
 */
export type * from '../language/results/model.js';

/** Server -> client notification: results for a document version (sent after every solve). */
export const RESULTS_NOTIFICATION = 'netscenario/results';
/** Server -> client notification: a solve started (`solving: true`) or ended for a document. */
export const SOLVING_NOTIFICATION = 'netscenario/solving';
export interface SolvingParams {
  readonly uri: string;
  readonly solving: boolean;
}
/** Client -> server request: the latest results of a document, or null. */
export const GET_RESULTS_REQUEST = 'netscenario/getResults';

/** Commands the server executes (workspace/executeCommand). */
export const COMMANDS = {
  solve: 'netscenario.solve',
  cancel: 'netscenario.cancelSolve',
  applyWeights: 'netscenario.applyChosenWeights',
} as const;
/** Commands the client handles (e.g. from code lenses). */
export const CLIENT_COMMANDS = {
  showResults: 'netscenario.showResults',
} as const;
