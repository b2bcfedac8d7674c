import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    expect(result).toMatchObject({ name: 'PaperSweep', placement: 'Aif', instances: 15, status: 'complete' });
    expect(result.cells).toHaveLength(3 * 3 * 4);
    const cell = (objective: string, target: number, rounds: number) =>
      result.cells.find((c: { objective: string; target: number; rounds: number }) => c.objective === objective && c.target === target && c.rounds === rounds);
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
    expect(lines[0]).toBe(
      'study,objective,target,rounds,feasible,aifs_mean,aifs_std,max_learning_time_mean,max_learning_time_std,accelerated_mean,accelerated_std,tie_break,spread_over',
    );
    expect(lines).toHaveLength(1 + 36);
  });

  it('says in the table that the time column is per round, and what the columns are over', () => {
    const { code, stdout } = nsc(['study', study, '--jobs', '1']);
    expect(code).toBe(0);
    const [heading, header] = stdout.split('\n');
    expect(heading).toBe('study PaperSweep over placement Aif: 15 instances');
    expect(header.split(/ {2,}/)).toEqual(['objective', 'target', 'rounds', 'feasible', '#AIFs', 'slowest round (per round)', '#accelerated']);
    expect(stdout).toContain('feasible: share of instances with a placement; the other columns: mean ± std over those instances');
  });

  it('--time-limit stops a study on 3,328-node Mandalas with exit 3, on this thread or in workers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nsc-study-'));
    writeFileSync(
      join(dir, 'big.nsc'),
      [
        'topology Big mandala {\n  access 2048\n  diameter 12 ms\n  accelerators 30%\n  seed 7\n}',
        'curve C {\n  1 -> 1.2 s\n  12 -> 0.17 s\n}',
        'placement Aif {\n  topology Big\n  curve C\n  rounds 10\n  target 2 s\n  acceleration 0.5\n}',
        'study Sweep {\n  placement Aif\n  rounds 5, 10\n  target 2 s\n  objective min-aifs, balanced aifs 1 spread 1000\n  instances 4 accelerators 10% to 60% seed 42\n}',
      ].join('\n'),
    );
    for (const jobs of ['1', '2']) {
      // Bounded: a study that ignored the limit would be killed and fail here.
      const run = nsc(['study', 'big.nsc', '--json', '--time-limit', '1', '--jobs', jobs], { cwd: dir, timeoutMs: 60_000 });
      expect(run.signal).toBeNull();
      expect(run.code).toBe(3);
      expect(JSON.parse(run.stdout).studies).toEqual([{ name: 'Sweep', placement: 'Aif', instances: 4, status: 'timeout', cells: [] }]);
      expect(JSON.parse(run.stdout).diagnostics).toEqual([]);
    }
  });

  it('names the studies when --study matches none', () => {
    const { code, stderr } = nsc(['study', study, '--study', 'Nope']);
    expect(code).toBe(2);
    expect(stderr).toContain("no study named 'Nope' (studies: PaperSweep)");
  });

  it('sweeps a written-out (here: imported) topology, keeping it and drawing its accelerators per instance', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nsc-study-'));
    const imported = nsc(['import', join(import.meta.dirname, '../fixtures/import/equator.gml'), '--topology-only', '--name', 'Eq']);
    expect(imported.code).toBe(0);
    // One round of 2 s on 7 nodes: p_2 = 0.7 s fits plain; with fewest-accelerators none is used,
    // with fastest-round both AIFs use one wherever two nodes near a server have one.
    writeFileSync(
      join(dir, 'eq.nsc'),
      `${imported.stdout}
curve C {
  1 -> 1.2 s
  2 -> 0.7 s
}
placement P {
  topology Eq
  curve C
  rounds 1
  target 2 s
}
study S {
  placement P
  objective min-aifs then fewest-accelerators, min-aifs
  instances 6 accelerators 30% to 60% seed 3
}
`,
    );
    const run = nsc(['study', 'eq.nsc', '--json', '--jobs', '1'], dir);
    expect(run.code).toBe(0);
    const [result] = JSON.parse(run.stdout).studies;
    expect(result).toMatchObject({ name: 'S', instances: 6, status: 'complete' });
    const [economical, fastest] = result.cells;
    expect(economical).toMatchObject({ objective: 'min-aifs', tieBreak: 'fewest-accelerators', feasible: 1, aifs: { mean: 2, std: 0 }, accelerated: { mean: 0, std: 0 } });
    expect(fastest).toMatchObject({ objective: 'min-aifs', tieBreak: 'fastest-round', feasible: 1, aifs: { mean: 2, std: 0 } });
    expect(fastest.accelerated.mean).toBeGreaterThan(0);
    expect(fastest.maxLearningTime.mean).toBeLessThan(economical.maxLearningTime.mean);
  });
});
