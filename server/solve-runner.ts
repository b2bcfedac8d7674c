/**
 * Runs solves in one long-lived worker thread (HiGHS is loaded once and stays warm). A solve that
 * is cancelled or passes its time limit terminates the worker: HiGHS cannot be interrupted, and
 * terminating also frees its heap. The next solve starts a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import { compiledWorkerUrl } from '../engine/highs/worker-script.js';
import type { ScenarioDetails, ScenarioInput, ScenarioOutcome } from '../engine/scenario.js';

/** The verdicts of a scenario, or the details (fixes, trajectories) of verdicts already solved. */
export type SolveJob = { readonly kind: 'verdicts'; readonly input: ScenarioInput } | { readonly kind: 'details'; readonly input: ScenarioInput; readonly outcome: ScenarioOutcome };

type JobValue<J extends SolveJob> = J extends { kind: 'verdicts' } ? ScenarioOutcome : ScenarioDetails;

export interface SolveRequest {
  readonly id: number;
  readonly job: SolveJob;
}

export type SolveReply = { readonly id: number; readonly ok: true; readonly value: ScenarioOutcome | ScenarioDetails } | { readonly id: number; readonly ok: false; readonly message: string };

export type RunResult<V = ScenarioOutcome | ScenarioDetails> =
  | { readonly kind: 'done'; readonly value: V }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'error'; readonly message: string };

export class SolveRunner {
  private worker: Worker | undefined;
  private nextId = 1;
  /** Jobs run one after the other; this is the tail of the chain. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly scriptUrl: URL = compiledWorkerUrl(import.meta.url, 'solve-worker.js')) {}

  /** Queues a job; `signal` cancels it (queued or running), `timeLimitMs` bounds its run time. */
  run<J extends SolveJob>(job: J, options: { signal?: AbortSignal; timeLimitMs: number }): Promise<RunResult<JobValue<J>>> {
    const queued = this.queue.then(() => this.execute(job, options) as Promise<RunResult<JobValue<J>>>);
    this.queue = queued.catch(() => undefined);
    return queued;
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private execute(job: SolveJob, { signal, timeLimitMs }: { signal?: AbortSignal; timeLimitMs: number }): Promise<RunResult> {
    if (signal?.aborted) return Promise.resolve({ kind: 'cancelled' });
    const worker = (this.worker ??= this.startWorker());
    const id = this.nextId++;
    return new Promise<RunResult>((resolve) => {
      const finish = (result: RunResult, kill: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (kill && this.worker === worker) this.dispose();
        resolve(result);
      };
      const onMessage = (reply: SolveReply) => {
        if (reply.id !== id) return;
        finish(reply.ok ? { kind: 'done', value: reply.value } : { kind: 'error', message: reply.message }, false);
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

  private startWorker(): Worker {
    const worker = new Worker(this.scriptUrl);
    worker.unref(); // an idle solver must not keep the server process alive
    return worker;
  }
}
