/**
 * GraphML (XML, read with fast-xml-parser): `<key>` declarations map data keys to attribute names;
 * nodes carry `label`/`name`, `Latitude`/`Longitude` (any case) and links `latency`/`delay` as data
 * under those names, as the Topology Zoo and networkx write them.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { ImportError, LATENCY_KEYS, parseCoordinate, parseLatency, type RawGraph, type RawLink, type RawNode } from './graph.js';

interface XmlData {
  readonly '@_key'?: string;
  readonly '#text'?: string | number;
}
interface XmlElement {
  readonly '@_id'?: string;
  readonly '@_source'?: string;
  readonly '@_target'?: string;
  readonly data?: XmlData[];
}
interface XmlKey {
  readonly '@_id'?: string;
  readonly '@_for'?: string;
  readonly '@_attr.name'?: string;
}
interface XmlGraph extends XmlElement {
  readonly node?: XmlElement[];
  readonly edge?: XmlElement[];
}

const LISTS = new Set(['key', 'graph', 'node', 'edge', 'data']);

export function readGraphml(text: string): RawGraph {
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ImportError(`GraphML line ${valid.err.line}: ${valid.err.msg}`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, isArray: (name) => LISTS.has(name) });
  const document = parser.parse(text) as { graphml?: { key?: XmlKey[]; graph?: XmlGraph[] } };
  const root = document.graphml;
  const graph = root?.graph?.[0];
  if (!root || !graph) throw new ImportError('GraphML: the file has no <graphml><graph> element');
  // Data keys by attribute name, per element kind ('all' keys apply to every kind).
  const keyNames = new Map<string, string>();
  for (const key of root.key ?? []) if (key['@_id'] && key['@_attr.name']) keyNames.set(key['@_id'], key['@_attr.name'].toLowerCase());
  const attributes = (element: XmlElement): Map<string, string> =>
    new Map((element.data ?? []).flatMap((d) => (d['@_key'] === undefined ? [] : [[keyNames.get(d['@_key']) ?? d['@_key'].toLowerCase(), String(d['#text'] ?? '')] as const])));
  const warnings: string[] = [];
  const nodes: RawNode[] = [];
  for (const node of graph.node ?? []) {
    const id = node['@_id'];
    if (id === undefined) {
      warnings.push('a node without an id was skipped');
      continue;
    }
    const data = attributes(node);
    nodes.push({
      id,
      label: data.get('label') ?? data.get('name'),
      latitude: parseCoordinate(data.get('latitude'), 90),
      longitude: parseCoordinate(data.get('longitude'), 180),
    });
  }
  const links: RawLink[] = [];
  for (const edge of graph.edge ?? []) {
    const [source, target] = [edge['@_source'], edge['@_target']];
    if (source === undefined || target === undefined) {
      warnings.push('a link without source or target was skipped');
      continue;
    }
    const data = attributes(edge);
    const latency = [...data].find(([name]) => LATENCY_KEYS.has(name))?.[1];
    links.push({ source, target, latency: parseLatency(latency) });
  }
  const graphData = attributes(graph);
  return { format: 'graphml', name: graphData.get('network') ?? graphData.get('label') ?? graph['@_id'], nodes, links, warnings };
}
