/**
 * GML (Graph Modelling Language, as the Internet Topology Zoo writes it): `key value` pairs where a
 * value is a number, a "string" or a [ list ] of pairs; `#` starts a comment line. No maintained
 * npm parser reads it (the packages named gml read other languages), so this is a small tokenizer
 * and recursive reader. Nodes are `node [ id … label … Latitude … Longitude … ]`, links
 * `edge [ source … target … ]`; an edge's `latency`/`delay` (any case) is its latency.
 */
import { ImportError, LATENCY_KEYS, parseCoordinate, parseLatency, type RawGraph, type RawLink, type RawNode } from './graph.js';

type GmlValue = number | string | GmlList;
interface GmlPair {
  readonly key: string;
  readonly value: GmlValue;
}
type GmlList = GmlPair[];

interface Token {
  readonly kind: 'key' | 'number' | 'string' | 'open' | 'close';
  readonly text: string;
  readonly line: number;
}

export function tokenizeGml(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  const fail = (message: string): never => {
    throw new ImportError(`GML line ${line}: ${message}`);
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (c === '[' || c === ']') {
      tokens.push({ kind: c === '[' ? 'open' : 'close', text: c, line });
      i++;
    } else if (c === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) fail('a string is not closed');
      const value = text.slice(i + 1, end);
      tokens.push({ kind: 'string', text: decodeEntities(value), line });
      line += value.split('\n').length - 1;
      i = end + 1;
    } else {
      const word = /^[^\s[\]"]+/.exec(text.slice(i, i + 256))?.[0] ?? c;
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(word)) tokens.push({ kind: 'number', text: word, line });
      else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) tokens.push({ kind: 'key', text: word, line });
      else fail(`unexpected '${word}'`);
      i += word.length;
    }
  }
  return tokens;
}

/** The few HTML entities GML writers use for characters outside ASCII (&amp;, &quot;, &#233;). */
function decodeEntities(value: string): string {
  const named: Record<string, string> = { amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" };
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(Number(entity.slice(1)));
    return named[entity] ?? whole;
  });
}

export function parseGmlTree(text: string): GmlList {
  const tokens = tokenizeGml(text);
  let at = 0;
  const readList = (closing: boolean): GmlList => {
    const pairs: GmlList = [];
    for (;;) {
      const token = tokens[at];
      if (token === undefined) {
        if (closing) throw new ImportError(`GML: a '[' is not closed by ']' at the end of the file`);
        return pairs;
      }
      if (token.kind === 'close') {
        if (!closing) throw new ImportError(`GML line ${token.line}: ']' without a '['`);
        at++;
        return pairs;
      }
      if (token.kind !== 'key') throw new ImportError(`GML line ${token.line}: expected a key, found '${token.text}'`);
      const value = tokens[++at];
      if (value === undefined) throw new ImportError(`GML line ${token.line}: '${token.text}' has no value`);
      at++;
      if (value.kind === 'open') pairs.push({ key: token.text, value: readList(true) });
      else if (value.kind === 'number') pairs.push({ key: token.text, value: Number(value.text) });
      else if (value.kind === 'string') pairs.push({ key: token.text, value: value.text });
      else throw new ImportError(`GML line ${value.line}: '${token.text}' needs a value, found '${value.text}'`);
    }
  };
  return readList(false);
}

const get = (list: GmlList, key: string): GmlValue | undefined => list.find((pair) => pair.key === key)?.value;
const getAnyCase = (list: GmlList, keys: ReadonlySet<string>): GmlValue | undefined => list.find((pair) => keys.has(pair.key.toLowerCase()))?.value;
const scalar = (value: GmlValue | undefined): string | undefined => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

export function readGml(text: string): RawGraph {
  const graph = get(parseGmlTree(text), 'graph');
  if (!Array.isArray(graph)) throw new ImportError('GML: the file has no graph [ … ] block');
  const warnings: string[] = [];
  const nodes: RawNode[] = [];
  const links: RawLink[] = [];
  for (const { key, value } of graph) {
    if (!Array.isArray(value)) continue;
    if (key === 'node') {
      const id = scalar(get(value, 'id'));
      if (id === undefined) {
        warnings.push('a node without an id was skipped');
        continue;
      }
      nodes.push({
        id,
        label: scalar(get(value, 'label')),
        latitude: parseCoordinate(get(value, 'Latitude'), 90),
        longitude: parseCoordinate(get(value, 'Longitude'), 180),
      });
    } else if (key === 'edge') {
      const source = scalar(get(value, 'source'));
      const target = scalar(get(value, 'target'));
      if (source === undefined || target === undefined) {
        warnings.push('a link without source or target was skipped');
        continue;
      }
      links.push({ source, target, latency: parseLatency(getAnyCase(value, LATENCY_KEYS)) });
    }
  }
  return { format: 'gml', name: scalar(get(graph, 'Network')) ?? scalar(get(graph, 'label')), nodes, links, warnings };
}
