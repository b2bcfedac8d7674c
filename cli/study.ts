/** `nsc study FILE [--study NAME] [--json|--csv] [--jobs N] [--time-limit S]`: run `study` sweeps (docs/cli.md). */
import { availableParallelism } from 'node:os';
import { Deadline, TimeLimitReached } from '../engine/placement/deadline.js';
import { runStudy, type StudyCell, type StudyResult } from '../engine/placement/study.js';
import { formatQuantity } from '../engine/units.js';
import { analyse, chosenByName, positiveOption } from './analysis.js';
import { EXIT } from './exit-codes.js';
import { writeJson, writeOut } from './output.js';
import { table } from './table.js';
import { UsageError } from './usage-error.js';

export interface StudyCommandOptions {
  readonly study?: string;
  readonly json?: boolean;
  readonly csv?: boolean;
  readonly jobs?: string;
  readonly timeLimit?: string;
  readonly workspace?: string;
}

/** A study stopped by the time limit: named, without cells (JSON field `status`). */
interface StoppedStudy {
  readonly name: string;
  readonly placement: string;
  readonly instances: number;
  readonly status: 'timeout';
  readonly cells: [];
}

type StudyEntry = (StudyResult & { readonly status: 'complete' }) | StoppedStudy;

export const defaultJobs = () => Math.max(1, availableParallelism() - 1);

export async function runStudyCommand(files: readonly string[], options: StudyCommandOptions): Promise<number> {
  const jobs = positiveOption(options.jobs, 'jobs', true) ?? defaultJobs();
  const timeLimit = positiveOption(options.timeLimit, 'time-limit', false);
  if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
  const { scenarios, diagnostics } = await analyse(files, options.workspace);
  if (scenarios === undefined) {
    if (options.json) writeJson({ files, diagnostics, studies: [] });
    return EXIT.inputError;
  }
  const specs = chosenByName(scenarios.flatMap((s) => s.studies.map((l) => l.model)), options.study, 'study', 'studies');
  const deadline = Deadline.after(timeLimit);
  const studies: StudyEntry[] = [];
  for (const spec of specs) {
    const progress = process.stderr.isTTY ? (done: number, total: number) => process.stderr.write(`\r${spec.name}: ${done}/${total} instances`) : undefined;
    try {
      studies.push({ ...(await runStudy(spec, { jobs, onProgress: progress, deadline })), status: 'complete' });
    } catch (error) {
      if (!(error instanceof TimeLimitReached)) throw error;
      studies.push({ name: spec.name, placement: spec.base.name, instances: spec.instances, status: 'timeout', cells: [] });
    } finally {
      if (progress) process.stderr.write('\n');
    }
  }
  if (options.json) writeJson({ files, diagnostics, studies });
  else if (options.csv) writeOut(toCsv(studies));
  else writeOut(studies.map(toTable).join('\n'));
  return studies.some((s) => s.status === 'timeout') ? EXIT.timeLimit : EXIT.ok;
}

const objectiveLabel = (cell: StudyCell) => (cell.objective === 'balanced' ? `balanced(${cell.aifWeight},${cell.spreadWeight})` : cell.objective);
/** The objective with its reading, as the table shows it: `min-aifs then fastest-round`, `balanced(1,1000) over all-nodes`. */
const objectiveWithReading = (cell: StudyCell) => `${objectiveLabel(cell)}${cell.tieBreak ? ` then ${cell.tieBreak}` : ''}${cell.spreadOver ? ` over ${cell.spreadOver}` : ''}`;

const CSV_HEADER = [
  'study', 'objective', 'target', 'rounds', 'feasible', 'aifs_mean', 'aifs_std', 'max_learning_time_mean', 'max_learning_time_std', 'accelerated_mean', 'accelerated_std', 'tie_break', 'spread_over',
];

function toCsv(studies: readonly StudyEntry[]): string {
  const rows = studies.flatMap((study) =>
    study.cells.map((c) =>
      [study.name, objectiveLabel(c), c.target, c.rounds, c.feasible, c.aifs?.mean, c.aifs?.std, c.maxLearningTime?.mean, c.maxLearningTime?.std, c.accelerated?.mean, c.accelerated?.std, c.tieBreak, c.spreadOver]
        .map((v) => (v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v)))
        .join(','),
    ),
  );
  return [CSV_HEADER.join(','), ...rows].join('\n') + '\n';
}

function toTable(study: StudyEntry): string {
  const heading = `study ${study.name} over placement ${study.placement}: ${study.instances} instances`;
  if (study.status === 'timeout') return `${heading}: stopped by the time limit\n`;
  const stat = (s: { mean: number; std: number } | null, format: (v: number) => string) => (s ? `${format(s.mean)} ± ${format(s.std)}` : '–');
  const rows = study.cells.map((c) => [
    objectiveWithReading(c),
    formatQuantity(c.target, 'time'),
    String(c.rounds),
    `${(c.feasible * 100).toFixed(0)}%`,
    stat(c.aifs, (v) => v.toFixed(1)),
    stat(c.maxLearningTime, (v) => formatQuantity(v, 'time')),
    stat(c.accelerated, (v) => v.toFixed(1)),
  ]);
  const header = ['objective', 'target', 'rounds', 'feasible', '#AIFs', 'slowest round (per round)', '#accelerated'];
  const legend = 'feasible: share of instances with a placement; the other columns: mean ± std over those instances';
  return [heading, ...table(header, rows), legend, ''].join('\n') + '\n';
}
