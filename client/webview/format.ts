/** Number formatting for labels, tooltips and axis titles. */

export interface TimeScale {
  /** Multiply seconds by this to get the displayed value. */
  readonly factor: number;
  readonly unit: string;
}

/** The unit that shows `largest` seconds with 1 to 3 integer digits. */
export function timeScale(largest: number): TimeScale {
  if (largest >= 1) return { factor: 1, unit: 's' };
  if (largest >= 1e-3) return { factor: 1e3, unit: 'ms' };
  if (largest >= 1e-6) return { factor: 1e6, unit: 'µs' };
  return { factor: 1e9, unit: 'ns' };
}

export function number(value: number, digits = 3): string {
  return Number(value.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 12 });
}

export function seconds(value: number | null): string {
  if (value === null) return 'unbounded';
  const scale = timeScale(Math.abs(value));
  return `${number(value * scale.factor)} ${scale.unit}`;
}

/** Packets per second in pps, kpps or Mpps. */
export function rate(value: number): string {
  if (value >= 1e6) return `${number(value / 1e6)} Mpps`;
  if (value >= 1e3) return `${number(value / 1e3)} kpps`;
  return `${number(value)} pps`;
}

export const percent = (share: number): string => `${number(share * 100)}%`;

/** A value in a chart's unit (seconds to `factor`), or null where there is none (a gap in the line). */
export const scaled = (value: number | null | undefined, factor: number): number | null => (value === null || value === undefined ? null : value * factor);
