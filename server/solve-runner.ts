/**
 * Runs solves in one long-lived worker thread (HiGHS is loaded once and stays warm). A solve that
 * is cancelled or passes its time limit terminates the worker: HiGHS cannot be interrupted, and
 * terminating also frees its heap. So does a worker whose footprint passed its budget after a solve
 * (engine/highs/highs-thread.ts). The next solve starts a fresh worker.
 */
import type { Worker } from 'node:worker_threads';
import { DEFAULT_FOOTPRINT_BUDGET, exceedsBudget, startHighsThread, type ThreadFootprint } from '../engine/highs/highs-thread.js';
import { compiledWorkerUrl } from '../engine/highs/worker-script.js';
import type { ScenarioDetails, ScenarioInput, ScenarioOutcome, StudyProgressReport } from '../engine/scenario.js';

/** The verdicts of a scenario, or the details (fixes, trajectories) of verdicts already solved. */
export type SolveJob =
  { readonly kind: 'verdicts'; readonly input: ScenarioInput } | { readonly kind: 'details'; readonly input: ScenarioInput; readonly outcome: ScenarioOutcome };

type JobValue<J extends SolveJob> = J extends { kind: 'verdicts' } ? ScenarioOutcome : ScenarioDetails;

export interface SolveRequest {
  readonly id: number;
  readonly job: SolveJob;
}

export type SolveOutcome = { readonly ok: true; readonly value: ScenarioOutcome | ScenarioDetails } | { readonly ok: false; readonly message: string };

export type SolveReply = SolveOutcome & { readonly id: number; readonly footprint: ThreadFootprint };

/** Sent by the worker while a job runs, before its reply. */
export interface SolveProgress {
  readonly id: number;
  readonly progress: StudyProgressReport;
}

export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly timeLimitMs: number;
  /** A study's progress, as the worker reports it. */
  readonly onProgress?: (report: StudyProgressReport) => void;
}

export type RunResult<V = ScenarioOutcome | ScenarioDetails> =
  { readonly kind: 'done'; readonly value: V } | { readonly kind: 'timeout' } | { readonly kind: 'cancelled' } | { readonly kind: 'error'; readonly message: string };

export interface SolveRunnerOptions {
  /** Worker script; defaults to the compiled `solve-worker.js` next to this module. */
  readonly scriptUrl?: URL;
  /** Bytes of WASM memory plus JS heap past which the worker is replaced after a solve. */
  readonly footprintBudget?: number;
}

export class SolveRunner {
  private worker: Promise<Worker> | undefined;
  private started = 0;
  private nextId = 1;
  /** Jobs run one after the other; this is the tail of the chain. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly scriptUrl: URL;
  private readonly footprintBudget: number;

  constructor(options: SolveRunnerOptions = {}) {
    this.scriptUrl = options.scriptUrl ?? compiledWorkerUrl(import.meta.url, 'solve-worker.js');
    this.footprintBudget = options.footprintBudget ?? DEFAULT_FOOTPRINT_BUDGET;
  }

  /** Workers started so far: the first, then one after each replacement. */
  get workersStarted(): number {
    return this.started;
  }

  /** Queues a job; `signal` cancels it (queued or running), `timeLimitMs` bounds its run time. */
  run<J extends SolveJob>(job: J, options: RunOptions): Promise<RunResult<JobValue<J>>> {
    const queued = this.queue.then(() => this.execute(job, options) as Promise<RunResult<JobValue<J>>>);
    this.queue = queued.catch(() => undefined);
    return queued;
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.then(
      (w) => w.terminate(),
      () => undefined,
    );
  }

  private async execute(job: SolveJob, { signal, timeLimitMs, onProgress }: RunOptions): Promise<RunResult> {
    if (signal?.aborted) return { kind: 'cancelled' };
    const starting = (this.worker ??= this.startWorker());
    let worker: Worker;
    try {
      worker = await starting;
    } catch (error) {
      if (this.worker === starting) this.worker = undefined;
      return { kind: 'error', message: `the solver could not start: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (signal?.aborted) return { kind: 'cancelled' };
    const id = this.nextId++;
    return new Promise<RunResult>((resolve) => {
      const finish = (result: RunResult, kill: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (kill && this.worker === starting) this.dispose();
        resolve(result);
      };
      const onMessage = (reply: SolveReply | SolveProgress) => {
        if (reply.id !== id) return;
        if ('progress' in reply) return onProgress?.(reply.progress);
        const result: RunResult = reply.ok ? { kind: 'done', value: reply.value } : { kind: 'error', message: reply.message };
        finish(result, exceedsBudget(reply.footprint, this.footprintBudget));
      };
      const onError = (error: Error) => finish({ kind: 'error', message: error.message }, true);
      const onAbort = () => finish({ kind: 'cancelled' }, true);
      const timer = setTimeout(() => finish({ kind: 'timeout' }, true), timeLimitMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ id, job } satisfies SolveRequest);
    });
  }

  private async startWorker(): Promise<Worker> {
    const worker = await startHighsThread(this.scriptUrl);
    this.started++;
    worker.unref(); // an idle solver must not keep the server process alive
    return worker;
  }
}
