import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nsc } from './run-cli.js';

const study = join(import.meta.dirname, '../../examples/mandala-study.nsc');

describe('nsc study', () => {
  it('sweeps objectives x targets x rounds, the same with one or two worker threads', () => {
    const one = nsc(['study', study, '--json', '--jobs', '1']);
    const two = nsc(['study', study, '--json', '--jobs', '2']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout); // instances are seeded: threads change nothing
    const [result] = JSON.parse(one.stdout).studies;
    expect(result).toMatchObject({ name: 'PaperSweep', placement: 'Aif', instances: 15 });
    expect(result.cells).toHaveLength(3 * 3 * 4);
    const cell = (objective: string, target: number, rounds: number) => result.cells.find((c: { objective: string; target: number; rounds: number }) => c.objective === objective && c.target === target && c.rounds === rounds);
    // One round in 2 s: p_2 = 0.7 s plus sub-12 ms of latency always fits, with exactly the minimum of 2 AIFs.
    expect(cell('baseline', 2, 1)).toMatchObject({ feasible: 1, aifs: { mean: 2, std: 0 } });
    // 1.2 s over 15 rounds leaves 0.08 s a round, below even the accelerated p_k >= 0.5 * 0.17 = 0.085 s.
    expect(cell('baseline', 1.2, 15)).toMatchObject({ feasible: 0, aifs: null, maxLearningTime: null });
    expect(cell('min-aifs', 1.2, 15)).toMatchObject({ feasible: 0, aifs: null });
    // Accelerators only help: min-aifs is feasible wherever the baseline is, and somewhere it is not.
    const baseline = result.cells.filter((c: { objective: string }) => c.objective === 'baseline');
    for (const b of baseline) expect(cell('min-aifs', b.target, b.rounds).feasible).toBeGreaterThanOrEqual(b.feasible);
    expect(baseline.some((b: { target: number; rounds: number; feasible: number }) => cell('min-aifs', b.target, b.rounds).feasible > b.feasible)).toBe(true);
  });

  it('prints CSV with a header and one row per cell', () => {
    const { code, stdout } = nsc(['study', study, '--csv']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('study,objective,target,rounds,feasible,aifs_mean,aifs_std,max_learning_time_mean,max_learning_time_std,accelerated_mean,accelerated_std');
    expect(lines).toHaveLength(1 + 36);
  });

  it('names the studies when --study matches none', () => {
    const { code, stderr } = nsc(['study', study, '--study', 'Nope']);
    expect(code).toBe(2);
    expect(stderr).toContain("no study named 'Nope' (studies: PaperSweep)");
  });
});
