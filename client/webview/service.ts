/**
 * A service's figures: its route on the topology map, a waterfall of its end-to-end delay budget
 * (each stretch of links, then each switch's blocking, queuing and processing) against its SLO, and
 * the weights of every switch it crosses.
 */
import type { ServiceOutcome } from '../../server/protocol.js';
import { chartCard, svgCard, type Context } from './card.js';
import { axisMax, axisTitle, type ReferenceLine } from './charts.js';
import { percent, rate, seconds, timeScale } from './format.js';
import { weightsCard } from './switch.js';
import { topologySvg, type TopologyView } from './topology.js';

type ServiceResult = ServiceOutcome['result'];

export function serviceSummary(outcome: ServiceOutcome): string {
  const r = outcome.result;
  const switches = [...new Set(r.hops.map((hop) => hop.switch))].join(', ');
  const delay = r.delaySlo === null ? seconds(r.delay) : `${seconds(r.delay)} of ${seconds(r.delaySlo)}`;
  const missed = [...(r.meetsDelay ? [] : ['delay']), ...(r.meetsRate ? [] : ['rate'])];
  return (
    [
      `From ${r.from} to ${r.to} on ${r.topology} through ${switches}`,
      `end-to-end delay ${delay} (${seconds(r.propagation)} on the links), rate ${rate(r.rate)}`,
      missed.length > 0
        ? `${missed.join(' and ')} SLO missed; best delay ${seconds(r.achievableDelay)}`
        : `joint slack ${r.optimum.slack === null ? 'unbounded' : percent(r.optimum.slack)}`,
    ].join('; ') + '.'
  );
}

export function serviceFigures(context: Context, outcome: ServiceOutcome): HTMLElement[] {
  const figures = [waterfallCard(context, outcome.result)];
  if (outcome.topology.nodes.length > 0) figures.unshift(routeCard(context, outcome));
  const weights = Object.entries(outcome.result.weights).flatMap(([sw, tasks]) =>
    Object.entries(tasks).map(([task, weight]) => ({ group: `${sw} ${outcome.taskWorkers[sw]?.[task] ?? ''}`.trim(), task, weight, optimal: null })),
  );
  if (weights.length > 0) figures.push(weightsCard(context, 'Weights of the switches crossed', 'switch worker', weights, false));
  return figures;
}

/** The route's links in order, numbered on the map; the ends as squares, the switches' nodes filled. */
function routeCard(context: Context, outcome: ServiceOutcome): HTMLElement {
  const { topology, result } = outcome;
  const index = new Map(topology.nodes.map((node, i) => [node.name, i]));
  const steps = result.route.flatMap((leg) =>
    leg.nodes.slice(1).flatMap((node, k) => {
      const [from, to] = [index.get(leg.nodes[k]), index.get(node)];
      return from === undefined || to === undefined ? [] : [[from, to] as const];
    }),
  );
  const hopsAt = (name: string) => result.hops.filter((hop) => hop.node === name);
  const view: TopologyView = {
    topology,
    legend: [
      { role: 'end', label: 'entry, exit' },
      { role: 'switch', label: 'switch crossed' },
      { role: 'node', label: 'other node' },
    ],
    roleOf: (node) => (hopsAt(node.name).length > 0 ? 'switch' : 'node'),
    isSquare: (node) => node.name === result.from || node.name === result.to,
    facts: (node) =>
      [
        node.tier,
        node.name === result.from ? 'entry' : undefined,
        node.name === result.to ? 'exit' : undefined,
        ...hopsAt(node.name).map((hop) => `switch ${hop.switch} (${hop.flow}): ${seconds(hop.delay)}`),
      ].filter((fact): fact is string => fact !== undefined),
    route: steps,
  };
  const rows = result.route.map((leg, i) => [i + 1, leg.nodes.join(' > '), leg.latency]);
  return svgCard(context, `Route of ${result.name} on ${topology.name}`, topologySvg(view, context.palette), { header: ['leg', 'nodes', 'latency (s)'], rows });
}

const PARTS = ['propagation', 'blocking', 'queuing', 'processing'] as const;
type Part = (typeof PARTS)[number];

interface Step {
  readonly label: string;
  /** [start, end] of each part, seconds; a leg of links has only propagation. */
  readonly parts: Partial<Record<Part, readonly [number, number]>>;
}

/** Each leg of links, then each switch's three terms, one after the other from 0 to the end-to-end delay. */
function waterfallSteps(r: ServiceResult): Step[] {
  const steps: Step[] = [];
  let at = 0;
  const advance = (by: number): [number, number] => [at, (at += by)];
  r.route.forEach((leg, i) => {
    steps.push({ label: leg.nodes.length > 1 ? `${leg.nodes[0]} → ${leg.nodes[leg.nodes.length - 1]}` : `at ${leg.nodes[0]}`, parts: { propagation: advance(leg.latency) } });
    const hop = r.hops[i];
    if (!hop) return;
    // An unbounded queue has no end to draw: the waterfall stops there.
    if (hop.queuing === null) return;
    steps.push({ label: hop.switch, parts: { blocking: advance(hop.blocking), queuing: advance(hop.queuing), processing: advance(hop.processing) } });
  });
  return steps;
}

function waterfallCard(context: Context, r: ServiceResult): HTMLElement {
  const { palette } = context;
  const steps = waterfallSteps(r);
  const end = steps.flatMap((s) => Object.values(s.parts).map((p) => p[1])).reduce((max, v) => Math.max(max, v), 0);
  const top = axisMax(
    [end],
    [r.delaySlo, r.achievableDelay].filter((v): v is number => v !== null),
  );
  const scale = timeScale(top);
  const colours: Record<Part, string> = { propagation: palette.green, blocking: palette.orange, queuing: palette.purple, processing: palette.blue };
  const labels = [...steps.map((s) => s.label), 'end to end'];
  const datasets = PARTS.map((part) => ({
    label: part,
    data: [...steps.map((s) => (s.parts[part] ? s.parts[part].map((v) => v * scale.factor) : null)), null] as ([number, number] | null)[],
    backgroundColor: colours[part],
    grouped: false,
  }));
  const total = {
    label: 'end to end',
    data: [...steps.map(() => null), r.delay === null ? null : [0, r.delay * scale.factor]] as ([number, number] | null)[],
    backgroundColor: palette.muted,
    grouped: false,
  };
  const lines: ReferenceLine[] = [];
  if (r.delaySlo !== null) lines.push({ axis: 'y', value: r.delaySlo * scale.factor, label: `SLO ${seconds(r.delaySlo)}`, colour: palette.red });
  if (r.achievableDelay !== null && !r.meetsDelay)
    lines.push({ axis: 'y', value: r.achievableDelay * scale.factor, label: `best ${seconds(r.achievableDelay)}`, colour: palette.muted });
  const rows = steps.flatMap((s) => PARTS.flatMap((part) => (s.parts[part] ? [[s.label, part, s.parts[part][0], s.parts[part][1]]] : [])));
  return chartCard(
    context,
    `End-to-end delay budget of ${r.name}`,
    {
      type: 'bar',
      data: { labels, datasets: [...datasets, total] },
      options: {
        scales: {
          x: { title: axisTitle('leg of links, or switch crossed') },
          y: { beginAtZero: true, suggestedMax: top * scale.factor, title: axisTitle(`delay since entry (${scale.unit})`) },
        },
        plugins: { nscLines: { lines } },
      },
    },
    { header: ['step', 'part', 'from (s)', 'to (s)'], rows: [...rows, ['end to end', 'total', 0, r.delay]] },
  );
}
