/**
 * The solve worker thread: runs engine/scenario.ts off the language server's main thread, so the
 * editor keeps answering while HiGHS (which blocks its thread) works. One job at a time.
 */
import { parentPort } from 'node:worker_threads';
import { solveScenario, type ScenarioInput } from '../engine/scenario.js';
import type { SolveReply, SolveRequest } from './solve-runner.js';

parentPort!.on('message', async ({ id, input }: SolveRequest) => {
  let reply: SolveReply;
  try {
    reply = { id, ok: true, outcome: await solveScenario(input as ScenarioInput) };
  } catch (error) {
    // An engine bug must not take the server down: report it as a failed solve.
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
