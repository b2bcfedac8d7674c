/**
 * Scheduling benchmark: the optimal-weights solve and one controller period (rate LP, observation,
 * projected-gradient step) on generated pipelines, small (40 modules / 6 tasks / 3 workers / 6 flows)
 * and ten times larger, both feasible (delay SLOs loose enough, see generate.ts). Medians of repeated
 * runs in one process, after a warm-up.
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
/**
 * V8 first runs WebAssembly through its baseline compiler and tiers hot functions up later: the
 * first ~100 HiGHS solves of a process are several times slower than the steady state a long-lived
 * language server sees (measured: ~6 ms vs ~1.3 ms for the small model's LP). Warm up that long.
 */
const WARM_UP_MS = 2000;

export async function benchScheduling(print: (line: string) => void): Promise<void> {
  const highs = await loadHighs();
  const models = SHAPES.map(({ spec }) => generatePipeline(spec));
  const unpinned = models.map((model) => model.tasks.map(() => undefined));
  for (const start = performance.now(); performance.now() - start < WARM_UP_MS;) {
    models.forEach((model, k) => {
      const design = buildDesign(model);
      const optimum = optimalWeights(highs, design, unpinned[k]);
      Array.from(controlPeriods(highs, design, unpinned[k], Math.max(0, optimum.slack), 2));
    });
  }

  const medians: { optimum: number; period: number }[] = [];
  SHAPES.forEach(({ label, spec, runs }, k) => {
    const model = models[k];
    const solveTimes: number[] = [];
    let optimum = optimalWeights(highs, buildDesign(model), unpinned[k]);
    for (let run = 0; run < runs; run++) {
      const start = performance.now();
      optimum = optimalWeights(highs, buildDesign(model), unpinned[k]);
      solveTimes.push(performance.now() - start);
    }

    const periodTimes: number[] = [];
    let compliant = 0;
    let last = performance.now();
    for (const row of controlPeriods(highs, buildDesign(model), unpinned[k], Math.max(0, optimum.slack), PERIODS)) {
      const now = performance.now();
      periodTimes.push(now - last);
      last = now;
      if (row.compliant) compliant++;
    }

    medians.push({ optimum: median(solveTimes), period: median(periodTimes) });
    print(
      `scheduling ${label} (${spec.modules} modules, ${spec.tasks} tasks, ${spec.workers} workers, ${spec.flows} flows): ` +
        `optimal weights ${fmt(median(solveTimes))} ms median of ${runs}, fastest ${fmt(Math.min(...solveTimes))} ms ` +
        `(${optimum.iterations} LP solves, s* = ${optimum.slack.toFixed(4)}), ` +
        `controller period ${fmt(median(periodTimes))} ms median of ${PERIODS} (${compliant} compliant periods)`,
    );
  });
  const [small, large] = medians;
  const ratio = (a: number, b: number): string => `x${(a / b).toFixed(1)}`;
  print(`scheduling large/small: optimal weights ${ratio(large.optimum, small.optimum)}, controller period ${ratio(large.period, small.period)}`);
}
