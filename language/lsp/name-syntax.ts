/**
 * What a declaration name may be, read from the grammar so it cannot drift from it: a match of the
 * terminals of the `name=` rule (ID), or one of the keywords that rule admits (the tier words);
 * any other keyword would lex as that keyword and break the declaration.
 */
import { AstUtils, GrammarAST, GrammarUtils, type Grammar } from 'langium';

export class NameSyntax {
  private readonly patterns: RegExp[];
  private readonly allowedKeywords: Set<string>;
  private readonly reservedKeywords: Set<string>;

  constructor(grammar: Grammar) {
    const nameRule = AstUtils.streamAllContents(grammar)
      .filter(GrammarAST.isAssignment)
      .find((assignment) => assignment.feature === 'name' && GrammarAST.isRuleCall(assignment.terminal))?.terminal as GrammarAST.RuleCall | undefined;
    const definition = nameRule?.rule.ref;
    if (!definition) throw new Error('The grammar has no name rule');
    const parts = AstUtils.streamAllContents(definition).toArray();
    this.patterns = parts
      .filter(GrammarAST.isRuleCall)
      .map((call) => call.rule.ref)
      .filter(GrammarAST.isTerminalRule)
      .map((terminal) => new RegExp(`^(?:${GrammarUtils.terminalRegex(terminal).source})$`, 'u'));
    this.allowedKeywords = new Set(parts.filter(GrammarAST.isKeyword).map((keyword) => keyword.value));
    this.reservedKeywords = new Set(
      AstUtils.streamAllContents(grammar)
        .filter(GrammarAST.isKeyword)
        .map((keyword) => keyword.value)
        .filter((word) => !this.allowedKeywords.has(word)),
    );
  }

  /** Why `name` cannot name a declaration, or undefined when it can. */
  problemWith(name: string): string | undefined {
    if (this.allowedKeywords.has(name)) return undefined;
    if (this.reservedKeywords.has(name)) return `'${name}' is a keyword of the language and cannot be used as a name.`;
    if (!this.patterns.some((pattern) => pattern.test(name))) {
      return `'${name}' is not a valid name: use an identifier, a letter or '_' followed by letters, digits or '_' (e.g. agg1, voice_qos).`;
    }
    return undefined;
  }
}
