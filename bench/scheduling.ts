/**
 * Scheduling benchmark: the optimal-weights solve and one controller period (rate LP, observation,
 * projected-gradient step) on generated pipelines, small (40 modules / 6 tasks / 3 workers / 6 flows)
 * and ten times larger, both feasible (delay SLOs loose enough, see generate.ts). Medians of repeated runs in one process, after a warm-up of HiGHS.
 */
import { loadHighs } from '../engine/highs/load.js';
import { buildDesign } from '../engine/scheduling/design.js';
import { generatePipeline, type PipelineSpec } from '../engine/scheduling/generate.js';
import { optimalWeights } from '../engine/scheduling/optimal-weights.js';
import { controlPeriods } from '../engine/scheduling/simulate.js';
import { fmt, median } from './timing.js';

const SHAPES: readonly { readonly label: string; readonly spec: PipelineSpec; readonly runs: number }[] = [
  { label: 'small', spec: { modules: 40, tasks: 6, workers: 3, flows: 6, seed: 1, delaySloFactor: [1, 2] }, runs: 21 },
  { label: 'large', spec: { modules: 400, tasks: 60, workers: 30, flows: 60, seed: 1, delaySloFactor: [1, 2] }, runs: 5 },
];
const PERIODS = 50;

export async function benchScheduling(print: (line: string) => void): Promise<void> {
  const highs = await loadHighs();
  const medians: { optimum: number; period: number }[] = [];
  for (const { label, spec, runs } of SHAPES) {
    const model = generatePipeline(spec);
    const pins = model.tasks.map(() => undefined);
    // Warm-up: the first HiGHS solve in a process pays the WebAssembly JIT.
    const warm = optimalWeights(highs, buildDesign(model), pins);

    const solveTimes: number[] = [];
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      optimalWeights(highs, buildDesign(model), pins);
      solveTimes.push(performance.now() - start);
    }

    const design = buildDesign(model);
    const periodTimes: number[] = [];
    let compliant = 0;
    let last = performance.now();
    for (const row of controlPeriods(highs, design, pins, Math.max(0, warm.slack), PERIODS)) {
      const now = performance.now();
      periodTimes.push(now - last);
      last = now;
      if (row.compliant) compliant++;
    }

    const optimum = median(solveTimes);
    const fastest = Math.min(...solveTimes);
    const period = median(periodTimes);
    medians.push({ optimum, period });
    print(
      `scheduling ${label} (${spec.modules} modules, ${spec.tasks} tasks, ${spec.workers} workers, ${spec.flows} flows): ` +
        `optimal weights ${fmt(optimum)} ms median of ${runs}, fastest ${fmt(fastest)} ms (${warm.iterations} LP solves, s* = ${warm.slack.toFixed(4)}), ` +
        `controller period ${fmt(period)} ms median of ${PERIODS} (${compliant} compliant periods)`,
    );
  }
  const [small, large] = medians;
  print(`scheduling large/small: optimal weights x${(large.optimum / small.optimum).toFixed(1)}, controller period x${(large.period / small.period).toFixed(1)}`);
}
