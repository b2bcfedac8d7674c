/**
 * Names across declarations (docs/language.md): members are local to their topology/switch/curve, and
 * visible from outside by qualified name (`Metro.agg1`; a switch's flows as in a service's
 * `via EdgeUpf.voice_ul`). A placement's `server in` / `exclude` clauses name nodes of the
 * placement's own topology by their plain names.
 */
import {
  type AstNode,
  DefaultScopeComputation,
  DefaultScopeProvider,
  type AstNodeDescription,
  type LangiumDocument,
  type ReferenceInfo,
  type Scope,
} from 'langium';
import { isExcludeClause, isExplicitTopology, isServerClause, isSwitch, type Scenario } from './generated/ast.js';
import { placementTopology } from './syntax.js';

export class NetScenarioScopeComputation extends DefaultScopeComputation {
  override collectExportedSymbols(document: LangiumDocument): Promise<AstNodeDescription[]> {
    const exported: AstNodeDescription[] = [];
    for (const declaration of (document.parseResult.value as Scenario).declarations) {
      if (!declaration.name) continue;
      exported.push(this.descriptions.createDescription(declaration, declaration.name, document));
      // Nodes name the places of placements, switches and services; flows the hops of services.
      const members: readonly (AstNode & { name?: string })[] = isExplicitTopology(declaration)
        ? declaration.members.filter((m) => m.$type === 'TopologyNode')
        : isSwitch(declaration)
          ? declaration.members.filter((m) => m.$type === 'Flow')
          : [];
      for (const member of members) {
        if (member.name) exported.push(this.descriptions.createDescription(member, `${declaration.name}.${member.name}`, document));
      }
    }
    return Promise.resolve(exported);
  }
}

export class NetScenarioScopeProvider extends DefaultScopeProvider {
  override getScope(context: ReferenceInfo): Scope {
    const outer = super.getScope(context);
    if (isServerClause(context.container) || isExcludeClause(context.container)) {
      const topology = placementTopology(context.container.$container);
      if (isExplicitTopology(topology)) {
        const nodes = topology.members.filter((m) => m.$type === 'TopologyNode');
        return this.createScopeForNodes(nodes, outer);
      }
    }
    return outer;
  }
}
