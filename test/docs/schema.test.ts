/**
 * docs/schema/*.schema.json describe what the built CLI really prints: `nsc solve --json` on every
 * example and `nsc study --json` validate, and documents with a required field missing or with
 * fields that contradict their status do not (so the schemas are not vacuous).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { nsc } from '../cli/run-cli.js';

const ROOT = join(import.meta.dirname, '../..');
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((name) => name.endsWith('.nsc'))
  .map((name) => `examples/${name}`);

// Strict mode: a misspelt keyword in a schema is an error, not silently ignored.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const schema = (name: string): ValidateFunction => ajv.compile(JSON.parse(readFileSync(join(ROOT, 'docs/schema', name), 'utf8')));
const validateSolve = schema('solve.schema.json');
const validateStudy = schema('study.schema.json');
const validateSimulate = schema('simulate.schema.json');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const copy = (value: Json): Json => structuredClone(value);

function run(args: string[]): { code: number | null; output: Json } {
  const result = nsc(args, ROOT);
  expect(result.stderr).not.toMatch(/error/);
  return { code: result.code, output: JSON.parse(result.stdout) };
}

describe('nsc solve --json', () => {
  // The examples are infeasible on purpose in places: exit 1, with a complete document.
  const { code, output } = run(['solve', ...EXAMPLES, '--json']);
  const placement = (status: string) => output.placements.find((p: Json) => p.status === status);

  it('validates against docs/schema/solve.schema.json on every example', () => {
    expect(code).toBe(1);
    expect(output.files).toEqual(EXAMPLES);
    // What the check covers: both statuses of placements and switches, a balanced objective.
    expect(output.placements.map((p: Json) => p.status)).toEqual(expect.arrayContaining(['feasible', 'infeasible']));
    expect(output.switches.map((s: Json) => s.status)).toEqual(expect.arrayContaining(['feasible', 'infeasible']));
    expect(output.placements.map((p: Json) => p.objective)).toContain('balanced');
    expect(output.services.map((s: Json) => s.name)).toEqual(['VoiceUplink', 'BulkUplink']);
    expect(validateSolve(output), ajv.errorsText(validateSolve.errors)).toBe(true);
  });

  it('rejects a document with a required field missing', () => {
    for (const remove of [
      (d: Json) => delete d.switches,
      (d: Json) => delete d.placements[0].relaxations,
      (d: Json) => delete d.placements[0].relaxations.maxRounds,
      (d: Json) => delete d.switches[0].flows[0].budget[0].queuing,
      (d: Json) => delete d.switches[0].optimum.upperBound,
      (d: Json) => delete d.switches[0].services,
      (d: Json) => delete d.services,
      (d: Json) => delete d.services[0].route,
      (d: Json) => delete d.services[0].hops[0].queuing,
      (d: Json) => delete d.services[0].optimum.lowerBound,
    ]) {
      const broken = copy(output);
      remove(broken);
      expect(validateSolve(broken), remove.toString()).toBe(false);
      expect(validateSolve.errors?.some((e) => e.keyword === 'required')).toBe(true);
    }
  });

  it('rejects fields that contradict the status', () => {
    const feasible = copy(output);
    feasible.placements.find((p: Json) => p.status === 'feasible').server = null;
    expect(validateSolve(feasible)).toBe(false);
    const infeasible = copy(output);
    const index = output.placements.indexOf(placement('infeasible'));
    delete infeasible.placements[index].reason;
    expect(validateSolve(infeasible)).toBe(false);
    const unknownMethod = copy(output);
    unknownMethod.placements[0].solver.method = 'guess';
    expect(validateSolve(unknownMethod)).toBe(false);
    const service = copy(output);
    service.services[0].meetsDelay = false;
    expect(output.services[0].status).toBe('feasible');
    expect(validateSolve(service)).toBe(false);
  });
});

describe('nsc study --json', () => {
  const { code, output } = run(['study', 'examples/mandala-study.nsc', '--json', '--jobs', '1']);

  it('validates against docs/schema/study.schema.json', () => {
    expect(code).toBe(0);
    const cells = output.studies[0].cells;
    // mandala-study.nsc: 3 objectives x 3 targets x 4 rounds.
    expect(cells).toHaveLength(36);
    expect(cells.some((c: Json) => c.aifs === null)).toBe(true); // a cell with no feasible instance
    expect(validateStudy(output), ajv.errorsText(validateStudy.errors)).toBe(true);
  });

  it('rejects a cell with a required field missing, and a balanced cell without its weights', () => {
    const missing = copy(output);
    delete missing.studies[0].cells[0].feasible;
    expect(validateStudy(missing)).toBe(false);
    const balanced = copy(output);
    delete balanced.studies[0].cells.find((c: Json) => c.objective === 'balanced').spreadWeight;
    expect(validateStudy(balanced)).toBe(false);
    const share = copy(output);
    share.studies[0].cells[0].feasible = 1.5;
    expect(validateStudy(share)).toBe(false);
  });
});

describe('nsc simulate --json', () => {
  // The rush-hour example has phases that recover at once, after some periods and never (infeasible).
  const { code, output } = run(['simulate', 'examples/edge-site-rush-hour.nsc', '--json', '--packets', '5000']);
  const phases = () => output.switches[0].phases;

  it('validates against docs/schema/simulate.schema.json', () => {
    expect(code).toBe(0);
    expect(phases().map((p: Json) => p.never)).toEqual(expect.arrayContaining([null, 'infeasible']));
    expect(output.switches[0].packets.flows).toHaveLength(2);
    expect(validateSimulate(output), ajv.errorsText(validateSimulate.errors)).toBe(true);
  });

  it('rejects a phase whose verdict contradicts its figures, and rows or packets with a field missing', () => {
    const neverWithPeriods = copy(output);
    neverWithPeriods.switches[0].phases.find((p: Json) => p.never === 'infeasible').periodsToCompliance = 3;
    expect(validateSimulate(neverWithPeriods)).toBe(false);
    const infeasibleWithout = copy(output);
    infeasibleWithout.switches[0].phases.find((p: Json) => p.never === 'infeasible').achievable = null;
    expect(validateSimulate(infeasibleWithout)).toBe(false);
    for (const remove of [
      (d: Json) => delete d.switches[0].rows[0].phase,
      (d: Json) => delete d.switches[0].packets.flows[0].estimate,
      (d: Json) => delete d.switches[0].phases[1].violationPeriods,
    ]) {
      const broken = copy(output);
      remove(broken);
      expect(validateSimulate(broken), remove.toString()).toBe(false);
    }
  });
});
