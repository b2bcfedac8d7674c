/**
 * HiGHS in worker threads: a hard deadline and cancellation by terminating the thread (time_limit
 * overshoots, solve() cannot be interrupted), one long-lived worker for small solves (pays the JIT
 * warm-up once; replaced by a fresh one once its footprint passes a budget, see highs-thread.ts),
 * and a fresh worker per large solve, terminated afterwards so its heap is freed.
 */
import type { Worker } from 'node:worker_threads';
import { DEFAULT_FOOTPRINT_BUDGET, exceedsBudget, startHighsThread, type ThreadFootprint } from './highs-thread.js';
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
  /** Bytes of WASM memory plus JS heap past which the long-lived worker is replaced after a solve. */
  readonly footprintBudget?: number;
  /** Worker script; defaults to the compiled `worker.js` next to this module (see worker-script.ts). */
  readonly scriptUrl?: URL;
}

/** What a solve stopped at the hard deadline reports: no solution, like a time-limited solve without incumbent. */
/** An abort signal's reason as the Error a rejected promise should carry. */
const asError = (reason: unknown): Error => (reason instanceof Error ? reason : new Error(`cancelled: ${JSON.stringify(reason)}`));

const HARD_DEADLINE: LpSolution = { status: 'time-limit', objective: NaN, values: new Float64Array(0), rawStatus: 'Terminated at the hard deadline', bound: null, gap: null };

export class HighsWorker implements LpSolver {
  private shared: Worker | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private footprint: ThreadFootprint | undefined;
  private started = 0;
  private readonly freshWorkerChars: number;
  private readonly graceSeconds: number;
  private readonly footprintBudget: number;
  private readonly scriptUrl: URL | undefined;

  constructor(options: HighsWorkerOptions = {}) {
    this.freshWorkerChars = options.freshWorkerChars ?? 1_000_000;
    this.graceSeconds = options.graceSeconds ?? 2;
    this.footprintBudget = options.footprintBudget ?? DEFAULT_FOOTPRINT_BUDGET;
    this.scriptUrl = options.scriptUrl;
  }

  /** Footprint of the long-lived worker after its last solve (for memory measurements). */
  get sharedFootprint(): ThreadFootprint | undefined {
    return this.footprint;
  }

  /** Long-lived workers started so far: the first, then one after each replacement. */
  get sharedWorkersStarted(): number {
    return this.started;
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
      if (this.shared === undefined) {
        this.shared = await this.spawn();
        this.started++;
      }
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
    const worker = await startHighsThread(this.scriptUrl ?? compiledWorkerUrl(import.meta.url, 'worker.js'));
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
        reject(asError(request.signal.reason));
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
        if ('error' in reply) {
          finish(true);
          reject(new Error(`HiGHS failed: ${reply.error}`));
          return;
        }
        if (!fresh) this.footprint = reply.footprint;
        // Past its budget the long-lived worker is terminated (it is idle now); the next solve starts another.
        finish(!fresh && exceedsBudget(reply.footprint, this.footprintBudget));
        resolve(reply.solution);
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
        reject(asError(request.signal?.reason));
      };
      const deadline =
        request.timeLimit === undefined
          ? undefined
          : setTimeout(
              () => {
                finish(true);
                resolve(HARD_DEADLINE);
              },
              (request.timeLimit + this.graceSeconds) * 1000,
            );
      request.signal?.addEventListener('abort', onAbort, { once: true });
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.ref();
      worker.postMessage(message);
    });
  }
}
