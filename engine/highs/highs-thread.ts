/**
 * Long-lived worker threads that run HiGHS (HighsWorker's shared worker, the language server's
 * solve worker), kept to a bounded footprint. Such a thread does not leak, but over hundreds of
 * solves what it holds grows to sizes it never gives back:
 * - V8 grows the young generation of a thread that allocates fast from 2 x 2 MB to 2 x 16 MB
 *   semi-spaces, and no GC shrinks it while the thread stays busy. HiGHS's solve() makes garbage
 *   fast: it copies every LP text into a plain JS array of numbers, about 8 bytes per character.
 *   That garbage dies at once, so a small fixed young generation serves it as well.
 * - The old generation and the WebAssembly memory keep the high-water mark of the largest solve
 *   (WebAssembly memory cannot shrink). So the thread reports its footprint with every reply and
 *   its owner replaces it once that passes a budget. The replacement instantiates the module the
 *   parent compiled once, whose code V8 has already optimised: its first solve costs ~50 ms more,
 *   not the ~1 s of the very first thread.
 */
import { getHeapStatistics } from 'node:v8';
import { Worker, workerData } from 'node:worker_threads';
import { compileHighsModule, loadedHighsMemoryBytes, useCompiledHighs, type HighsWasmModule } from './load.js';

export interface ThreadFootprint {
  /** WebAssembly memory of the thread's HiGHS instance (0 before it is loaded). */
  readonly wasmBytes: number;
  /** Physical size of the thread's JS heap, garbage included: what it adds to the process RSS. */
  readonly jsHeapBytes: number;
}

/**
 * Footprint past which an idle long-lived thread is replaced, bytes. A thread solving small
 * models stays near 20 MB of WebAssembly memory plus 10–30 MB of JS heap.
 */
export const DEFAULT_FOOTPRINT_BUDGET = 64 * 2 ** 20;

/** Young generation of a HiGHS thread (two 2 MB semi-spaces and the new large-object space). */
const YOUNG_GENERATION_MB = 6;

/** Starts `scriptUrl` in a worker thread with the process's compiled HiGHS module and a small young generation. */
export async function startHighsThread(scriptUrl: URL): Promise<Worker> {
  return new Worker(scriptUrl, {
    workerData: { wasmModule: await compileHighsModule() },
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
  });
}

/** In a thread started by `startHighsThread`: `loadHighs()` instantiates the parent's compiled module. */
export function adoptParentHighs(): void {
  useCompiledHighs((workerData as { wasmModule: HighsWasmModule }).wasmModule);
}

/** This thread's footprint, for its reply. */
export async function threadFootprint(): Promise<ThreadFootprint> {
  return { wasmBytes: await loadedHighsMemoryBytes(), jsHeapBytes: getHeapStatistics().total_physical_size };
}

export function exceedsBudget(footprint: ThreadFootprint, budgetBytes: number): boolean {
  return footprint.wasmBytes + footprint.jsHeapBytes > budgetBytes;
}
