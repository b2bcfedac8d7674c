/** Shared front half of solve/simulate/study: load, report diagnostics, lower the named files. */
import { lowerScenario, type LoweredScenario } from '../language/lowering.js';
import { formatDiagnostics, loadWorkspace } from './workspace.js';

export type Analysis = { readonly ok: true; readonly scenarios: LoweredScenario[] } | { readonly ok: false };

/**
 * Diagnostics go to stderr here: stdout carries the results (one JSON document with --json).
 * Any error stops the analysis (exit 2); warnings are shown and the analysis goes on.
 */
export async function analyse(files: readonly string[], workspaceDir?: string): Promise<Analysis> {
  const workspace = await loadWorkspace(files, workspaceDir);
  for (const file of workspace.files) {
    for (const line of formatDiagnostics(file)) process.stderr.write(`${line}\n`);
  }
  if (workspace.hasErrors) return { ok: false };
  return { ok: true, scenarios: workspace.files.map((f) => lowerScenario(f.document!.parseResult.value)) };
}

/** A positive number option, or an error message. */
export function positiveOption(value: string | undefined, name: string, integer: boolean): number | undefined | string {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || (integer && !Number.isInteger(parsed))) {
    return `--${name} needs a positive ${integer ? 'whole number' : 'number'}, got '${value}'`;
  }
  return parsed;
}
