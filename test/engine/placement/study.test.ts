import { describe, expect, it } from 'vitest';
import { DEFAULT_MANDALA_LATENCIES } from '../../../engine/placement/mandala.js';
import type { StudySpec } from '../../../engine/placement/model.js';
import { runStudy, studyTopology } from '../../../engine/placement/study.js';
import { LSTM_TRAINING, metroProblem } from './fixtures.js';

/** A small version of examples/mandala-study.nsc. */
const spec: StudySpec = {
  name: 'PaperSweep',
  base: metroProblem({
    name: 'Aif',
    topology: { kind: 'mandala', spec: { name: 'Mandala', access: 16, ...DEFAULT_MANDALA_LATENCIES, diameter: 12e-3, acceleratorShare: 0.3, seed: 7 } },
    curve: LSTM_TRAINING,
    rounds: 10,
    target: 2,
    maxAccelerators: 8,
  }),
  rounds: [1, 5, 10, 15],
  targets: [2, 1.6, 1.2],
  objectives: [{ kind: 'baseline' }, { kind: 'min-aifs' }, { kind: 'balanced', aifWeight: 1, spreadWeight: 1000 }],
  instances: 6,
  acceleratorShare: { min: 0.1, max: 0.6 },
  seed: 42,
  regenerate: false,
};

describe('study', () => {
  it('instance i keeps the graph and draws an accelerator share inside the range, on other nodes', () => {
    const shares = new Set<number>();
    const placements = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const topology = studyTopology(spec, i);
      expect(topology.links).toEqual(studyTopology(spec, 0).links);
      placements.add(topology.nodes.map((node) => (node.accelerator ? 1 : 0)).join(''));
      const share = topology.nodes.filter((node) => node.accelerator).length / topology.nodes.length;
      expect(share).toBeGreaterThanOrEqual(0.1 - 0.5 / topology.nodes.length);
      expect(share).toBeLessThanOrEqual(0.6 + 0.5 / topology.nodes.length);
      shares.add(share);
    }
    expect(shares.size).toBeGreaterThan(1);
    expect(placements.size).toBe(6);
  });

  it('with regenerate topology, instance i draws a new graph with seed + i', () => {
    const regenerating = { ...spec, regenerate: true };
    const shares = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const topology = studyTopology(regenerating, i);
      expect(topology).toEqual(studyTopology(regenerating, i));
      const share = topology.nodes.filter((node) => node.accelerator).length / topology.nodes.length;
      expect(share).toBeGreaterThanOrEqual(0.1 - 0.5 / topology.nodes.length);
      expect(share).toBeLessThanOrEqual(0.6 + 0.5 / topology.nodes.length);
      shares.add(share);
    }
    expect(shares.size).toBeGreaterThan(1);
    expect(studyTopology(regenerating, 1).links).not.toEqual(studyTopology(regenerating, 0).links);
  });

  it('sweeps objectives x targets x rounds; the worker-thread run equals the in-process run', async () => {
    const progress: number[] = [];
    const here = await runStudy(spec, { jobs: 1, onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    const threaded = await runStudy(spec, { jobs: 3 });
    expect(threaded).toEqual(here);
    expect(here.name).toBe('PaperSweep');
    expect(here.placement).toBe('Aif');
    expect(here.instances).toBe(6);
    expect(here.cells.map((c) => [c.objective, c.target, c.rounds])).toEqual(
      ['baseline', 'min-aifs', 'balanced'].flatMap((o) => [2, 1.6, 1.2].flatMap((t) => [1, 5, 10, 15].map((r) => [o, t, r]))),
    );
    const cell = (objective: string, target: number, rounds: number) => here.cells.find((c) => c.objective === objective && c.target === target && c.rounds === rounds)!;
    for (const c of here.cells) {
      expect(c.feasible * 6).toBeCloseTo(Math.round(c.feasible * 6), 12);
      if (c.feasible === 0) expect([c.aifs, c.maxLearningTime, c.accelerated]).toEqual([null, null, null]);
      else expect(c.maxLearningTime!.mean).toBeLessThanOrEqual(c.target / c.rounds + 1e-9);
      // Accelerators only add options; min-aifs and balanced share one feasible set.
      const minAifs = cell('min-aifs', c.target, c.rounds);
      expect(cell('baseline', c.target, c.rounds).feasible).toBeLessThanOrEqual(minAifs.feasible);
      expect(cell('balanced', c.target, c.rounds).feasible).toBe(minAifs.feasible);
      if (minAifs.aifs !== null) expect(minAifs.aifs.mean).toBeLessThanOrEqual(cell('balanced', c.target, c.rounds).aifs!.mean);
      if (c.objective === 'baseline' && c.accelerated !== null) expect(c.accelerated).toEqual({ mean: 0, std: 0 });
    }
    // One round of 2 s is easy for everyone; 15 rounds of 1.2 s (0.08 s < p_k) only with accelerators, if at all.
    expect(cell('baseline', 2, 1).feasible).toBe(1);
    expect(cell('baseline', 1.2, 15).feasible).toBe(0);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(runStudy(spec, { signal: controller.signal })).rejects.toThrow('stop');
    await expect(runStudy(spec, { jobs: 2, signal: controller.signal })).rejects.toThrow('stop');
    for (const jobs of [1, 2]) {
      const midway = new AbortController();
      const onProgress = (done: number) => done === 1 && midway.abort(new Error('midway'));
      await expect(runStudy(spec, { jobs, signal: midway.signal, onProgress })).rejects.toThrow('midway');
    }
  });
});
