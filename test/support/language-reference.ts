/**
 * The two sources the keyword help is checked against, read independently of the build's
 * extraction: the keywords of netscenario.langium (parsed by Langium's own grammar parser) with the
 * rule each is written in, and the entries of docs/language.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstUtils, EmptyFileSystem, GrammarAST, URI } from 'langium';
import { createLangiumGrammarServices } from 'langium/grammar';

const ROOT = join(import.meta.dirname, '../..');
export const REFERENCE_PATH = join(ROOT, 'docs/language.md');
export const GRAMMAR_PATH = join(ROOT, 'language/netscenario.langium');

/** Rules whose keywords are names, not keywords: a tier word used as a name, the dot of `Metro.agg1`. */
export const NAME_RULES = new Set(['Name', 'QualifiedName']);

export interface GrammarKeyword {
  /** The parser rule the keyword is written in. */
  readonly rule: string;
  readonly keyword: string;
}

export function grammarKeywords(): GrammarKeyword[] {
  const services = createLangiumGrammarServices(EmptyFileSystem).grammar;
  const document = services.shared.workspace.LangiumDocumentFactory.fromString<GrammarAST.Grammar>(readFileSync(GRAMMAR_PATH, 'utf8'), URI.file(GRAMMAR_PATH));
  if (document.parseResult.parserErrors.length > 0) throw new Error(`netscenario.langium does not parse: ${document.parseResult.parserErrors[0].message}`);
  const found = new Map<string, GrammarKeyword>();
  for (const node of AstUtils.streamAllContents(document.parseResult.value)) {
    if (!GrammarAST.isKeyword(node)) continue;
    const rule = AstUtils.getContainerOfType(node, GrammarAST.isParserRule);
    if (rule) found.set(`${rule.name}.${node.value}`, { rule: rule.name, keyword: node.value });
  }
  return [...found.values()];
}

/** A keyword made of letters (and hyphens), as opposed to punctuation such as `->`. */
export const isWord = (keyword: string) => /^[a-z][a-z-]*$/.test(keyword);

export interface ReferenceEntry {
  /** The heading, without the #s. */
  readonly title: string;
  /** The text between the marker line and the next heading, trimmed. */
  readonly body: string;
}

/** `Rule.keyword` -> its entry in docs/language.md (a heading, a `<!-- keywords: ... -->` line, text). */
export function referenceEntries(): Map<string, ReferenceEntry> {
  const entries = new Map<string, ReferenceEntry>();
  const sections = readFileSync(REFERENCE_PATH, 'utf8')
    .split(/^#{1,6} /m)
    .slice(1);
  for (const section of sections) {
    const [title, marker, ...rest] = section.split('\n');
    const keys = /^<!-- keywords: (.*) -->$/.exec(marker)?.[1].trim().split(/\s+/) ?? [];
    for (const key of keys) entries.set(key, { title: title.trim(), body: rest.join('\n').trim() });
  }
  return entries;
}
