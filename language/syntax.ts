/**
 * Read access to the clause-per-node AST: the first clause of a kind, and the typed clauses
 * of a placement, switch or study. Validation reports duplicates; everyone else reads the first.
 */
import type { AstNode } from 'langium';
import * as ast from './generated/ast.js';

type ClauseOf<T extends { $type: string }, K extends T['$type']> = Extract<T, { $type: K }>;

export function firstOf<T extends AstNode, K extends T['$type']>(items: readonly T[], type: K): ClauseOf<T, K> | undefined {
  return items.find((item) => item.$type === type) as ClauseOf<T, K> | undefined;
}

export function allOf<T extends AstNode, K extends T['$type']>(items: readonly T[], type: K): ClauseOf<T, K>[] {
  return items.filter((item) => item.$type === type) as ClauseOf<T, K>[];
}

export function placementTopology(placement: ast.Placement): ast.Topology | undefined {
  return firstOf(placement.clauses, 'PlacementTopology')?.topology?.ref;
}

export function topologyNodes(topology: ast.ExplicitTopology): ast.TopologyNode[] {
  return allOf(topology.members, 'TopologyNode');
}

export function topologyLinks(topology: ast.ExplicitTopology): ast.Link[] {
  return allOf(topology.members, 'Link');
}

export function switchMembers<K extends ast.SwitchMember['$type']>(sw: ast.Switch, type: K): ClauseOf<ast.SwitchMember, K>[] {
  return allOf(sw.members, type);
}

/** The hop flows of a service's `via`, in order, as far as they resolve. */
export function serviceFlows(service: ast.Service): ast.Flow[] {
  return (firstOf(service.clauses, 'ServiceVia')?.hops ?? []).flatMap((hop) => (hop.ref ? [hop.ref] : []));
}
