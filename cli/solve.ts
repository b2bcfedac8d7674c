/** `nsc solve FILE... [--json] [--time-limit S]`: solve every placement, switch and service (docs/cli.md). */
import { Deadline } from '../engine/placement/deadline.js';
import type { ParetoFronts, ParetoPoint } from '../engine/placement/pareto.js';
import type { PlacementResult } from '../engine/placement/result.js';
import { placementPareto, solvePlacement } from '../engine/placement/solve.js';
import { solveNetwork, type ServiceResult, type SwitchResult } from '../engine/scheduling/index.js';
import { atLeast, atMost, formatQuantity } from '../engine/units.js';
import type { LoweredScenario } from '../language/lowering.js';
import { analyse, positiveOption } from './analysis.js';
import { EXIT } from './exit-codes.js';
import { writeJson, writeOut } from './output.js';
import { table } from './table.js';

/** A placement's result with its Pareto fronts (null when not computed: unsolvable, or the time limit passed). */
type PlacementEntry = PlacementResult & { readonly pareto: ParetoFronts | null };

interface Solved {
  readonly placements: PlacementEntry[];
  readonly switches: SwitchResult[];
  readonly services: ServiceResult[];
}

export async function runSolve(files: readonly string[], options: { json?: boolean; timeLimit?: string; workspace?: string }): Promise<number> {
  const timeLimit = positiveOption(options.timeLimit, 'time-limit', false);
  const { scenarios, diagnostics } = await analyse(files, options.workspace);
  if (scenarios === undefined) {
    if (options.json) writeJson({ files, diagnostics, placements: [], switches: [], services: [] });
    return EXIT.inputError;
  }
  const solved = await solveAll(scenarios, Deadline.after(timeLimit));
  if (options.json) writeJson({ files, diagnostics, ...solved });
  else writeOut(humanReport(solved));
  return exitCode(solved);
}

/**
 * The time limit bounds the whole solve: switches and services first (a few small LPs each), then
 * the placements share what is left; once it is spent, the remaining placements report a timeout.
 */
async function solveAll(scenarios: readonly LoweredScenario[], deadline: Deadline): Promise<Solved> {
  const switches: SwitchResult[] = [];
  const services: ServiceResult[] = [];
  for (const scenario of scenarios) {
    // A file's own switches first: the others are switches of other files that its services cross.
    const own = scenario.switches.map((s) => s.model);
    const solved = await solveNetwork({ switches: [...own, ...scenario.crossedSwitches.map((s) => s.model)], services: scenario.services.map((s) => s.model) });
    switches.push(...solved.switches.slice(0, own.length));
    services.push(...solved.services);
  }
  const placements: PlacementEntry[] = [];
  for (const { model } of scenarios.flatMap((s) => s.placements)) {
    const result = await solvePlacement(model, { timeLimit: deadline.remainingSeconds });
    placements.push({ ...result, pareto: result.status === 'timeout' ? null : placementPareto(model, deadline) });
  }
  return { placements, switches, services };
}

function exitCode(solved: Solved): number {
  if (solved.placements.some((p) => p.status === 'timeout')) return EXIT.timeLimit;
  const infeasible = [...solved.placements, ...solved.switches, ...solved.services].some((r) => r.status !== 'feasible');
  return infeasible ? EXIT.infeasible : EXIT.ok;
}

const time = (seconds: number | null) => formatQuantity(seconds, 'time');
const rate = (pps: number | null) => formatQuantity(pps, 'rate');
/** An achievable value is null when no weights reach it at all. */
const best = (value: number | null, format: (v: number) => string) => (value === null ? 'none' : format(value));
const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function humanReport(solved: Solved): string {
  return [...solved.placements.map(placementReport), ...solved.switches.map(switchReport), ...solved.services.map(serviceReport)].join('\n');
}

function placementReport(p: PlacementEntry): string {
  // The secondary criterion of min-aifs (the baseline uses no accelerator: both criteria agree there);
  // balanced names only the paper's literal reading.
  const reading = p.objective === 'min-aifs' ? ` then ${p.tieBreak ?? 'fastest-round'}` : p.spreadOver === 'all-nodes' ? ' over all nodes' : '';
  const lines = [`placement ${p.name} (${p.objective}${reading}): ${p.status}${p.reason ? ` — ${p.reason}` : ''}`];
  if (p.server !== null) {
    lines.push(
      `  FL server ${p.server}; ${plural(p.aifs.length, 'AIF')}, ${p.accelerated.length} of them accelerated; training takes ${time(p.trainingTime)} per round with ${p.aifs.length} AIFs`,
      `  slowest round ${time(p.maxRoundTime)}, within the round limit of ${time(p.roundLimit)} (target / rounds); all rounds together ${time(p.loopTime)}`,
      `  round times of the AIFs differ by at most ${time(p.spread)}`,
      ...table(
        ['AIF', 'accelerated', 'round time'],
        p.aifs.map((aif) => [aif, p.accelerated.includes(aif) ? 'yes' : '', time(p.roundTimes[aif])]),
      ).map((l) => `  ${l}`),
    );
  }
  const relaxation = relaxationLine(p);
  if (relaxation) lines.push(`  ${relaxation}`);
  if (p.pareto) lines.push(...paretoLines(p.pareto));
  lines.push(`  ${p.status === 'timeout' ? `stopped at the time limit${optimality(p)}` : 'solved'} by ${p.solver.method} after ${time(p.solver.seconds)}`, '');
  return lines.join('\n');
}

/** The fronts as `k AIFs: value` lists; a front of one point says no trade-off exists. */
function paretoLines(fronts: ParetoFronts): string[] {
  const list = (points: readonly ParetoPoint[]) => points.map((point) => `${point.k} AIFs ${time(point.value)}`).join(', ');
  const lines: string[] = [];
  if (fronts.spread.length > 0) lines.push(`  fewer AIFs or round times closer together (no placement does better on both): ${list(fronts.spread)}`);
  if (fronts.maxRoundTime.length > 0) lines.push(`  fewer AIFs or a faster slowest round (no placement does better on both): ${list(fronts.maxRoundTime)}`);
  return lines;
}

/** How far a placement found before the time limit may be from the optimum, when the solver knows. */
function optimality({ aifs, solver }: PlacementResult): string {
  if (aifs.length === 0) return ', no placement found yet,';
  return solver.gap === null ? ' (its distance to the optimum is unknown)' : ` (best found is within ${percent(solver.gap)} of the optimum)`;
}

/** What would change the verdict: each relaxation alone, all else unchanged. */
function relaxationLine(p: PlacementResult): string | undefined {
  const { minTarget, maxRounds, extraAccelerators } = p.relaxations;
  if (p.status === 'feasible') {
    const margins = [minTarget !== null ? `a target down to ${atLeast(minTarget, 'time')}` : undefined, maxRounds !== null ? `up to ${maxRounds} rounds` : undefined].filter(
      Boolean,
    );
    return margins.length > 0 ? `still feasible with ${margins.join(', or ')}` : undefined;
  }
  const options = [
    minTarget !== null ? `target >= ${atLeast(minTarget, 'time')}` : undefined,
    maxRounds !== null ? `rounds <= ${maxRounds}` : undefined,
    extraAccelerators ? plural(extraAccelerators, 'more accelerator') : undefined,
  ].filter(Boolean);
  if (options.length > 0) return `feasible with any one of: ${options.join('; ')}`;
  // After a timeout the relaxations may simply not have been computed.
  return p.status === 'infeasible' ? 'no single change of target, rounds or accelerators makes it feasible' : undefined;
}

function switchReport(s: SwitchResult): string {
  const weights = s.weightsSource === 'fixed' ? 'the weights written in the file' : 'the optimal weights';
  const margin = s.slack === null ? 'unbounded' : percent(s.slack);
  const rows = s.flows.map((f) => [
    f.name,
    rate(f.rate),
    f.rateSlo === null ? '-' : rate(f.rateSlo),
    f.meetsRate ? 'yes' : 'NO',
    time(f.delay),
    f.delaySlo === null ? '-' : time(f.delaySlo),
    f.meetsDelay ? 'yes' : 'NO',
    best(f.achievableDelay, (s) => atLeast(s, 'time')),
  ]);
  const failing = s.flows.filter((f) => !f.meetsRate || !f.meetsDelay);
  return [
    `switch ${s.name}: ${s.status} with ${weights}; SLO margin ${margin}`,
    `  weights (share of their worker): ${Object.entries(s.weights)
      .map(([task, w]) => `${task} ${w.toFixed(4)}`)
      .join(', ')}`,
    ...table(['flow', 'rate', 'rate SLO', 'meets', 'delay', 'delay SLO', 'meets', 'best delay'], rows).map((l) => `  ${l}`),
    ...failing.map(
      (f) =>
        `  ${f.name} at best (any weights, every other flow at its rate): rate ${best(f.achievableRate, (pps) => atMost(pps, 'rate'))}, delay ${best(f.achievableDelay, (s) => atLeast(s, 'time'))}`,
    ),
    '  SLO margin: how far the tightest SLO is met (negative: missed).',
    '  best delay: the lowest delay any weights give the flow while every rate SLO holds.',
    '',
  ].join('\n');
}

/** A service: its verdicts, then the end-to-end budget leg by leg (links, then each switch) and the weights. */
function serviceReport(s: ServiceResult): string {
  const joint = s.optimum;
  const rows: string[][] = [];
  s.route.forEach((leg, i) => {
    rows.push([leg.nodes.length > 1 ? `links ${leg.nodes.join(' → ')}` : `at ${leg.nodes[0]}, no links`, time(leg.latency), '', '', '']);
    const hop = s.hops[i];
    if (hop) rows.push([`switch ${hop.switch} (flow ${hop.flow})`, time(hop.delay), time(hop.blocking), time(hop.queuing), time(hop.processing)]);
  });
  rows.push(['end to end', time(s.delay), '', '', '']);
  const slo = (value: number | null, format: (v: number) => string, meets: boolean) => (value === null ? 'no SLO' : `SLO ${format(value)}: ${meets ? 'met' : 'MISSED'}`);
  // null is either end: nothing limits the margin, or an unbounded delay leaves none at all.
  const margin = s.slack !== null ? percent(s.slack) : s.status === 'feasible' ? 'unbounded' : 'none, a delay is unbounded';
  const bestDelay = best(s.achievableDelay, (seconds) => atLeast(seconds, 'time'));
  const bestRate = best(s.achievableRate, (pps) => atMost(pps, 'rate'));
  return [
    `service ${s.name}: ${s.status}, from ${s.from} to ${s.to} on ${s.topology}; SLO margin ${margin}`,
    `  delay ${time(s.delay)} (${slo(s.delaySlo, time, s.meetsDelay)}; best ${bestDelay}); rate ${rate(s.rate)} (${slo(s.rateSlo, rate, s.meetsRate)}; best ${bestRate})`,
    ...table(['leg', 'delay', 'blocking', 'queuing', 'processing'], rows).map((l) => `  ${l}`),
    `  weights: ${Object.entries(s.weights)
      .map(
        ([sw, weights]) =>
          `${sw} ${Object.entries(weights)
            .map(([task, w]) => `${task} ${w.toFixed(4)}`)
            .join(', ')}`,
      )
      .join('; ')}`,
    `  optimised with ${joint.switches.join(', ')} and ${joint.services.join(', ')}: the best joint SLO margin any weights give is ${joint.slack === null ? 'unbounded' : percent(joint.slack)}`,
    "  SLO margin: how far the tightest of the service's own SLOs is met (end-to-end delay, each hop's capacity).",
    '',
  ].join('\n');
}
