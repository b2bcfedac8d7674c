/**
 * Topology files to .nsc text, for `nsc import` and the editor's Import Topology command. The
 * reading and the rules live in engine/import; the language only says which words can name a node
 * (keywords cannot), read from its grammar.
 */
import type { Grammar } from 'langium';
import { DEFAULT_LATENCY, DEFAULT_MIN_LATENCY, parseAcceleratorRule } from '../engine/import/build.js';
import { importTopology, type ImportOutcome } from '../engine/import/index.js';
import { NameSyntax } from './lsp/name-syntax.js';

export interface ImportRequestOptions {
  /** none (default), all, top-degree:SHARE or random:SHARE. */
  readonly accelerators?: string;
  readonly seed?: number;
  /** Seconds. */
  readonly minLatency?: number;
  readonly defaultLatency?: number;
  readonly keepDisconnected?: boolean;
  readonly topologyOnly?: boolean;
  readonly name?: string;
}

export function importScenario(text: string, fileName: string, options: ImportRequestOptions, grammar: Grammar): ImportOutcome {
  const ruleText = options.accelerators ?? 'none';
  const rule = parseAcceleratorRule(ruleText, options.seed ?? 0);
  if (typeof rule === 'string') return { ok: false, message: rule };
  const names = new NameSyntax(grammar);
  if (options.name !== undefined && names.problemWith(options.name) !== undefined) return { ok: false, message: names.problemWith(options.name) ?? '' };
  return importTopology(text, fileName, {
    accelerators: rule,
    acceleratorRule: ruleText,
    minLatency: options.minLatency ?? DEFAULT_MIN_LATENCY,
    defaultLatency: options.defaultLatency ?? DEFAULT_LATENCY,
    keepDisconnected: options.keepDisconnected ?? false,
    topologyOnly: options.topologyOnly ?? false,
    name: options.name,
    isName: (word) => names.problemWith(word) === undefined,
  });
}
