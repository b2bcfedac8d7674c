/**
 * `nsc simulate FILE [--switch NAME] [--periods N] [--csv | --json] [--packets N [--seed S] [--arrivals A]]`:
 * the controller in the simulator, a row per period, a summary per load phase of the switch's
 * `traffic`; with --packets, the delay estimate against a packet-level simulation at the solve's weights.
 */
import { simulateSwitch, solveSwitch, type Simulation, type SwitchModel } from '../engine/scheduling/index.js';
import { checkEstimate, type PacketCheck } from '../engine/scheduling/packet-check.js';
import { achievableText, changeText, recoveryText, violationText } from '../engine/scheduling/phase-text.js';
import type { PhaseResult } from '../engine/scheduling/result.js';
import { formatQuantity } from '../engine/units.js';
import { analyse, chosenByName, positiveOption } from './analysis.js';
import { EXIT } from './exit-codes.js';
import { writeJson, writeOut } from './output.js';
import { table } from './table.js';
import { UsageError } from './usage-error.js';

export interface SimulateOptions {
  readonly switch?: string;
  readonly periods?: string;
  readonly csv?: boolean;
  readonly json?: boolean;
  readonly packets?: string;
  readonly seed?: string;
  readonly arrivals?: string;
  readonly workspace?: string;
}

/** A packet costs ~50 bytes of typed arrays while measured: 10 million stay well under a gigabyte. */
const MAX_PACKETS = 10_000_000;
const ARRIVALS = ['poisson', 'constant'] as const;

export async function runSimulate(files: readonly string[], options: SimulateOptions): Promise<number> {
  if (options.csv && options.json) throw new UsageError('--csv and --json exclude each other', true);
  const periods = positiveOption(options.periods, 'periods', true);
  const packets = packetOptions(options);
  const { scenarios, diagnostics } = await analyse(files, options.workspace);
  if (scenarios === undefined) {
    if (options.json) writeJson({ files, diagnostics, switches: [] });
    return EXIT.inputError;
  }
  const chosen = chosenByName(
    scenarios.flatMap((s) => s.switches.map((l) => l.model)),
    options.switch,
    'switch',
    'switches',
  );
  const results: { simulation: Simulation; packets?: PacketCheck }[] = [];
  for (const model of chosen) {
    const simulation = await simulateSwitch(model, { periods });
    const result = { simulation, packets: packets && (await packetCheck(model, packets)) };
    results.push(result);
    if (options.csv) writeOut(toCsv(simulation, chosen.length > 1) + (result.packets ? `\n${packetCsv(simulation.name, result.packets, chosen.length > 1)}` : ''));
    else if (!options.json) writeOut(toTable(simulation) + (result.packets ? packetTable(result.packets) : ''));
  }
  if (options.json) writeJson({ files, diagnostics, switches: results.map(({ simulation, packets }) => ({ ...simulation, ...(packets && { packets }) })) });
  const compliant = results.every(({ simulation: { rows } }) => rows.length > 0 && rows[rows.length - 1].compliant);
  return compliant ? EXIT.ok : EXIT.infeasible;
}

function packetOptions(options: SimulateOptions): { packets: number; seed?: number; arrivals?: (typeof ARRIVALS)[number] } | undefined {
  const packets = positiveOption(options.packets, 'packets', true);
  if (packets === undefined) {
    if (options.seed !== undefined || options.arrivals !== undefined) throw new UsageError('--seed and --arrivals go with --packets N', true);
    return undefined;
  }
  if (packets > MAX_PACKETS) throw new UsageError(`--packets takes at most ${MAX_PACKETS.toLocaleString('en')}, got '${options.packets}'`);
  const seed = options.seed === undefined ? undefined : Number(options.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff))
    throw new UsageError(`--seed needs a whole number from 0 to 4294967295, got '${options.seed}'`);
  const arrivals = ARRIVALS.find((a) => a === options.arrivals);
  if (options.arrivals !== undefined && !arrivals) throw new UsageError(`--arrivals is poisson or constant, got '${options.arrivals}'`);
  return { packets, seed, arrivals };
}

/** At the weights `nsc solve` reports: the optimal ones, or those written in the file. */
async function packetCheck(model: SwitchModel, options: NonNullable<ReturnType<typeof packetOptions>>): Promise<PacketCheck> {
  const { weights } = await solveSwitch(model);
  return checkEstimate(
    model,
    model.tasks.map((t) => weights[t.name]),
    options,
  );
}

interface Column {
  readonly header: string;
  readonly value: (row: Simulation['rows'][number]) => number | boolean | null;
}

function columns(simulation: Simulation, withTimeline: boolean): Column[] {
  const first = simulation.rows[0];
  if (!first) return [];
  const tasks = Object.keys(first.weights);
  const flows = Object.keys(first.rates);
  const phaseOf = (row: Simulation['rows'][number]) => simulation.phases[row.phase].flows;
  // The load and the SLOs in force, for the flows that have them in some phase.
  const having = (slo: 'rateSlo' | 'delaySlo') => flows.filter((f) => simulation.phases.some((p) => p.flows[f][slo] !== null));
  return [
    { header: 'period', value: (r) => r.period },
    ...tasks.map((t): Column => ({ header: `weight:${t}`, value: (r) => r.weights[t] })),
    ...tasks.map((t): Column => ({ header: `lambda:${t}`, value: (r) => r.lambda[t] })),
    ...flows.map((f): Column => ({ header: `rate:${f}`, value: (r) => r.rates[f] })),
    ...flows.map((f): Column => ({ header: `delay:${f}`, value: (r) => r.delays[f] })),
    { header: 'slack', value: (r) => r.slack },
    { header: 'compliant', value: (r) => r.compliant },
    ...(withTimeline
      ? [
          { header: 'phase', value: (r: Simulation['rows'][number]) => r.phase },
          ...flows.map((f): Column => ({ header: `offered:${f}`, value: (r) => phaseOf(r)[f].offered })),
          ...having('rateSlo').map((f): Column => ({ header: `rateSlo:${f}`, value: (r) => phaseOf(r)[f].rateSlo })),
          ...having('delaySlo').map((f): Column => ({ header: `delaySlo:${f}`, value: (r) => phaseOf(r)[f].delaySlo })),
        ]
      : []),
  ];
}

/** RFC 4180: quote a field holding a comma, quote or line break. */
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function csvBlock(header: readonly string[], rows: readonly (readonly (number | string | boolean | null)[])[], switchName: string | undefined): string {
  const lead = (first: string) => (switchName === undefined ? [] : [first]);
  const lines = [[...lead('switch'), ...header].map(csvField).join(',')];
  for (const row of rows) lines.push([...lead(switchName ?? ''), ...row.map((v) => String(v ?? ''))].map(csvField).join(','));
  return `${lines.join('\n')}\n`;
}

function toCsv(simulation: Simulation, withSwitchColumn: boolean): string {
  const cols = columns(simulation, true);
  return csvBlock(
    cols.map((c) => c.header),
    simulation.rows.map((row) => cols.map((c) => c.value(row))),
    withSwitchColumn ? simulation.name : undefined,
  );
}

const time = (seconds: number | null) => formatQuantity(seconds, 'time');
const rate = (pps: number | null) => formatQuantity(pps, 'rate');
const percent = (share: number | null) => (share === null ? 'unbounded' : `${(share * 100).toFixed(2)}%`);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function toTable(simulation: Simulation): string {
  const cols = columns(simulation, false);
  const show = (header: string, value: number | boolean | null) => {
    if (value === null) return '∞';
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (header.startsWith('rate:')) return rate(value);
    if (header.startsWith('delay:')) return time(value);
    if (header === 'slack') return `${(value * 100).toFixed(1)}%`;
    return header === 'period' || header.startsWith('lambda:') ? String(value) : value.toFixed(4);
  };
  const rows = simulation.rows.map((row) => cols.map((c) => show(c.header, c.value(row))));
  const first = simulation.firstCompliantPeriod;
  const summary = [
    `switch ${simulation.name}: ${plural(simulation.rows.length, 'control period')}, ${plural(simulation.violationPeriods, 'period')} missing an SLO`,
    `  first compliant period: ${first ?? 'none'}; best SLO margin any weights reach ${percent(simulation.optimalSlack)}`,
    ...simulation.phases.slice(1).map((phase) => `  ${phaseLine(phase)}`),
    "  lambda: 1 when the task's queue is under pressure in that period; slack: how far the tightest SLO is met (negative: missed)",
  ];
  return `${[
    ...summary,
    ...table(
      cols.map((c) => c.header),
      rows,
    ).map((l) => `  ${l}`),
  ].join('\n')}\n\n`;
}

/** "period 20: voice_ul offered 1.6 Mpps ...: every SLO holds again after 4 periods (period 24); ..." */
function phaseLine(phase: PhaseResult): string {
  const best = phase.never === 'infeasible' ? achievableText(phase) : undefined;
  return `period ${phase.start}: ${changeText(phase)}: ${recoveryText(phase)}${best ? ` (best achievable, each alone: ${best})` : ''}; ${violationText(phase)}; best SLO margin under this load ${percent(phase.optimalSlack)}`;
}

const PACKET_HEADER = ['flow', 'offered', 'rate', 'estimate', 'arrived', 'delivered', 'dropped', 'throughput', 'mean', 'p50', 'p99', 'max'];

function packetRows(check: PacketCheck): (number | null)[][] {
  return check.flows.map((f) => [
    f.offered,
    f.rate,
    f.estimate,
    f.arrived,
    f.delivered,
    f.dropped,
    f.throughput,
    f.delay?.mean ?? null,
    f.delay?.p50 ?? null,
    f.delay?.p99 ?? null,
    f.delay?.max ?? null,
  ]);
}

function packetCsv(name: string, check: PacketCheck, withSwitchColumn: boolean): string {
  return csvBlock(
    PACKET_HEADER,
    packetRows(check).map((row, f) => [check.flows[f].name, ...row]),
    withSwitchColumn ? name : undefined,
  );
}

function packetTable(check: PacketCheck): string {
  const weights = Object.entries(check.weights)
    .map(([task, w]) => `${task} ${+w.toFixed(4)}`)
    .join(', ');
  const rows = check.flows.map((f) => [
    f.name,
    rate(f.offered),
    rate(f.rate),
    rate(f.throughput),
    f.arrived === 0 ? '–' : `${((f.dropped / f.arrived) * 100).toFixed(1)}%`,
    time(f.estimate),
    f.delay ? time(f.delay.p50) : '–',
    f.delay ? time(f.delay.p99) : '–',
    f.delay ? time(f.delay.max) : '–',
    f.delay && f.estimate !== null ? (f.delay.p99 / f.estimate).toFixed(2) : '–',
  ]);
  return [
    `  packet-level check at the solve's weights (${weights}): ${check.packets.toLocaleString('en')} ${check.arrivals} packets, seed ${check.seed}, first ${check.warmUp * 100}% left out`,
    ...table(['flow', 'offered', 'rate (LP)', 'measured', 'dropped', 'estimate', 'p50', 'p99', 'max', 'p99/estimate'], rows).map((l) => `  ${l}`),
    '',
    '',
  ].join('\n');
}
