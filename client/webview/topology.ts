/**
 * The placement's topology as SVG: nodes by role (FL server, AIF, accelerated AIF, unused
 * accelerator), links with their latency on hover (SVG <title>). Colours are written as
 * attributes, not CSS, so the exported SVG looks the same outside the page.
 */
import type { PlacementOutcome } from '../../server/protocol.js';
import { svg } from './dom.js';
import { seconds } from './format.js';
import { layoutTopology, type Point } from './layout.js';
import type { Palette } from './theme.js';

const RADIUS = 9;
const MARGIN = 36;
const LEGEND_HEIGHT = 34;

type Role = 'server' | 'aif' | 'accelerated' | 'unused-accelerator' | 'node';

interface Marker {
  readonly role: Role;
  readonly label: string;
}

const LEGEND: readonly Marker[] = [
  { role: 'server', label: 'FL server' },
  { role: 'aif', label: 'AIF' },
  { role: 'accelerated', label: 'accelerated AIF' },
  { role: 'unused-accelerator', label: 'unused accelerator' },
  { role: 'node', label: 'other node' },
];

function nodeShape(role: Role, isServer: boolean, at: Point, palette: Palette): SVGElement {
  const group = svg('g', {});
  const fill = role === 'aif' || role === 'accelerated' ? palette.blue : isServer ? palette.green : palette.background;
  const stroke = role === 'node' ? palette.muted : palette.foreground;
  if (role === 'accelerated') group.appendChild(svg('circle', { cx: at.x, cy: at.y, r: RADIUS + 4, fill: 'none', stroke: palette.orange, 'stroke-width': 3 }));
  if (role === 'unused-accelerator') {
    group.appendChild(svg('circle', { cx: at.x, cy: at.y, r: RADIUS + 4, fill: 'none', stroke: palette.orange, 'stroke-width': 2, 'stroke-dasharray': '3 3' }));
  }
  group.appendChild(
    isServer
      ? svg('rect', { x: at.x - RADIUS, y: at.y - RADIUS, width: 2 * RADIUS, height: 2 * RADIUS, fill, stroke, 'stroke-width': 1.5 })
      : svg('circle', { cx: at.x, cy: at.y, r: role === 'node' ? RADIUS - 3 : RADIUS, fill, stroke, 'stroke-width': 1.5 }),
  );
  return group;
}

/** Room for a legend entry: marker, gap, text at about 7 px a character (12 px font), spacing. */
const entryWidth = (marker: Marker) => 2 * RADIUS + 8 + marker.label.length * 7 + 24;
const LEGEND_WIDTH = LEGEND.reduce((sum, marker) => sum + entryWidth(marker), 0);

function legend(palette: Palette): SVGElement {
  const group = svg('g', { 'font-size': 12 });
  let x = MARGIN;
  for (const marker of LEGEND) {
    group.appendChild(nodeShape(marker.role === 'server' ? 'node' : marker.role, marker.role === 'server', { x: x + RADIUS, y: LEGEND_HEIGHT / 2 }, palette));
    group.appendChild(svg('text', { x: x + 2 * RADIUS + 8, y: LEGEND_HEIGHT / 2 + 4, fill: palette.foreground }, marker.label));
    x += entryWidth(marker);
  }
  return group;
}

export function topologySvg(outcome: PlacementOutcome, palette: Palette): SVGSVGElement {
  const { topology, result } = outcome;
  const layout = layoutTopology(topology);
  const perRow = new Map<number, number>();
  for (const p of layout) perRow.set(p.y, (perRow.get(p.y) ?? 0) + 1);
  const rows = perRow.size;
  const tiered = topology.nodes.some((n) => n.tier);
  const width = Math.max(LEGEND_WIDTH + MARGIN, 2 * MARGIN + (tiered ? Math.max(...perRow.values()) * 64 : 40 * Math.sqrt(topology.nodes.length) * 3));
  const drawingHeight = tiered ? Math.max(rows - 1, 1) * 90 : width * 0.6;
  const height = LEGEND_HEIGHT + drawingHeight + 2 * MARGIN;
  const at = layout.map((p) => ({ x: MARGIN + p.x * (width - 2 * MARGIN), y: LEGEND_HEIGHT + MARGIN + p.y * drawingHeight }));

  const aifs = new Set(result.aifs);
  const accelerated = new Set(result.accelerated);
  const roleOf = (name: string, hasAccelerator: boolean): Role =>
    accelerated.has(name) ? 'accelerated' : aifs.has(name) ? 'aif' : hasAccelerator ? 'unused-accelerator' : 'node';

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
  figure.appendChild(legend(palette));

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

  topology.nodes.forEach((node, i) => {
    const role = roleOf(node.name, node.accelerator);
    const isServer = result.server === node.name;
    const facts = [
      node.tier,
      isServer ? 'FL server' : undefined,
      role === 'accelerated' ? 'accelerated AIF' : role === 'aif' ? 'AIF' : role === 'unused-accelerator' ? 'accelerator not used' : undefined,
      node.name in result.roundTimes ? `round ${seconds(result.roundTimes[node.name])}` : undefined,
      outcome.latencyToServer[node.name] !== undefined && !isServer ? `latency to server ${seconds(outcome.latencyToServer[node.name])}` : undefined,
    ].filter((f): f is string => f !== undefined);
    figure.appendChild(
      svg(
        'g',
        { class: 'node' },
        svg('title', {}, [node.name, ...facts].join(' · ')),
        nodeShape(role, isServer, at[i], palette),
        svg('text', { x: at[i].x, y: at[i].y + RADIUS + 16, 'text-anchor': 'middle', 'font-size': 11, fill: palette.foreground }, node.name),
      ),
    );
  });
  return figure;
}
