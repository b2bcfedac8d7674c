/**
 * The results of one solve of one document version, as the editor features and the client's
 * results panel read them. JSON only: numbers are finite or null, names are as written.
 */
import type { PlacementOutcome, StudyOutcome, SwitchOutcome } from '../../engine/scenario.js';

export type { PlacementOutcome, StudyOutcome, SwitchOutcome, ValueFix } from '../../engine/scenario.js';

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

