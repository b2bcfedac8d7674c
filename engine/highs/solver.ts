/**
 * Where a LinearProgram gets solved. Placement and scheduling code take an LpSolver so the same
 * pure model-building code runs in-process (tests, the language server's own worker) or through a
 * HiGHS worker thread with a hard deadline (CLI, bench): see `worker-solver.ts`.
 */
import { loadHighs, resetHighs } from './load.js';
import type { LinearProgram, LpSolution, SolveOptions } from './lp.js';

export interface LpSolveRequest extends SolveOptions {
  /** Aborting rejects the solve with the signal's reason (a worker solve is stopped at once). */
  readonly signal?: AbortSignal;
}

export interface LpSolver {
  solve(lp: LinearProgram, request?: LpSolveRequest): Promise<LpSolution>;
}

/** Solves on the calling thread. `solve()` blocks it; cancellation is only checked before starting. */
export const inProcessSolver: LpSolver = {
  async solve(lp, request = {}) {
    request.signal?.throwIfAborted();
    const highs = await loadHighs();
    try {
      return lp.solve(highs, request);
    } catch (error) {
      // An aborted WebAssembly module is unusable afterwards: the next solve loads a fresh one.
      resetHighs();
      throw error;
    }
  },
};
