/** The `netscenario.*` settings the server reads, with their defaults (package.json contributes them). */
import type { ConfigurationProvider } from 'langium';

export type SolveOn = 'save' | 'change' | 'manual';

export interface ServerSettings {
  readonly solveOn: SolveOn;
  /** Seconds a solve may take before it is stopped. */
  readonly timeLimit: number;
  readonly inlayHints: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = { solveOn: 'save', timeLimit: 30, inlayHints: true };

export async function readSettings(configuration: ConfigurationProvider): Promise<ServerSettings> {
  // The client sends whatever the user wrote in their settings: read every value defensively.
  const [solveOn, solver, inlayHints] = (await Promise.all([
    configuration.getConfiguration('netscenario', 'solveOn'),
    configuration.getConfiguration('netscenario', 'solver'),
    configuration.getConfiguration('netscenario', 'inlayHints'),
  ])) as [unknown, { timeLimit?: unknown } | undefined, { enabled?: unknown } | undefined];
  const timeLimit = Number(solver?.timeLimit);
  const hintsEnabled = inlayHints?.enabled;
  return {
    solveOn: solveOn === 'change' || solveOn === 'manual' || solveOn === 'save' ? solveOn : DEFAULT_SETTINGS.solveOn,
    timeLimit: Number.isFinite(timeLimit) && timeLimit > 0 ? timeLimit : DEFAULT_SETTINGS.timeLimit,
    inlayHints: typeof hintsEnabled === 'boolean' ? hintsEnabled : DEFAULT_SETTINGS.inlayHints,
  };
}
