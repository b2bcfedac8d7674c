/** Shared front half of solve/simulate/study/report: load, report diagnostics, lower the named files. */
import { relative } from 'node:path';
import { URI } from 'langium';
import { blockingErrors } from '../language/blocking-errors.js';
import { lowerScenario, type LoweredScenario } from '../language/lowering.js';
import { loweringContext } from '../language/lowering-context.js';
import { UsageError } from './usage-error.js';
import { fileDiagnostics, formatDiagnostic, loadWorkspace, type CliDiagnostic, type FileReport, type LoadedWorkspace } from './workspace.js';

export interface Analysis {
  /** Lowered scenarios of the named files, in order; undefined when any of them cannot be solved (exit 2). */
  readonly scenarios?: LoweredScenario[];
  /** Every diagnostic of the named files, including why one cannot be solved. */
  readonly diagnostics: CliDiagnostic[];
}

/**
 * Diagnostics go to stderr here: stdout carries the results (one JSON document with --json).
 * Any error stops the analysis (exit 2); warnings are shown and the analysis goes on.
 */
export async function analyse(files: readonly string[], workspaceDir?: string): Promise<Analysis> {
  const workspace = await loadWorkspace(files, workspaceDir);
  const diagnostics = workspace.files.flatMap(fileDiagnostics);
  const scenarios = workspace.hasErrors ? undefined : await lowerNamedFiles(workspace, diagnostics);
  for (const diagnostic of diagnostics) process.stderr.write(`${formatDiagnostic(diagnostic)}\n`);
  return { scenarios, diagnostics };
}

/** The named files lowered, or undefined after adding to `diagnostics` why the first one that cannot be is not. */
async function lowerNamedFiles(workspace: LoadedWorkspace, diagnostics: CliDiagnostic[]): Promise<LoweredScenario[] | undefined> {
  const scenarios: LoweredScenario[] = [];
  for (const file of workspace.files) {
    const lowered = await lowerNamedFile(file, workspace);
    if ('problems' in lowered) {
      diagnostics.push(...lowered.problems);
      return undefined;
    }
    scenarios.push(lowered.scenario);
  }
  return scenarios;
}

/**
 * A named file that validates, lowered; or why it still cannot be solved — a file it references has
 * errors, or a declaration cannot be lowered — as errors of the named file.
 */
async function lowerNamedFile(file: FileReport, workspace: LoadedWorkspace): Promise<{ scenario: LoweredScenario } | { problems: CliDiagnostic[] }> {
  const document = file.document;
  if (!document) return { problems: [{ file: file.path, line: 1, column: 1, severity: 'error', message: `cannot solve: ${file.fileError ?? 'not loaded'}` }] };
  const error = (line: number, column: number, message: string): CliDiagnostic => ({ file: file.path, line, column, severity: 'error', message: `cannot solve: ${message}` });
  const blocking = await blockingErrors(document, workspace.services);
  const problems = blocking.referencedWithErrors.map((uri) => error(1, 1, `it references ${relative(process.cwd(), URI.parse(uri).fsPath)}, which has errors`));
  if (problems.length > 0) return { problems };
  const lowering = lowerScenario(document.parseResult.value, loweringContext(workspace.services));
  if (lowering.ok) return { scenario: lowering.scenario };
  return {
    problems: lowering.problems.map(({ node, message }) => {
      const start = node.$cstNode?.range.start ?? { line: 0, character: 0 };
      return error(start.line + 1, start.character + 1, message);
    }),
  };
}

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
