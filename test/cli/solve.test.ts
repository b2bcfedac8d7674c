/** `nsc solve --json` on the examples: numbers checked against hand derivations from the papers' formulas. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nsc } from './run-cli.js';

const example = (name: string) => join(import.meta.dirname, '../../examples', name);

function solveJson(file: string) {
  const run = nsc(['solve', '--json', example(file)]);
  return { code: run.code, stderr: run.stderr, output: JSON.parse(run.stdout) };
}

/** Metro's links (one-way ms), copied from metro-placement.nsc; shortest paths by Floyd–Warshall, independent of the engine. */
const METRO_LINKS: [string, string, number][] = [
  ['app1', 'core1', 1.2], ['app1', 'core2', 1.4], ['core1', 'core2', 0.8], ['core1', 'agg1', 0.6], ['core1', 'agg2', 0.7],
  ['core2', 'agg3', 0.5], ['core2', 'agg4', 0.9], ['agg1', 'acc1', 0.3], ['agg1', 'acc2', 0.4], ['agg2', 'acc3', 0.2],
  ['agg2', 'acc4', 0.3], ['agg3', 'acc5', 0.4], ['agg3', 'acc6', 0.3], ['agg4', 'acc7', 0.2], ['agg4', 'acc8', 0.5],
];
function metroRoundTrip(a: string, b: string): number {
  const names = [...new Set(METRO_LINKS.flatMap(([x, y]) => [x, y]))];
  const d = names.map((x) => names.map((y) => (x === y ? 0 : Infinity)));
  for (const [x, y, ms] of METRO_LINKS) d[names.indexOf(x)][names.indexOf(y)] = d[names.indexOf(y)][names.indexOf(x)] = ms / 1000;
  for (let k = 0; k < names.length; k++) for (let i = 0; i < names.length; i++) for (let j = 0; j < names.length; j++) d[i][j] = Math.min(d[i][j], d[i][k] + d[k][j]);
  return 2 * d[names.indexOf(a)][names.indexOf(b)];
}

describe('nsc solve', () => {
  it('metro-placement: min-aifs places 3 accelerated AIFs; the baseline is infeasible since p_k >= 0.17 s > T/R = 0.16 s', () => {
    const { code, output } = solveJson('metro-placement.nsc');
    expect(code).toBe(1); // the baseline is infeasible by design
    expect(output.files).toEqual([example('metro-placement.nsc')]);
    expect(output.switches).toEqual([]);
    const [minAifs, balanced, baseline] = output.placements;
    // T/R = 1.6/5 = 0.32 s. p_2 = 0.70 > 0.32 even accelerated (0.35); p_3 = 0.50 fits only accelerated (0.25 + d).
    expect(minAifs).toMatchObject({ name: 'AnomalyDetection', objective: 'min-aifs', status: 'feasible', k: 3, trainingTime: 0.5 });
    expect(minAifs.roundLimit).toBeCloseTo(0.32, 12);
    expect(minAifs.aifs).toHaveLength(3);
    expect([...minAifs.accelerated].sort()).toEqual([...minAifs.aifs].sort());
    for (const aif of minAifs.aifs) {
      expect(['agg1', 'agg3', 'acc2', 'acc6']).toContain(aif); // only these have accelerators
      expect(minAifs.roundTimes[aif]).toBeCloseTo(0.5 * 0.5 + metroRoundTrip(aif, minAifs.server), 12);
    }
    expect(minAifs.maxRoundTime).toBeCloseTo(Math.max(...Object.values(minAifs.roundTimes as Record<string, number>)), 12);
    expect(minAifs.loopTime).toBeCloseTo(5 * minAifs.maxRoundTime, 12);
    expect(minAifs.relaxations.extraAccelerators).toBe(0);

    expect(balanced).toMatchObject({ objective: 'balanced', status: 'feasible', k: 3 });
    expect(balanced.spread).toBeLessThanOrEqual(minAifs.spread + 1e-12);

    expect(baseline).toMatchObject({ name: 'AnomalyDetectionBaseline', objective: 'baseline', status: 'infeasible', server: null, aifs: [] });
    // No plain round is below p_12 = 0.17 s, so any target must exceed R * 0.17 = 1.7 s; rounds at most floor(1.6 / 0.17) = 9.
    expect(baseline.relaxations.minTarget).toBeGreaterThan(1.7);
    expect(baseline.relaxations.maxRounds).toBeLessThanOrEqual(9);
  });

  it('fork-fixed-weights: equal weights give f1 1/4 pps and 6 s, f2 1/2 pps and 3 s; 4/5-1/5 meet every SLO, f2 exactly', () => {
    const { code, output } = solveJson('fork-fixed-weights.nsc');
    expect(code).toBe(1);
    const [equal, skewed] = output.switches;
    expect(equal).toMatchObject({ name: 'ForkEqual', status: 'infeasible', weightsSource: 'fixed' });
    const [f1, f2] = equal.flows;
    expect([f1.rate, f1.delay, f1.meetsRate, f1.meetsDelay]).toEqual([0.25, 6, false, false]);
    expect([f2.rate, f2.delay, f2.meetsRate, f2.meetsDelay]).toEqual([0.5, 3, true, true]);
    expect(skewed).toMatchObject({ name: 'ForkSkewed', status: 'feasible', weightsSource: 'fixed' });
    const [g1, g2] = skewed.flows;
    expect(g1.rate).toBeCloseTo(0.4, 12);
    expect(g1.delay).toBeCloseTo(4.5, 12);
    expect(g2.rate).toBeCloseTo(0.2, 12);
    expect(g2.delay).toBeCloseTo(6, 12);
    expect([g1.meetsRate, g1.meetsDelay, g2.meetsRate, g2.meetsDelay]).toEqual([true, true, true, true]);
  });

  it('paper-fork: feasible with exit 0, chosen weights in 2/3 <= w1 <= 4/5', () => {
    const { code, output } = solveJson('paper-fork.nsc');
    expect(code).toBe(0);
    const [fork] = output.switches;
    expect(fork).toMatchObject({ name: 'Fork', status: 'feasible', weightsSource: 'optimal' });
    expect(fork.weights.t1).toBeGreaterThanOrEqual(2 / 3 - 1e-9);
    expect(fork.weights.t1).toBeLessThanOrEqual(4 / 5 + 1e-9);
    expect(fork.weights.t1 + fork.weights.t2).toBeCloseTo(1, 9);
  });

  it('rejects a bad --time-limit and files with errors with exit 2', () => {
    expect(nsc(['solve', '--time-limit', '-1', example('paper-fork.nsc')]).code).toBe(2);
    const broken = nsc(['solve', '--json', join(import.meta.dirname, 'no-such.nsc')]);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toContain('cannot read file');
  });
});
