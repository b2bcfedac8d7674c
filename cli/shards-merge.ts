/**
 * `nsc study merge PART... [-o result.json] [--json|--csv]`: the results of a study run as shards.
 * The parts must be of the same run (nsc version, file content, studies, number of shards) and hold
 * every shard exactly once, each finished. The statistics are computed from the per-instance
 * outcomes of all parts, as a one-machine run computes them: the result is the same, cell for cell.
 */
import type { CellOutcome, StudyResult } from '../engine/placement/study.js';
import { summariseStudy } from '../engine/placement/study.js';
import { EXIT } from './exit-codes.js';
import { writeOut } from './output.js';
import { identityDifference, PartError, requiredPart, writeAtomically, type Part } from './shards-part.js';
import { shardLabel, shardSlices } from './shards.js';
import { studyOutput, type StudyEntry, type StudyFormat } from './study-output.js';
import { UsageError } from './usage-error.js';
import { listed } from './words.js';
import type { CliDiagnostic } from './workspace.js';

export interface MergeCommandOptions {
  readonly output?: string;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly quiet?: boolean;
}

export interface NamedPart {
  readonly path: string;
  readonly part: Part;
}

export interface Merged {
  readonly file: string;
  readonly diagnostics: readonly CliDiagnostic[];
  readonly studies: StudyEntry[];
}

export function runStudyMerge(paths: readonly string[], options: MergeCommandOptions): Promise<number> {
  if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
  let merged: Merged;
  try {
    merged = mergeParts(paths.map((path) => ({ path, part: requiredPart(path) })));
  } catch (error) {
    if (error instanceof PartError) throw new UsageError(error.message);
    throw error;
  }
  // To a file: JSON unless --csv; on stdout: the table unless --json or --csv.
  const format: StudyFormat = options.csv ? 'csv' : options.json || options.output !== undefined ? 'json' : 'table';
  const text = studyOutput(merged.studies, [merged.file], merged.diagnostics, format);
  if (options.output === undefined) writeOut(text);
  else {
    try {
      writeAtomically(options.output, text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    if (!options.quiet) process.stderr.write(`merged ${paths.length} part${paths.length === 1 ? '' : 's'} into ${options.output}\n`);
  }
  return Promise.resolve(EXIT.ok);
}

/** Checks that the parts are the whole of one run, each shard once and finished, and summarises them. */
export function mergeParts(parts: readonly NamedPart[]): Merged {
  const [first] = parts;
  if (first === undefined) throw new PartError('name the part files to merge');
  for (const other of parts.slice(1)) {
    const difference = identityDifference(first.part, first.path, other.part, other.path);
    if (difference !== undefined) throw new PartError(`the parts are not of the same study: ${difference}`);
  }
  checkCoverage(parts);
  for (const { path, part } of parts) {
    const unfinished = part.studies.find((study, s) => part.done[s].length < shardSlices(study.cells.length, study.instances, part.shard).length);
    if (unfinished) {
      throw new PartError(`${path}: shard ${shardLabel(part.shard)} is unfinished (study ${unfinished.name}): run it again with the same -o to finish it, then merge`);
    }
  }
  const studies = summariseFinished(parts).map((result): StudyEntry => ({ ...(result as StudyResult), status: 'complete' }));
  return { file: first.part.file, diagnostics: first.part.diagnostics, studies };
}

/**
 * Per study of the parts (of one run), its results when the parts hold every slice of it, else
 * undefined. The statistics come from the per-instance outcomes, in instance order, exactly as a
 * one-machine run computes them.
 */
export function summariseFinished(parts: readonly NamedPart[]): (StudyResult | undefined)[] {
  return parts[0].part.studies.map((outline, s) => {
    const perInstance = Array.from({ length: outline.instances }, () => new Array<CellOutcome>(outline.cells.length));
    let points = 0;
    for (const { part } of parts) {
      for (const slice of part.done[s]) {
        perInstance[slice.instance].splice(slice.firstCell, slice.outcomes.length, ...slice.outcomes);
        points += slice.outcomes.length;
      }
    }
    // Parts of one run hold disjoint slices, so the count says whether the grid is full.
    if (points !== outline.instances * outline.cells.length) return undefined;
    return summariseStudy(outline, perInstance);
  });
}

/** Every shard 1..n exactly once. */
function checkCoverage(parts: readonly NamedPart[]): void {
  const count = parts[0].part.shard.count;
  const byIndex = new Map<number, string[]>();
  for (const { path, part } of parts) byIndex.set(part.shard.index, [...(byIndex.get(part.shard.index) ?? []), path]);
  const problems: string[] = [];
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missing.length > 0) problems.push(`${missing.length === 1 ? 'shard' : 'shards'} ${listed(missing.map(String))} of ${count} ${missing.length === 1 ? 'is' : 'are'} missing`);
  for (const [index, paths] of [...byIndex].sort(([a], [b]) => a - b)) {
    if (paths.length > 1) problems.push(`shard ${index}/${count} is in ${listed(paths)}`);
  }
  if (problems.length > 0) throw new PartError(`the parts do not cover the study exactly once: ${problems.join('; ')}`);
}
