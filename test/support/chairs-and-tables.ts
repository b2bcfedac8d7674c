/** A MIP small enough to solve by hand: chairs earn 30, tables 50; optimum 1100 at 20 chairs, 10 tables. */
import { LinearProgram } from '../../engine/highs/lp.js';

export function chairsAndTables(): { lp: LinearProgram; chairs: number; tables: number } {
  const lp = new LinearProgram();
  const chairs = lp.integer(0, 100);
  const tables = lp.integer(0, 100);
  lp.constrain(
    [
      { variable: chairs, coefficient: 1 },
      { variable: tables, coefficient: 2 },
    ],
    '<=',
    40,
  );
  lp.constrain(
    [
      { variable: chairs, coefficient: 2 },
      { variable: tables, coefficient: 1 },
    ],
    '<=',
    50,
  );
  lp.setObjective('max', [
    { variable: chairs, coefficient: 30 },
    { variable: tables, coefficient: 50 },
  ]);
  return { lp, chairs, tables };
}
