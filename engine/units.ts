/**
 * Units of the scenario language and their factors to SI base units.
 * Lives in the engine because lowering converts every quantity with it; the validator
 * only asks which dimension a unit belongs to and which known unit is closest.
 */

export type Dimension = 'time' | 'rate' | 'work' | 'frequency' | 'share';

export interface UnitInfo {
  readonly dimension: Dimension;
  /** Multiply a value in this unit by `factor` to get the base unit. */
  readonly factor: number;
}

export const UNITS: ReadonlyMap<string, UnitInfo> = new Map<string, UnitInfo>([
  ['ns', { dimension: 'time', factor: 1e-9 }],
  ['us', { dimension: 'time', factor: 1e-6 }],
  ['µs', { dimension: 'time', factor: 1e-6 }],
  ['ms', { dimension: 'time', factor: 1e-3 }],
  ['s', { dimension: 'time', factor: 1 }],
  ['pps', { dimension: 'rate', factor: 1 }],
  ['kpps', { dimension: 'rate', factor: 1e3 }],
  ['Mpps', { dimension: 'rate', factor: 1e6 }],
  ['Gpps', { dimension: 'rate', factor: 1e9 }],
  ['cycles', { dimension: 'work', factor: 1 }],
  ['kcycles', { dimension: 'work', factor: 1e3 }],
  ['Mcycles', { dimension: 'work', factor: 1e6 }],
  ['Hz', { dimension: 'frequency', factor: 1 }],
  ['kHz', { dimension: 'frequency', factor: 1e3 }],
  ['MHz', { dimension: 'frequency', factor: 1e6 }],
  ['GHz', { dimension: 'frequency', factor: 1e9 }],
  ['%', { dimension: 'share', factor: 1e-2 }],
]);

/** What a user reads in a message: "time (ns, us, µs, ms, s)". */
export const DIMENSION_NAMES: Readonly<Record<Dimension, string>> = {
  time: 'time',
  rate: 'packet rate',
  work: 'work',
  frequency: 'frequency',
  share: 'share',
};

/** The factor of a known unit to its base unit (1 for the base unit itself). */
const factorOf = (unit: string): number => UNITS.get(unit)?.factor ?? 1;

export function unitsOf(dimension: Dimension): string[] {
  return [...UNITS].filter(([, info]) => info.dimension === dimension).map(([name]) => name);
}

/** Converts `value unit` to the base unit; undefined for an unknown unit. */
export function toBase(value: number, unit: string): number | undefined {
  const info = UNITS.get(unit);
  return info === undefined ? undefined : value * info.factor;
}

/** The known unit of `dimension` (or of any dimension) closest to `unit` by edit distance, case-insensitively first. */
export function closestUnit(unit: string, dimension?: Dimension): string | undefined {
  const candidates = dimension ? unitsOf(dimension) : [...UNITS.keys()];
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const score = candidate.toLowerCase() === unit.toLowerCase() ? 0 : 1 + editDistance(unit, candidate);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Levenshtein distance: how many single-character edits turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length];
}

/** The value of a written quantity `numerator[/denominator] [unit]` in base units (no unit: the number itself). */
export function quantityToBase(numerator: number, denominator: number | undefined, unit: string | undefined): number | undefined {
  const value = denominator === undefined ? numerator : numerator / denominator;
  if (unit === undefined) return value;
  return toBase(value, unit);
}

/** Display units per dimension, largest first: a value is shown in the first unit where it is >= 1. */
const DISPLAY_UNITS: Readonly<Record<Exclude<Dimension, 'share'>, readonly string[]>> = {
  time: ['s', 'ms', 'us', 'ns'],
  rate: ['Gpps', 'Mpps', 'kpps', 'pps'],
  work: ['Mcycles', 'kcycles', 'cycles'],
  frequency: ['GHz', 'MHz', 'kHz', 'Hz'],
};

/**
 * `value` (base units) as text for people: 3 significant digits in a fitting unit, e.g. "4.57 s",
 * "150 us", "30%". `round` says which way: a suggested limit is rounded the way that keeps it
 * feasible (a smallest target or delay up, a largest rate down), so typing it back never fails.
 */
export function formatQuantity(value: number | null | undefined, dimension: Dimension, digits = 3, round: Rounding = 'nearest'): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '∞';
  if (dimension === 'share') return `${roundedIn(value, 1e-2, digits, round)}%`;
  const candidates = DISPLAY_UNITS[dimension];
  // Zero reads best in the base unit ("0 s", not "0 ns"); the candidates run from the largest unit down.
  const unit = (value === 0 ? candidates.find((u) => factorOf(u) === 1) : candidates.find((u) => Math.abs(value) >= factorOf(u))) ?? candidates[candidates.length - 1];
  return `${roundedIn(value, factorOf(unit), digits, round)} ${unit}`;
}

/** Suggested bounds: the smallest value that works, shown rounded up; the largest, rounded down. */
export const atLeast = (value: number | null | undefined, dimension: Dimension): string => formatQuantity(value, dimension, 3, 'up');
export const atMost = (value: number | null | undefined, dimension: Dimension): string => formatQuantity(value, dimension, 3, 'down');

export type Rounding = 'nearest' | 'up' | 'down';

/** `value` (base units) to 3 significant digits in the given direction: the number a suggestion shows. */
export function roundedBound(value: number, round: 'up' | 'down', digits = 3): number {
  return Number.isFinite(value) && value !== 0 ? roundedIn(value, 1, digits, round) : value;
}

/**
 * `value` (base units) written in a unit of `factor`, to `digits` significant digits in the given
 * direction and without float noise (0.30000000000000004 is 0.3). Up and down hold for the number
 * as it will be read back (written × factor, as the language converts it), not only in the unit.
 */
function roundedIn(value: number, factor: number, digits: number, round: Rounding): number {
  const inUnit = value / factor;
  const nearest = Number(inUnit.toPrecision(digits));
  if (round === 'nearest' || inUnit === 0) return nearest;
  const step = 10 ** (Math.floor(Math.log10(Math.abs(inUnit))) - digits + 1);
  let written = nearest;
  // At most two steps: toPrecision may round the wrong way, and so may written × factor.
  for (let i = 0; i < 2; i++) {
    if (round === 'up' && written * factor < value) written = Number((written + step).toPrecision(digits));
    if (round === 'down' && written * factor > value) written = Number((written - step).toPrecision(digits));
  }
  return written;
}

/**
 * `value` (base units) expressed in `unit` and rounded to `digits` significant digits, up or down,
 * so a relaxed limit written back into the source is never tighter than the exact one.
 * Returns the written number and its value in base units.
 */
export function roundInUnit(value: number, unit: string | undefined, direction: 'up' | 'down', digits = 3): { written: number; base: number } {
  const factor = unit === undefined ? 1 : (UNITS.get(unit)?.factor ?? 1);
  if (value === 0 || !Number.isFinite(value / factor)) return { written: value / factor, base: value };
  const written = roundedIn(value, factor, digits, direction);
  return { written, base: written * factor };
}
