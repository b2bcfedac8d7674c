/**
 * The in-process side of the fuzz properties: a case (a file's text beside the other examples) built
 * in fresh Langium services as the server would build it, solved when it validates, with what each
 * property needs to judge it.
 */
import type { LangiumDocument } from 'langium';
import type { Diagnostic } from 'vscode-languageserver';
import { solveScenario, scenarioDetails, withDetails, type ScenarioInput } from '../../engine/scenario.js';
import { blockingErrors } from '../../language/blocking-errors.js';
import type { Scenario } from '../../language/generated/ast.js';
import { lowerScenario, type LoweredScenario } from '../../language/lowering.js';
import { loweringContext } from '../../language/lowering-context.js';
import type { ScenarioResults } from '../../language/results/model.js';
import { buildWorkspace, createServices, exampleFiles } from '../language/helpers.js';
import { EXAMPLES } from './arbitraries.js';

type Services = ReturnType<typeof createServices>;

export interface BuiltCase {
  readonly services: Services;
  readonly document: LangiumDocument<Scenario>;
  /** Input errors of the document and of every file it references: what stops the server from solving it. */
  readonly blockingErrorCount: number;
}

/** The examples' files other than scenarios (trace files), which the cases read unchanged. */
const TRACE_FILES = exampleFiles().otherFiles;

/** Builds `text` as `file` in a workspace with the (unchanged) other examples, so cross-file references resolve. */
export async function buildCase(file: string, text: string, others: Readonly<Record<string, string>> = EXAMPLES): Promise<BuiltCase> {
  // A build awaits only settled promises (microtasks): without a turn of the event loop between cases,
  // a long run starves vitest's IPC with its worker, which then reports a timeout.
  await new Promise((resolve) => setImmediate(resolve));
  const services = createServices(TRACE_FILES);
  const documents = await buildWorkspace(services, { ...others, [file]: text });
  const document = documents.get(file)!;
  return { services, document, blockingErrorCount: (await blockingErrors(document, services)).count };
}

export const syntaxErrors = (document: LangiumDocument) => [...document.parseResult.lexerErrors.map((e) => e.message), ...document.parseResult.parserErrors.map((e) => e.message)];

// A case must take well under a second: beyond these sizes (which the examples and generated
// scenarios stay within, but a mutated number may not) the solve is left to the benchmarks.
const MAX_NODES = 60;
const MAX_STUDY_SOLVES = 40;
const MAX_TASKS = 12;
const MAX_PERIODS = 500;

const nodesOf = (p: ScenarioInput['placements'][number]) => (p.topology.kind === 'explicit' ? p.topology.topology.nodes.length : Math.ceil(p.topology.spec.access * 1.625));

/** Whether solving `input` stays quick enough for a property run. */
export function smallEnough(input: ScenarioInput): boolean {
  return (
    input.placements.every((p) => nodesOf(p) <= MAX_NODES) &&
    input.studies.every((s) => nodesOf(s.base) <= MAX_NODES && s.instances * s.rounds.length * s.targets.length * s.objectives.length <= MAX_STUDY_SOLVES) &&
    [...input.switches, ...input.crossedSwitches].every((s) => s.tasks.length <= MAX_TASKS && s.controller.periods <= MAX_PERIODS)
  );
}

/** The path of the first number that is not finite (JSON would turn it into null), or undefined. */
export function nonFiniteNumber(value: unknown, path = '$'): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} = ${value}`;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, inner] of Object.entries(value)) {
    const found = nonFiniteNumber(inner, `${path}.${key}`);
    if (found) return found;
  }
  return undefined;
}

/** Solves a validated document as the server does, verdicts then details: its complete results. */
export async function solveAsServer(document: LangiumDocument<Scenario>, input: ScenarioInput): Promise<ScenarioResults> {
  const verdicts = await solveScenario(input);
  const details = await scenarioDetails(input, verdicts);
  return { uri: document.uri.toString(), version: document.textDocument.version, status: 'solved', seconds: 0, details: 'ready', ...withDetails(verdicts, details) };
}

/** Diagnostics as sorted lines, with their ranges: what the same text must always get. */
export const linesOf = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map(({ severity, range: { start, end }, message }) => `${start.line}:${start.character}-${end.line}:${end.character} ${severity}: ${message}`).sort();

/** Messages of diagnostics, sorted: what formatting must not change (their ranges may move). */
export const messagesOf = (diagnostics: readonly Diagnostic[] | undefined) => (diagnostics ?? []).map((d) => `${d.severity}: ${d.message}`).sort();

/** The case's lowered scenario; throws when lowering fails although validation passed. */
export function lowerValidated({ document, services }: BuiltCase): LoweredScenario {
  const lowering = lowerScenario(document.parseResult.value, loweringContext(services));
  if (!lowering.ok) throw new Error(`validates but does not lower: ${lowering.problems.map((p) => p.message).join('; ')}`);
  return lowering.scenario;
}
