/**
 * A switch's figures: per-flow delay budget (blocking / queuing / processing per task) against the
 * delay SLO, the chosen weights, the controller's trajectory per control period (the NF scheduling
 * paper's Fig. 3–4: weights, delays, rates, with the SLOs; with changing traffic, its changes
 * marked and the periods that miss an SLO shaded), and the delay estimate against a packet-level
 * simulation (the paper's Fig. 2).
 */
import { Chart } from 'chart.js';
import { color } from 'chart.js/helpers';
import type { Simulation } from '../../engine/scheduling/result.js';
import type { SwitchOutcome } from '../../server/protocol.js';
import { chartCard, type Context } from './card.js';
import { axisMax, axisTitle, OFF_SCALE_ROOM, type ReferenceLine } from './charts.js';
import { html } from './dom.js';
import { number, percent, rate, scaled, seconds, timeScale } from './format.js';
import { changeText, recoveryText } from '../../engine/scheduling/phase-text.js';
import { sloChanges, sloSteps, violationRanges } from './tracking.js';

export function switchSummary(outcome: SwitchOutcome): string {
  const r = outcome.result;
  const failing = r.flows.filter((f) => !f.meetsDelay || !f.meetsRate).map((f) => f.name);
  return (
    [
      `${r.weightsSource === 'fixed' ? 'Fixed' : 'Optimal'} weights`,
      r.slack === null ? 'unbounded slack' : `slack ${percent(r.slack)}`,
      failing.length > 0 ? `SLOs missed by ${failing.join(', ')}` : 'every SLO met',
    ].join('; ') + '.'
  );
}

export function switchFigures(context: Context, outcome: SwitchOutcome): HTMLElement[] {
  const figures = [flowTable(outcome)];
  figures.push(...outcome.result.flows.map((flow) => budgetCard(context, flow)));
  if (Object.keys(outcome.result.weights).length > 0) figures.push(switchWeights(context, outcome));
  if (outcome.simulation && outcome.simulation.rows.length > 0) {
    if (outcome.simulation.phases.length > 1) figures.push(changesTable(outcome.simulation));
    figures.push(...trajectoryCards(context, outcome, outcome.simulation));
  }
  if (outcome.packets) figures.push(packetCard(context, outcome.packets));
  return figures;
}

const cell = (text: string) => html('td', {}, text);

/** A table in the page's style: a header row, then rows of cells. */
function cellTable(header: readonly string[], rows: readonly (readonly HTMLElement[])[]): HTMLElement {
  return html(
    'table',
    { class: 'flows' },
    html('thead', {}, html('tr', {}, ...header.map((h) => html('th', {}, h)))),
    html('tbody', {}, ...rows.map((cells) => html('tr', {}, ...cells))),
  );
}

function flowTable(outcome: SwitchOutcome): HTMLElement {
  const verdict = (ok: boolean) => html('td', { class: ok ? 'ok' : 'fails' }, ok ? 'met' : 'missed');
  return cellTable(
    ['flow', 'rate', 'rate SLO', '', 'delay', 'delay SLO', '', 'best delay'],
    outcome.result.flows.map((f) => [
      cell(f.name),
      cell(rate(f.rate)),
      cell(f.rateSlo === null ? '—' : rate(f.rateSlo)),
      verdict(f.meetsRate),
      cell(seconds(f.delay)),
      cell(f.delaySlo === null ? '—' : seconds(f.delaySlo)),
      verdict(f.meetsDelay),
      cell(f.achievableDelay === null ? '—' : seconds(f.achievableDelay)),
    ]),
  );
}

const COMPONENTS = ['blocking', 'queuing', 'processing'] as const;
type Component = (typeof COMPONENTS)[number];
type FlowResult = SwitchOutcome['result']['flows'][number];

/**
 * One horizontal bar per flow, in its own chart (flows' SLOs differ by orders of magnitude), one
 * segment per (task, component) in path order: colour by component, every other task lighter; the
 * legend lists the three components and toggles them together; the SLO is a vertical line.
 */
function budgetCard(context: Context, flow: FlowResult): HTMLElement {
  const { palette } = context;
  const colours: Record<Component, string> = { blocking: palette.orange, queuing: palette.purple, processing: palette.blue };
  const unbounded = flow.budget.some((b) => b.queuing === null);
  const top = axisMax([flow.delay ?? 0], flow.delaySlo === null ? [] : [flow.delaySlo]);
  const scale = timeScale(top);
  const segments = flow.budget.flatMap((b, t) =>
    COMPONENTS.map((component) => ({
      label: `${b.task} · ${component}`,
      data: [b[component] === null ? null : b[component] * scale.factor],
      backgroundColor: t % 2 === 1 ? color(colours[component]).alpha(0.55).rgbString() : colours[component],
      borderColor: palette.background,
      borderWidth: 1,
    })),
  );
  const componentOf = (label: string) => COMPONENTS.find((c) => label.endsWith(`· ${c}`));
  const first = flow.budget[0]?.task;
  const slo: ReferenceLine[] = flow.delaySlo === null ? [] : [{ axis: 'x', value: flow.delaySlo * scale.factor, label: `SLO ${seconds(flow.delaySlo)}`, colour: palette.red }];
  return chartCard(
    context,
    `Delay budget of ${flow.name}`,
    {
      type: 'bar',
      data: { labels: [unbounded ? 'unbounded' : seconds(flow.delay)], datasets: segments },
      options: {
        indexAxis: 'y',
        layout: { padding: OFF_SCALE_ROOM },
        scales: {
          x: { stacked: true, beginAtZero: true, suggestedMax: top * scale.factor, title: axisTitle(`delay (${scale.unit})`) },
          y: { stacked: true },
        },
        plugins: {
          nscLines: { lines: slo },
          legend: {
            labels: {
              // The first task's segment stands for its component.
              generateLabels: (chart) =>
                Chart.defaults.plugins.legend.labels
                  .generateLabels(chart)
                  .filter((item) => item.text.startsWith(`${first} ·`))
                  .map((item) => ({ ...item, text: componentOf(item.text) ?? item.text })),
            },
            onClick: (_event, item, legend) => {
              const chart = legend.chart;
              chart.data.datasets.forEach((dataset, i) => {
                if (componentOf(dataset.label ?? '') === item.text) chart.setDatasetVisibility(i, !chart.isDatasetVisible(i));
              });
              chart.update();
            },
          },
        },
      },
    },
    {
      header: ['task', 'blocking (s)', 'queuing (s)', 'processing (s)', 'delay (s)', 'delay SLO (s)'],
      rows: flow.budget.map((b) => [b.task, b.blocking, b.queuing, b.processing, flow.delay, flow.delaySlo]),
    },
    'short',
  );
}

/** Weights are shares of a worker: the tasks worker by worker, labelled "worker: task". */
function switchWeights(context: Context, outcome: SwitchOutcome): HTMLElement {
  const { result } = outcome;
  const entries = Object.entries(result.weights).map(([task, weight]) => ({ group: outcome.taskWorkers[task] ?? '', task, weight, optimal: result.optimum.weights[task] ?? null }));
  // With fixed weights the optimiser's choice is the alternative worth comparing with.
  return weightsCard(context, 'Weights per worker', 'worker', entries, result.weightsSource === 'fixed');
}

export interface WeightEntry {
  /** What the task's weight is a share of: its worker (and switch). */
  readonly group: string;
  readonly task: string;
  readonly weight: number;
  readonly optimal: number | null;
}

/** One bar per task, grouped as given; with `showOptimum` a second bar of the optimal weights. */
export function weightsCard(context: Context, title: string, groupName: string, entries: readonly WeightEntry[], showOptimum: boolean): HTMLElement {
  const { palette } = context;
  const groups = [...new Set(entries.map((e) => e.group))];
  const sorted = [...entries].sort((a, b) => groups.indexOf(a.group) - groups.indexOf(b.group));
  return chartCard(
    context,
    title,
    {
      type: 'bar',
      data: {
        labels: sorted.map((e) => `${e.group}: ${e.task}`),
        datasets: [
          { label: showOptimum ? 'fixed weights' : 'chosen weights', data: sorted.map((e) => e.weight), backgroundColor: palette.blue },
          ...(showOptimum ? [{ label: 'optimal weights', data: sorted.map((e) => e.optimal), backgroundColor: palette.green }] : []),
        ],
      },
      options: { scales: { x: { title: axisTitle(`${groupName}: task`) }, y: { beginAtZero: true, suggestedMax: 1, title: axisTitle('WFQ weight (share of its worker)') } } },
    },
    { header: [groupName, 'task', 'weight', 'optimal weight'], rows: sorted.map((e) => [e.group, e.task, e.weight, e.optimal]) },
  );
}

/** Each change of the traffic: what changed, how the controller coped, and s* under the new load. */
function changesTable(simulation: Simulation): HTMLElement {
  return cellTable(
    ['from period', 'change', 'SLOs', 'periods missing an SLO', 'best SLO margin (s*)'],
    simulation.phases
      .slice(1)
      .map((phase) => [
        cell(String(phase.start)),
        cell(changeText(phase)),
        html('td', { class: phase.firstCompliantPeriod === null ? 'fails' : 'ok' }, recoveryText(phase)),
        cell(String(phase.violationPeriods)),
        cell(phase.optimalSlack === null ? 'unbounded' : percent(phase.optimalSlack)),
      ]),
  );
}

/**
 * Weights, delays and rates per control period, each flow's SLO as a line in its colour (a step
 * line when the traffic changes it), the traffic's changes as marked periods and the periods that
 * miss an SLO shaded.
 */
function trajectoryCards(context: Context, outcome: SwitchOutcome, simulation: Simulation): HTMLElement[] {
  const { palette } = context;
  const rows = simulation.rows;
  const flows = outcome.result.flows;
  const tasks = Object.keys(rows[0].weights);
  const colourOf = (i: number) => palette.series[i % palette.series.length];
  // With changes of traffic, the shading and the table of changes say when the SLOs hold; the
  // changes are marked Δ and their period, short enough not to run into each other.
  const changes = simulation.phases.slice(1);
  const markers: ReferenceLine[] =
    changes.length > 0
      ? changes.map((phase) => ({ axis: 'x', value: phase.start, label: `Δ${phase.start}`, colour: palette.muted }))
      : simulation.firstCompliantPeriod === null
        ? []
        : [{ axis: 'x', value: simulation.firstCompliantPeriod, label: 'first compliant period', colour: palette.green }];
  const nscBands = { ranges: violationRanges(rows), colour: color(palette.red).alpha(0.12).rgbString() };
  const series = (names: readonly string[], value: (row: (typeof rows)[number], name: string) => number | null, factor = 1) =>
    names.map((name, i) => ({
      label: name,
      data: rows.map((row) => ({ x: row.period, y: scaled(value(row, name), factor) })),
      borderColor: colourOf(i),
      backgroundColor: colourOf(i),
      pointRadius: 0,
      borderWidth: 2,
    }));
  const periodAxis = { type: 'linear' as const, title: axisTitle('control period') };
  // An SLO the traffic never changes is a labelled line; one it changes, a dashed step line per flow.
  const slos = (slo: 'rateSlo' | 'delaySlo', factor: number, format: (v: number) => string) => {
    if (!sloChanges(simulation, slo)) {
      const lines = flows.flatMap((f, i) => {
        const limit = f[slo];
        return limit === null ? [] : [{ axis: 'y' as const, value: limit * factor, label: `${f.name} SLO ${format(limit)}`, colour: colourOf(i) }];
      });
      return { lines, datasets: [] };
    }
    const datasets = flows.map((f, i) => ({
      label: `${f.name} SLO`,
      data: sloSteps(simulation, f.name, slo, factor),
      borderColor: colourOf(i),
      backgroundColor: colourOf(i),
      borderDash: [6, 4],
      stepped: true,
      pointRadius: 0,
      borderWidth: 1.5,
    }));
    return { lines: [], datasets };
  };
  const sloValues = (slo: 'rateSlo' | 'delaySlo') =>
    simulation.phases.flatMap((p) =>
      Object.values(p.flows).flatMap((f) => {
        const limit = f[slo];
        return limit === null ? [] : [limit];
      }),
    );
  const flowNames = flows.map((f) => f.name);

  const delays = rows.flatMap((r) => Object.values(r.delays).filter((d): d is number => d !== null));
  const delayTop = axisMax(delays, sloValues('delaySlo'));
  const delayScale = timeScale(delayTop);
  const rateScale = Math.max(...rows.flatMap((r) => Object.values(r.rates)), ...sloValues('rateSlo')) >= 1e6 ? { factor: 1e-6, unit: 'Mpps' } : { factor: 1, unit: 'pps' };
  const delaySlos = slos('delaySlo', delayScale.factor, seconds);
  const rateSlos = slos('rateSlo', rateScale.factor, rate);
  const csvRows = (value: (row: (typeof rows)[number], name: string) => number | null, names: readonly string[]) =>
    rows.flatMap((row) => names.map((name) => [row.period, name, value(row, name)]));

  return [
    chartCard(
      context,
      'Controller: weights per period',
      {
        type: 'line',
        data: { datasets: series(tasks, (row, t) => row.weights[t]) },
        options: { scales: { x: periodAxis, y: { beginAtZero: true, suggestedMax: 1, title: axisTitle('weight') } }, plugins: { nscLines: { lines: markers }, nscBands } },
      },
      { header: ['period', 'task', 'weight'], rows: csvRows((row, t) => row.weights[t], tasks) },
    ),
    chartCard(
      context,
      'Controller: delay per period',
      {
        type: 'line',
        data: { datasets: [...series(flowNames, (row, f) => row.delays[f], delayScale.factor), ...delaySlos.datasets] },
        options: {
          // A step line of a far larger SLO (2 ms next to 80 us) is cut at the top rather than flatten the delays.
          scales: {
            x: periodAxis,
            y: { beginAtZero: true, [delaySlos.datasets.length > 0 ? 'max' : 'suggestedMax']: delayTop * delayScale.factor, title: axisTitle(`delay (${delayScale.unit})`) },
          },
          plugins: { nscLines: { lines: [...markers, ...delaySlos.lines] }, nscBands },
        },
      },
      { header: ['period', 'flow', 'delay (s)'], rows: csvRows((row, f) => row.delays[f], flowNames) },
    ),
    chartCard(
      context,
      'Controller: rate per period',
      {
        type: 'line',
        data: { datasets: [...series(flowNames, (row, f) => row.rates[f], rateScale.factor), ...rateSlos.datasets] },
        options: {
          scales: { x: periodAxis, y: { beginAtZero: true, title: axisTitle(`rate (${rateScale.unit})`) } },
          plugins: { nscLines: { lines: [...markers, ...rateSlos.lines] }, nscBands },
        },
      },
      { header: ['period', 'flow', 'rate (pps)'], rows: csvRows((row, f) => row.rates[f], flowNames) },
    ),
  ];
}

/**
 * The delay estimate against a packet-level simulation at the same weights (the paper's Fig. 2):
 * per flow, the measured p50, p99 and maximum delay as multiples of the estimate, so flows whose
 * delays differ by orders of magnitude share one axis; 1 is the estimate itself.
 */
function packetCard(context: Context, check: NonNullable<SwitchOutcome['packets']>): HTMLElement {
  const { palette } = context;
  const flows = check.flows.filter((f) => f.estimate !== null && f.estimate > 0 && f.delay !== null);
  const measures = [
    { key: 'p50', colour: palette.blue },
    { key: 'p99', colour: palette.orange },
    { key: 'max', colour: palette.red },
  ] as const;
  const ratio = (f: (typeof flows)[number], key: (typeof measures)[number]['key']) => (f.delay && f.estimate ? f.delay[key] / f.estimate : null);
  return chartCard(
    context,
    `Delay estimate against ${number(check.packets)} simulated packets`,
    {
      type: 'bar',
      data: {
        labels: flows.map((f) => `${f.name} (estimate ${seconds(f.estimate)})`),
        datasets: measures.map((m) => ({ label: `measured ${m.key} / estimate`, data: flows.map((f) => ratio(f, m.key)), backgroundColor: m.colour })),
      },
      options: {
        scales: { x: { title: axisTitle('flow') }, y: { beginAtZero: true, suggestedMax: 1.2, title: axisTitle('measured delay / estimate') } },
        plugins: { nscLines: { lines: [{ axis: 'y', value: 1, label: 'estimate', colour: palette.foreground }] } },
      },
    },
    {
      header: ['flow', 'offered (pps)', 'rate LP (pps)', 'throughput (pps)', 'dropped', 'estimate (s)', 'mean (s)', 'p50 (s)', 'p99 (s)', 'max (s)'],
      rows: check.flows.map((f) => [
        f.name,
        f.offered,
        f.rate,
        f.throughput,
        f.dropped,
        f.estimate,
        f.delay?.mean ?? null,
        f.delay?.p50 ?? null,
        f.delay?.p99 ?? null,
        f.delay?.max ?? null,
      ]),
    },
  );
}
