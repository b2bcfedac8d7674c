/**
 * `nsc study FILE [--study NAME] [--json|--csv] [--jobs N] [--time-limit S] [-o PART [--shard I/N]]`:
 * run `study` sweeps (docs/cli.md). With -o the run is a shard (cli/shards.ts): its outcomes go to
 * the part file as they complete, and a new run with the same -o resumes it.
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { Deadline, TimeLimitReached } from '../engine/placement/deadline.js';
import type { StudySpec } from '../engine/placement/model.js';
import { runStudy, runStudySlices, studyOutline } from '../engine/placement/study.js';
import { analyse, chosenByName, positiveOption } from './analysis.js';
import { EXIT } from './exit-codes.js';
import { packageVersion } from './package-root.js';
import { progressMode, StudyProgress } from './progress.js';
import { writeOut } from './output.js';
import { summariseFinished } from './shards-merge.js';
import { openPart, PartError, requiredPart, sha256, specHash, type PartWriter } from './shards-part.js';
import { resolveShard, shardLabel, shardSlices, type Shard } from './shards.js';
import { studyOutput, type StoppedStudy, type StudyEntry, type StudyFormat } from './study-output.js';
import { UsageError } from './usage-error.js';
import type { CliDiagnostic } from './workspace.js';

export interface StudyCommandOptions {
  readonly study?: string;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly jobs?: string;
  readonly timeLimit?: string;
  readonly workspace?: string;
  readonly output?: string;
  readonly shard?: string;
  readonly shards?: string;
  readonly quiet?: boolean;
}

export const defaultJobs = () => Math.max(1, availableParallelism() - 1);

const WHOLE: Shard = { index: 1, count: 1 };

export async function runStudyCommand(files: readonly string[], options: StudyCommandOptions): Promise<number> {
  const jobs = positiveOption(options.jobs, 'jobs', true) ?? defaultJobs();
  const timeLimit = positiveOption(options.timeLimit, 'time-limit', false);
  const format = studyFormat(options);
  const resolved = resolveShard(options, process.env);
  const part = options.output;
  // Every task of a job array running the whole study is a mistake; one that is meant says --shard 1/1.
  if (part === undefined && resolved !== undefined && resolved.shard.count > 1) {
    throw new UsageError(`${resolved.source} makes this run shard ${shardLabel(resolved.shard)} of the study: name the file for its part with -o PART.json`);
  }
  const shard = resolved?.shard ?? WHOLE;
  if (part !== undefined && shard.count > 1 && format !== 'table') {
    throw new UsageError(`shard ${shardLabel(shard)} (${resolved?.source}) writes its part to ${part}; --json and --csv print whole studies: merge the parts with nsc study merge`);
  }
  if (part !== undefined && files.length > 1) throw new UsageError('-o holds the part of one study file: name one FILE');
  const { scenarios, diagnostics } = await analyse(files, options.workspace);
  if (scenarios === undefined) {
    if (format === 'json') writeOut(studyOutput([], files, diagnostics, format));
    return EXIT.inputError;
  }
  const specs = chosenByName(
    scenarios.flatMap((s) => s.studies.map((l) => l.model)),
    options.study,
    'study',
    'studies',
  );
  const run: StudyRun = { specs, jobs, deadline: Deadline.after(timeLimit), progress: new StudyProgress(process.stderr, progressMode(process.stderr, options.quiet === true)) };
  onInterruption(run.progress, options.quiet === true ? undefined : part);
  if (part === undefined) {
    const studies = await runWhole(run);
    writeOut(studyOutput(studies, files, diagnostics, format));
    return studies.some((s) => s.status === 'timeout') ? EXIT.timeLimit : EXIT.ok;
  }
  try {
    return await runShard(run, { path: part, file: files[0], shard, diagnostics, format, quiet: options.quiet === true });
  } catch (error) {
    if (error instanceof PartError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * Ctrl-C, or the SIGTERM of a batch engine's time limit: the progress bar's line is ended and a run
 * with a part file says where its work is; then the process dies of the signal, as without this.
 */
function onInterruption(progress: StudyProgress, part: string | undefined): void {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const interrupted = (signal: NodeJS.Signals) => {
    for (const other of signals) process.off(other, interrupted);
    progress.interrupt();
    if (part !== undefined) process.stderr.write(`interrupted; what is done is in ${part}: run the same command again to go on\n`);
    process.kill(process.pid, signal);
  };
  for (const signal of signals) process.on(signal, interrupted);
}

function studyFormat(options: StudyCommandOptions): StudyFormat {
  if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
  return options.json ? 'json' : options.csv ? 'csv' : 'table';
}

interface StudyRun {
  readonly specs: readonly StudySpec[];
  readonly jobs: number;
  readonly deadline: Deadline;
  readonly progress: StudyProgress;
}

async function runWhole({ specs, jobs, deadline, progress }: StudyRun): Promise<StudyEntry[]> {
  const studies: StudyEntry[] = [];
  for (const spec of specs) {
    progress.start(spec.name, Math.max(0, spec.instances));
    try {
      studies.push({ ...(await runStudy(spec, { jobs, deadline, onProgress: (done) => progress.update(done) })), status: 'complete' });
    } catch (error) {
      if (!(error instanceof TimeLimitReached)) throw error;
      studies.push(stopped(spec));
    } finally {
      progress.finish();
    }
  }
  return studies;
}

const stopped = (spec: StudySpec): StoppedStudy => ({ name: spec.name, placement: spec.base.name, instances: spec.instances, status: 'timeout', cells: [] });

interface ShardTarget {
  readonly path: string;
  readonly file: string;
  readonly shard: Shard;
  readonly diagnostics: readonly CliDiagnostic[];
  readonly format: StudyFormat;
  readonly quiet: boolean;
}

/** Runs the shard's slices not in its part file yet, recording each as it completes. */
async function runShard(run: StudyRun, target: ShardTarget): Promise<number> {
  const { path, file, shard } = target;
  const outlines = run.specs.map((spec) => ({ ...studyOutline(spec), specHash: specHash(spec) }));
  const planned = outlines.map((o) => shardSlices(o.cells.length, o.instances, shard));
  const header = { nsc: packageVersion(), file, fileHash: sha256(readFileSync(file)), shard, diagnostics: target.diagnostics, studies: outlines };
  const writer = openPart(path, header, planned);
  const label = (name: string) => (shard.count === 1 ? name : `${name} (shard ${shardLabel(shard)})`);
  let timedOut = false;
  for (const [s, spec] of run.specs.entries()) {
    if (timedOut) break;
    timedOut = await runShardStudy(run, writer, s, spec, label(spec.name), planned[s].length);
  }
  if (timedOut && !target.quiet) process.stderr.write(`stopped by the time limit; what is done is in ${path}: run the same command again to go on\n`);
  if (shard.count === 1) {
    // The whole study: its results from the part file (outcomes resumed from it included).
    const results = summariseFinished([{ path, part: requiredPart(path) }]);
    const studies = run.specs.map((spec, s): StudyEntry => {
      const result = results[s];
      return result === undefined ? stopped(spec) : { ...result, status: 'complete' };
    });
    writeOut(studyOutput(studies, [file], target.diagnostics, target.format));
  } else if (!timedOut && !target.quiet) {
    process.stderr.write(`shard ${shardLabel(shard)} done: its part is in ${path}; merge the parts with nsc study merge\n`);
  }
  return timedOut ? EXIT.timeLimit : EXIT.ok;
}

/** One study of the shard; true when the time limit stopped it. */
async function runShardStudy(run: StudyRun, writer: PartWriter, s: number, spec: StudySpec, label: string, planned: number): Promise<boolean> {
  run.progress.start(label, planned, writer.doneCount(s));
  try {
    await runStudySlices(spec, writer.remaining(s), {
      jobs: run.jobs,
      deadline: run.deadline,
      onSlice: (slice, outcomes) => {
        writer.record(s, slice, outcomes);
        run.progress.update(writer.doneCount(s));
      },
    });
    return false;
  } catch (error) {
    if (error instanceof TimeLimitReached) return true;
    throw error;
  } finally {
    run.progress.finish();
  }
}
