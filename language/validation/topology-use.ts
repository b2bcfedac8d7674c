/**
 * Warnings a network engineer wants before any solve: a topology that falls apart into parts (AIFs
 * are only placed in the FL server's part), a link without latency, and accelerators that no
 * placement on the topology can use. Each names the placements concerned.
 */
import type { ValidationAcceptor } from 'langium';
import type { LangiumServices } from 'langium/lsp';
import { connectedParts } from '../../engine/graph.js';
import * as ast from '../generated/ast.js';
import { referrers } from '../referrers.js';
import { allOf, firstOf, topologyLinks, topologyNodes } from '../syntax.js';
import { valueOf } from './placement-rules.js';

/** Placements (in any file) whose `topology` clause names this topology. */
function placementsOn(topology: ast.Topology, services: LangiumServices): ast.Placement[] {
  return referrers(topology, ast.isPlacement, services).filter((placement) => firstOf(placement.clauses, 'PlacementTopology')?.topology?.ref === topology);
}

const listed = (names: readonly string[]) => names.map((name) => `'${name}'`).join(', ');

/** A part as a reader can recognise it: its first nodes, and its size when there are more. */
function describePart(names: readonly string[]): string {
  const shown = names.slice(0, 3).join(', ');
  return names.length > 3 ? `{${shown}, … ${names.length} nodes}` : `{${shown}}`;
}

export function checkTopologyUse(topology: ast.Topology, services: LangiumServices, accept: ValidationAcceptor): void {
  const placements = placementsOn(topology, services);
  if (ast.isExplicitTopology(topology)) checkParts(topology, placements, accept);
  checkAcceleratorUse(topology, placements, accept);
}

function checkParts(topology: ast.ExplicitTopology, placements: readonly ast.Placement[], accept: ValidationAcceptor): void {
  const nodes = topologyNodes(topology);
  const index = new Map(nodes.map((node, i) => [node, i]));
  const edges = topologyLinks(topology).flatMap((link): [number, number][] => {
    const [a, b] = [link.a?.ref && index.get(link.a.ref), link.b?.ref && index.get(link.b.ref)];
    return a !== undefined && b !== undefined ? [[a, b]] : [];
  });
  const parts = connectedParts(nodes.length, edges);
  if (parts.length < 2) return;
  const described = parts.slice(0, 4).map((part) => describePart(part.map((i) => nodes[i].name)));
  const more = parts.length > 4 ? `, and ${parts.length - 4} more` : '';
  const affected = placements.length > 0 ? ` ${listed(placements.map((p) => p.name))} can only place AIFs in the part of the FL server.` : '';
  accept('warning', `Topology '${topology.name}' is in ${parts.length} disconnected parts: ${described.join(', ')}${more}.${affected}`, { node: topology, property: 'name' });
}

/** Baseline placements use no accelerator, and neither do those with `accelerators max 0`. */
const usesNoAccelerator = (placement: ast.Placement) =>
  firstOf(placement.clauses, 'ObjectiveClause')?.objective?.kind === 'baseline' || valueOf(firstOf(placement.clauses, 'AcceleratorsMaxClause')?.value) === 0;

function checkAcceleratorUse(topology: ast.Topology, placements: readonly ast.Placement[], accept: ValidationAcceptor): void {
  if (placements.length === 0 || !placements.every(usesNoAccelerator)) return;
  const where = ast.isExplicitTopology(topology)
    ? topologyNodes(topology).find((node) => node.accelerator)
    : allOf(topology.settings, 'MandalaAccelerators').find((setting) => (valueOf(setting.share) ?? 0) > 0);
  if (!where) return;
  const names = placements.map((p) => p.name);
  accept('warning', `No placement can use the accelerators of '${topology.name}': ${listed(names)} ${names.length === 1 ? 'is' : 'are'} baseline or allow 'accelerators max 0'.`, {
    node: where,
    property: ast.isTopologyNode(where) ? 'accelerator' : 'share',
  });
}
