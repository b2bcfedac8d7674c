/** `nsc study FILE [--study NAME] [--json|--csv] [--jobs N]`: run `study` sweeps (CLI.md). */
import { availableParallelism } from 'node:os';
import { runStudy, type StudyCell, type StudyResult } from '../engine/placement/study.js';
import { formatQuantity } from '../engine/units.js';
import { analyse, chosenByName, positiveOption, UsageError } from './analysis.js';
import { EXIT } from './exit-codes.js';
import { table } from './table.js';

export async function runStudyCommand(files: readonly string[], options: { study?: string; json?: boolean; csv?: boolean; jobs?: string; workspace?: string }): Promise<number> {
  const jobs = positiveOption(options.jobs, 'jobs', true);
  if (options.json && options.csv) throw new UsageError('choose one of --json and --csv');
  const analysis = await analyse(files, options.workspace);
  if (!analysis.ok) return EXIT.inputError;
  const specs = chosenByName(analysis.scenarios.flatMap((s) => s.studies.map((l) => l.model)), options.study, 'study', 'studies');
  const studies: StudyResult[] = [];
  for (const spec of specs) {
    const progress = process.stderr.isTTY ? (done: number, total: number) => process.stderr.write(`\r${spec.name}: ${done}/${total} instances`) : undefined;
    studies.push(await runStudy(spec, { jobs: jobs ?? Math.max(1, availableParallelism() - 1), onProgress: progress }));
    if (progress) process.stderr.write('\n');
  }
  if (options.json) process.stdout.write(`${JSON.stringify({ studies }, null, 2)}\n`);
  else if (options.csv) process.stdout.write(toCsv(studies));
  else process.stdout.write(studies.map(toTable).join('\n'));
  return EXIT.ok;
}

const objectiveLabel = (cell: StudyCell) => (cell.objective === 'balanced' ? `balanced(${cell.aifWeight},${cell.spreadWeight})` : cell.objective);

const CSV_HEADER = ['study', 'objective', 'target', 'rounds', 'feasible', 'aifs_mean', 'aifs_std', 'max_learning_time_mean', 'max_learning_time_std', 'accelerated_mean', 'accelerated_std'];

function toCsv(studies: readonly StudyResult[]): string {
  const rows = studies.flatMap((study) =>
    study.cells.map((c) =>
      [study.name, objectiveLabel(c), c.target, c.rounds, c.feasible, c.aifs?.mean, c.aifs?.std, c.maxLearningTime?.mean, c.maxLearningTime?.std, c.accelerated?.mean, c.accelerated?.std]
        .map((v) => (v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v)))
        .join(','),
    ),
  );
  return [CSV_HEADER.join(','), ...rows].join('\n') + '\n';
}

function toTable(study: StudyResult): string {
  const stat = (s: { mean: number; std: number } | null, format: (v: number) => string) => (s ? `${format(s.mean)} ± ${format(s.std)}` : '–');
  const rows = study.cells.map((c) => [
    objectiveLabel(c),
    formatQuantity(c.target, 'time'),
    String(c.rounds),
    `${(c.feasible * 100).toFixed(0)}%`,
    stat(c.aifs, (v) => v.toFixed(1)),
    stat(c.maxLearningTime, (v) => formatQuantity(v, 'time')),
    stat(c.accelerated, (v) => v.toFixed(1)),
  ]);
  return [`study ${study.name} over placement ${study.placement}: ${study.instances} instances`, ...table(['objective', 'target', 'rounds', 'feasible', '#AIFs', 'max learning time', '#accelerated'], rows), ''].join('\n') + '\n';
}
