/**
 * Every value the product suggests is safe to type back: the relaxations `nsc solve` prints (in
 * text and in JSON) are written into the scenario and solved again, and each must make its
 * placement feasible. Over the examples, over generated placements whose exact smallest target is
 * not a short decimal, and at the boundary, where the exact value is a short decimal itself.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlacementResult } from '../../engine/placement/result.js';
import { BOUNDARY, generatedPlacement } from '../support/suggestion-scenarios.js';
import { nsc } from './run-cli.js';

interface Suggestion {
  readonly placement: string;
  readonly clause: 'target' | 'rounds' | 'accelerators max';
  /** The text to write after the clause's keyword, e.g. `1.05 s`. */
  readonly value: string;
}

/** The suggestions of `nsc solve`'s text output, by placement. */
function printedSuggestions(output: string, maxAccelerators: ReadonlyMap<string, number>): Suggestion[] {
  const suggestions: Suggestion[] = [];
  let placement = '';
  for (const line of output.split('\n')) {
    const header = /^placement (\S+) /.exec(line);
    if (header) placement = header[1];
    const infeasible = /feasible with any one of: (.*)$/.exec(line);
    if (infeasible) {
      for (const option of infeasible[1].split('; ')) {
        const target = /^target >= (.+)$/.exec(option);
        const rounds = /^rounds <= (\d+)$/.exec(option);
        const more = /^(\d+) more accelerators?$/.exec(option);
        if (target) suggestions.push({ placement, clause: 'target', value: target[1] });
        else if (rounds) suggestions.push({ placement, clause: 'rounds', value: rounds[1] });
        else if (more && maxAccelerators.has(placement))
          suggestions.push({ placement, clause: 'accelerators max', value: String(maxAccelerators.get(placement)! + Number(more[1])) });
        else if (!more) throw new Error(`unread suggestion '${option}'`);
      }
    }
    const slack = /still feasible with a target down to (.+?)(?:, or up to (\d+) rounds)?$/.exec(line);
    if (slack) {
      suggestions.push({ placement, clause: 'target', value: slack[1] });
      if (slack[2]) suggestions.push({ placement, clause: 'rounds', value: slack[2] });
    }
  }
  return suggestions;
}

/** The scenario with `suggestion` written into its placement (the clause replaced). */
function withSuggestion(text: string, { placement, clause, value }: Suggestion): string {
  const start = text.indexOf(`placement ${placement} {`);
  const end = text.indexOf('}', start);
  const body = text.slice(start, end);
  const pattern = new RegExp(`\\b${clause} [^\\n}]*?(?=\\s*(?:\\n|$|topology|curve|rounds|target|accelerators|objective))`);
  if (!pattern.test(body)) throw new Error(`no '${clause}' clause in placement ${placement}`);
  return text.slice(0, start) + body.replace(pattern, `${clause} ${value}`) + text.slice(end);
}

function solveJson(folder: string, file: string, text: string): PlacementResult[] {
  writeFileSync(join(folder, file), text);
  const run = nsc(['solve', join(folder, file), '--json']);
  expect(run.stderr).not.toMatch(/: error: /);
  return (JSON.parse(run.stdout) as { placements: PlacementResult[] }).placements;
}

function scenarioFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'nsc-suggestions-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  return folder;
}

const CASES: Record<string, string> = {
  'metro-placement.nsc': readFileSync(join(import.meta.dirname, '../../examples/metro-placement.nsc'), 'utf8'),
  'generated.nsc': Array.from({ length: 40 }, (_, i) => generatedPlacement(100 + i)).join('\n\n'),
  'boundary.nsc': BOUNDARY,
};

describe('suggested relaxations, typed back', () => {
  it.each(Object.keys(CASES))('%s: every printed target, rounds and accelerators max makes its placement feasible', (file) => {
    const text = CASES[file];
    const folder = scenarioFolder({ [file]: text });
    const run = nsc(['solve', join(folder, file)]);
    expect([0, 1]).toContain(run.code);
    const maxAccelerators = new Map([...text.matchAll(/placement (\S+) \{[^}]*?accelerators max (\d+)/g)].map((m) => [m[1], Number(m[2])]));
    const suggestions = printedSuggestions(run.stdout, maxAccelerators);
    expect(suggestions.length).toBeGreaterThan(0);
    // Each kind of suggestion is typed back on its own: one edited file per kind, every placement at once.
    for (const clause of ['target', 'rounds', 'accelerators max'] as const) {
      const ofKind = suggestions.filter((s) => s.clause === clause);
      if (ofKind.length === 0) continue;
      const edited = ofKind.reduce(withSuggestion, text);
      const solved = new Map(solveJson(folder, file, edited).map((p) => [p.name, p]));
      for (const { placement, value } of ofKind) expect(solved.get(placement)?.status, `${placement}: ${clause} ${value}`).toBe('feasible');
    }
  });

  it('covers infeasible placements of each kind and the exact boundary', () => {
    const folder = scenarioFolder(CASES);
    const generated = nsc(['solve', join(folder, 'generated.nsc')]).stdout;
    expect(generated).toMatch(/feasible with any one of: target >= /);
    expect(generated).toMatch(/rounds <= \d+/);
    // The boundary's exact values are short decimals: shown as they are, not pushed up a step.
    const boundary = nsc(['solve', join(folder, 'boundary.nsc')]).stdout;
    expect(boundary).toContain('feasible with any one of: target >= 3.5 s');
    expect(boundary).toContain('rounds <= 10');
    expect(boundary).toMatch(/placement NeedsAccelerators .*\n(.*\n)*?.*2 more accelerators/);
  });

  it('the JSON relaxations, typed back with full precision, make their placements feasible', () => {
    const text = CASES['generated.nsc'];
    const folder = scenarioFolder({ 'generated.nsc': text });
    const placements = solveJson(folder, 'generated.nsc', text);
    const suggestions = placements.flatMap((p): Suggestion[] => [
      ...(p.relaxations.minTarget === null ? [] : [{ placement: p.name, clause: 'target' as const, value: `${p.relaxations.minTarget} s` }]),
      ...(p.relaxations.maxRounds === null ? [] : [{ placement: p.name, clause: 'rounds' as const, value: String(p.relaxations.maxRounds) }]),
    ]);
    for (const clause of ['target', 'rounds'] as const) {
      const ofKind = suggestions.filter((s) => s.clause === clause);
      const solved = new Map(solveJson(folder, 'generated.nsc', ofKind.reduce(withSuggestion, text)).map((p) => [p.name, p]));
      for (const { placement, value } of ofKind) expect(solved.get(placement)?.status, `${placement}: ${clause} ${value}`).toBe('feasible');
    }
  });
});
