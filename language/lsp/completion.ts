/**
 * Completion: Langium's keywords and scoped references, plus
 * - units after a number, only those of the dimension that place expects (QUANTITY_RULES): `target
 *   1.6 |` offers ns, us, µs, ms, s; a share offers %; a plain number (rounds, seed) offers none;
 * - in `server in` / `exclude`, the nodes of the placement's topology by their plain names (the
 *   only ones validation accepts), each node once;
 * - a kind and a one-line summary (`detail`) for every declaration offered;
 * - for every keyword, its entry of the language reference as documentation.
 */
import { DefaultCompletionProvider, type CompletionAcceptor, type CompletionContext, type CompletionValueItem, type LangiumServices, type NextFeature } from 'langium/lsp';
import { AstUtils, GrammarAST, stream, type AstNodeDescription, type AstNodeDescriptionProvider, type MaybePromise, type ReferenceInfo, type Stream } from 'langium';
import { CompletionItemKind } from 'vscode-languageserver';
import { DIMENSION_NAMES, UNITS, unitsOf, type Dimension } from '../../engine/units.js';
import { isExcludeClause, isExplicitTopology, isPlacement, isQuantity, isServerClause } from '../generated/ast.js';
import { placementTopology, topologyNodes } from '../syntax.js';
import { ruleFor } from '../validation/quantities.js';
import { declarationKind, describeDeclaration } from './declarations.js';
import { keywordDoc, keywordMarkdown } from './keyword-docs.js';
import { markup, rendersMarkdown } from './markup.js';

/** The terminal of a quantity's unit (see tokens.ts): completing it means completing a unit. */
const UNIT_TERMINAL = 'UNIT';

export class NetScenarioCompletionProvider extends DefaultCompletionProvider {
  private readonly descriptions: AstNodeDescriptionProvider;

  constructor(services: LangiumServices) {
    super(services);
    this.descriptions = services.workspace.AstNodeDescriptionProvider;
  }

  protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
    if (GrammarAST.isRuleCall(next.feature) && next.feature.rule.ref?.name === UNIT_TERMINAL) {
      this.completeUnit(context, acceptor);
      return;
    }
    return super.completionFor(context, next, acceptor);
  }

  protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
    const doc = keywordDoc(keyword);
    if (!doc) return super.completionForKeyword(context, keyword, acceptor);
    const documentation = markup(keywordMarkdown(doc), rendersMarkdown(this.clientCapabilities?.completionItem?.documentationFormat));
    return super.completionForKeyword(context, keyword, (itemContext, item) => acceptor(itemContext, { ...item, documentation }));
  }

  /** The units of the dimension the quantity before the cursor needs; nothing where no unit is allowed. */
  private completeUnit(context: CompletionContext, acceptor: CompletionAcceptor): void {
    const rule = isQuantity(context.node) ? ruleFor(context.node) : undefined;
    if (rule?.kind !== 'measure') return;
    unitsOf(rule.dimension).forEach((unit, index) => {
      acceptor(context, {
        label: unit,
        kind: CompletionItemKind.Unit,
        detail: unitDetail(unit, rule.dimension),
        documentation: `Unit of ${rule.what}.`,
        sortText: `0${String(index).padStart(2, '0')}`,
      });
    });
  }

  protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
    const placementNodes = this.placementNodeCandidates(refInfo);
    if (placementNodes) return placementNodes;
    // A node visible both by plain and by qualified name is offered once, by the name found first (the nearest).
    const seen = new Set<unknown>();
    return super.getReferenceCandidates(refInfo, context).filter((description) => {
      const key = description.node ?? `${description.documentUri.toString()}#${description.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  private placementNodeCandidates(refInfo: ReferenceInfo): Stream<AstNodeDescription> | undefined {
    if (!isServerClause(refInfo.container) && !isExcludeClause(refInfo.container)) return undefined;
    const placement = AstUtils.getContainerOfType(refInfo.container, isPlacement);
    const topology = placement && placementTopology(placement);
    if (!isExplicitTopology(topology)) return undefined;
    return stream(topologyNodes(topology)).map((node) => this.descriptions.createDescription(node, node.name));
  }

  protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext): CompletionValueItem {
    const item = super.createReferenceCompletionItem(description, refInfo, context);
    const node = description.node;
    if (!node) return item;
    return { ...item, kind: declarationKind(node)?.completion ?? item.kind, detail: describeDeclaration(node) ?? item.detail };
  }
}

/** E.g. "time: 1 ms = 0.001 s". */
function unitDetail(unit: string, dimension: Dimension): string {
  const base = unitsOf(dimension).find((candidate) => UNITS.get(candidate)?.factor === 1);
  const factor = UNITS.get(unit)?.factor ?? 1;
  return base ? `${DIMENSION_NAMES[dimension]}: 1 ${unit} = ${factor} ${base}` : `${DIMENSION_NAMES[dimension]}: 1${unit} = ${factor}`;
}
