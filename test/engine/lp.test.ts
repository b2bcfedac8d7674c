import { describe, expect, it } from 'vitest';
import { LinearProgram } from '../../engine/highs/lp.js';
import { loadHighs } from '../../engine/highs/load.js';
import { chairsAndTables } from '../support/chairs-and-tables.js';

describe('LinearProgram', () => {
  it('solves the chairs-and-tables MIP (optimum found by hand: 20 chairs, 10 tables, profit 1100)', async () => {
    const highs = await loadHighs();
    const { lp } = chairsAndTables();
    const solution = lp.solve(highs);
    expect(solution.status).toBe('optimal');
    expect(solution.objective).toBeCloseTo(1100, 6);
    expect([...solution.values]).toEqual([20, 10]);
  });

  it('reports infeasibility without values', async () => {
    const highs = await loadHighs();
    const lp = new LinearProgram();
    const a = lp.continuous(0, 1);
    lp.constrain([{ variable: a, coefficient: 1 }], '>=', 2);
    lp.setObjective('min', [{ variable: a, coefficient: 1 }]);
    const solution = lp.solve(highs);
    expect(solution.status).toBe('infeasible');
    expect(solution.values.length).toBe(0);
    expect(Number.isNaN(solution.objective)).toBe(true);
  });

  it('refuses non-finite coefficients instead of writing them into the model', () => {
    const lp = new LinearProgram();
    const a = lp.continuous();
    lp.constrain([{ variable: a, coefficient: Infinity }], '<=', 1);
    expect(() => lp.toLpFormat()).toThrow(RangeError);
  });
});
