import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nsc } from './run-cli.js';

const example = (name: string) => join(import.meta.dirname, '../../examples', name);

describe('nsc simulate', () => {
  it('prints one CSV row per control period, starting from equal shares on each worker (Algorithm 1)', () => {
    const { code, stdout } = nsc(['simulate', example('paper-fork.nsc'), '--periods', '5', '--csv']);
    const [header, ...rows] = stdout.trim().split('\n');
    const columns = header.split(',');
    expect(columns.slice(0, 4)).toEqual(['period', 'weight:t0', 'weight:t1', 'weight:t2']);
    expect(rows).toHaveLength(5);
    const first = Object.fromEntries(columns.map((c, i) => [c, rows[0].split(',')[i]]));
    // Period 0 at w1 = w2 = 1/2: f1 = (1/2)/2 = 1/4 pps and 4 + 2 = 6 s, as in the paper's fork example.
    expect(Number(first['weight:t1'])).toBe(0.5);
    expect(Number(first['rate:f1'])).toBeCloseTo(0.25, 12);
    expect(Number(first['delay:f1'])).toBeCloseTo(6, 12);
    expect(rows.map((r) => Number(r.split(',')[0]))).toEqual([0, 1, 2, 3, 4]);
    expect(code).toBe(1); // not yet compliant after 5 periods of step 0.025
  });

  it('names the switches when --switch matches none', () => {
    const { code, stderr } = nsc(['simulate', example('fork-fixed-weights.nsc'), '--switch', 'Nope']);
    expect(code).toBe(2);
    expect(stderr).toContain("no switch named 'Nope' (switches: ForkEqual, ForkSkewed)");
  });
});

describe('nsc simulate: changing traffic', () => {
  // The rush-hour example is edge-site.nsc's switch with a traffic block. Derivation of its first
  // change: by period 19 the controller has settled at the day's optimum, where bulk's capacity
  // margin (1 - w_v)/0.48 - 1 (bulk needs 1.2 Mpps * 960 cycles / 2.4 GHz = 0.48 of w1) equals
  // voice's delay margin 1 - d_v/150 us, d_v = 19.2 us (ingress: Q and B batches of 480 cycles) +
  // 7.73 us (voice's batch of 580 cycles) + 64 * 580 cycles / 2.4 GHz / w_v. At period 20 voice
  // needs w_v >= 1.6 Mpps * 580 / 2.4 GHz; the controller adds `step` = 0.025 per period.
  const dayWeight = (() => {
    const queuing = (64 * 580) / 2.4e9;
    const fixed = (64 * 480 + 32 * 480 + 32 * 580) / 2.4e9;
    const gap = (w: number) => (1 - w) / 0.48 - 1 - (1 - (fixed + queuing / w) / 150e-6);
    let [lo, hi] = [0.1, 0.52]; // gap falls from positive to negative: bisection
    for (let i = 0; i < 100; i++) [lo, hi] = gap((lo + hi) / 2) > 0 ? [(lo + hi) / 2, hi] : [lo, (lo + hi) / 2];
    return lo;
  })();
  const periodsToVoice = Math.ceil(((1.6e6 * 580) / 2.4e9 - dayWeight) / 0.025);

  const { code, stdout } = nsc(['simulate', example('edge-site-rush-hour.nsc'), '--json']);
  const [simulation] = JSON.parse(stdout).switches;

  it('--json: per change, the periods until every SLO holds again, and the periods missing an SLO', () => {
    expect(code).toBe(0); // compliant in the last period
    expect(periodsToVoice).toBe(4);
    expect(simulation.rows[19].weights.voice).toBeCloseTo(dayWeight, 6);
    const [day, rush, promotion, evening, tighter] = simulation.phases;
    expect(day).toMatchObject({ start: 0, periodsToCompliance: 0, violationPeriods: 0 });
    expect(rush).toMatchObject({ start: 20, periodsToCompliance: periodsToVoice, firstCompliantPeriod: 20 + periodsToVoice, violationPeriods: periodsToVoice, never: null });
    expect(rush.changes).toEqual([{ flow: 'voice_ul', offered: 1.6e6, rateSlo: 1.6e6 }]);
    expect(evening).toMatchObject({ start: 50, periodsToCompliance: 0 });
    expect(tighter).toMatchObject({ start: 60, periodsToCompliance: 0, flows: { bulk_ul: { offered: 2e6, rateSlo: 1.2e6 } } });
    expect(tighter.flows.bulk_ul.delaySlo).toBeCloseTo(100e-6, 15);
    expect(simulation.violationPeriods).toBe(periodsToVoice + promotion.violationPeriods);
  });

  it('--json: a load no weights can carry is never compliant, with what each flow could get alone', () => {
    const promotion = simulation.phases[2];
    // 2.4 Mpps * 580 cycles = 0.58 of w1 next to bulk's 0.48.
    expect(promotion).toMatchObject({ start: 35, periods: 15, firstCompliantPeriod: null, periodsToCompliance: null, violationPeriods: 15, never: 'infeasible' });
    expect(promotion.optimalSlack).toBeLessThan(0);
    expect(promotion.achievable.voice_ul.rate).toBeCloseTo(((1 - 0.48) * 2.4e9) / 580, 0);
    expect(promotion.achievable.bulk_ul.rate).toBeCloseTo(((1 - 0.58) * 2.4e9) / 960, 0);
  });

  it('--csv carries the timeline: the phase, the offered load and the SLOs in force in every period', () => {
    const { stdout: csv } = nsc(['simulate', example('edge-site-rush-hour.nsc'), '--csv']);
    const [header, ...rows] = csv.trim().split('\n');
    const columns = header.split(',');
    const cell = (period: number, column: string) => rows[period].split(',')[columns.indexOf(column)];
    expect(columns.slice(-6)).toEqual(['phase', 'offered:voice_ul', 'offered:bulk_ul', 'rateSlo:voice_ul', 'rateSlo:bulk_ul', 'delaySlo:voice_ul', 'delaySlo:bulk_ul'].slice(-6));
    expect([cell(19, 'phase'), cell(19, 'offered:voice_ul'), cell(20, 'phase'), cell(20, 'offered:voice_ul')]).toEqual(['0', '800000', '1', '1600000']);
    expect(Number(cell(59, 'delaySlo:bulk_ul'))).toBe(0.002);
    expect(Number(cell(60, 'delaySlo:bulk_ul'))).toBeCloseTo(100e-6, 15);
  });

  it('the table says it per change', () => {
    const { stdout: text } = nsc(['simulate', example('edge-site-rush-hour.nsc')]);
    expect(text).toContain(`period 20: voice_ul offered 1.6 Mpps rate >= 1.6 Mpps: every SLO holds again after ${periodsToVoice} periods (period ${20 + periodsToVoice})`);
    expect(text).toContain('period 35: voice_ul offered 2.4 Mpps rate >= 2.4 Mpps: never: no weights meet every SLO under this load');
  });
});

describe('nsc simulate --packets', () => {
  // One task of 3 cycles alone on a 10 Hz worker, B = 1, Q = 4: at a packet every 0.5 s each is
  // served alone in 0.3 s; the estimate assumes a full queue, (Q + B) * 3 / 10 = 1.5 s.
  const dir = mkdtempSync(join(tmpdir(), 'nsc-packets-'));
  const file = join(dir, 'one.nsc');
  writeFileSync(file, 'switch One {\n  worker w speed 10 Hz\n  batch 1\n  queue 4\n  module m cost 3 cycles\n  task t on w { m }\n  flow f m offered 2 pps\n}\n');

  it('--json: estimate and measured percentiles per flow, at the solve weights', () => {
    const { code, stdout } = nsc(['simulate', file, '--periods', '2', '--packets', '2000', '--arrivals', 'constant', '--json']);
    expect(code).toBe(0);
    const { packets } = JSON.parse(stdout).switches[0];
    expect(packets).toMatchObject({ packets: 2000, seed: 1, arrivals: 'constant', weights: { t: 1 } });
    const [flow] = packets.flows;
    expect(flow).toMatchObject({ name: 'f', offered: 2, rate: 2, arrived: 1800, delivered: 1800, dropped: 0 });
    expect(flow.estimate).toBeCloseTo(1.5, 12);
    expect(flow.delay.p50).toBeCloseTo(0.3, 12);
    expect(flow.delay.max).toBeCloseTo(0.3, 12);
    expect(flow.throughput).toBeCloseTo(2, 2);
  });

  it('the table sets estimate and measured side by side', () => {
    const { stdout } = nsc(['simulate', file, '--periods', '1', '--packets', '2000', '--arrivals', 'constant']);
    expect(stdout).toContain("packet-level check at the solve's weights (t 1): 2,000 constant packets, seed 1");
    expect(stdout).toMatch(/f\s+2 pps\s+2 pps\s+2 pps\s+0\.0%\s+1\.5 s\s+300 ms\s+300 ms\s+300 ms\s+0\.20/);
  });

  it.each([
    [['--packets', '0'], "--packets needs a positive whole number, got '0'"],
    [['--packets', '20000000'], "--packets takes at most 10,000,000, got '20000000'"],
    [['--seed', '3'], '--seed and --arrivals go with --packets N'],
    [['--packets', '10', '--seed', '1.5'], "--seed needs a whole number from 0 to 4294967295, got '1.5'"],
    [['--packets', '10', '--arrivals', 'bursty'], "--arrivals is poisson or constant, got 'bursty'"],
    [['--csv', '--json'], '--csv and --json exclude each other'],
  ])('%j is a usage error', (args, message) => {
    const { code, stderr } = nsc(['simulate', file, ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(`nsc simulate: ${message}`);
  });
});
