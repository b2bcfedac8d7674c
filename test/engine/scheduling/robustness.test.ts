/**
 * Seeded random variations of generated pipelines — zero costs, missing SLOs, partial and zero
 * pinned weights — must solve and simulate without throwing and without a non-finite number.
 */
import { describe, expect, it } from 'vitest';
import { generatePipeline } from '../../../engine/scheduling/generate.js';
import { simulateSwitch, solveSwitch, type SwitchModel } from '../../../engine/scheduling/index.js';

function hasNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(hasNonFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).some(hasNonFinite);
  return false;
}

/** A 31-bit linear congruential generator: enough to vary the cases reproducibly. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function variant(seed: number): SwitchModel {
  const random = lcg(seed);
  const workers = 1 + Math.floor(random() * 3);
  const tasks = workers + Math.floor(random() * 5);
  let model = generatePipeline({ modules: tasks + Math.floor(random() * 6), tasks, workers, flows: 1 + Math.floor(random() * 4), seed });
  if (random() < 0.3) model = { ...model, modules: model.modules.map((m) => (random() < 0.4 ? { ...m, cost: 0 } : m)) };
  if (random() < 0.3) {
    model = { ...model, flows: model.flows.map((f) => (random() < 0.5 ? { name: f.name, path: f.path, offered: f.offered } : f)) };
  }
  if (random() < 0.5) {
    const pinned = new Map<number, number>();
    const tasksWithPins = model.tasks.map((task) => {
      if (random() < 0.5) return task;
      const left = 1 - (pinned.get(task.worker) ?? 0);
      const weight = random() < 0.2 ? 0 : Math.round(left * random() * 100) / 100;
      pinned.set(task.worker, (pinned.get(task.worker) ?? 0) + weight);
      return { ...task, fixedWeight: weight };
    });
    model = { ...model, tasks: tasksWithPins };
  }
  return model;
}

describe('robustness on random variations', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`variant ${seed}`, async () => {
      const model = variant(seed);
      const result = await solveSwitch(model);
      expect(hasNonFinite(result)).toBe(false);
      expect(result.status === 'feasible').toBe(result.flows.every((f) => f.meetsRate && f.meetsDelay));
      // The verdict agrees with the certificate: s* >= 0 is feasible, an upper bound below 0 is not.
      const { slack, upperBound } = result.optimum;
      if (result.weightsSource === 'optimal' && slack !== null && slack >= 0) expect(result.status).toBe('feasible');
      if (upperBound !== null && upperBound < 0) expect(result.status).toBe('infeasible');
      const simulation = await simulateSwitch(model, { periods: 4 });
      expect(hasNonFinite(simulation)).toBe(false);
      expect(simulation.rows).toHaveLength(4);
    });
  }
});
