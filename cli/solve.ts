/** `nsc solve FILE... [--json] [--time-limit S]`: solve every placement, switch and service (docs/cli.md). */
import { formatQuantity } from '../engine/units.js';
import type { LoweredScenario } from '../language/lowering.js';
import { solvePlacement, type SolvePlacementOptions } from '../engine/placement/solve.js';
import type { PlacementResult } from '../engine/placement/result.js';
import { solveNetwork, type ServiceResult, type SwitchResult } from '../engine/scheduling/index.js';
import { analyse, positiveOption } from './analysis.js';
import { EXIT } from './exit-codes.js';
import { table } from './table.js';

export interface SolveOutput {
  readonly files: readonly string[];
  readonly placements: PlacementResult[];
  readonly switches: SwitchResult[];
  readonly services: ServiceResult[];
}

export async function runSolve(files: readonly string[], options: { json?: boolean; timeLimit?: string; workspace?: string }): Promise<number> {
  const timeLimit = positiveOption(options.timeLimit, 'time-limit', false);
  const analysis = await analyse(files, options.workspace);
  if (!analysis.ok) return EXIT.inputError;
  const output = await solveAll(files, analysis.scenarios, { timeLimit });
  if (options.json) process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  else process.stdout.write(humanReport(output));
  return exitCode(output);
}

export async function solveAll(files: readonly string[], scenarios: readonly LoweredScenario[], options: SolvePlacementOptions): Promise<SolveOutput> {
  const placements: PlacementResult[] = [];
  const switches: SwitchResult[] = [];
  const services: ServiceResult[] = [];
  for (const scenario of scenarios) {
    for (const { model } of scenario.placements) placements.push(await solvePlacement(model, options));
    // The file's switches come first: the rest are switches of other files its services cross.
    const own = scenario.switches.map((s) => s.model);
    const solved = await solveNetwork({ switches: [...own, ...scenario.crossedSwitches.map((s) => s.model)], services: scenario.services.map((s) => s.model) });
    switches.push(...solved.switches.slice(0, own.length));
    services.push(...solved.services);
  }
  return { files, placements, switches, services };
}

export function exitCode(output: SolveOutput): number {
  if (output.placements.some((p) => p.status === 'timeout')) return EXIT.timeLimit;
  const infeasible = [...output.placements, ...output.switches, ...output.services].some((r) => r.status !== 'feasible');
  return infeasible ? EXIT.infeasible : EXIT.ok;
}

const time = (seconds: number | null) => formatQuantity(seconds, 'time');
const rate = (pps: number | null) => formatQuantity(pps, 'rate');
const orDash = (value: number | null, format: (v: number) => string) => (value === null ? '-' : format(value));

function humanReport(output: SolveOutput): string {
  const lines: string[] = [];
  for (const p of output.placements) {
    lines.push(`placement ${p.name} (${p.objective}): ${p.status}${p.reason ? ` — ${p.reason}` : ''}`);
    if (p.status === 'feasible') {
      lines.push(`  FL server ${p.server}; ${p.aifs.length} AIFs (k = ${p.k}), ${p.accelerated.length} accelerated; training time ${time(p.trainingTime)}`);
      lines.push(`  max round ${time(p.maxRoundTime)} of ${time(p.roundLimit)} allowed (T/R); loop ${time(p.loopTime)}; spread ${time(p.spread)}`);
      const rows = p.aifs.map((aif) => [aif, p.accelerated.includes(aif) ? 'yes' : '', time(p.roundTimes[aif])]);
      lines.push(...table(['AIF', 'accelerated', 'round time'], rows).map((l) => `  ${l}`));
    }
    const r = p.relaxations;
    lines.push(`  feasible with: target >= ${orDash(r.minTarget, time)}, rounds <= ${r.maxRounds ?? '-'}, extra accelerators ${r.extraAccelerators ?? 'none suffice'}`);
    lines.push(`  solved by ${p.solver.method} in ${time(p.solver.seconds)}`, '');
  }
  for (const s of output.switches) {
    lines.push(`switch ${s.name}: ${s.status} (${s.weightsSource} weights${s.slack === null ? '' : `, slack ${(s.slack * 100).toFixed(1)}%`})`);
    lines.push(`  weights: ${Object.entries(s.weights).map(([task, w]) => `${task} ${w.toFixed(4)}`).join(', ')}`);
    const rows = s.flows.map((f) => [
      f.name,
      rate(f.rate),
      orDash(f.rateSlo, rate),
      f.meetsRate ? 'ok' : 'FAILS',
      time(f.delay),
      orDash(f.delaySlo, time),
      f.meetsDelay ? 'ok' : 'FAILS',
      orDash(f.achievableDelay, time),
    ]);
    lines.push(...table(['flow', 'rate', 'rate SLO', '', 'delay', 'delay SLO', '', 'best delay'], rows).map((l) => `  ${l}`), '');
  }
  for (const s of output.services) lines.push(...serviceReport(s), '');
  return lines.join('\n');
}

const verdict = (ok: boolean) => (ok ? 'ok' : 'FAILS');

/** A service: verdicts, the route, and the end-to-end budget leg by leg (links, then each switch). */
function serviceReport(s: ServiceResult): string[] {
  const optimum = s.optimum;
  const lines = [
    `service ${s.name}: ${s.status} (${s.from} to ${s.to} on ${s.topology}; optimised with ${optimum.switches.join(', ')}${optimum.slack === null ? '' : `, joint slack ${(optimum.slack * 100).toFixed(1)}%`})`,
    `  delay ${time(s.delay)} of ${orDash(s.delaySlo, time)} ${verdict(s.meetsDelay)} (best ${orDash(s.achievableDelay, time)}); rate ${rate(s.rate)} of ${orDash(s.rateSlo, rate)} ${verdict(s.meetsRate)} (best ${orDash(s.achievableRate, rate)})`,
  ];
  const rows: string[][] = [];
  s.route.forEach((segment, i) => {
    rows.push([`links ${segment.nodes.join(' → ')}`, time(segment.latency), '', '', '']);
    const hop = s.hops[i];
    if (hop) rows.push([`switch ${hop.switch} (${hop.flow})`, time(hop.delay), time(hop.blocking), time(hop.queuing), time(hop.processing)]);
  });
  rows.push(['total', time(s.delay), '', '', '']);
  lines.push(...table(['leg', 'delay', 'blocking', 'queuing', 'processing'], rows).map((l) => `  ${l}`));
  lines.push(`  weights: ${Object.entries(s.weights).map(([sw, weights]) => `${sw} ${Object.entries(weights).map(([task, w]) => `${task} ${w.toFixed(4)}`).join(', ')}`).join('; ')}`);
  return lines;
}
