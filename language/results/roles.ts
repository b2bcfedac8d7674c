/** What each topology node does in the placements solved on it: FL server, AIF, accelerated AIF. */
import type { PlacementOutcome, ScenarioResults } from './model.js';

export interface NodeRole {
  readonly placement: string;
  readonly role: 'FL server' | 'AIF' | 'AIF, accelerated';
  /** d_ij from this node to the placement's FL server, seconds. */
  readonly latencyToServer: number | null;
}

export function roleIn(outcome: PlacementOutcome, node: string): NodeRole | undefined {
  const { result } = outcome;
  if (result.status !== 'feasible') return undefined;
  const latencyToServer = outcome.latencyToServer[node] ?? null;
  if (result.server === node) return { placement: outcome.name, role: 'FL server', latencyToServer };
  if (!result.aifs.includes(node)) return undefined;
  return { placement: outcome.name, role: result.accelerated.includes(node) ? 'AIF, accelerated' : 'AIF', latencyToServer };
}

/** Roles of `node` of topology `topology` across every current result that placed on it. */
export function nodeRoles(results: Iterable<ScenarioResults>, topology: string, node: string): NodeRole[] {
  const roles: NodeRole[] = [];
  for (const scenario of results) {
    for (const outcome of scenario.placements) {
      if (outcome.topology.name !== topology) continue;
      const role = roleIn(outcome, node);
      if (role) roles.push(role);
    }
  }
  return roles;
}
