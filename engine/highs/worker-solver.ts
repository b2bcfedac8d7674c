/**
 * HiGHS in worker threads: a hard deadline and cancellation by
 * terminating the thread (time_limit overshoots, solve() cannot be interrupted), one long-lived
 * worker for small solves (pays the JIT warm-up once; its heap stays at the size of the largest
 * small solve), and a fresh worker per large solve, terminated afterwards so its heap is freed.
 */
import { Worker } from 'node:worker_threads';
import { compileHighsModule } from './load.js';
import type { LinearProgram, LpSolution } from './lp.js';
import type { LpSolveRequest, LpSolver } from './solver.js';
import type { WorkerReply, WorkerRequest } from './worker.js';
import { compiledWorkerUrl } from './worker-script.js';

export interface HighsWorkerOptions {
  /**
   * Models whose LP text has at least this many characters (a proxy for nonzeros, which is what
   * the heap grows with) get a fresh worker of their own (default 1,000,000: about a compact
   * placement model of 200 nodes).
   */
  readonly freshWorkerChars?: number;
  /** Seconds granted past `timeLimit` before the thread is terminated (default 2). */
  readonly graceSeconds?: number;
  /** Worker script; defaults to the compiled `worker.js` next to this module (see worker-script.ts). */
  readonly scriptUrl?: URL;
}

/** What a solve stopped at the hard deadline reports: no solution, like a time-limited solve without incumbent. */
const HARD_DEADLINE: LpSolution = { status: 'time-limit', objective: NaN, values: new Float64Array(0), rawStatus: 'Terminated at the hard deadline', gap: 0 };

export class HighsWorker implements LpSolver {
  private shared: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lastHeapBytes = 0;
  private lastJsHeapBytes = 0;
  private readonly freshWorkerChars: number;
  private readonly graceSeconds: number;
  private readonly scriptUrl: URL | undefined;

  constructor(options: HighsWorkerOptions = {}) {
    this.freshWorkerChars = options.freshWorkerChars ?? 1_000_000;
    this.graceSeconds = options.graceSeconds ?? 2;
    this.scriptUrl = options.scriptUrl;
  }

  /** WASM heap of the long-lived worker after its last solve, bytes (for memory measurements). */
  get sharedHeapBytes(): number {
    return this.lastHeapBytes;
  }

  /** JS heap in use by the long-lived worker's own thread after its last solve, bytes. */
  get sharedJsHeapBytes(): number {
    return this.lastJsHeapBytes;
  }

  solve(lp: LinearProgram, request: LpSolveRequest = {}): Promise<LpSolution> {
    const message: WorkerRequest = {
      text: lp.toLpFormat(),
      variableCount: lp.variableCount,
      options: { timeLimit: request.timeLimit, mipRelGap: request.mipRelGap },
    };
    if (message.text.length >= this.freshWorkerChars) {
      return this.spawn().then((worker) => this.run(worker, message, request, true));
    }
    // One solve at a time on the shared worker: solve() blocks its thread anyway.
    const next = this.queue.then(async () => {
      this.shared ??= await this.spawn();
      return this.run(this.shared, message, request, false);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Terminates the long-lived worker; a later solve starts a new one. */
  async close(): Promise<void> {
    const worker = this.shared;
    this.shared = undefined;
    await worker?.terminate();
  }

  private async spawn(): Promise<Worker> {
    const worker = new Worker(this.scriptUrl ?? compiledWorkerUrl(import.meta.url, 'worker.js'), {
      workerData: { wasmModule: await compileHighsModule() },
    });
    worker.unref(); // an idle worker must not keep the process alive; run() holds a ref while solving
    // A worker that dies while idle must not crash this thread (an unhandled 'error' event would) nor be reused.
    const forget = () => {
      if (this.shared === worker) this.shared = undefined;
    };
    worker.on('error', forget).on('exit', forget);
    return worker;
  }

  private run(worker: Worker, message: WorkerRequest, request: LpSolveRequest, fresh: boolean): Promise<LpSolution> {
    return new Promise<LpSolution>((resolve, reject) => {
      // An abort that happened while queued or spawning has no event left to fire.
      if (request.signal?.aborted) {
        if (fresh) void worker.terminate();
        reject(request.signal.reason);
        return;
      }
      const finish = (kill: boolean) => {
        clearTimeout(deadline);
        request.signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (kill || fresh) {
          if (worker === this.shared) this.shared = undefined;
          void worker.terminate();
        } else worker.unref();
      };
      const onMessage = (reply: WorkerReply) => {
        const failed = 'error' in reply;
        finish(failed);
        if (failed) reject(new Error(`HiGHS failed: ${reply.error}`));
        else {
          if (!fresh) {
            this.lastHeapBytes = reply.heapBytes;
            this.lastJsHeapBytes = reply.jsHeapBytes;
          }
          resolve(reply.solution);
        }
      };
      const onError = (error: Error) => {
        finish(true);
        reject(error);
      };
      const onExit = (code: number) => {
        finish(true);
        reject(new Error(`HiGHS worker exited with code ${code}`));
      };
      const onAbort = () => {
        finish(true);
        reject(request.signal?.reason);
      };
      const deadline =
        request.timeLimit === undefined
          ? undefined
          : setTimeout(() => {
              finish(true);
              resolve(HARD_DEADLINE);
            }, (request.timeLimit + this.graceSeconds) * 1000);
      request.signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.ref();
      worker.postMessage(message);
    });
  }
}
