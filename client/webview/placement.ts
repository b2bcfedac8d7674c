/** A placement's figures: topology map, per-AIF round times against T/R, training curve p_k, Pareto fronts. */
import type { ParetoPoint } from '../../engine/placement/pareto.js';
import type { PlacementOutcome } from '../../server/protocol.js';
import { chartCard, svgCard, type Context } from './card.js';
import { Chart } from 'chart.js';
import { axisTitle } from './charts.js';
import { html } from './dom.js';
import { number, seconds, timeScale } from './format.js';
import { topologySvg, type Role, type TopologyView } from './topology.js';

export function placementSummary(outcome: PlacementOutcome): string {
  const r = outcome.result;
  if (r.status !== 'feasible') return r.reason ?? `No placement meets T/R = ${seconds(r.roundLimit)}.`;
  return (
    `FL server ${r.server}; ${r.aifs.length} AIFs (k = ${r.k}), ${r.accelerated.length} accelerated; ` +
    `max round ${seconds(r.maxRoundTime)} of ${seconds(r.roundLimit)} (T/R); loop ${seconds(r.loopTime)}.`
  );
}

export function placementFigures(context: Context, outcome: PlacementOutcome): HTMLElement[] {
  const figures: HTMLElement[] = [];
  if (outcome.topology.nodes.length > 0) figures.push(topologyCard(context, outcome));
  if (outcome.result.aifs.length > 0) figures.push(roundTimeCard(context, outcome));
  if (outcome.curve.points.length > 0) figures.push(curveCard(context, outcome));
  const pareto = outcome.pareto;
  if (pareto && pareto.spread.length > 0) figures.push(paretoCard(context, outcome, 'spread', pareto.spread));
  if (pareto && pareto.maxRoundTime.length > 0) figures.push(paretoCard(context, outcome, 'max round time', pareto.maxRoundTime));
  return figures;
}

/**
 * A Pareto front as a scatter of (k, value) with the chosen placement highlighted (it may lie off
 * the front: min-aifs ranks AIFs first). Clicking a point shows the placement that reaches it and
 * rings the point, so the note below says which point it describes. A button per point does the
 * same from the keyboard (and for screen readers, to which the canvas is one image).
 */
function paretoCard(context: Context, outcome: PlacementOutcome, criterion: 'spread' | 'max round time', front: readonly ParetoPoint[]): HTMLElement {
  const { palette } = context;
  const { result } = outcome;
  const chosenValue = criterion === 'spread' ? result.spread : result.maxRoundTime;
  const scale = timeScale(Math.max(...front.map((p) => p.value), chosenValue ?? 0));
  const chosen = result.k !== null && chosenValue !== null ? { k: result.k, value: chosenValue } : undefined;
  const ks = [...front.map((p) => p.k), ...(chosen ? [chosen.k] : [])];
  // Tooltips say a point as the note does, not as Chart.js's '(12, 173.4)' in the axis unit.
  const pointLabel = (p: { k: number; value: number }) => `${p.k} AIFs, ${criterion} ${seconds(p.value)}`;
  const describe = (p: ParetoPoint) =>
    `${pointLabel(p)}: FL server ${p.server}; AIFs ${p.aifs.join(', ')}` +
    `${p.accelerated.length > 0 ? ` (accelerated: ${p.accelerated.join(', ')})` : ''}; max round ${seconds(p.maxRoundTime)}, spread ${seconds(p.spread)}.`;
  const detail = html('p', { class: 'note', 'aria-live': 'polite' }, 'Click a point of the front to see its placement.');
  let selected: number | undefined;
  const buttons = front.map((p) => html('button', { type: 'button', 'aria-pressed': 'false', title: pointLabel(p) }, `${p.k} AIFs`));
  const select = (index: number) => {
    selected = index;
    detail.textContent = describe(front[index]);
    buttons.forEach((button, i) => button.setAttribute('aria-pressed', String(i === index)));
    const canvas = card.querySelector('canvas');
    if (canvas) Chart.getChart(canvas)?.update();
  };
  buttons.forEach((button, index) => button.addEventListener('click', () => select(index)));
  const isSelected = (point: { dataIndex: number }) => point.dataIndex === selected;
  const chosenOnFront = chosen !== undefined && front.some((p) => p.k === chosen.k && Math.abs(p.value - chosen.value) <= 1e-12 + 1e-9 * p.value);
  const card = chartCard(
    context,
    `Pareto front: AIFs vs ${criterion}`,
    {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: 'non-dominated placements',
            data: front.map((p) => ({ x: p.k, y: p.value * scale.factor })),
            borderColor: palette.blue,
            backgroundColor: palette.blue,
            showLine: true,
            stepped: 'before' as const,
            pointRadius: (point) => (isSelected(point) ? 7 : 5),
            pointHoverRadius: (point) => (isSelected(point) ? 8 : 6),
            pointBorderColor: (point) => (isSelected(point) ? palette.foreground : palette.blue),
            pointBorderWidth: (point) => (isSelected(point) ? 2 : 1),
          },
          ...(chosen
            ? [
                {
                  label: chosenOnFront ? 'chosen (on the front)' : 'chosen (dominated)',
                  data: [{ x: chosen.k, y: chosen.value * scale.factor }],
                  borderColor: palette.green,
                  backgroundColor: palette.green,
                  pointRadius: 9,
                  pointStyle: 'rectRot' as const,
                },
              ]
            : []),
        ],
      },
      options: {
        onClick: (_event, elements) => {
          const hit = elements.find((element) => element.datasetIndex === 0);
          if (hit) select(hit.index);
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) => {
                const point = item.datasetIndex === 0 ? front[item.dataIndex] : chosen;
                return point ? `${item.dataset.label ?? ''}: ${pointLabel(point)}` : '';
              },
            },
          },
        },
        scales: {
          // Half a step of room on both sides, so the end points are not cut by the axes. Ticks at whole
          // k only (a stepSize with these bounds puts them at 2.5, 3.5…), each k while there is room.
          x: {
            type: 'linear',
            min: Math.min(...ks) - 0.5,
            max: Math.max(...ks) + 0.5,
            title: axisTitle('k (number of AIFs)'),
            ticks: { precision: 0, includeBounds: false, maxTicksLimit: 25 },
          },
          y: { beginAtZero: true, grace: '10%', title: axisTitle(`${criterion} (${scale.unit})`) },
        },
      },
    },
    {
      // The front's value is one of the last two columns: a column of its own would repeat a name.
      header: ['k', 'FL server', 'AIFs', 'accelerated', 'max round time (s)', 'spread (s)'],
      rows: front.map((p) => [p.k, p.server, p.aifs.join(' '), p.accelerated.join(' '), p.maxRoundTime, p.spread]),
    },
  );
  card.append(html('div', { class: 'point-picker', role: 'group', 'aria-label': `Points of the front: AIFs vs ${criterion}` }, 'Placement of:', ...buttons), detail);
  return card;
}

function topologyCard(context: Context, outcome: PlacementOutcome): HTMLElement {
  const { topology, result } = outcome;
  const rows = topology.nodes.map((node) => [
    node.name,
    node.tier ?? null,
    node.accelerator ? 'yes' : 'no',
    result.server === node.name ? 'FL server' : result.accelerated.includes(node.name) ? 'accelerated AIF' : result.aifs.includes(node.name) ? 'AIF' : null,
    outcome.latencyToServer[node.name] ?? null,
  ]);
  const title = `Topology ${topology.name}`;
  return svgCard(context, title, topologySvg(placementView(outcome), context.palette), { header: ['node', 'tier', 'accelerator', 'role', 'latency to server (s)'], rows });
}

/** Nodes by their role in the placement: the FL server, AIFs, accelerated AIFs, unused accelerators. */
function placementView(outcome: PlacementOutcome): TopologyView {
  const { topology, result } = outcome;
  const aifs = new Set(result.aifs);
  const accelerated = new Set(result.accelerated);
  const roleOf = (name: string, hasAccelerator: boolean): Role => (accelerated.has(name) ? 'accelerated' : aifs.has(name) ? 'aif' : hasAccelerator ? 'unused-accelerator' : 'node');
  return {
    topology,
    legend: [
      { role: 'server', label: 'FL server' },
      { role: 'aif', label: 'AIF' },
      { role: 'accelerated', label: 'accelerated AIF' },
      { role: 'unused-accelerator', label: 'unused accelerator' },
      { role: 'node', label: 'other node' },
    ],
    roleOf: (node) => roleOf(node.name, node.accelerator),
    isSquare: (node) => result.server === node.name,
    facts: (node) => {
      const role = roleOf(node.name, node.accelerator);
      const isServer = result.server === node.name;
      return [
        node.tier,
        isServer ? 'FL server' : undefined,
        role === 'accelerated' ? 'accelerated AIF' : role === 'aif' ? 'AIF' : role === 'unused-accelerator' ? 'accelerator not used' : undefined,
        node.name in result.roundTimes ? `round ${seconds(result.roundTimes[node.name])}` : undefined,
        outcome.latencyToServer[node.name] !== undefined && !isServer ? `latency to server ${seconds(outcome.latencyToServer[node.name])}` : undefined,
      ].filter((f): f is string => f !== undefined);
    },
  };
}

/** Round time = training (alpha * p_k when accelerated) + exchange latency with the FL server. */
function roundTimeCard(context: Context, outcome: PlacementOutcome): HTMLElement {
  const { result, acceleration } = outcome;
  const { palette } = context;
  const p = result.trainingTime ?? 0;
  const training = (aif: string) => (result.accelerated.includes(aif) ? acceleration * p : p);
  const scale = timeScale(Math.max(result.roundLimit ?? 0, ...Object.values(result.roundTimes)));
  const scaled = (s: number) => s * scale.factor;
  const aifs = result.aifs;
  const limit = result.roundLimit;
  return chartCard(
    context,
    'Round time per AIF',
    {
      type: 'bar',
      data: {
        labels: aifs,
        datasets: [
          { label: 'training', data: aifs.map((a) => (result.accelerated.includes(a) ? 0 : scaled(training(a)))), backgroundColor: palette.blue, stack: 'round' },
          { label: 'training (accelerated)', data: aifs.map((a) => (result.accelerated.includes(a) ? scaled(training(a)) : 0)), backgroundColor: palette.orange, stack: 'round' },
          { label: 'exchange latency', data: aifs.map((a) => scaled(result.roundTimes[a] - training(a))), backgroundColor: palette.purple, stack: 'round' },
        ],
      },
      options: {
        scales: {
          x: { stacked: true, title: axisTitle('AIF') },
          y: { stacked: true, beginAtZero: true, suggestedMax: scaled((limit ?? 0) * 1.15), title: axisTitle(`round time (${scale.unit})`) },
        },
        plugins: { nscLines: { lines: limit === null ? [] : [{ axis: 'y', value: scaled(limit), label: `T/R = ${seconds(limit)}`, colour: palette.red }] } },
      },
    },
    {
      header: ['AIF', 'accelerated', 'training (s)', 'exchange (s)', 'round time (s)', 'T/R (s)'],
      rows: aifs.map((a) => [a, result.accelerated.includes(a) ? 'yes' : 'no', training(a), result.roundTimes[a] - training(a), result.roundTimes[a], limit]),
    },
  );
}

/** p_k is linear between the written points and flat outside, exactly what straight segments draw. */
function curveCard(context: Context, outcome: PlacementOutcome): HTMLElement {
  const { curve, acceleration, result } = outcome;
  const { palette } = context;
  const points = curve.points;
  const lastK = Math.max(points[points.length - 1].k, result.k ?? 0);
  const line = points[points.length - 1].k < lastK ? [...points, { k: lastK, time: points[points.length - 1].time }] : points;
  const scale = timeScale(Math.max(...points.map((pt) => pt.time)));
  const at = (factor: number) => line.map((pt) => ({ x: pt.k, y: pt.time * factor * scale.factor }));
  const chosen = result.k !== null && result.trainingTime !== null ? { k: result.k, p: result.trainingTime } : undefined;
  const lines = [];
  if (chosen) lines.push({ axis: 'x' as const, value: chosen.k, label: `chosen k = ${chosen.k}`, colour: palette.green });
  if (result.roundLimit !== null) lines.push({ axis: 'y' as const, value: result.roundLimit * scale.factor, label: `T/R = ${seconds(result.roundLimit)}`, colour: palette.red });
  return chartCard(
    context,
    `Training curve ${curve.name}`,
    {
      type: 'line',
      data: {
        datasets: [
          { label: 'p_k', data: at(1), borderColor: palette.blue, backgroundColor: palette.blue },
          { label: `accelerated α·p_k (α = ${number(acceleration)})`, data: at(acceleration), borderColor: palette.orange, backgroundColor: palette.orange, borderDash: [6, 3] },
          ...(chosen
            ? [
                {
                  label: 'chosen k',
                  data: [
                    { x: chosen.k, y: chosen.p * scale.factor },
                    { x: chosen.k, y: chosen.p * acceleration * scale.factor },
                  ],
                  borderColor: palette.green,
                  backgroundColor: palette.green,
                  showLine: false,
                  pointRadius: 6,
                  pointStyle: 'rectRot' as const,
                },
              ]
            : []),
        ],
      },
      options: {
        scales: {
          x: { type: 'linear', title: axisTitle('k (number of AIFs)'), ticks: { stepSize: 1 } },
          y: { beginAtZero: true, title: axisTitle(`training time (${scale.unit})`) },
        },
        plugins: { nscLines: { lines } },
      },
    },
    { header: ['k', 'p_k (s)', 'alpha * p_k (s)', 'chosen'], rows: curveRows(outcome) },
  );
}

/** The written points, plus the chosen k where it falls between them (its p_k interpolated by the engine). */
function curveRows(outcome: PlacementOutcome): (string | number | null)[][] {
  const { curve, acceleration, result } = outcome;
  const rows = curve.points.map((pt) => ({ k: pt.k, time: pt.time }));
  if (result.k !== null && result.trainingTime !== null && !rows.some((r) => r.k === result.k)) rows.push({ k: result.k, time: result.trainingTime });
  rows.sort((a, b) => a.k - b.k);
  return rows.map((r) => [r.k, r.time, r.time * acceleration, r.k === result.k ? 'yes' : null]);
}
