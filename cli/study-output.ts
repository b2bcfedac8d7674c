/** The output of `nsc study` and `nsc study merge`: a table, CSV, or the JSON document of docs/cli.md. */
import { formatQuantity } from '../engine/units.js';
import type { StudyCell, StudyResult } from '../engine/placement/study.js';
import { table } from './table.js';
import type { CliDiagnostic } from './workspace.js';

/** A study stopped by the time limit: named, without cells (JSON field `status`). */
export interface StoppedStudy {
  readonly name: string;
  readonly placement: string;
  readonly instances: number;
  readonly status: 'timeout';
  readonly cells: [];
}

export type StudyEntry = (StudyResult & { readonly status: 'complete' }) | StoppedStudy;

export type StudyFormat = 'table' | 'json' | 'csv';

/** The output of studies: a table, CSV, or the JSON document of docs/cli.md. */
export function studyOutput(studies: readonly StudyEntry[], files: readonly string[], diagnostics: readonly CliDiagnostic[], format: StudyFormat): string {
  if (format === 'json') return `${JSON.stringify({ files, diagnostics, studies }, null, 2)}\n`;
  if (format === 'csv') return toCsv(studies);
  return studies.map(toTable).join('\n');
}

const objectiveLabel = (cell: StudyCell) => (cell.objective === 'balanced' ? `balanced(${cell.aifWeight},${cell.spreadWeight})` : cell.objective);
/** The objective with its reading, as the table shows it: `min-aifs then fastest-round`, `balanced(1,1000) over all-nodes`. */
const objectiveWithReading = (cell: StudyCell) => `${objectiveLabel(cell)}${cell.tieBreak ? ` then ${cell.tieBreak}` : ''}${cell.spreadOver ? ` over ${cell.spreadOver}` : ''}`;

const CSV_HEADER = [
  'study',
  'objective',
  'target',
  'rounds',
  'feasible',
  'aifs_mean',
  'aifs_std',
  'max_learning_time_mean',
  'max_learning_time_std',
  'accelerated_mean',
  'accelerated_std',
  'tie_break',
  'spread_over',
];

function toCsv(studies: readonly StudyEntry[]): string {
  const rows = studies.flatMap((study) =>
    study.cells.map((c) =>
      [
        study.name,
        objectiveLabel(c),
        c.target,
        c.rounds,
        c.feasible,
        c.aifs?.mean,
        c.aifs?.std,
        c.maxLearningTime?.mean,
        c.maxLearningTime?.std,
        c.accelerated?.mean,
        c.accelerated?.std,
        c.tieBreak,
        c.spreadOver,
      ]
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
