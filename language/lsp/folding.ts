/**
 * Folding: every `{ ... }` block that spans lines (its closing brace stays visible), multi-line
 * block comments, and runs of two or more `//` comment lines (e.g. a file's header).
 */
import { DefaultFoldingRangeProvider, type LangiumServices } from 'langium/lsp';
import { CstUtils, GrammarAST, GrammarUtils, type AstNode, type LangiumDocument, type LeafCstNode } from 'langium';
import { FoldingRange, FoldingRangeKind } from 'vscode-languageserver';

type FoldingAcceptor = (folding: FoldingRange) => void;

export class NetScenarioFoldingRangeProvider extends DefaultFoldingRangeProvider {
  private readonly lineCommentRules: string[];

  constructor(services: LangiumServices) {
    super(services);
    this.lineCommentRules = services.Grammar.rules
      .filter((rule) => GrammarAST.isTerminalRule(rule) && GrammarUtils.isCommentTerminal(rule))
      .map((rule) => rule.name)
      .filter((name) => !this.commentNames.includes(name));
  }

  /** Only blocks fold: a long member (e.g. a wrapped flow) is one statement, not a region. */
  protected override shouldProcess(node: AstNode): boolean {
    return GrammarUtils.findNodeForKeyword(node.$cstNode, '{') !== undefined;
  }

  protected override collectCommentFolding(document: LangiumDocument, node: AstNode, acceptor: FoldingAcceptor): void {
    if (!node.$cstNode) return;
    let run: LeafCstNode[] = [];
    const flushRun = () => {
      if (run.length >= 2) acceptor(FoldingRange.create(run[0].range.start.line, run[run.length - 1].range.end.line, undefined, undefined, FoldingRangeKind.Comment));
      run = [];
    };
    for (const leaf of CstUtils.flattenCst(node.$cstNode)) {
      if (this.commentNames.includes(leaf.tokenType.name)) {
        flushRun();
        const { start, end } = leaf.range;
        if (end.line > start.line) acceptor(FoldingRange.create(start.line, end.line, undefined, undefined, FoldingRangeKind.Comment));
      } else if (this.lineCommentRules.includes(leaf.tokenType.name) && startsItsLine(document, leaf)) {
        if (run.length > 0 && run[run.length - 1].range.start.line !== leaf.range.start.line - 1) flushRun();
        run.push(leaf);
      } else {
        flushRun();
      }
    }
    flushRun();
  }
}

function startsItsLine(document: LangiumDocument, leaf: LeafCstNode): boolean {
  const { line, character } = leaf.range.start;
  return document.textDocument.getText({ start: { line, character: 0 }, end: { line, character } }).trim() === '';
}
