/** `nsc simulate FILE [--switch NAME] [--periods N] [--csv]`: the controller in the simulator, a row per period. */
import { simulateSwitch, type Simulation } from '../engine/scheduling/index.js';
import { formatQuantity } from '../engine/units.js';
import { analyse, chosenByName, positiveOption } from './analysis.js';
import { EXIT } from './exit-codes.js';
import { writeOut } from './output.js';
import { table } from './table.js';

export async function runSimulate(files: readonly string[], options: { switch?: string; periods?: string; csv?: boolean; workspace?: string }): Promise<number> {
  const periods = positiveOption(options.periods, 'periods', true);
  const { scenarios } = await analyse(files, options.workspace);
  if (scenarios === undefined) return EXIT.inputError;
  const chosen = chosenByName(scenarios.flatMap((s) => s.switches.map((l) => l.model)), options.switch, 'switch', 'switches');
  let allCompliant = true;
  for (const model of chosen) {
    const simulation = await simulateSwitch(model, { periods });
    writeOut(options.csv ? toCsv(simulation, chosen.length > 1) : toTable(simulation));
    allCompliant &&= simulation.rows.length > 0 && simulation.rows[simulation.rows.length - 1].compliant;
  }
  return allCompliant ? EXIT.ok : EXIT.infeasible;
}

interface Column {
  readonly header: string;
  readonly value: (row: Simulation['rows'][number]) => number | boolean | null;
}

function columns(simulation: Simulation): Column[] {
  const first = simulation.rows[0];
  if (!first) return [];
  const tasks = Object.keys(first.weights);
  const flows = Object.keys(first.rates);
  return [
    { header: 'period', value: (r) => r.period },
    ...tasks.map((t): Column => ({ header: `weight:${t}`, value: (r) => r.weights[t] })),
    ...tasks.map((t): Column => ({ header: `lambda:${t}`, value: (r) => r.lambda[t] })),
    ...flows.map((f): Column => ({ header: `rate:${f}`, value: (r) => r.rates[f] })),
    ...flows.map((f): Column => ({ header: `delay:${f}`, value: (r) => r.delays[f] })),
    { header: 'slack', value: (r) => r.slack },
    { header: 'compliant', value: (r) => r.compliant },
  ];
}

/** RFC 4180: quote a field holding a comma, quote or line break. */
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function toCsv(simulation: Simulation, withSwitchColumn: boolean): string {
  const cols = columns(simulation);
  const lead = withSwitchColumn ? [['switch'], [csvField(simulation.name)]] : [[], []];
  const lines = [[...lead[0], ...cols.map((c) => csvField(c.header))].join(',')];
  for (const row of simulation.rows) lines.push([...lead[1], ...cols.map((c) => String(c.value(row) ?? ''))].join(','));
  return `${lines.join('\n')}\n`;
}

function toTable(simulation: Simulation): string {
  const cols = columns(simulation);
  const show = (header: string, value: number | boolean | null) => {
    if (value === null) return '∞';
    if (typeof value === 'boolean') return value ? 'yes' : 'no';
    if (header.startsWith('rate:')) return formatQuantity(value, 'rate');
    if (header.startsWith('delay:')) return formatQuantity(value, 'time');
    if (header === 'slack') return `${(value * 100).toFixed(1)}%`;
    return header === 'period' || header.startsWith('lambda:') ? String(value) : value.toFixed(4);
  };
  const rows = simulation.rows.map((row) => cols.map((c) => show(c.header, c.value(row))));
  const first = simulation.firstCompliantPeriod;
  const summary = [
    `switch ${simulation.name}: ${simulation.rows.length} control periods`,
    `  first compliant period: ${first ?? 'none'}; best SLO margin any weights reach ${simulation.optimalSlack === null ? 'unbounded' : `${(simulation.optimalSlack * 100).toFixed(2)}%`}`,
    '  lambda: 1 when the task\'s queue is under pressure in that period; slack: how far the tightest SLO is met (negative: missed)',
  ];
  return `${[...summary, ...table(cols.map((c) => c.header), rows).map((l) => `  ${l}`)].join('\n')}\n\n`;
}
