/** Exit codes of docs/cli.md; anything else is a bug. */
export const EXIT = {
  ok: 0,
  infeasible: 1,
  inputError: 2,
  timeLimit: 3,
  bug: 70,
} as const;
