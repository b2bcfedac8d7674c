/**
 * The parts of a qualified reference as written. `Metro.agg1` is one cross-reference to the node
 * `agg1`, but each part names a declaration of its own: `agg1` the node and `Metro` the topology
 * that contains it. Go-to-definition, references, rename and highlighting work per part.
 */
import { AstUtils, CstUtils, isReference, type AstNode, type CstNode, type LeafCstNode, type MultiReference, type Reference } from 'langium';

/** The name tokens of a reference: `Metro . agg1` → [`Metro`, `agg1`] (no dots, no comments). */
export function nameSegments(refNode: NonNullable<Reference['$refNode']>): LeafCstNode[] {
  return CstUtils.flattenCst(refNode)
    .filter((leaf) => !leaf.hidden && leaf.text !== '.')
    .toArray();
}

export interface NamedSegment {
  readonly segment: LeafCstNode;
  readonly target: AstNode & { name: string };
}

/**
 * Pairs each name part of a resolved reference with the declaration it names: the last part names
 * the target, each part before it the next named container outwards. Parts whose text does not
 * match that container's name are left out, so a stale or unusual reference yields fewer pairs.
 */
export function segmentTargets(reference: Reference | MultiReference): NamedSegment[] {
  // The grammar has no multi-references; a single reference has one target to pair with.
  if (!isReference(reference) || !reference.ref || !reference.$refNode) return [];
  const target = reference.ref;
  const segments = nameSegments(reference.$refNode);
  const pairs: NamedSegment[] = [];
  let declaration: AstNode | undefined = target;
  for (let i = segments.length - 1; i >= 0 && declaration && hasName(declaration); i--) {
    if (segments[i].text !== declaration.name) break;
    pairs.push({ segment: segments[i], target: declaration });
    declaration = declaration.$container;
  }
  return pairs;
}

/** The name part at `token` and what it names, when `token` is part of a resolved reference. */
export function namedSegmentAt(token: CstNode): NamedSegment | undefined {
  if (!token.astNode) return undefined;
  for (const { reference } of AstUtils.streamReferences(token.astNode)) {
    const named = segmentTargets(reference).find((pair) => pair.segment === token);
    if (named) return named;
  }
  return undefined;
}

export function hasName(node: AstNode): node is AstNode & { name: string } {
  return typeof (node as { name?: unknown }).name === 'string';
}
