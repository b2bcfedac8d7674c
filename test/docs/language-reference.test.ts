/**
 * docs/language.md stays complete: every keyword of netscenario.langium, in every rule it is written
 * in, has an entry (which the editor shows on hover and in completion), every punctuation symbol is
 * explained, and no entry documents a keyword the grammar no longer has. Also checks the build step
 * that extracts the entries (scripts/keyword-docs.mjs) on the real reference and on broken ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractKeywordDocs } from '../../scripts/keyword-docs.mjs';
import { grammarKeywords, isWord, NAME_RULES, REFERENCE_PATH, referenceEntries } from '../support/language-reference.js';

const reference = readFileSync(REFERENCE_PATH, 'utf8');
const keywords = grammarKeywords();
const documentable = keywords.filter((k) => isWord(k.keyword) && !NAME_RULES.has(k.rule));

describe('docs/language.md', () => {
  it('reads the grammar: keywords of several rules and contexts are found', () => {
    // A few the grammar certainly has, so an empty or broken parse cannot pass the tests below.
    const keys = keywords.map((k) => `${k.rule}.${k.keyword}`);
    expect(keys).toEqual(expect.arrayContaining(['ExchangeClause.round-trip', 'RoundsClause.rounds', 'StudyRounds.rounds', 'ServerClause.in', 'Link.--']));
  });

  it('has an entry for every keyword in every rule it is written in', () => {
    const entries = referenceEntries();
    const missing = documentable.filter((k) => !entries.has(`${k.rule}.${k.keyword}`)).map((k) => `'${k.keyword}' in ${k.rule}`);
    expect(missing, `keywords without an entry (add a heading and a '<!-- keywords: Rule.keyword -->' line)`).toEqual([]);
  });

  it('gives every entry a meaning and an example', () => {
    const thin = [...referenceEntries()].filter(([, entry]) => !/Example/.test(entry.body) || entry.body.length < 60).map(([key]) => key);
    expect(thin).toEqual([]);
  });

  it('mentions in each entry the keywords it documents, and lists every keyword in the index', () => {
    const entries = referenceEntries();
    const unmentioned = [...entries].filter(([key, entry]) => {
      const keyword = key.slice(key.indexOf('.') + 1);
      return !new RegExp(`(^|[^\\w-])${keyword}([^\\w-]|$)`).test(`${entry.title}\n${entry.body}`);
    });
    expect(unmentioned.map(([key]) => key)).toEqual([]);
    const index = reference.slice(reference.indexOf('## Keyword index'));
    const words = [...new Set(documentable.map((k) => k.keyword))];
    expect(words.filter((word) => !index.includes(`| \`${word}\` |`))).toEqual([]);
  });

  it('explains every punctuation symbol', () => {
    const symbols = [...new Set(keywords.filter((k) => !isWord(k.keyword)).map((k) => k.keyword))];
    expect(symbols.length).toBeGreaterThan(5);
    expect(symbols.filter((symbol) => !reference.includes(`\`${symbol}\``))).toEqual([]);
  });

  it('documents no keyword the grammar does not have', () => {
    const known = new Set(documentable.map((k) => `${k.rule}.${k.keyword}`));
    expect([...referenceEntries().keys()].filter((key) => !known.has(key))).toEqual([]);
  });
});

describe('the build step that extracts the entries', () => {
  it('extracts exactly the entries of the reference', () => {
    const extracted = extractKeywordDocs(reference);
    const entries = referenceEntries();
    expect(extracted.flatMap((e) => e.keys).sort()).toEqual([...entries.keys()].sort());
    for (const entry of extracted) {
      expect(entry.markdown, entry.title).toBe(entries.get(entry.keys[0])!.body.replace(/\[([^\]]+)\]\((?!https?:)[^)]*\)/g, '$1'));
    }
  });

  it('drops links to other docs, which mean nothing in a hover, and keeps web links', () => {
    const [entry] = extractKeywordDocs('### `x`\n<!-- keywords: A.x -->\nSee [the models](models.md#placement) and [HiGHS](https://highs.dev).\n');
    expect(entry).toEqual({ title: '`x`', markdown: 'See the models and [HiGHS](https://highs.dev).', keys: ['A.x'] });
  });

  it('rejects a marker away from its heading, a keyword documented twice, and an empty entry', () => {
    expect(() => extractKeywordDocs('### `x`\n\n<!-- keywords: A.x -->\ntext\n')).toThrow(/must follow its entry's heading/);
    expect(() => extractKeywordDocs('### `x`\n<!-- keywords: A.x -->\ntext\n### `y`\n<!-- keywords: A.x -->\ntext\n')).toThrow(/A.x is documented twice/);
    expect(() => extractKeywordDocs('### `x`\n<!-- keywords: A.x -->\n\n### `y`\n')).toThrow(/has no text/);
    expect(() => extractKeywordDocs('### `x`\n<!-- keywords: x -->\ntext\n')).toThrow(/not a Rule.keyword pair/);
  });
});
