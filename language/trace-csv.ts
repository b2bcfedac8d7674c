/**
 * The CSV format of a traffic trace (docs/language.md, `traffic from`): a header `period,flow,offered`,
 * then one row per change: the control period it applies from, the flow's name, and the packet rate
 * it offers from then on, with a rate unit (`1.6 Mpps`) or as a bare number of packets per second.
 * Blank lines and lines starting with `#` are skipped. The first malformed line stops the read with a
 * message naming it; which flows exist and how many periods run is for validation to judge.
 */
import { quantityToBase } from '../engine/units.js';
import { QUANTITY_RULES } from './validation/quantity-rules.js';
import { quantityProblem } from './validation/quantities.js';

export interface TraceRow {
  /** 1-based line of the file, for messages. */
  readonly line: number;
  readonly period: number;
  readonly flow: string;
  /** Packets per second. */
  readonly offered: number;
}

/** A failed read names the line at fault, or line 0 when the file as a whole is (empty, unreadable). */
export type ParsedTrace = { readonly ok: true; readonly rows: readonly TraceRow[] } | { readonly ok: false; readonly line: number; readonly message: string };

export const TRACE_COLUMNS = ['period', 'flow', 'offered'] as const;
/** Beyond this a trace is a mistake (a wrong file) rather than a load profile: each row may start a phase. */
export const MAX_TRACE_ROWS = 100_000;

const NUMBER_WITH_UNIT = /^(-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(\S*)$/;
const NAME = /^[_\p{L}][\p{L}\p{M}\p{N}_]*$/u;

export function parseTrace(text: string): ParsedTrace {
  const rows: TraceRow[] = [];
  let header = false;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const content = lines[index].trim();
    if (content === '' || content.startsWith('#')) continue;
    const cells = content.split(',').map((cell) => cell.trim());
    if (!header) {
      if (cells.join(',').toLowerCase() !== TRACE_COLUMNS.join(',')) {
        return { ok: false, line, message: `the first line must be the header '${TRACE_COLUMNS.join(',')}', not '${content}'` };
      }
      header = true;
      continue;
    }
    if (cells.length !== TRACE_COLUMNS.length) return { ok: false, line, message: `expected ${TRACE_COLUMNS.length} values (${TRACE_COLUMNS.join(', ')}), found ${cells.length}` };
    const row = parseRow(cells, line);
    if ('message' in row) return { ok: false, line, message: row.message };
    if (rows.length === MAX_TRACE_ROWS) return { ok: false, line, message: `more than ${MAX_TRACE_ROWS} changes` };
    rows.push(row);
  }
  if (!header) return { ok: false, line: 0, message: `the file is empty: it needs the header '${TRACE_COLUMNS.join(',')}'` };
  return { ok: true, rows };
}

function parseRow([periodCell, flow, offeredCell]: string[], line: number): TraceRow | { message: string } {
  const period = cellValue(periodCell, 'TrafficChange.period', undefined);
  if (typeof period !== 'number') return period;
  if (!NAME.test(flow)) return { message: `'${flow}' is not a flow name` };
  const offered = cellValue(offeredCell, 'TrafficChange.offered', 'pps');
  if (typeof offered !== 'number') return offered;
  return { line, period, flow, offered };
}

/** A cell as a quantity of the rule of `place`; `bareUnit` is the unit a bare number is in. */
function cellValue(cell: string, place: string, bareUnit: string | undefined): number | { message: string } {
  const rule = QUANTITY_RULES.get(place);
  if (!rule) return { message: `no rule for ${place}` };
  const match = NUMBER_WITH_UNIT.exec(cell);
  if (!match) return { message: `'${cell}' is not ${rule.what}` };
  const numerator = Number(match[1]);
  const unit = match[2] === '' ? bareUnit : match[2];
  const problem = quantityProblem(rule, { numerator, unit, text: cell });
  if (problem) return { message: `'${cell}': ${problem.message.replace(/\.$/, '')}` };
  return quantityToBase(numerator, undefined, unit) ?? { message: `'${cell}' has an unknown unit` };
}
