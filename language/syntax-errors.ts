/**
 * One-line syntax error messages in the words of the language ("a name", "a number", 'flow')
 * instead of Chevrotain's token-sequence listings, with unprintable characters shown as U+XXXX.
 */
import { DefaultLexerErrorMessageProvider, LangiumParserErrorMessageProvider } from 'langium';
import type { IToken, TokenType } from 'chevrotain';

const MAX_ALTERNATIVES = 8;

function describeToken(type: TokenType): string {
  if (type.name === 'ID') return 'a name';
  if (type.name === 'NUMBER') return 'a number';
  if (type.name === 'EOF') return 'the end of the file';
  return `'${type.name.endsWith(':KW') ? type.name.slice(0, -3) : type.name}'`;
}

/** Printable text for a message: control and other invisible characters become U+XXXX. */
export function printable(text: string): string {
  return text.replace(/[\p{C}\p{Z}]/gu, (ch) => (ch === ' ' ? ' ' : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`));
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

export class NetScenarioParserErrorMessages extends LangiumParserErrorMessageProvider {
  override buildMismatchTokenMessage({ expected, actual }: { expected: TokenType; actual: IToken }): string {
    if (expected.name === 'EOF') return this.buildNotAllInputParsedMessage({ firstRedundant: actual });
    return `Expected ${describeToken(expected)} but found ${describeFound(actual)}.`;
  }

  override buildNotAllInputParsedMessage({ firstRedundant }: { firstRedundant: IToken }): string {
    return `Unexpected ${describeFound(firstRedundant)}: a declaration starts with 'topology', 'curve', 'placement', 'switch' or 'study'.`;
  }

  override buildNoViableAltMessage({ expectedPathsPerAlt, actual }: { expectedPathsPerAlt: TokenType[][][]; actual: IToken[] }): string {
    return `Expected ${listAlternatives(expectedPathsPerAlt.flat())} but found ${describeFound(actual[0])}.`;
  }

  override buildEarlyExitMessage({ expectedIterationPaths, actual }: { expectedIterationPaths: TokenType[][]; actual: IToken[] }): string {
    return `Expected ${listAlternatives(expectedIterationPaths)} but found ${describeFound(actual[0])}.`;
  }
}

export class NetScenarioLexerErrorMessages extends DefaultLexerErrorMessageProvider {
  override buildUnexpectedCharactersMessage(fullText: string, startOffset: number, length: number): string {
    const text = fullText.substring(startOffset, startOffset + Math.min(length, 16));
    return `Unexpected character${length > 1 ? 's' : ''} '${printable(text)}${length > 16 ? '…' : ''}'.`;
  }
}
