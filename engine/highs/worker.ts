/**
 * Worker-thread entry: owns one HiGHS WebAssembly instance and solves LP texts sent by
 * `HighsWorker` (worker-solver.ts), one at a time. Solving blocks this thread, not the caller's;
 * terminating the thread is the only way to stop a solve and the only way to free the WASM heap.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateHighs, type HighsWasmModule } from './load.js';
import { solveLpText, type LpSolution, type SolveOptions } from './lp.js';

export interface WorkerRequest {
  readonly text: string;
  readonly variableCount: number;
  readonly options: SolveOptions;
}

export type WorkerReply =
  | { readonly solution: LpSolution; readonly heapBytes: number; readonly jsHeapBytes: number }
  | { readonly error: string };

const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');
const highs = await instantiateHighs((workerData as { wasmModule: HighsWasmModule }).wasmModule);

port.on('message', (request: WorkerRequest) => {
  try {
    const solution = solveLpText(highs, request.text, request.variableCount, request.options);
    // The WASM heap and this thread's own JS heap: what a memory measurement needs to see it stays flat.
    port.postMessage({ solution, heapBytes: highs.memoryBytes, jsHeapBytes: process.memoryUsage().heapUsed } satisfies WorkerReply);
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies WorkerReply);
    // After an abort (e.g. the `threads` option) the module is unusable: end the thread, the pool starts another.
    process.exit(1);
  }
});
