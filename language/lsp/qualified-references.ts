/**
 * References that know about qualified names (see qualified-names.ts). Every LSP feature built on
 * Langium's `References` (definition, references, highlight, rename, hover) inherits this:
 * - the declaration under `Metro` in `Metro.agg1` is the topology, under `agg1` the node;
 * - a reference found for a declaration covers only the part naming it, so renaming `agg1` rewrites
 *   `Metro.agg1` to `Metro.<new>`, and the topology's references include the `Metro` of `Metro.agg1`.
 */
import { AstUtils, DefaultReferences, UriUtils, type AstNode, type CstNode, type FindReferencesOptions, type ReferenceDescription, type Stream } from 'langium';
import { hasName, namedSegmentAt, segmentTargets } from './qualified-names.js';

export class QualifiedReferences extends DefaultReferences {
  override findDeclarations(source: CstNode): AstNode[] {
    const named = namedSegmentAt(source);
    return named ? [named.target] : super.findDeclarations(source);
  }

  override findReferences(target: AstNode, options: FindReferencesOptions): Stream<ReferenceDescription> {
    const direct = super.findReferences(target, options).map((description) => this.narrowTo(description, target) ?? description);
    // References to a member (`Metro.agg1`) name its container in their qualifier.
    const asQualifier = AstUtils.streamAllContents(target)
      .filter(hasName)
      .flatMap((member) => this.index.findAllReferences(member, this.nodeLocator.getAstNodePath(member)))
      .filter((description) => !options.documentUri || UriUtils.equals(description.sourceUri, options.documentUri))
      .map((description) => this.narrowTo(description, target))
      .nonNullable();
    return direct.concat(asQualifier);
  }

  /** The description with its segment cut down to the part naming `target`; undefined when no part does. */
  private narrowTo(description: ReferenceDescription, target: AstNode): ReferenceDescription | undefined {
    const document = this.documents.getDocument(description.sourceUri);
    if (!document) return undefined;
    const source = this.nodeLocator.getAstNode(document.parseResult.value, description.sourcePath);
    const reference = source && AstUtils.streamReferences(source).find((info) => info.reference.$refNode?.offset === description.segment.offset)?.reference;
    if (!reference) return undefined;
    const named = segmentTargets(reference).find((pair) => pair.target === target);
    if (!named) return undefined;
    const { offset, end, length, range } = named.segment;
    return { ...description, segment: { offset, end, length, range } };
  }
}
