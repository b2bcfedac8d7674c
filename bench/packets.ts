/**
 * Packet-level simulation benchmark and a study like the NF scheduling paper's Fig. 2.
 *
 * Speed: 1,000,000 packets through examples/edge-site.nsc at its optimal weights, and through a
 * generated 6-task pipeline; packets per second, and the ratio to the time of the analytic delay
 * estimate (rate LP + delay formula) at the same weights.
 *
 * Fig. 2: the fork pipeline (t0 of no cost on its own worker feeds t1 and t2, which share a
 * worker), t2 at 10k cycles per packet and t1 at 100, 10k or 10M, B = 32, Q = 64, the weight ratio
 * w1/w2 swept over (0, 1]. Every flow offers twice what its task carries at those weights, so the
 * tasks run saturated as in a switch at line rate (the paper's BESS measurement). Then the same two
 * tasks fed directly, each flow into its own task's queue (no shared ingress queue whose
 * back-pressure couples the flows), saturated and at 90 % of what they carry. Printed per point: the
 * estimate and the measured p50 / p99 / max of each flow as multiples of it; per sweep, how many
 * flow-points have p99 within 10 % and within a factor 2 of the estimate.
 */
import { EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadHighs } from '../engine/highs/load.js';
import { buildDesign } from '../engine/scheduling/design.js';
import { generatePipeline } from '../engine/scheduling/generate.js';
import { DEFAULT_CONTROLLER, type SwitchModel } from '../engine/scheduling/model.js';
import { optimalWeights } from '../engine/scheduling/optimal-weights.js';
import { estimatedDelays } from '../engine/scheduling/packet-check.js';
import { simulatePackets, type FlowMeasurement } from '../engine/scheduling/packet-sim.js';
import type { Scenario } from '../language/generated/ast.js';
import { lowerScenario } from '../language/lowering.js';
import { loweringContext } from '../language/lowering-context.js';
import { createNetScenarioServices } from '../language/netscenario-module.js';
import { fmt, median } from './timing.js';

const PACKETS = 1_000_000;
const RUNS = 3;

export async function benchPackets(print: (line: string) => void, examplesDir: string): Promise<void> {
  const highs = await loadHighs();
  const models: [string, SwitchModel][] = [
    ['examples/edge-site.nsc', await exampleSwitch(join(examplesDir, 'edge-site.nsc'))],
    ['generated (40 modules, 6 tasks, 3 workers, 6 flows)', generatePipeline({ modules: 40, tasks: 6, workers: 3, flows: 6, seed: 1, delaySloFactor: [1, 2] })],
  ];
  for (const [label, model] of models) {
    const { weights } = optimalWeights(
      highs,
      buildDesign(model),
      model.tasks.map(() => undefined),
    );
    const simulate = () => simulatePackets(model, weights, { packets: PACKETS, seed: 1 });
    simulate(); // warm-up
    const runs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      simulate();
      runs.push(performance.now() - started);
    }
    const estimateRuns: number[] = [];
    for (let run = 0; run < 200; run++) {
      const started = performance.now();
      estimatedDelays(highs, model, weights);
      estimateRuns.push(performance.now() - started);
    }
    const simulated = median(runs);
    const estimated = median(estimateRuns);
    print(
      `packet simulation, ${label}: ${PACKETS.toLocaleString('en')} packets in ${fmt(simulated)} ms median of ${RUNS} ` +
        `= ${(((PACKETS / simulated) * 1000) / 1e6).toFixed(2)} million packets/s; analytic estimate ${fmt(estimated)} ms; simulation/estimate x${Math.round(simulated / estimated).toLocaleString('en')}`,
    );
  }
  printFig2(print, highs);
}

async function exampleSwitch(path: string): Promise<SwitchModel> {
  const services = createNetScenarioServices(EmptyFileSystem).NetScenario;
  const document: LangiumDocument<Scenario> = services.shared.workspace.LangiumDocumentFactory.fromString(readFileSync(path, 'utf8'), URI.file(path));
  services.shared.workspace.LangiumDocuments.addDocument(document);
  await services.shared.workspace.DocumentBuilder.build([document], { validation: false });
  const lowering = lowerScenario(document.parseResult.value, loweringContext(services));
  if (!lowering.ok) throw new Error(`${path} does not lower: ${lowering.problems[0].message}`);
  return lowering.scenario.switches[0].model;
}

const SPEED = 1e9;
const COST_T2 = 1e4;
const RATIOS = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1];
/** Enough packets for ~300 of the slower flow, within [200k, 2M]: at 10M cycles its rate is 1e-5 of the other's. */
const packetsFor = (rates: readonly number[]) => Math.min(2_000_000, Math.max(200_000, Math.ceil((300 * (rates[0] + rates[1])) / Math.min(...rates))));

type Variant = 'fork' | 'direct';

/** The fork of Fig. 1, or its two egress tasks fed directly (tasks t1, t2 on w0 either way). */
function pipeline(variant: Variant, costT1: number, offered: readonly number[]): SwitchModel {
  const direct = variant === 'direct';
  return {
    name: 'Fig2',
    workers: direct
      ? [{ name: 'w0', speed: SPEED }]
      : [
          { name: 'rx', speed: SPEED },
          { name: 'w0', speed: SPEED },
        ],
    batch: 32,
    queue: 64,
    modules: [
      { name: 'nic', cost: 0 },
      { name: 'm1', cost: costT1 },
      { name: 'm2', cost: COST_T2 },
    ],
    edges: [
      [0, 1],
      [0, 2],
    ],
    tasks: [
      ...(direct ? [] : [{ name: 't0', worker: 0, modules: [0] }]),
      { name: 't1', worker: direct ? 0 : 1, modules: [1] },
      { name: 't2', worker: direct ? 0 : 1, modules: [2] },
    ],
    flows: [
      { name: 'f1', path: direct ? [1] : [0, 1], offered: offered[0] },
      { name: 'f2', path: direct ? [2] : [0, 2], offered: offered[1] },
    ],
    controller: DEFAULT_CONTROLLER,
  };
}

const SWEEPS: readonly { readonly variant: Variant; readonly load: number; readonly title: string }[] = [
  { variant: 'fork', load: 2, title: 'fork of Fig. 1 (shared ingress t0, back-pressure), saturated' },
  { variant: 'direct', load: 2, title: 't1 and t2 fed directly (own input queues), saturated' },
  { variant: 'direct', load: 0.9, title: 't1 and t2 fed directly, at 90 % of what they carry' },
];

function printFig2(print: (line: string) => void, highs: Awaited<ReturnType<typeof loadHighs>>): void {
  for (const { variant, load, title } of SWEEPS) {
    print(`\nFig. 2-like sweep, ${title}: t2 ${COST_T2} cycles, B 32, Q 64; measured / estimate (p50 p99 max)`);
    const p99: number[] = [];
    for (const costT1 of [100, 1e4, 1e7]) {
      for (const ratio of RATIOS) {
        const [w1, w2] = [ratio / (1 + ratio), 1 / (1 + ratio)];
        const offered = [(load * w1 * SPEED) / costT1, (load * w2 * SPEED) / COST_T2];
        const model = pipeline(variant, costT1, offered);
        const weights = variant === 'direct' ? [w1, w2] : [1, w1, w2];
        const packets = packetsFor(offered);
        const { delays } = estimatedDelays(highs, model, weights);
        const measured = simulatePackets(model, weights, { packets, seed: 1 });
        const cells = measured.flows.map((flow, f) => {
          if (flow.delay) p99.push(flow.delay.p99 / delays[f]);
          return `${model.flows[f].name} est ${seconds(delays[f])} ${ratios(flow, delays[f])}`;
        });
        print(`  t1 ${String(costT1).padStart(8)} cycles  w1/w2 ${ratio.toFixed(2)}  ${cells.join('  |  ')}`);
      }
    }
    const share = (low: number, high: number) => `${p99.filter((r) => r >= low && r <= high).length}/${p99.length}`;
    print(
      `  p99 / estimate within [0.9, 1.1] for ${share(0.9, 1.1)} flow-points, within [0.5, 2] for ${share(0.5, 2)}; median ${median(p99).toFixed(2)}, from ${Math.min(...p99).toFixed(2)} to ${Math.max(...p99).toFixed(2)}`,
    );
  }
}

const seconds = (s: number) => (s >= 1 ? `${s.toPrecision(3)} s` : s >= 1e-3 ? `${(s * 1e3).toPrecision(3)} ms` : `${(s * 1e6).toPrecision(3)} us`);

function ratios(flow: FlowMeasurement, estimate: number): string {
  if (!flow.delay) return '(no packet delivered)';
  const { p50, p99, max } = flow.delay;
  return `${[p50, p99, max].map((d) => (d / estimate).toFixed(2)).join(' ')} (${flow.delivered.toLocaleString('en')} pkts)`;
}
