/** NetScenario: Export Results — the latest results of a file as JSON, or a flat CSV summary. */
import type { ScenarioResults } from '../server/protocol.js';

/** RFC 4180 field. */
const field = (value: unknown) => {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** One row per placement, per flow and per service SLO: the verdicts and numbers a spreadsheet needs. */
export function resultsToCsv(results: ScenarioResults): string {
  const header = ['kind', 'name', 'item', 'status', 'value', 'limit', 'unit', 'detail'];
  const rows: unknown[][] = [];
  for (const { name, result } of results.placements) {
    rows.push(['placement', name, result.server, result.status, result.maxRoundTime, result.roundLimit, 's', `${result.aifs.length} AIFs: ${result.aifs.join(' ')}`]);
  }
  for (const { name, result } of results.switches) {
    for (const flow of result.flows) {
      rows.push(['flow delay', name, flow.name, flow.meetsDelay ? 'met' : 'missed', flow.delay, flow.delaySlo, 's', `best ${flow.achievableDelay ?? ''}`]);
      rows.push(['flow rate', name, flow.name, flow.meetsRate ? 'met' : 'missed', flow.rate, flow.rateSlo, 'pps', `best ${flow.achievableRate ?? ''}`]);
    }
    for (const [task, weight] of Object.entries(result.weights)) rows.push(['weight', name, task, result.weightsSource, weight, '', '', '']);
  }
  for (const { name, result } of results.services) {
    const route = `from ${result.from} to ${result.to}, ${result.propagation} s on the links`;
    rows.push(['service delay', name, '', result.meetsDelay ? 'met' : 'missed', result.delay, result.delaySlo, 's', `${route}; best ${result.achievableDelay ?? ''}`]);
    rows.push(['service rate', name, '', result.meetsRate ? 'met' : 'missed', result.rate, result.rateSlo, 'pps', `best ${result.achievableRate ?? ''}`]);
  }
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\n') + '\n';
}
