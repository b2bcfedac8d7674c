/** The generic check behind QUANTITY_RULES: units, dimensions, finiteness, integrality and bounds. */
import type { ValidationAcceptor } from 'langium';
import { DIMENSION_NAMES, UNITS, closestUnit, formatQuantity, quantityToBase, unitsOf, type Dimension } from '../../engine/units.js';
import type { Quantity } from '../generated/ast.js';
import { CONTROLLER_RULES, QUANTITY_RULES, type QuantityRule } from './quantity-rules.js';

export function ruleFor(quantity: Quantity): QuantityRule | undefined {
  const container = quantity.$container;
  if (container.$type === 'ControllerSetting') return CONTROLLER_RULES.get(container.key);
  return QUANTITY_RULES.get(`${container.$type}.${quantity.$containerProperty}`);
}

/**
 * Units people write that the language does not use, with what they measure, so the message can
 * say why ('Mbps' on a latency is a bit rate, not a time) instead of only "unknown unit".
 */
interface ForeignUnit {
  readonly measures: string;
  /** Set when it measures a dimension the language has, only in another unit ('min' is a time). */
  readonly dimension?: Dimension;
}
const foreign = (units: readonly string[], unit: ForeignUnit) => units.map((name): [string, ForeignUnit] => [name, unit]);
const FOREIGN_UNITS: ReadonlyMap<string, ForeignUnit> = new Map([
  ...foreign(['bps', 'kbps', 'Kbps', 'Mbps', 'Gbps', 'Tbps', 'Bps', 'MBps', 'GBps'], { measures: 'a bit rate' }),
  ...foreign(['b', 'bit', 'bits', 'B', 'byte', 'bytes', 'kB', 'KB', 'MB', 'GB', 'KiB', 'MiB', 'GiB'], { measures: 'a data size' }),
  ...foreign(['h', 'hr', 'hour', 'hours', 'd', 'day', 'days', 'sec', 'msec', 'usec', 'nsec', 'ps'], { measures: 'a time', dimension: 'time' }),
  ...foreign(['m', 'km', 'mi', 'ft'], { measures: 'a distance' }),
  ...foreign(['THz'], { measures: 'a frequency', dimension: 'frequency' }),
  ...foreign(['W', 'kW', 'mW'], { measures: 'a power' }),
]);

export const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const describeDimension = (dimension: Dimension) => `${DIMENSION_NAMES[dimension]} (${unitsOf(dimension).join(', ')})`;

/** What is wrong with a written quantity against its rule: the message, and which part to mark. */
export interface QuantityProblem {
  readonly message: string;
  readonly property?: 'unit' | 'denominator';
  readonly data?: { readonly code: string; readonly suggestion: string };
}

/** A quantity as written, in the file or in a trace file's cell. */
export interface WrittenQuantity {
  readonly numerator: number;
  readonly denominator?: number;
  readonly unit?: string;
  /** The text as written, for messages. */
  readonly text?: string;
}

export function checkQuantity(quantity: Quantity, accept: ValidationAcceptor): void {
  const rule = ruleFor(quantity);
  const problem = rule && quantityProblem(rule, { numerator: quantity.numerator, denominator: quantity.denominator, unit: quantity.unit, text: quantity.$cstNode?.text });
  if (problem) accept('error', problem.message, { node: quantity, property: problem.property, data: problem.data });
}

/** Undefined when the quantity is valid: finite, in the rule's dimension and unit, whole if it must be, within bounds. */
export function quantityProblem(rule: QuantityRule, quantity: WrittenQuantity): QuantityProblem | undefined {
  if (!Number.isFinite(quantity.numerator) || (quantity.denominator !== undefined && !Number.isFinite(quantity.denominator))) {
    return { message: 'This number is too large to represent; write a finite value.' };
  }
  if (quantity.denominator === 0) return { message: 'A fraction cannot have a zero denominator.', property: 'denominator' };
  const unitProblem = checkUnit(quantity, rule);
  if (unitProblem) return unitProblem;
  const value = quantityToBase(quantity.numerator, quantity.denominator, quantity.unit);
  if (value === undefined) return { message: `Unknown unit '${quantity.unit ?? ''}'.`, property: 'unit' };
  if (rule.kind === 'number' && rule.integer && !Number.isInteger(value)) return { message: `${capitalised(rule.what)} must be a whole number.` };
  return checkBounds(quantity, rule, value);
}

function checkUnit(quantity: WrittenQuantity, rule: QuantityRule): QuantityProblem | undefined {
  const unit = quantity.unit;
  if (rule.kind === 'number') {
    return unit === undefined ? undefined : { message: `${capitalised(rule.what)} is a plain number and takes no unit.`, property: 'unit' };
  }
  if (unit === undefined) {
    if (rule.dimension === 'share') return undefined; // a bare number in [0,1] is a share
    return { message: `${capitalised(rule.what)} needs a unit of ${describeDimension(rule.dimension)}.` };
  }
  const info = UNITS.get(unit);
  const known = info ? undefined : FOREIGN_UNITS.get(unit);
  if (known) {
    const what = known.dimension === rule.dimension ? `${known.measures} in a unit NetScenario does not use` : `${known.measures}, not a ${DIMENSION_NAMES[rule.dimension]}`;
    return { message: `'${unit}' is ${what}: ${rule.what} is a ${describeDimension(rule.dimension)}.`, property: 'unit' };
  }
  if (!info) {
    const suggestion = closestUnit(unit, rule.dimension);
    return {
      message: `Unknown unit '${unit}': ${rule.what} is a ${describeDimension(rule.dimension)}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`,
      property: 'unit',
      data: suggestion ? { code: 'unknown-unit', suggestion } : undefined,
    };
  }
  if (info.dimension !== rule.dimension) {
    return { message: `'${unit}' is a unit of ${DIMENSION_NAMES[info.dimension]}, but ${rule.what} is a ${describeDimension(rule.dimension)}.`, property: 'unit' };
  }
  return undefined;
}

function checkBounds(quantity: WrittenQuantity, rule: QuantityRule, value: number): QuantityProblem | undefined {
  const min = rule.min ?? -Infinity;
  const exclusive = rule.exclusive ?? false;
  const tooLow = exclusive ? value <= min : value < min;
  const tooHigh = exclusive ? value >= rule.max : value > rule.max;
  if (!tooLow && !tooHigh) return undefined;
  const written = (bound: number) => (rule.kind === 'measure' ? formatQuantity(bound, rule.dimension) : String(bound));
  if (rule.kind === 'measure' && rule.dimension === 'share') {
    return { message: `${capitalised(rule.what)} is a share in ${exclusive ? '(0, 1)' : '[0, 1]'}: write a fraction like 0.3 or a percentage like 30%.` };
  }
  if (rule.max <= 1) return { message: `${capitalised(rule.what)} must lie ${exclusive ? 'strictly ' : ''}between ${min} and ${rule.max}.` };
  if (tooLow && min === 0) return { message: `${capitalised(rule.what)} must be ${exclusive ? 'positive' : 'zero or more'}.` };
  if (tooLow) return { message: `${capitalised(rule.what)} must be at least ${written(min)}.` };
  return { message: `${capitalised(rule.what)} of ${quantity.text ?? written(value)} is out of range: at most ${written(rule.max)} is accepted.` };
}
