/**
 * `nsc import` and the editor's Import Topology command: a topology file in, .nsc text out. The
 * format comes from the file name (.gml, .graphml/.xml, .clab.yml/.clab.yaml/.yml/.yaml), else
 * from the content.
 */
import { buildNetwork, type BuildOptions, type ImportReport } from './build.js';
import { readContainerlab } from './containerlab.js';
import { readGml } from './gml.js';
import { ImportError, type ImportFormat, type RawGraph } from './graph.js';
import { readGraphml } from './graphml.js';
import { printNetwork, summary } from './print.js';

export interface ImportOptions extends BuildOptions {
  /** As the user wrote it, for the header. */
  readonly acceleratorRule: string;
  readonly topologyOnly: boolean;
}

export type ImportOutcome =
  { readonly ok: true; readonly text: string; readonly summary: readonly string[]; readonly report: ImportReport } | { readonly ok: false; readonly message: string };

export function formatOf(fileName: string, text: string): ImportFormat | undefined {
  const name = fileName.toLowerCase();
  if (name.endsWith('.gml')) return 'gml';
  if (name.endsWith('.graphml') || name.endsWith('.xml')) return 'graphml';
  if (/\.(clab\.)?ya?ml$/.test(name)) return 'containerlab';
  const start = text.trimStart();
  if (start.startsWith('<')) return 'graphml';
  if (/^(#[^\n]*\n\s*)*graph\s*\[/.test(start)) return 'gml';
  if (/^\s*topology\s*:/m.test(text)) return 'containerlab';
  return undefined;
}

const READERS: Readonly<Record<ImportFormat, (text: string) => RawGraph>> = { gml: readGml, graphml: readGraphml, containerlab: readContainerlab };

export function importTopology(text: string, fileName: string, options: ImportOptions): ImportOutcome {
  const format = formatOf(fileName, text);
  if (format === undefined) return { ok: false, message: `${fileName}: not a GML, GraphML or containerlab topology file (by its name or its content)` };
  try {
    const network = buildNetwork(READERS[format](text), options);
    const print = { source: baseName(fileName), minLatency: options.minLatency, acceleratorRule: options.acceleratorRule };
    return { ok: true, text: printNetwork(network, { ...print, topologyOnly: options.topologyOnly }), summary: summary(network, print), report: network.report };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, message: `${fileName}: ${error.message}` };
    throw error;
  }
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
