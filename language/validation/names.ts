/** Duplicate names: declarations across the workspace, members within their container. */
import { AstUtils, type AstNode, type IndexManager, type ValidationAcceptor } from 'langium';
import type { Scenario } from '../generated/ast.js';

/** Reports every node after the first whose name repeats within `nodes`. */
export function checkUniqueNames(nodes: readonly (AstNode & { name?: string })[], kind: string, accept: ValidationAcceptor): void {
  const seen = new Set<string>();
  for (const node of nodes) {
    if (!node.name) continue;
    if (seen.has(node.name)) accept('error', `Duplicate ${kind} '${node.name}'.`, { node, property: 'name' });
    seen.add(node.name);
  }
}

/** Marks the duplicate errors that depend on other files, so the build re-validates them when those change (workspace-builder.ts). */
const WORKSPACE_DUPLICATE = 'duplicate-in-workspace';
export const isWorkspaceDuplicate = (data: unknown): boolean => typeof data === 'object' && data !== null && (data as { code?: unknown }).code === WORKSPACE_DUPLICATE;

export function checkUniqueDeclarations(scenario: Scenario, index: IndexManager, accept: ValidationAcceptor): void {
  checkUniqueNames(scenario.declarations, 'declaration', accept);
  const uri = AstUtils.getDocument(scenario).uri.toString();
  const local = new Set(scenario.declarations.map((d) => d.name));
  // Every other file, in a fixed order: the index's order depends on which files were rebuilt last.
  const elsewhere = new Map<string, Set<string>>();
  for (const description of index.allElements()) {
    const other = description.documentUri.toString();
    if (other !== uri && local.has(description.name) && !description.name.includes('.')) elsewhere.set(description.name, (elsewhere.get(description.name) ?? new Set()).add(other));
  }
  for (const declaration of scenario.declarations) {
    const others = [...(elsewhere.get(declaration.name) ?? [])].sort().map((other) => other.slice(other.lastIndexOf('/') + 1));
    if (others.length > 0) {
      accept('error', `'${declaration.name}' is also declared in ${others.join(', ')}; names must be unique across the workspace.`, {
        node: declaration,
        property: 'name',
        data: { code: WORKSPACE_DUPLICATE },
      });
    }
  }
}
