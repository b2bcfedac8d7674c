/**
 * containerlab topology files (`*.clab.yml`, read with the yaml package): `topology.nodes` by name,
 * `topology.links` as `endpoints: ["a:eth1", "b:eth1"]` or, in the extended form, as
 * `endpoints: [{node: a, interface: eth1}, …]`. Coordinates come from the node labels
 * `graph-geoCoordinateLat`/`graph-geoCoordinateLng` (what containerlab's graph views use), a link's
 * latency from `latency` or `delay` in its `vars` or `labels`. Endpoints that are not nodes of the
 * lab (host, mgmt-net, macvlan…) are skipped.
 */
import { parse, YAMLParseError } from 'yaml';
import { ImportError, LATENCY_KEYS, parseCoordinate, parseLatency, type RawGraph, type RawLink, type RawNode } from './graph.js';

type Yaml = Record<string, unknown>;
const isObject = (value: unknown): value is Yaml => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readContainerlab(text: string): RawGraph {
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    if (error instanceof YAMLParseError) throw new ImportError(`containerlab YAML line ${error.linePos?.[0].line ?? '?'}: ${error.message.split('\n')[0]}`);
    throw error;
  }
  const topology = isObject(document) ? document.topology : undefined;
  if (!isObject(topology) || !isObject(topology.nodes)) throw new ImportError('containerlab: the file has no topology.nodes');
  const nodes: RawNode[] = Object.entries(topology.nodes).map(([id, node]) => {
    const labels = isObject(node) && isObject(node.labels) ? node.labels : {};
    return { id, latitude: parseCoordinate(labels['graph-geoCoordinateLat'], 90), longitude: parseCoordinate(labels['graph-geoCoordinateLng'], 180) };
  });
  const known = new Set(nodes.map((node) => node.id));
  const warnings: string[] = [];
  const links: RawLink[] = [];
  const linkList = Array.isArray(topology.links) ? (topology.links as unknown[]) : [];
  linkList.forEach((link, i) => {
    const ends = isObject(link) && Array.isArray(link.endpoints) ? (link.endpoints as unknown[]).map(endpointNode) : [];
    if (ends.length !== 2 || ends.some((end) => end === undefined)) {
      warnings.push(`link ${i + 1} does not have two endpoints and was skipped`);
      return;
    }
    const [source, target] = ends as [string, string];
    const outside = [source, target].filter((end) => !known.has(end));
    if (outside.length > 0) {
      warnings.push(`link ${i + 1} (${source} -- ${target}) reaches ${outside.join(', ')}, not a node of the lab, and was skipped`);
      return;
    }
    links.push({ source, target, latency: parseLatency(latencyOf(link)) });
  });
  return { format: 'containerlab', name: isObject(document) && typeof document.name === 'string' ? document.name : undefined, nodes, links, warnings };
}

/** The node of an endpoint: "node:interface" or {node, interface}. */
function endpointNode(endpoint: unknown): string | undefined {
  if (typeof endpoint === 'string') return endpoint.includes(':') ? endpoint.slice(0, endpoint.indexOf(':')) : undefined;
  return isObject(endpoint) && typeof endpoint.node === 'string' ? endpoint.node : undefined;
}

function latencyOf(link: unknown): unknown {
  if (!isObject(link)) return undefined;
  for (const section of [link.vars, link.labels]) {
    if (!isObject(section)) continue;
    const found = Object.entries(section).find(([key]) => LATENCY_KEYS.has(key.toLowerCase()));
    if (found) return found[1];
  }
  return undefined;
}
