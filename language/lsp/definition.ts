/**
 * Go to definition: Langium's, except that the link starts at the part of a qualified name under
 * the cursor, so the editor underlines `Metro` (the topology it leads to) rather than all of `Metro.agg1`.
 */
import { DefaultDefinitionProvider, type GoToLink } from 'langium/lsp';
import type { CstNode } from 'langium';
import { namedSegmentAt } from './qualified-names.js';

export class NetScenarioDefinitionProvider extends DefaultDefinitionProvider {
  protected override findLinks(source: CstNode): GoToLink[] {
    const links = super.findLinks(source);
    return namedSegmentAt(source) ? links.map((link) => ({ ...link, source })) : links;
  }
}
