/** `nsc import FILE [-o OUT]`: a Topology Zoo GML, GraphML or containerlab file to a scenario (docs/cli.md). */
import { readFileSync, writeFileSync } from 'node:fs';
import { EmptyFileSystem } from 'langium';
import { toBase } from '../engine/units.js';
import { importScenario } from '../language/import-topology.js';
import { createNetScenarioServices } from '../language/netscenario-module.js';
import { EXIT } from './exit-codes.js';
import { writeOut } from './output.js';
import { UsageError } from './usage-error.js';

export interface ImportCommandOptions {
  readonly output?: string;
  readonly accelerators?: string;
  readonly seed?: string;
  readonly minLatency?: string;
  readonly defaultLatency?: string;
  readonly keepDisconnected?: boolean;
  readonly topologyOnly?: boolean;
  readonly name?: string;
}

export function runImport(files: readonly string[], options: ImportCommandOptions): Promise<number> {
  if (files.length !== 1) throw new UsageError('name one topology file to import');
  const [file] = files;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`nsc import: cannot read ${file}: ${(error as Error).message}\n`);
    return Promise.resolve(EXIT.inputError);
  }
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) throw new UsageError(`--seed needs a whole number >= 0, got '${options.seed}'`);
  const grammar = createNetScenarioServices(EmptyFileSystem).NetScenario.Grammar;
  const outcome = importScenario(
    text,
    file,
    {
      accelerators: options.accelerators,
      seed,
      minLatency: timeOption(options.minLatency, 'min-latency'),
      defaultLatency: timeOption(options.defaultLatency, 'default-latency'),
      keepDisconnected: options.keepDisconnected,
      topologyOnly: options.topologyOnly,
      name: options.name,
    },
    grammar,
  );
  if (!outcome.ok) {
    process.stderr.write(`nsc import: ${outcome.message}\n`);
    return Promise.resolve(EXIT.inputError);
  }
  for (const line of outcome.summary) process.stderr.write(`${line}\n`);
  if (options.output === undefined) writeOut(outcome.text);
  else writeFileSync(options.output, outcome.text);
  return Promise.resolve(EXIT.ok);
}

/** A time like 0.05ms or "1 ms" (a bare number is milliseconds); a UsageError otherwise. */
function timeOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*(ns|us|µs|ms|s)?\s*$/.exec(value);
  const seconds = match ? toBase(Number(match[1]), match[2] ?? 'ms') : undefined;
  if (seconds === undefined || !Number.isFinite(seconds)) throw new UsageError(`--${name} needs a time like 0.05ms or 1ms, got '${value}'`);
  return seconds;
}
