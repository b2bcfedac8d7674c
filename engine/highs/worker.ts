/**
 * Worker-thread entry: owns one HiGHS WebAssembly instance and solves LP texts sent by
 * `HighsWorker` (worker-solver.ts), one at a time. Solving blocks this thread, not the caller's;
 * terminating the thread is the only way to stop a solve and the only way to free the WASM heap.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { adoptParentHighs, threadFootprint, type ThreadFootprint } from './highs-thread.js';
import { loadHighs } from './load.js';
import { solveLpText, type LpSolution, type SolveOptions } from './lp.js';

export interface WorkerRequest {
  readonly text: string;
  readonly variableCount: number;
  readonly options: SolveOptions;
}

export type WorkerReply = { readonly solution: LpSolution; readonly footprint: ThreadFootprint } | { readonly error: string };

if (parentPort === null) throw new Error('worker.ts must run in a worker thread');
const port: MessagePort = parentPort;
adoptParentHighs();
const highs = await loadHighs();

port.on('message', (request: WorkerRequest) => void reply(request));

async function reply(request: WorkerRequest): Promise<void> {
  try {
    const solution = solveLpText(highs, request.text, request.variableCount, request.options);
    // The owner replaces this thread once its footprint passes a budget (highs-thread.ts).
    port.postMessage({ solution, footprint: await threadFootprint() } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
    // After an abort (e.g. the `threads` option) the module is unusable: end the thread, the pool starts another.
    process.exit(1);
  }
}
