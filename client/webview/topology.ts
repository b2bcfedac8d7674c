/**
 * A topology as SVG: nodes by role (a placement's FL server, AIFs, accelerated AIFs and unused
 * accelerators; a service's entry, exit and switches), links with their latency on hover (SVG
 * <title>), and a service's route drawn over its links. Colours are written as attributes, not
 * CSS, so the exported SVG looks the same outside the page.
 */
import type { Topology, TopologyNode } from '../../engine/placement/model.js';
import { svg } from './dom.js';
import { seconds } from './format.js';
import { layoutTopology, type Point } from './layout.js';
import type { Palette } from './theme.js';

const RADIUS = 9;
const MARGIN = 36;
const LEGEND_HEIGHT = 34;

/** server and end are drawn as squares (a placement's FL server, a service's entry and exit). */
export type Role = 'server' | 'aif' | 'accelerated' | 'unused-accelerator' | 'node' | 'end' | 'switch';

export interface Marker {
  readonly role: Role;
  readonly label: string;
}

/** What to draw on the topology: each node's role and facts for its tooltip, the legend, and a route. */
export interface TopologyView {
  readonly topology: Topology;
  readonly legend: readonly Marker[];
  roleOf(node: TopologyNode, index: number): Role;
  /** Square nodes (they may also carry a ring of another role, e.g. an unused accelerator). */
  isSquare(node: TopologyNode, index: number): boolean;
  facts(node: TopologyNode, index: number): string[];
  /** Links a service's route follows, as [node, node] index pairs, in route order (the number shown). */
  readonly route?: readonly (readonly [number, number])[];
}

const FILLED: ReadonlySet<Role> = new Set(['aif', 'accelerated', 'switch']);

function nodeShape(role: Role, square: boolean, at: Point, palette: Palette): SVGElement {
  const group = svg('g', {});
  const fill = FILLED.has(role) ? palette.blue : square ? palette.green : palette.background;
  const stroke = role === 'node' ? palette.muted : palette.foreground;
  if (role === 'accelerated') group.appendChild(svg('circle', { cx: at.x, cy: at.y, r: RADIUS + 4, fill: 'none', stroke: palette.orange, 'stroke-width': 3 }));
  if (role === 'unused-accelerator') {
    group.appendChild(svg('circle', { cx: at.x, cy: at.y, r: RADIUS + 4, fill: 'none', stroke: palette.orange, 'stroke-width': 2, 'stroke-dasharray': '3 3' }));
  }
  group.appendChild(
    square
      ? svg('rect', { x: at.x - RADIUS, y: at.y - RADIUS, width: 2 * RADIUS, height: 2 * RADIUS, fill, stroke, 'stroke-width': 1.5 })
      : svg('circle', { cx: at.x, cy: at.y, r: role === 'node' ? RADIUS - 3 : RADIUS, fill, stroke, 'stroke-width': 1.5 }),
  );
  return group;
}

/** Room for a legend entry: marker, gap, text at about 7 px a character (12 px font), spacing. */
const entryWidth = (marker: Marker) => 2 * RADIUS + 8 + marker.label.length * 7 + 24;
const legendWidth = (markers: readonly Marker[]) => markers.reduce((sum, marker) => sum + entryWidth(marker), 0);
const SQUARES: ReadonlySet<Role> = new Set(['server', 'end']);

function legend(markers: readonly Marker[], palette: Palette): SVGElement {
  const group = svg('g', { 'font-size': 12 });
  let x = MARGIN;
  for (const marker of markers) {
    const square = SQUARES.has(marker.role);
    group.appendChild(nodeShape(square ? 'node' : marker.role, square, { x: x + RADIUS, y: LEGEND_HEIGHT / 2 }, palette));
    group.appendChild(svg('text', { x: x + 2 * RADIUS + 8, y: LEGEND_HEIGHT / 2 + 4, fill: palette.foreground }, marker.label));
    x += entryWidth(marker);
  }
  return group;
}

export function topologySvg(view: TopologyView, palette: Palette): SVGSVGElement {
  const { topology } = view;
  const layout = layoutTopology(topology);
  const perRow = new Map<number, number>();
  for (const p of layout) perRow.set(p.y, (perRow.get(p.y) ?? 0) + 1);
  const rows = perRow.size;
  const tiered = topology.nodes.some((n) => n.tier);
  const width = Math.max(legendWidth(view.legend) + MARGIN, 2 * MARGIN + (tiered ? Math.max(...perRow.values()) * 64 : 40 * Math.sqrt(topology.nodes.length) * 3));
  const drawingHeight = tiered ? Math.max(rows - 1, 1) * 90 : width * 0.6;
  const height = LEGEND_HEIGHT + drawingHeight + 2 * MARGIN;
  const at = layout.map((p) => ({ x: MARGIN + p.x * (width - 2 * MARGIN), y: LEGEND_HEIGHT + MARGIN + p.y * drawingHeight }));

  const figure = svg('svg', {
    xmlns: 'http://www.w3.org/2000/svg',
    class: 'topology',
    width: Math.round(width),
    height: Math.round(height),
    viewBox: `0 0 ${Math.round(width)} ${Math.round(height)}`,
    'font-family': palette.fontFamily,
    role: 'img',
    'aria-label': `Topology ${topology.name}`,
  });
  figure.appendChild(svg('rect', { width: '100%', height: '100%', fill: palette.background }));
  figure.appendChild(legend(view.legend, palette));

  for (const link of topology.links) {
    const [a, b] = [at[link.a], at[link.b]];
    const label = `${topology.nodes[link.a].name} — ${topology.nodes[link.b].name}: ${seconds(link.latency)}`;
    // A wide transparent twin makes the thin line easy to hover.
    figure.appendChild(
      svg(
        'g',
        { class: 'link' },
        svg('title', {}, label),
        svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: palette.muted, 'stroke-width': 1.5 }),
        svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: 'transparent', 'stroke-width': 10 }),
      ),
    );
  }

  view.route?.forEach(([a, b], step) => figure.appendChild(routeLink(at[a], at[b], step, `route ${step + 1}: ${topology.nodes[a].name} → ${topology.nodes[b].name}`, palette)));

  topology.nodes.forEach((node, i) => {
    figure.appendChild(
      svg(
        'g',
        { class: 'node' },
        svg('title', {}, [node.name, ...view.facts(node, i)].join(' · ')),
        nodeShape(view.roleOf(node, i), view.isSquare(node, i), at[i], palette),
        svg('text', { x: at[i].x, y: at[i].y + RADIUS + 16, 'text-anchor': 'middle', 'font-size': 11, fill: palette.foreground }, node.name),
      ),
    );
  });
  return figure;
}

/** One link of a route: thick, in the route's colour, with its place in the route at the middle. */
function routeLink(a: Point, b: Point, step: number, label: string, palette: Palette): SVGElement {
  const middle = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  return svg(
    'g',
    { class: 'route' },
    svg('title', {}, label),
    svg('line', { x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: palette.orange, 'stroke-width': 4, 'stroke-linecap': 'round' }),
    svg('circle', { cx: middle.x, cy: middle.y, r: 8, fill: palette.background, stroke: palette.orange, 'stroke-width': 1.5 }),
    svg('text', { x: middle.x, y: middle.y + 4, 'text-anchor': 'middle', 'font-size': 10, fill: palette.foreground }, String(step + 1)),
  );
}
