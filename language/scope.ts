/**
 * Names across declarations (docs/language.md): members are local to their topology/switch/curve, and
 * visible from outside by qualified name (`Metro.agg1`; a switch's flows as in a service's
 * `via EdgeUpf.voice_ul`). A placement's `server in` / `exclude` clauses name nodes of the
 * placement's own topology by their plain names.
 */
import {
  AstUtils,
  type AstNode,
  DefaultScopeComputation,
  DefaultScopeProvider,
  type AstNodeDescription,
  type LangiumCoreServices,
  type LangiumDocument,
  MultiMapScope,
  type ReferenceInfo,
  type Scope,
  WorkspaceCache,
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
  /**
   * The scope of every (container, reference type), built once per workspace change. Langium's
   * default builds a stream scope per reference and searches it linearly: with the 20,000 links of
   * an imported topology that was 20,000 x 40,000 name comparisons. Names map to their first
   * declaration, as the stream's search did.
   */
  private readonly scopes: WorkspaceCache<string, Scope>;
  private readonly containerIds = new WeakMap<AstNode, number>();

  constructor(services: LangiumCoreServices) {
    super(services);
    this.scopes = new WorkspaceCache(services.shared);
  }

  override getScope(context: ReferenceInfo): Scope {
    const outer = this.cachedScope(context.container, this.reflection.getReferenceType(context), context);
    if (isServerClause(context.container) || isExcludeClause(context.container)) {
      const topology = placementTopology(context.container.$container);
      if (isExplicitTopology(topology)) {
        const nodes = topology.members.filter((m) => m.$type === 'TopologyNode');
        return this.createScopeForNodes(nodes, outer);
      }
    }
    return outer;
  }

  /** The local symbols of `node` and its containers over the global scope, as Langium's getScope, cached. */
  private cachedScope(node: AstNode | undefined, referenceType: string, context: ReferenceInfo): Scope {
    if (node === undefined) return this.getGlobalScope(referenceType, context);
    const key = `${this.containerId(node)}/${referenceType}`;
    return this.scopes.get(key, () => {
      const outer = this.cachedScope(node.$container, referenceType, context);
      const symbols = AstUtils.getDocument(node).localSymbols;
      if (!symbols?.has(node)) return outer;
      return new MultiMapScope(
        symbols.getStream(node).filter((d) => this.reflection.isSubtype(d.type, referenceType)),
        outer,
      );
    });
  }

  private containerId(node: AstNode): number {
    let id = this.containerIds.get(node);
    if (id === undefined) this.containerIds.set(node, (id = nextContainerId++));
    return id;
  }
}

let nextContainerId = 0;
