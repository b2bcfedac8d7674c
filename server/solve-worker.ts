/**
 * The solve worker thread: runs engine/scenario.ts off the language server's main thread, so the
 * editor keeps answering while HiGHS (which blocks its thread) works. One job at a time.
 */
import { parentPort } from 'node:worker_threads';
import { adoptParentHighs, threadFootprint } from '../engine/highs/highs-thread.js';
import { solveScenario, type ScenarioInput } from '../engine/scenario.js';
import type { SolveOutcome, SolveReply, SolveRequest } from './solve-runner.js';

adoptParentHighs();

parentPort!.on('message', async ({ id, input }: SolveRequest) => {
  let result: SolveOutcome;
  try {
    result = { ok: true, outcome: await solveScenario(input as ScenarioInput) };
  } catch (error) {
    // An engine bug must not take the server down: report it as a failed solve.
    result = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  // The runner replaces this thread once its footprint passes a budget.
  parentPort!.postMessage({ id, footprint: await threadFootprint(), ...result } satisfies SolveReply);
});
