/**
 * The reference entry of a keyword (docs/language.md, extracted into generated-docs/keyword-docs.ts
 * by the build), for keyword hovers and completion documentation. A keyword is looked up by the
 * grammar rule it is written in, so `rounds` in a placement and `rounds` in a study find their own
 * entries, and a tier word used as a name (rule Name) finds none.
 */
import { AstUtils, GrammarAST, type CstNode } from 'langium';
import { KEYWORD_DOCS, KEYWORD_INDEX, type KeywordDoc } from '../generated-docs/keyword-docs.js';

export function keywordDoc(keyword: GrammarAST.Keyword): KeywordDoc | undefined {
  const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule);
  const index = rule && KEYWORD_INDEX[`${rule.name}.${keyword.value}`];
  return index === undefined ? undefined : KEYWORD_DOCS[index];
}

/** The entry of the keyword a CST leaf is; undefined for names, numbers and punctuation. */
export function keywordDocAt(leaf: CstNode): KeywordDoc | undefined {
  return GrammarAST.isKeyword(leaf.grammarSource) ? keywordDoc(leaf.grammarSource) : undefined;
}

/** An entry as one markdown text: its heading in bold, then its text. */
export function keywordMarkdown(doc: KeywordDoc): string {
  return `**${doc.title}**\n\n${doc.markdown}`;
}
