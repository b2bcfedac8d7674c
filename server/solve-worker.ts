/**
 * The solve worker thread: runs engine/scenario.ts off the language server's main thread, so the
 * editor keeps answering while HiGHS (which blocks its thread) works. One job at a time: the
 * verdicts of a scenario, or the details of verdicts already published.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { adoptParentHighs, threadFootprint } from '../engine/highs/highs-thread.js';
import { scenarioDetails, solveScenario } from '../engine/scenario.js';
import type { SolveJob, SolveOutcome, SolveProgress, SolveReply, SolveRequest } from './solve-runner.js';

adoptParentHighs();

if (parentPort === null) throw new Error('solve-worker.ts must run in a worker thread');
const port: MessagePort = parentPort;

/** Runs a job; a study's progress is posted as it goes (the runner passes it to the editor). */
const run = (id: number, job: SolveJob) =>
  job.kind === 'verdicts'
    ? solveScenario(job.input, { onStudyProgress: (progress) => port.postMessage({ id, progress } satisfies SolveProgress) })
    : scenarioDetails(job.input, job.outcome);

port.on('message', (request: SolveRequest) => void reply(request));

async function reply({ id, job }: SolveRequest): Promise<void> {
  let result: SolveOutcome;
  try {
    result = { ok: true, value: await run(id, job) };
  } catch (error) {
    // An engine bug must not take the server down: report it as a failed solve.
    result = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  // The runner replaces this thread once its footprint passes a budget.
  port.postMessage({ id, footprint: await threadFootprint(), ...result } satisfies SolveReply);
}
