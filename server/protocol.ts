/**
 * What the language server tells the client beyond standard LSP: the result model of a solve.
 * Types only (the client imports them with `import type`, so nothing of the server is bundled
 * into it). Everything here is JSON: numbers are finite or null, names are as written.
 */
import type { PlacementOutcome, StudyOutcome, SwitchOutcome } from '../engine/scenario.js';

export type { PlacementOutcome, StudyOutcome, SwitchOutcome, ValueFix } from '../engine/scenario.js';

export type SolveStatus = 'solved' | 'timeout' | 'error';

export interface ScenarioResults {
  readonly uri: string;
  /** The document version these results belong to. */
  readonly version: number;
  readonly status: SolveStatus;
  /** Why the solve did not finish (timeout, solver error). */
  readonly message?: string;
  readonly seconds: number;
  readonly placements: readonly PlacementOutcome[];
  readonly switches: readonly SwitchOutcome[];
  readonly studies: readonly StudyOutcome[];
}

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
