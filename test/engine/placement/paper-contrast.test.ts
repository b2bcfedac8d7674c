/**
 * examples/paper-variant-study.nsc reproduces the placement paper's contrast between AIF-P and
 * AIF-P-var at the cells its Section V-B names: with (22)–(23) over all nodes the variant deploys
 * more AIFs, uses fewer accelerators and has the longer learning time. With the spread over the
 * AIFs only, the variant deploys exactly as many AIFs as AIF-P in every cell.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStudy, type StudyCell } from '../../../engine/placement/study.js';
import { lowered, validate } from '../../language/helpers.js';

const example = readFileSync(join(import.meta.dirname, '../../../examples/paper-variant-study.nsc'), 'utf8');

describe("the paper's AIF-P vs AIF-P-var contrast", async () => {
  const { document, diagnostics, services } = await validate(example);
  const [{ model: spec }] = lowered(document, services).studies;
  const result = await runStudy(spec);
  const cell = (objective: string, target: number, rounds: number, spreadOver?: string) => {
    const found = result.cells.find((c) => c.objective === objective && c.target === target && c.rounds === rounds && c.spreadOver === spreadOver);
    if (found === undefined) throw new Error(`no cell ${objective} ${target} ${rounds}`);
    return found;
  };
  const mean = (stat: StudyCell['aifs']) => stat?.mean ?? NaN;

  it('the example is valid and keeps one network for its 15 instances', () => {
    expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    expect(spec.regenerate).toBe(false);
    expect(result.instances).toBe(15);
  });

  // T = 2 s with R = 10, and T = 1.2 s with R = 5 (the paper's Fig. 5a/6a and 5c/6c).
  it.each([
    [2, 10],
    [1.2, 5],
  ])('T = %s s, R = %s: more AIFs, fewer accelerators and a longer learning time than AIF-P', (target, rounds) => {
    const aifP = cell('min-aifs', target, rounds);
    const variant = cell('balanced', target, rounds, 'all-nodes');
    expect(variant.feasible).toBe(aifP.feasible);
    expect(mean(variant.aifs)).toBeGreaterThan(mean(aifP.aifs));
    expect(mean(variant.accelerated)).toBeLessThan(mean(aifP.accelerated));
    expect(mean(variant.maxLearningTime)).toBeGreaterThan(mean(aifP.maxLearningTime));
  });

  it('with the spread over the AIFs only, the variant deploys as many AIFs as AIF-P in every cell', () => {
    for (const c of result.cells.filter((c) => c.objective === 'min-aifs')) {
      const gated = cell('balanced', c.target, c.rounds, 'aifs');
      expect(gated.aifs).toEqual(c.aifs);
    }
  });
});
