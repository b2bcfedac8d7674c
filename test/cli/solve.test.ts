/** `nsc solve --json` on the examples: numbers checked against hand derivations from the papers' formulas. */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessVoiceDelay, BEST_VOICE_DELAY, coreVoiceDelay, jointSlack, jointVoiceWeights, ms, us } from '../support/metro-services.js';
import { nsc } from './run-cli.js';

const example = (name: string) => join(import.meta.dirname, '../../examples', name);
const scratch = () => mkdtempSync(join(tmpdir(), 'nsc-solve-'));

function solveJson(file: string) {
  const run = nsc(['solve', '--json', example(file)]);
  return { code: run.code, stderr: run.stderr, output: JSON.parse(run.stdout) };
}

/** Metro's links (one-way ms), copied from metro-placement.nsc; shortest paths by Floyd–Warshall, independent of the engine. */
const METRO_LINKS: [string, string, number][] = [
  ['app1', 'core1', 1.2],
  ['app1', 'core2', 1.4],
  ['core1', 'core2', 0.8],
  ['core1', 'agg1', 0.6],
  ['core1', 'agg2', 0.7],
  ['core2', 'agg3', 0.5],
  ['core2', 'agg4', 0.9],
  ['agg1', 'acc1', 0.3],
  ['agg1', 'acc2', 0.4],
  ['agg2', 'acc3', 0.2],
  ['agg2', 'acc4', 0.3],
  ['agg3', 'acc5', 0.4],
  ['agg3', 'acc6', 0.3],
  ['agg4', 'acc7', 0.2],
  ['agg4', 'acc8', 0.5],
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

  it('metro-services: routes, per-hop budgets and verdicts from the link latencies and the delay formulas', () => {
    const { code, output } = solveJson('metro-services.nsc');
    expect(code).toBe(0);
    const [voice, bulk] = output.services;
    // Propagation by hand from metro-placement.nsc's links: acc1-agg1 0.3, agg1-core1 0.6, core1-app1 1.2 ms.
    expect(voice.route.map((leg: { nodes: string[] }) => leg.nodes)).toEqual([
      ['acc1', 'agg1'],
      ['agg1', 'core1'],
      ['core1', 'app1'],
    ]);
    expect(voice.propagation).toBeCloseTo(metroRoundTrip('acc1', 'app1') / 2, 12);
    expect(voice.propagation).toBeCloseTo(2.1 * ms, 12);
    const s = jointSlack();
    const w = jointVoiceWeights(s);
    expect(voice.weights.AccessUpf.voice).toBeCloseTo(w.access, 5);
    expect(voice.weights.CoreUpf.voice).toBeCloseTo(w.core, 5);
    const [access, core] = voice.hops;
    expect(access).toMatchObject({ switch: 'AccessUpf', flow: 'voice_ul', node: 'agg1', blocking: 0, meetsRate: true });
    expect(access.queuing).toBeCloseTo((16 * us) / voice.weights.AccessUpf.voice, 12);
    expect(access.processing).toBeCloseTo(8 * us, 12);
    expect(access.delay).toBeCloseTo(accessVoiceDelay(voice.weights.AccessUpf.voice), 12);
    expect(core.delay).toBeCloseTo(coreVoiceDelay(voice.weights.CoreUpf.voice), 12);
    expect(voice.delay).toBeCloseTo(2.1 * ms + access.delay + core.delay, 12);
    expect(voice).toMatchObject({ status: 'feasible', meetsDelay: true, meetsRate: true, delaySlo: 2.18 * ms, rate: 0.8e6 });
    expect(voice.achievableDelay).toBeCloseTo(BEST_VOICE_DELAY, 12);
    expect(voice.optimum.lowerBound).toBeCloseTo(s, 6);
    // BulkUplink from acc2: 0.4 + 0.6 + 1.2 ms of links.
    expect(bulk.propagation).toBeCloseTo(metroRoundTrip('acc2', 'app1') / 2, 12);
    expect(bulk).toMatchObject({ status: 'feasible', offered: 1e6, rateSlo: null });
    // Both switches were optimised with both services.
    expect(output.switches.map((sw: { services: string[] }) => sw.services)).toEqual([
      ['VoiceUplink', 'BulkUplink'],
      ['VoiceUplink', 'BulkUplink'],
    ]);
  });

  it("solves a service with the switch of another file it crosses, and reports only the named file's declarations", () => {
    const folder = scratch();
    copyFileSync(example('metro-placement.nsc'), join(folder, 'metro.nsc'));
    writeFileSync(join(folder, 'edge.nsc'), 'switch Edge at Metro.agg1 {\n  worker w speed 1 GHz\n  module m cost 100 cycles\n  task t on w { m }\n  flow voice m\n}\n');
    writeFileSync(join(folder, 'chain.nsc'), 'service Chain {\n  from Metro.acc1 to Metro.app1\n  via Edge.voice\n  offered 2 kpps\n  delay <= 5 ms\n}\n');
    const run = nsc(['solve', '--json', join(folder, 'chain.nsc')]);
    expect(run.code).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.switches).toEqual([]);
    const [chain] = output.services;
    // Alone on its worker, t has weight 1: queuing Q θ / T = 100 / 1e9 s, processing B θ / T the same (B = Q = 1).
    expect(chain.weights).toEqual({ Edge: { t: 1 } });
    expect(chain.hops[0]).toMatchObject({ switch: 'Edge', flow: 'voice', node: 'agg1', blocking: 0, rate: 2000 });
    expect(chain.hops[0].delay).toBeCloseTo(2e-7, 18);
    // acc1 -> agg1 0.3 ms, agg1 -> core1 -> app1 0.6 + 1.2 ms.
    expect(chain.route.map((leg: { nodes: string[] }) => leg.nodes)).toEqual([
      ['acc1', 'agg1'],
      ['agg1', 'core1', 'app1'],
    ]);
    expect(chain.delay).toBeCloseTo(2.1e-3 + 2e-7, 15);
    expect(chain.status).toBe('feasible');
  });

  it('rejects a bad --time-limit with exit 2', () => {
    expect(nsc(['solve', '--time-limit', '-1', example('paper-fork.nsc')]).code).toBe(2);
    expect(nsc(['solve', '--time-limit=0', example('paper-fork.nsc')]).code).toBe(2);
    const word = nsc(['solve', '--time-limit', 'soon', example('paper-fork.nsc')]);
    expect(word.code).toBe(2);
    expect(word.stderr).toContain("--time-limit needs a positive number, got 'soon'");
  });

  it('--time-limit bounds the default exact method: a 3,328-node Mandala stops with status timeout and exit 3', () => {
    // access 2048: 3,328 nodes; the balanced objective sweeps a window per server and k over every node (seconds of work).
    const dir = scratch();
    writeFileSync(
      join(dir, 'big.nsc'),
      [
        'topology Big mandala {\n  access 2048\n  diameter 12 ms\n  accelerators 30%\n  seed 7\n}',
        'curve C {\n  1 -> 1.2 s\n  2 -> 0.7 s\n  12 -> 0.17 s\n}',
        'placement Aif {\n  topology Big\n  curve C\n  rounds 10\n  target 2 s\n  acceleration 0.5\n  objective balanced aifs 1 spread 1000\n}',
      ].join('\n'),
    );
    // Bounded: if the limit were ignored, this would be killed (and fail) instead of running on.
    const run = nsc(['solve', '--json', '--time-limit', '1', 'big.nsc'], { cwd: dir, timeoutMs: 60_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(3);
    const [placement] = JSON.parse(run.stdout).placements;
    expect(placement).toMatchObject({ name: 'Aif', objective: 'balanced', status: 'timeout', server: null, aifs: [] });
    expect(placement.reason).toMatch(/time limit/);

    const text = nsc(['solve', '--time-limit', '1', 'big.nsc'], { cwd: dir, timeoutMs: 60_000 });
    expect(text.code).toBe(3);
    expect(text.stdout).toMatch(/^placement Aif \(balanced\): timeout — the solver reached its time limit/);
    expect(text.stdout).toMatch(/stopped at the time limit, no placement found yet, by exact-window after/);
  });
});

describe('nsc solve, text output', () => {
  it('says what the numbers are in words: round limit, all rounds together, how much round times differ', () => {
    const { code, stdout } = nsc(['solve', example('metro-placement.nsc')]);
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/T\/R|\bloop\b|\bspread\b|\bk =/);
    const minAifs = stdout.split('\n\n')[0];
    // p_3 = 500 ms; T/R = 1.6 s / 5 = 320 ms.
    expect(minAifs).toContain('3 AIFs, 3 of them accelerated; training takes 500 ms per round with 3 AIFs');
    expect(minAifs).toMatch(/slowest round \d+ ms, within the round limit of 320 ms \(target \/ rounds\); all rounds together [\d.]+ s/);
    expect(minAifs).toMatch(/round times of the AIFs differ by at most/);
    // The baseline (10 rounds) never rounds faster than p_12 = 170 ms plus a round trip: the target must exceed 1.7 s.
    const relaxed = /placement AnomalyDetectionBaseline \(baseline\): infeasible — .*\n {2}feasible with any one of: target >= ([\d.]+) s; rounds <= \d\n/.exec(stdout);
    expect(Number(relaxed?.[1])).toBeGreaterThan(1.7);
  });

  it('an infeasible switch shows the best rate and delay each failing flow can reach', () => {
    const { code, stdout } = nsc(['solve', example('fork-fixed-weights.nsc')]);
    expect(code).toBe(1);
    const equal = stdout.split('\n\n').find((block) => block.startsWith('switch ForkEqual'))!;
    expect(equal).toContain('switch ForkEqual: infeasible with the weights written in the file; SLO margin -25.0%');
    // f1 alone fails (1/4 < 1/3 pps, 6 > 5 s). w0 runs 1 cycle/s: f1 (2 cycles a packet) gets w1/2 pps, f2 (1 cycle) w2 pps.
    // Holding f2 at its 1/5 pps leaves w1 = 4/5: f1 reaches 2/5 pps, and its delay, falling as w1 grows, 4.5 s
    // (the ForkSkewed weights; both numbers are the paper's).
    expect(equal).toContain('f1 at best (any weights, every other flow at its rate): rate 0.4 pps, delay 4.5 s');
    expect(equal).not.toContain('f2 at best');
    expect(equal).toContain('SLO margin: how far the tightest SLO is met (negative: missed).');
  });
});
