/**
 * The UNIT terminal only matches right after a number on the same line (`5 s`, `30%`, `1/3 pps`).
 * Units are plain words, not keywords (docs/language.md), so without this look-behind `batch 1` followed
 * by `nic1 -> m1` on the next line would read `nic1` as the unit of 1.
 */
import type { TokenType } from 'chevrotain';
import type { GrammarAST } from 'langium';
import { DefaultTokenBuilder } from 'langium';

const UNIT_WORD = /[_a-zA-Zµ][\w_µ]*|%/y;
const NUMBER_CHAR = /[\d.eE+-]/;
const NAME_CHAR = /[\w_µ]/;

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
  UNIT_WORD.lastIndex = offset;
  return UNIT_WORD.exec(text);
}

export class NetScenarioTokenBuilder extends DefaultTokenBuilder {
  protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
    const token = super.buildTerminalToken(terminal);
    if (terminal.name !== 'UNIT') return token;
    return {
      ...token,
      PATTERN: { exec: matchUnit },
      LINE_BREAKS: false,
      START_CHARS_HINT: [...'_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZµ%'],
    } as TokenType;
  }
}
