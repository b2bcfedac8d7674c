/**
 * A study's figures, in the style of the placement paper's Fig. 5–6: max learning time and number
 * of AIFs against the number of rounds, one series per objective and one pair of plots per target;
 * error bars are the standard deviation over the feasible instances, `✕ n%` the infeasible share.
 */
import type { StudyOutcome } from '../../server/protocol.js';
import type { StudyCell } from '../../engine/placement/study.js';
import { chartCard, type Context } from './card.js';
import { axisTitle } from './charts.js';
import { html } from './dom.js';
import { number, percent, scaled, seconds, timeScale } from './format.js';

export const studySummary = (outcome: StudyOutcome): string =>
  `Placement ${outcome.result.placement}, ${outcome.result.instances} instances, ${outcome.result.cells.length} cells.`;

const objectiveLabel = (cell: StudyCell) =>
  cell.objective === 'balanced'
    ? `balanced (A ${number(cell.aifWeight ?? 0)}, B ${number(cell.spreadWeight ?? 0)}, over ${cell.spreadOver ?? 'aifs'})`
    : `${cell.objective} then ${cell.tieBreak ?? 'fastest-round'}`;

interface Metric {
  readonly title: string;
  readonly stat: (cell: StudyCell) => StudyCell['aifs'];
  readonly isTime: boolean;
}

const METRICS: readonly Metric[] = [
  { title: 'Max learning time vs rounds', stat: (c) => c.maxLearningTime, isTime: true },
  { title: 'Number of AIFs vs rounds', stat: (c) => c.aifs, isTime: false },
];

export function studyFigures(context: Context, outcome: StudyOutcome): HTMLElement[] {
  const cells = outcome.result.cells;
  const targets = [...new Set(cells.map((c) => c.target))];
  const note = html('p', { class: 'note' }, 'Error bars: standard deviation over the feasible instances. ✕ n%: share of instances without a feasible placement.');
  return [
    note,
    ...targets.flatMap((target) =>
      METRICS.map((metric) =>
        metricCard(
          context,
          metric,
          target,
          cells.filter((c) => c.target === target),
        ),
      ),
    ),
  ];
}

function metricCard(context: Context, metric: Metric, target: number, cells: readonly StudyCell[]): HTMLElement {
  const { palette } = context;
  const objectives = [...new Set(cells.map(objectiveLabel))];
  const scale = metric.isTime ? timeScale(Math.max(...cells.map((c) => (metric.stat(c)?.mean ?? 0) + (metric.stat(c)?.std ?? 0)))) : { factor: 1, unit: '' };
  const series = objectives.map((objective) => cells.filter((c) => objectiveLabel(c) === objective).sort((a, b) => a.rounds - b.rounds));
  const colourOf = (i: number) => palette.series[i % palette.series.length];
  return chartCard(
    context,
    `${metric.title}, T = ${seconds(target)}`,
    {
      type: 'line',
      data: {
        datasets: series.map((row, i) => ({
          label: objectives[i],
          data: row.map((c) => ({ x: c.rounds, y: scaled(metric.stat(c)?.mean, scale.factor) })),
          borderColor: colourOf(i),
          backgroundColor: colourOf(i),
          // Partly infeasible cells are hollow triangles: their mean covers only the feasible instances.
          pointStyle: row.map((c) => (c.feasible < 1 ? 'triangle' : 'circle')),
          pointBackgroundColor: row.map((c) => (c.feasible < 1 ? palette.background : colourOf(i))),
          pointRadius: 5,
          spanGaps: false,
        })),
      },
      options: {
        scales: {
          x: { type: 'linear', title: axisTitle('rounds R') },
          // Headroom for the notes above the highest points.
          y: { beginAtZero: true, grace: '15%', title: axisTitle(metric.isTime ? `max learning time (${scale.unit})` : 'AIFs') },
        },
        plugins: {
          nscPointExtras: {
            datasets: series.map((row, i) => ({
              dataset: i,
              errors: row.map((c) => scaled(metric.stat(c)?.std, scale.factor)),
              notes: row.map((c) => (c.feasible < 1 ? `✕ ${percent(1 - c.feasible)}` : null)),
            })),
          },
        },
      },
    },
    {
      header: ['objective', 'rounds', 'target (s)', 'feasible share', `${metric.isTime ? 'max learning time (s)' : 'AIFs'} mean`, 'std'],
      rows: series.flat().map((c) => [objectiveLabel(c), c.rounds, c.target, c.feasible, metric.stat(c)?.mean ?? null, metric.stat(c)?.std ?? null]),
    },
  );
}
