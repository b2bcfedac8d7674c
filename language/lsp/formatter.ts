/**
 * The canonical layout of a scenario. It fixes structure and leaves style alone:
 * - one declaration per line group, keeping at most one blank line between declarations;
 * - inside a `{ }` block, one member per line indented by 2 spaces (blank lines between members kept,
 *   at most one); a `task ... { a, b }` or `controller { ... }` written on one line stays inline;
 * - exactly one space around `->`, `--`, `>=`, `<=`, before `{` and after a member's leading keyword;
 *   none around `.` and `/`, none before `,`; elsewhere at least one space, so columns aligned by
 *   hand (after names and values) stay aligned;
 * - a member continued on the next line stays wrapped, indented one level more;
 * - comments are kept; comments on their own line are indented like the member they precede;
 * - no line ends in spaces.
 * The layout is fixed (2 spaces, whatever the editor's tab settings), so files look the same everywhere.
 */
import { AbstractFormatter, Formatting, type FormattingAction } from 'langium/lsp';
import { CstUtils, GrammarAST, GrammarUtils, type AstNode, type CstNode, type LangiumDocument, type LeafCstNode } from 'langium';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import { isQuantity, isScenario, type Scenario } from '../generated/ast.js';
import { withTrailingWhitespaceRemoved } from './trailing-whitespace.js';

const CANONICAL_OPTIONS: FormattingOptions = { tabSize: 2, insertSpaces: true };
const SPACED_OPERATORS = new Set(['->', '--', '>=', '<=']);
const TIGHT_OPERATORS = new Set(['.', '/']);

/** A member of a block on its own line, one level in; one blank line before it is kept. */
const MEMBER_LINE: FormattingAction = {
  options: {},
  moves: [
    { tabs: 1, lines: 1 },
    { tabs: 1, lines: 2 },
  ],
};
const DECLARATION_LINE = Formatting.fit(Formatting.newLine(), Formatting.newLines(2));
/** `spaces` on the same line; a line break the author put there is kept as a continuation line. */
const gap = (spaces: number, options: FormattingAction['options'] = {}): FormattingAction => ({
  options,
  moves: [{ characters: spaces }, { tabs: 1, lines: 1 }],
});
const AT_LEAST_ONE_SPACE = gap(1, { allowMore: true });
const ONE_SPACE = gap(1);

export class NetScenarioFormatter extends AbstractFormatter {
  /** Tokens whose preceding gap a block rule decides (members, braces); token rules leave them alone. */
  private blockDecided = new Set<CstNode>();

  protected override doDocumentFormat(document: LangiumDocument, _options: FormattingOptions, range?: Range): TextEdit[] {
    this.blockDecided = new Set();
    const edits = withTrailingWhitespaceRemoved(document.textDocument, super.doDocumentFormat(document, CANONICAL_OPTIONS, range), range);
    return inLineEndingsOf(document.textDocument.getText(), edits);
  }

  // Called for every AST node, parents before children, so block rules run before token rules.
  protected override format(node: AstNode): void {
    if (isScenario(node)) this.formatDeclarations(node);
    this.formatBlock(node);
    this.formatTokens(node);
  }

  private formatDeclarations(scenario: Scenario): void {
    const formatter = this.getNodeFormatter(scenario);
    for (const declaration of scenario.declarations) {
      if (!declaration.$cstNode) continue;
      this.blockDecided.add(declaration.$cstNode);
      const first = !CstUtils.getPreviousNode(declaration.$cstNode, true);
      formatter.node(declaration).prepend(first ? Formatting.noIndent() : DECLARATION_LINE);
    }
  }

  /** The braces of `node`, if it has a block: declarations always lay it out, lists only when written over lines. */
  private formatBlock(node: AstNode): void {
    const open = GrammarUtils.findNodeForKeyword(node.$cstNode, '{');
    const close = GrammarUtils.findNodeForKeyword(node.$cstNode, '}');
    if (!open || !close) return;
    const formatter = this.getNodeFormatter(node);
    const interior = CstUtils.getInteriorNodes(open, close);
    const members = interior.filter((child) => !child.hidden && child.text !== ',');
    const comments = interior.filter((child) => child.hidden);
    this.blockDecided.add(open).add(close);
    members.forEach((member) => this.blockDecided.add(member));
    formatter.cst([open]).prepend(Formatting.oneSpace());
    const layout = isScenario(node.$container) || open.range.start.line !== close.range.end.line;
    if (layout) {
      formatter.cst([...members, ...comments]).prepend(MEMBER_LINE);
      formatter.cst([close]).prepend(members.length + comments.length > 0 ? Formatting.newLine() : Formatting.noSpace());
    } else {
      formatter.cst(members.slice(0, 1)).prepend(Formatting.oneSpace());
      formatter.cst(members.slice(1)).prepend(AT_LEAST_ONE_SPACE);
      formatter.cst([close]).prepend(members.length > 0 ? Formatting.oneSpace() : Formatting.noSpace());
    }
  }

  /** The gap before each token of `node` that no block rule decided. */
  private formatTokens(node: AstNode): void {
    if (!node.$cstNode) return;
    const formatter = this.getNodeFormatter(node);
    for (const token of CstUtils.flattenCst(node.$cstNode)) {
      if (token.hidden || token.astNode !== node || this.startsBlockDecided(token)) continue;
      const previous = previousToken(token);
      if (!previous) continue;
      // Hand alignment happens after names and values, never right after a member's leading keyword.
      const afterLeadingKeyword = GrammarAST.isKeyword(previous.grammarSource) && this.startsBlockDecided(previous);
      formatter.cst([token]).prepend(afterLeadingKeyword ? ONE_SPACE : gapBetween(previous, token));
    }
  }

  private startsBlockDecided(token: LeafCstNode): boolean {
    for (let node: CstNode | undefined = token; node && node.offset === token.offset; node = node.container) {
      if (this.blockDecided.has(node)) return true;
    }
    return false;
  }
}

function gapBetween(previous: LeafCstNode, token: LeafCstNode): FormattingAction {
  if (token.text === ',' || TIGHT_OPERATORS.has(token.text) || TIGHT_OPERATORS.has(previous.text)) return Formatting.noSpace();
  if (SPACED_OPERATORS.has(token.text) || SPACED_OPERATORS.has(previous.text)) return ONE_SPACE;
  // `30%` and `1.6 s` are both fine; only a run of spaces or a line break before a unit is tidied.
  if (isUnit(token)) return Formatting.oneSpace({ allowLess: true });
  return AT_LEAST_ONE_SPACE;
}

function isUnit(token: LeafCstNode): boolean {
  return isQuantity(token.astNode) && GrammarUtils.findAssignment(token)?.feature === 'unit';
}

/** The non-hidden token before `token` in the document. */
function previousToken(token: CstNode): LeafCstNode | undefined {
  const previous = CstUtils.getPreviousNode(token, false);
  if (!previous) return undefined;
  const leaves = CstUtils.flattenCst(previous)
    .filter((leaf) => !leaf.hidden)
    .toArray();
  return leaves.length > 0 ? leaves[leaves.length - 1] : previousToken(previous);
}

/** Langium writes `\n` line breaks; a file written with CRLF keeps CRLF. */
function inLineEndingsOf(text: string, edits: TextEdit[]): TextEdit[] {
  const firstBreak = text.indexOf('\n');
  if (firstBreak <= 0 || text[firstBreak - 1] !== '\r') return edits;
  return edits.map((edit) => ({ ...edit, newText: edit.newText.replace(/\r?\n/g, '\r\n') }));
}
