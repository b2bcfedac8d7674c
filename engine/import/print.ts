/**
 * The imported network as .nsc text: a header saying where it came from and which rules made its
 * latencies, the topology (each node's original label as a comment when its name differs), and —
 * unless only the topology is wanted — a starting curve and placement so the file solves at once.
 */
import { PAPER_TRAINING_POINTS } from '../placement/paper-curve.js';
import { formatQuantity } from '../units.js';
import { FIBRE_KM_PER_SECOND, type ImportedNetwork } from './build.js';
import { FORMAT_NAMES } from './graph.js';

export interface PrintOptions {
  /** The file's name as the header shows it. */
  readonly source: string;
  readonly minLatency: number;
  readonly acceleratorRule: string;
  readonly topologyOnly: boolean;
}

/** Milliseconds with up to 6 significant digits: what the file keeps of a latency. */
const milliseconds = (seconds: number) => `${Number((seconds * 1e3).toPrecision(6))} ms`;

export function printNetwork(network: ImportedNetwork, options: PrintOptions): string {
  const { topology, nodes, report } = network;
  const lines = [...summary(network, options).map((line) => `// ${line}`), `topology ${topology.name} {`];
  const width = Math.max(...nodes.map((node) => node.name.length));
  for (const node of nodes) {
    const declaration = `  node ${node.name}${node.accelerator ? ' accelerator' : ''}`;
    lines.push(node.label === undefined ? declaration : `${declaration.padEnd(width + 20)} // ${node.label.replace(/[\r\n]+/g, ' ')}`);
  }
  if (topology.links.length > 0) lines.push('');
  for (const link of topology.links) lines.push(`  link ${topology.nodes[link.a].name} -- ${topology.nodes[link.b].name} latency ${milliseconds(link.latency)}`);
  lines.push('}');
  if (!options.topologyOnly) lines.push('', ...startingPlacement(topology.name, report.accelerators > 0));
  return lines.join('\n') + '\n';
}

/** The header lines, also what `nsc import` reports on stderr. */
export function summary(network: ImportedNetwork, options: Pick<PrintOptions, 'source' | 'minLatency' | 'acceleratorRule'>): string[] {
  const { report } = network;
  const lines = [`Imported from ${options.source} (${FORMAT_NAMES[report.format]}): ${report.nodes} nodes, ${report.links} links.`];
  const { file, coordinates, median, default: fallback } = report.latencies;
  const from: string[] = [];
  if (file > 0) from.push(`${file} stated in the file`);
  if (coordinates > 0)
    from.push(
      `${coordinates} from coordinates (great-circle distance at ${FIBRE_KM_PER_SECOND.toLocaleString('en')} km/s, at least ${formatQuantity(options.minLatency, 'time')})`,
    );
  if (median > 0) from.push(`${median} without either, given the median of the others (${milliseconds(report.fallbackLatency ?? 0)})`);
  if (fallback > 0) from.push(`${fallback} given the default ${milliseconds(report.fallbackLatency ?? 0)} (the file has no latency or coordinates)`);
  if (from.length > 0) lines.push(`Link latencies: ${from.join('; ')}.`);
  if (report.withoutCoordinates.length > 0) lines.push(`Without coordinates: ${shortList(report.withoutCoordinates)}.`);
  if (report.parallelMerged > 0) lines.push(`${report.parallelMerged} parallel links merged into the fastest of their pair.`);
  if (report.selfLoops > 0) lines.push(`${report.selfLoops} links from a node to itself dropped.`);
  if (report.otherParts.length > 0) {
    const parts = report.otherParts.map((part) => `{${shortList(part)}}`).join(', ');
    lines.push(
      report.partsKept
        ? `Warning: the network is in ${report.otherParts.length + 1} disconnected parts; all kept: ${parts} are not connected to the largest part.`
        : `Warning: ${report.otherParts.length} parts not connected to the largest were dropped: ${parts}.`,
    );
  }
  lines.push(`Accelerators: ${options.acceleratorRule} (${report.accelerators} of ${report.nodes} nodes).`);
  for (const warning of report.warnings) lines.push(`Warning: ${warning}.`);
  return lines;
}

const shortList = (names: readonly string[]) => (names.length > 8 ? `${names.slice(0, 8).join(', ')} and ${names.length - 8} more` : names.join(', '));

/** The placement paper's first-quartile training curve (its Fig. 3) and a requirement to edit. */
function startingPlacement(topology: string, accelerators: boolean): string[] {
  return [
    "// A starting point: the placement paper's training-time curve and requirement; edit them to yours.",
    `curve ${topology}Training {`,
    ...PAPER_TRAINING_POINTS.map(({ k, time }) => `  ${k} -> ${time} s`),
    '}',
    '',
    `placement ${topology}Placement {`,
    `  topology ${topology}`,
    `  curve ${topology}Training`,
    '  rounds 10',
    '  target 2 s',
    ...(accelerators ? ['  acceleration 0.5'] : []),
    '}',
  ];
}
