/**
 * Who refers to a declaration, across the workspace: the placements on a topology, the services
 * through a flow. Validation and lowering need these reverse links (a flow may take its offered load
 * from a service in another file); Langium's index keeps every reference, so one lookup finds them.
 */
import { AstUtils, type AstNode } from 'langium';
import type { LangiumCoreServices } from 'langium';
import * as ast from './generated/ast.js';

/** The nodes of type T (or containing one) whose references name `target`, each once, in index order. */
export function referrers<T extends AstNode>(target: AstNode, guard: (node: AstNode) => node is T, services: LangiumCoreServices): T[] {
  const documents = services.shared.workspace.LangiumDocuments;
  // The index's direct references only: References.findReferences would also look for references to
  // every member of the target (as qualifiers, `Metro.agg1`), one scan of the whole index per node
  // of a topology — minutes for a 20,000-node one. A placement or service names its target directly.
  const found = services.shared.workspace.IndexManager.findAllReferences(target, services.workspace.AstNodeLocator.getAstNodePath(target))
    .map((reference) => {
      const document = documents.getDocument(reference.sourceUri);
      const node = document && services.workspace.AstNodeLocator.getAstNode(document.parseResult.value, reference.sourcePath);
      return node && AstUtils.getContainerOfType(node, guard);
    })
    .nonNullable()
    .toArray();
  return [...new Set(found)];
}

/** What lowering needs to know beyond the declarations it lowers: the services through a flow. */
export interface ServiceLookup {
  servicesThrough(flow: ast.Flow): readonly ast.Service[];
}

/** The services (in any file) whose `via` names the flow. */
export function serviceLookup(services: LangiumCoreServices): ServiceLookup {
  return {
    servicesThrough: (flow) =>
      referrers(flow, ast.isService, services).filter((service) => service.clauses.some((c) => ast.isServiceVia(c) && c.hops.some((hop) => hop.ref === flow))),
  };
}
