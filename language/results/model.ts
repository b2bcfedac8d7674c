/**
 * The results of one solve of one document version, as the editor features and the client's
 * results panel read them. JSON only: numbers are finite or null, names are as written.
 */
import type { PlacementOutcome, ServiceOutcome, StudyOutcome, SwitchOutcome } from '../../engine/scenario.js';

export type { PlacementOutcome, ServiceOutcome, StudyOutcome, SwitchOutcome, ValueFix } from '../../engine/scenario.js';

import type { Range } from 'vscode-languageserver';

/**
 * solved: the engines ran; timeout: they hit the time limit; error: they failed (the message says
 * why); not-solved: the document, or a document it references, has input errors, so nothing ran.
 */
export type SolveStatus = 'solved' | 'timeout' | 'error' | 'not-solved';

/** A place in a (possibly other) document: the first blocking error, or what a failure was about. */
export interface SourceLocation {
  readonly uri: string;
  readonly range: Range;
}

export interface ScenarioResults {
  readonly uri: string;
  /** The document version these results belong to. */
  readonly version: number;
  readonly status: SolveStatus;
  /** Why the solve did not finish (timeout, solver error) or did not start (input errors). */
  readonly message?: string;
  /** With not-solved: how many input errors stop the solve. */
  readonly errorCount?: number;
  /** With not-solved: the first blocking error; with error: what the failure was about, when known. */
  readonly location?: SourceLocation;
  readonly seconds: number;
  /**
   * With solved: whether the details (checked quick fixes, controller trajectories) are still being
   * computed, are in these results, or could not be computed in time (detailsMessage says why).
   */
  readonly details?: 'pending' | 'ready' | 'unavailable';
  readonly detailsMessage?: string;
  readonly placements: readonly PlacementOutcome[];
  readonly switches: readonly SwitchOutcome[];
  readonly services: readonly ServiceOutcome[];
  readonly studies: readonly StudyOutcome[];
}
