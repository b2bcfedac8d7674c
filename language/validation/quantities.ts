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

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const describeDimension = (dimension: Dimension) => `${DIMENSION_NAMES[dimension]} (${unitsOf(dimension).join(', ')})`;

export function checkQuantity(quantity: Quantity, accept: ValidationAcceptor): void {
  const rule = ruleFor(quantity);
  if (!rule) return;
  if (!Number.isFinite(quantity.numerator) || (quantity.denominator !== undefined && !Number.isFinite(quantity.denominator))) {
    accept('error', 'This number is too large to represent; write a finite value.', { node: quantity });
    return;
  }
  if (quantity.denominator === 0) {
    accept('error', 'A fraction cannot have a zero denominator.', { node: quantity, property: 'denominator' });
    return;
  }
  if (!checkUnit(quantity, rule, accept)) return;
  const value = quantityToBase(quantity.numerator, quantity.denominator, quantity.unit);
  if (value === undefined) return; // checkUnit reported the unit
  if (rule.kind === 'number' && rule.integer && !Number.isInteger(value)) {
    accept('error', `${capitalised(rule.what)} must be a whole number.`, { node: quantity });
    return;
  }
  checkBounds(quantity, rule, value, accept);
}

/** Returns false when the unit is wrong (then bounds make no sense). */
function checkUnit(quantity: Quantity, rule: QuantityRule, accept: ValidationAcceptor): boolean {
  const unit = quantity.unit;
  if (rule.kind === 'number') {
    if (unit === undefined) return true;
    accept('error', `${capitalised(rule.what)} is a plain number and takes no unit.`, { node: quantity, property: 'unit' });
    return false;
  }
  if (unit === undefined) {
    if (rule.dimension === 'share') return true; // a bare number in [0,1] is a share
    accept('error', `${capitalised(rule.what)} needs a unit of ${describeDimension(rule.dimension)}.`, { node: quantity });
    return false;
  }
  const info = UNITS.get(unit);
  const known = info ? undefined : FOREIGN_UNITS.get(unit);
  if (known) {
    const what = known.dimension === rule.dimension ? `${known.measures} in a unit NetScenario does not use` : `${known.measures}, not a ${DIMENSION_NAMES[rule.dimension]}`;
    accept('error', `'${unit}' is ${what}: ${rule.what} is a ${describeDimension(rule.dimension)}.`, { node: quantity, property: 'unit' });
    return false;
  }
  if (!info) {
    const suggestion = closestUnit(unit, rule.dimension);
    accept('error', `Unknown unit '${unit}': ${rule.what} is a ${describeDimension(rule.dimension)}.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, {
      node: quantity,
      property: 'unit',
      data: suggestion ? { code: 'unknown-unit', suggestion } : undefined,
    });
    return false;
  }
  if (info.dimension !== rule.dimension) {
    accept('error', `'${unit}' is a unit of ${DIMENSION_NAMES[info.dimension]}, but ${rule.what} is a ${describeDimension(rule.dimension)}.`, {
      node: quantity,
      property: 'unit',
    });
    return false;
  }
  return true;
}

function checkBounds(quantity: Quantity, rule: QuantityRule, value: number, accept: ValidationAcceptor): void {
  const min = rule.min ?? -Infinity;
  const exclusive = rule.exclusive ?? false;
  const tooLow = exclusive ? value <= min : value < min;
  const tooHigh = exclusive ? value >= rule.max : value > rule.max;
  if (!tooLow && !tooHigh) return;
  const written = (bound: number) => (rule.kind === 'measure' ? formatQuantity(bound, rule.dimension) : String(bound));
  let message: string;
  if (rule.kind === 'measure' && rule.dimension === 'share') {
    message = `${capitalised(rule.what)} is a share in ${exclusive ? '(0, 1)' : '[0, 1]'}: write a fraction like 0.3 or a percentage like 30%.`;
  } else if (rule.max <= 1) {
    message = `${capitalised(rule.what)} must lie ${exclusive ? 'strictly ' : ''}between ${min} and ${rule.max}.`;
  } else if (tooLow && min === 0) {
    message = `${capitalised(rule.what)} must be ${exclusive ? 'positive' : 'zero or more'}.`;
  } else if (tooLow) {
    message = `${capitalised(rule.what)} must be at least ${written(min)}.`;
  } else {
    message = `${capitalised(rule.what)} of ${quantity.$cstNode?.text ?? written(value)} is out of range: at most ${written(rule.max)} is accepted.`;
  }
  accept('error', message, { node: quantity });
}
