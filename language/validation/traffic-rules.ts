/**
 * Rules of a switch's `traffic` (docs/language.md): every change names a flow of its switch (the
 * scope provider sees to it in a block; a trace file's names are checked here), applies within the
 * controller's periods, changes something, and changes it once per period; a block lists its changes
 * in period order. The load of every phase must stay within what the solver resolves, like the
 * declared load (switch-range.ts).
 */
import type { ValidationAcceptor } from 'langium';
import { numericRangeIssues } from '../../engine/scheduling/numeric-range.js';
import { DEFAULT_CONTROLLER, type TrafficChange } from '../../engine/scheduling/model.js';
import { loadPhases } from '../../engine/scheduling/traffic.js';
import type * as ast from '../generated/ast.js';
import { attemptLowering, lowerSwitch, type LoweringContext } from '../lowering.js';
import { switchMembers } from '../syntax.js';
import type { TraceLookup } from '../trace-files.js';
import type { TraceRow } from '../trace-csv.js';
import { syntaxIsComplete } from './clauses.js';
import { capitalised } from './quantities.js';
import { valueOf } from './placement-rules.js';

export function checkTraffic(traffic: ast.Traffic, context: LoweringContext, accept: ValidationAcceptor): void {
  const sw = traffic.$container;
  // An invalid `periods` is reported on the controller; until it is fixed, periods are not judged.
  const periods = controllerPeriods(sw);
  const sound = traffic.file !== undefined ? checkTraceFile(traffic, traffic.file, context.traces, periods, accept) : checkChanges(traffic, periods, accept);
  if (sound) checkPhaseRanges(traffic, context, periods, accept);
}

/** The periods the simulator runs: the switch's `controller { periods }`, else the default; Infinity while that setting is invalid. */
function controllerPeriods(sw: ast.Switch): number {
  const setting = switchMembers(sw, 'Controller')[0]?.settings.find((s) => s.key === 'periods');
  const periods = setting ? valueOf(setting.value) : DEFAULT_CONTROLLER.periods;
  return periods !== undefined && Number.isInteger(periods) && periods >= 1 ? periods : Infinity;
}

const beyond = (periods: number) =>
  `is never reached: the controller runs periods 0 to ${periods - 1} ('periods' in the switch's controller, ${DEFAULT_CONTROLLER.periods} by default).`;

const CHANGED = [
  ['offered', 'the offered load'],
  ['rateSlo', 'the rate SLO'],
  ['delaySlo', 'the delay SLO'],
] as const;

/** Returns whether the changes are sound enough to build the phases from. */
function checkChanges(traffic: ast.Traffic, periods: number, accept: ValidationAcceptor): boolean {
  let sound = true;
  let latest = -Infinity;
  const seen = new Set<string>();
  for (const change of traffic.changes) {
    const period = valueOf(change.period);
    const flow = change.flow?.ref;
    if (!change.offered && !change.rateSlo && !change.delaySlo && syntaxIsComplete(change)) {
      accept('error', `This change sets nothing: add 'offered RATE', 'rate >= RATE' or 'delay <= TIME'.`, { node: change, property: 'flow' });
      sound = false;
    }
    // A period the quantity rules reject (not whole, negative) is reported by them.
    if (period === undefined || !Number.isInteger(period) || period < 0 || !flow) {
      sound = false;
      continue;
    }
    if (period >= periods) {
      accept('error', `Period ${period} ${beyond(periods)}`, { node: change, property: 'period' });
      sound = false;
    }
    if (period < latest) {
      accept('warning', `Changes apply in period order: this one (period ${period}) is written after one at period ${latest}.`, { node: change, property: 'period' });
    }
    latest = Math.max(latest, period);
    for (const [property, what] of CHANGED) {
      if (change[property] === undefined) continue;
      const key = `${period}/${flow.name}/${property}`;
      if (seen.has(key)) {
        accept('error', `${capitalised(what)} of '${flow.name}' already changes at period ${period}.`, { node: change, property: 'flow' });
        sound = false;
      }
      seen.add(key);
    }
  }
  return sound;
}

function checkTraceFile(traffic: ast.Traffic, file: string, traces: TraceLookup, periods: number, accept: ValidationAcceptor): boolean {
  const fail = (message: string) => {
    accept('error', `Trace file '${file}': ${message}`, { node: traffic, property: 'file' });
    return false;
  };
  if (file.trim() === '') return fail('name a CSV file, e.g. traffic from "load.csv".');
  const content = traces(traffic);
  if (!content) return false; // not read: validation without the read that precedes it
  if (!content.ok) return fail(content.line > 0 ? `line ${content.line}: ${content.message}.` : `${content.message}.`);
  const flows = switchMembers(traffic.$container, 'Flow').map((f) => f.name);
  const seen = new Map<string, TraceRow>();
  for (const row of content.rows) {
    if (!flows.includes(row.flow)) return fail(`line ${row.line}: '${row.flow}' is not a flow of switch '${traffic.$container.name}' (flows: ${flows.join(', ') || 'none'}).`);
    if (row.period >= periods) return fail(`line ${row.line}: period ${row.period} ${beyond(periods)}`);
    const key = `${row.period}/${row.flow}`;
    const earlier = seen.get(key);
    if (earlier) return fail(`line ${row.line}: '${row.flow}' already changes at period ${row.period} (line ${earlier.line}).`);
    seen.set(key, row);
  }
  return true;
}

/** Each phase's load, like the declared one, within what the solver resolves; reported once, on what starts the phase. */
function checkPhaseRanges(traffic: ast.Traffic, context: LoweringContext, periods: number, accept: ValidationAcceptor): void {
  const model = attemptLowering(() => lowerSwitch(traffic.$container, context));
  if (!model || !Number.isFinite(periods)) return;
  const declared = new Set(numericRangeIssues(model).map((issue) => issue.message));
  for (const phase of loadPhases(model, periods)) {
    if (phase.changes.length === 0) continue;
    const issues = numericRangeIssues(phase.model).filter((issue) => !declared.has(issue.message));
    if (issues.length === 0) continue;
    const message = `From period ${phase.start} on: ${issues[0].message}`;
    if (traffic.file !== undefined) accept('error', message, { node: traffic, property: 'file' });
    else accept('error', message, { node: changeStarting(traffic, phase.changes[0]), property: 'period' });
  }
}

/** The written change behind a lowered one: the first at its period for its flow. */
function changeStarting(traffic: ast.Traffic, change: TrafficChange): ast.TrafficChange {
  const flow = switchMembers(traffic.$container, 'Flow')[change.flow];
  return traffic.changes.find((c) => valueOf(c.period) === change.period && c.flow?.ref === flow) ?? traffic.changes[0];
}
