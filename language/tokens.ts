/**
 * Two terminals that Chevrotain cannot take as plain regular expressions:
 * - UNIT only matches right after a number on the same line (`5 s`, `30%`, `1/3 pps`). Units are
 *   plain words, not keywords (docs/language.md), so without this look-behind `batch 1` followed by
 *   `nic1 -> m1` on the next line would read `nic1` as the unit of 1. A period number never has a
 *   unit: in `at period 20 voice_ul offered ...` the flow's name follows it.
 * - ID takes letters of any script (`node München`): a Unicode regular expression, which Chevrotain
 *   cannot analyse for its first-character optimisation, so the builder tells it which characters
 *   may start a name, and makes ID the longer alternative of the keywords it could extend
 *   (`modules` is a name, not the keyword `module` and an `s`).
 */
import type { TokenType } from 'chevrotain';
import { GrammarUtils, type GrammarAST } from 'langium';
import { DefaultTokenBuilder } from 'langium';

const UNIT_WORD = /[_a-zA-Zµ][\w_µ]*|%/y;
const NUMBER_CHAR = /[\d.eE+-]/;
const NAME_CHAR = /[\w_µ]/;
/** The keyword before a number that takes no unit, at the end of the text before the number. */
const UNITLESS_BEFORE = /(^|[^\w_µ])period[ \t]+$/;

/** Matches a unit at `offset` when a number ends just before it, with only spaces or tabs between. */
export function matchUnit(text: string, offset: number): RegExpExecArray | null {
  let end = offset;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  if (end === 0 || !/[\d.]/.test(text[end - 1])) return null;
  // The digits must be a number of their own, not the tail of a name such as `f1`.
  let start = end;
  while (start > 0 && NUMBER_CHAR.test(text[start - 1])) start--;
  if (start > 0 && NAME_CHAR.test(text[start - 1])) return null;
  if (!/\d/.test(text.slice(start, end))) return null;
  if (UNITLESS_BEFORE.test(text.slice(Math.max(0, start - 16), start))) return null;
  UNIT_WORD.lastIndex = offset;
  return UNIT_WORD.exec(text);
}

/** Every UTF-16 code unit a match of `pattern` can start with (surrogates stand for astral letters). */
function startCharacters(pattern: RegExp): number[] {
  const codes: number[] = [];
  for (let code = 0; code <= 0xffff; code++) {
    const surrogate = code >= 0xd800 && code <= 0xdfff;
    if (surrogate || pattern.test(String.fromCharCode(code))) codes.push(code);
  }
  return codes;
}

export class NetScenarioTokenBuilder extends DefaultTokenBuilder {
  private idToken: TokenType | undefined;
  private idPattern: RegExp | undefined;

  protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
    const token = super.buildTerminalToken(terminal);
    if (terminal.name === 'UNIT') {
      return { ...token, PATTERN: { exec: matchUnit }, LINE_BREAKS: false, START_CHARS_HINT: [...'_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZµ%'] };
    }
    if (terminal.name !== 'ID') return token;
    const regex = GrammarUtils.terminalRegex(terminal);
    const sticky = new RegExp(regex.source, `${regex.flags}y`);
    this.idPattern = new RegExp(`^(?:${regex.source})$`, regex.flags);
    this.idToken = {
      ...token,
      PATTERN: { exec: (text: string, offset: number) => ((sticky.lastIndex = offset), sticky.exec(text)) },
      LINE_BREAKS: false,
      START_CHARS_HINT: startCharacters(new RegExp(`^(?:${regex.source})`, regex.flags)),
    };
    return this.idToken;
  }

  protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
    const alternatives = super.findLongerAlt(keyword, terminalTokens);
    return this.idToken && this.idPattern?.test(keyword.value) ? [...alternatives, this.idToken] : alternatives;
  }
}
