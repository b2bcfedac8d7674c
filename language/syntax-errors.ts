/**
 * One-line syntax error messages in the words of the language ("a name", "a number", 'flow')
 * instead of Chevrotain's token-sequence listings, with unprintable characters shown as U+XXXX.
 */
import { AstUtils, DefaultLexerErrorMessageProvider, GrammarAST, LangiumParserErrorMessageProvider } from 'langium';
import type { IToken, TokenType } from 'chevrotain';
import { NetScenarioGrammar } from './generated/grammar.js';
import { closestWord } from './suggestions.js';

const MAX_ALTERNATIVES = 8;

function describeToken(type: TokenType): string {
  if (type.name === 'ID') return 'a name';
  if (type.name === 'NUMBER') return 'a number';
  if (type.name === 'EOF') return 'the end of the file';
  return `'${type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name}'`;
}

/** Printable text for a message: control and other invisible characters become U+XXXX. */
export function printable(text: string): string {
  return text.replace(/[\p{C}\p{Z}]/gu, (ch) => (ch === ' ' ? ' ' : `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`));
}

function describeFound(token: IToken): string {
  return token.tokenType.name === 'EOF' || token.image === '' ? 'the end of the file' : `'${printable(token.image)}'`;
}

// Tier words are keywords that may also be used as names (grammar rule Name): listing them beside "a name" only confuses.
const NAME_KEYWORDS = new Set(["'access'", "'aggregation'", "'core'", "'application'"]);

function listAlternatives(paths: TokenType[][]): string {
  let firsts = [...new Set(paths.filter((p) => p.length > 0).map((p) => describeToken(p[0])))];
  if (firsts.includes('a name')) firsts = firsts.filter((f) => !NAME_KEYWORDS.has(f));
  const shown = firsts.slice(0, MAX_ALTERNATIVES).join(', ');
  if (firsts.length === 1) return shown;
  return `one of ${shown}${firsts.length > MAX_ALTERNATIVES ? ', ...' : ''}`;
}

/** The words of the language (keywords that are words, not punctuation), for "did you mean". */
let keywords: Set<string> | undefined;
function languageKeywords(): Set<string> {
  keywords ??= new Set(
    AstUtils.streamAllContents(NetScenarioGrammar())
      .filter(GrammarAST.isKeyword)
      .map((keyword) => keyword.value)
      .filter((value) => /^[a-z][a-z-]*$/.test(value)),
  );
  return keywords;
}

/**
 * A misspelt keyword is read as a name, so the parser stumbles on it or on the word after it
 * (`modul x`: a module chain expects '->' after `modul`): suggest the keyword either may have been.
 */
function keywordHint(...tokens: (IToken | undefined)[]): string {
  for (const token of tokens) {
    if (token?.tokenType.name !== 'ID' || languageKeywords().has(token.image)) continue;
    const keyword = closestWord(token.image, languageKeywords());
    if (keyword) return ` Did you mean '${keyword}' instead of '${printable(token.image)}'?`;
  }
  return '';
}

export class NetScenarioParserErrorMessages extends LangiumParserErrorMessageProvider {
  override buildMismatchTokenMessage({ expected, actual, previous }: { expected: TokenType; actual: IToken; previous: IToken }): string {
    if (expected.name === 'EOF') return this.buildNotAllInputParsedMessage({ firstRedundant: actual });
    return `Expected ${describeToken(expected)} but found ${describeFound(actual)}.${keywordHint(actual, previous)}`;
  }

  override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken }): string {
    return `Unexpected ${describeFound(firstRedundant)}: a declaration starts with 'topology', 'curve', 'placement', 'switch', 'service' or 'study'.${keywordHint(firstRedundant)}`;
  }

  override buildNoViableAltMessage({ expectedPathsPerAlt, actual, previous }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[]; previous: IToken }): string {
    return `Expected ${listAlternatives(expectedPathsPerAlt.flat())} but found ${describeFound(actual[0])}.${keywordHint(actual[0], previous)}`;
  }

  override buildEarlyExitMessage({ expectedIterationPaths, actual, previous }: { expectedIterationPaths: TokenType[][]; actual: IToken[]; previous: IToken }): string {
    return `Expected ${listAlternatives(expectedIterationPaths)} but found ${describeFound(actual[0])}.${keywordHint(actual[0], previous)}`;
  }
}

export class NetScenarioLexerErrorMessages extends DefaultLexerErrorMessageProvider {
  override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
    const text = fullText.substring(startOffset, startOffset + Math.min(length, 16));
    return `Unexpected character${length > 1 ? 's' : ''} '${printable(text)}${length > 16 ? '…' : ''}'.`;
  }
}
