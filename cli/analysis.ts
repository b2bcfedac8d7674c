/** Shared front half of solve/simulate/study: load, report diagnostics, lower the named files. */
import { relative } from 'node:path';
import { URI } from 'langium';
import { blockingErrors } from '../language/blocking-errors.js';
import { lowerScenario, type LoweredScenario } from '../language/lowering.js';
import { formatDiagnostics, loadWorkspace, type FileReport, type LoadedWorkspace } from './workspace.js';

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
  const scenarios: LoweredScenario[] = [];
  for (const file of workspace.files) {
    const lowered = await lowerNamedFile(file, workspace);
    if ('problems' in lowered) {
      for (const line of lowered.problems) process.stderr.write(`${line}\n`);
      return { ok: false };
    }
    scenarios.push(lowered.scenario);
  }
  return { ok: true, scenarios };
}

/**
 * A named file that validates, lowered; or why it still cannot be solved — a file it references has
 * errors, or a declaration cannot be lowered — as diagnostic lines of the named file.
 */
async function lowerNamedFile(file: FileReport, workspace: LoadedWorkspace): Promise<{ scenario: LoweredScenario } | { problems: string[] }> {
  const document = file.document!;
  const blocking = await blockingErrors(document, workspace.services);
  const problems = blocking.referencedWithErrors.map((uri) => `${file.path}:1:1: error: cannot solve: it references ${relative(process.cwd(), URI.parse(uri).fsPath)}, which has errors`);
  if (problems.length > 0) return { problems };
  const lowering = lowerScenario(document.parseResult.value, workspace.services.traffic.TraceFiles.lookup);
  if (lowering.ok) return { scenario: lowering.scenario };
  return { problems: lowering.problems.map(({ node, message }) => {
    const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
    return `${file.path}:${start.line + 1}:${start.character + 1}: error: cannot solve: ${message}`;
  }) };
}

/** A wrong command line: main prints `nsc COMMAND: message` and exits 2. */
export class UsageError extends Error {}

/** A positive number option; throws a UsageError for anything else. */
export function positiveOption(value: string | undefined, name: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0 || (integer && !Number.isInteger(parsed))) {
    throw new UsageError(`--${name} needs a positive ${integer ? 'whole number' : 'number'}, got '${value}'`);
  }
  return parsed;
}

/** The declarations named by an option (all of them without it); throws a UsageError when it names none. */
export function chosenByName<T extends { readonly name: string }>(all: readonly T[], wanted: string | undefined, kind: string, kinds: string): readonly T[] {
  const chosen = wanted ? all.filter((item) => item.name === wanted) : all;
  if (chosen.length > 0) return chosen;
  const known = all.map((item) => item.name).join(', ') || 'none';
  throw new UsageError(`${wanted ? `no ${kind} named '${wanted}'` : `no ${kind} in the named files`} (${kinds}: ${known})`);
}
