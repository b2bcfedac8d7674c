/**
 * Relaxations as values a user can type back into the scenario. The exact smallest target is
 * rarely a short decimal (1.044928 s): shown to 3 significant digits rounded to nearest it could
 * fall below the minimum and stay infeasible. So the target is rounded up (the largest number of
 * rounds is whole already), and each value is checked by solving the problem again with it; a
 * value that fails (float round-off at the boundary) is stepped once more in the safe direction.
 */
import { roundedBound } from '../units.js';
import type { PlacementProblem } from './model.js';
import type { Relaxations } from './relaxations.js';

/** At most this many steps past the first rounded value before a suggestion is dropped as unverifiable. */
const MAX_STEPS = 3;

export function suggestedRelaxations(problem: PlacementProblem, exact: Relaxations, feasible: (problem: PlacementProblem) => boolean): Relaxations {
  return {
    minTarget:
      exact.minTarget === null
        ? null
        : firstVerified(
            roundedBound(exact.minTarget, 'up'),
            (t) => roundedBound(t * (1 + 1e-9), 'up'),
            (target) => feasible({ ...problem, target }),
          ),
    maxRounds:
      exact.maxRounds === null
        ? null
        : firstVerified(
            exact.maxRounds,
            (r) => (r > 1 ? r - 1 : null),
            (rounds) => feasible({ ...problem, rounds }),
          ),
    extraAccelerators: exact.extraAccelerators,
  };
}

function firstVerified(first: number, next: (value: number) => number | null, works: (value: number) => boolean): number | null {
  let value: number | null = first;
  for (let step = 0; value !== null && step <= MAX_STEPS; step++) {
    if (works(value)) return value;
    value = next(value);
  }
  return null;
}
