/**
 * Fuzzing the real language server (server-campaign.ts): random edits of the examples with saves,
 * every editor request after each edit. NSC_FUZZ_EDITS sets the number of edits (npm run fuzz runs
 * thousands), NSC_FUZZ_SOLVE_ON=change solves after every change instead of on save; NSC_FUZZ_SEED
 * reproduces a run. The figures are printed whatever the outcome.
 */
import { expect, it } from 'vitest';
import { fuzzSeed } from './arbitraries.js';
import { runCampaign } from './server-campaign.js';

const edits = Number(process.env.NSC_FUZZ_EDITS ?? 40);
// Long campaigns edit longer between two resets of the examples (fewer saves end cases).
const maxSteps = edits >= 1000 ? 40 : 12;
const solveOn = process.env.NSC_FUZZ_SOLVE_ON === 'change' ? 'change' : 'save';

it(
  `the server answers every request, never exits nor logs an internal error, and ends on results of the last version (${edits} edits, solving on ${solveOn})`,
  { timeout: 120_000 + edits * 2_000 },
  async () => {
    const figures = await runCampaign({ seed: fuzzSeed(), solveOn, edits, maxSteps }, (done) => console.log(done.report()));
    expect(figures.exits).toBe(0);
    expect(figures.internalErrors).toEqual([]);
  },
);
