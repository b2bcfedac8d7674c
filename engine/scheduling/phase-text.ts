/**
 * How a load phase reads in every output — `nsc simulate`, the editor's hover, the results page —
 * so they say the same thing in the same words: the change in the language's own syntax, and how
 * the controller coped with it.
 */
import { atLeast, atMost, formatQuantity } from '../units.js';
import type { PhaseResult } from './result.js';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** "voice_ul offered 1.6 Mpps rate >= 1.6 Mpps, bulk_ul delay <= 1 ms" */
export function changeText(phase: PhaseResult): string {
  return phase.changes
    .map((c) =>
      [
        c.flow,
        c.offered !== undefined && `offered ${formatQuantity(c.offered, 'rate')}`,
        c.rateSlo !== undefined && `rate >= ${formatQuantity(c.rateSlo, 'rate')}`,
        c.delaySlo !== undefined && `delay <= ${formatQuantity(c.delaySlo, 'time')}`,
      ]
        .filter(Boolean)
        .join(' '),
    )
    .join(', ');
}

/** After a change: at once, after N periods, or never and why. */
export function recoveryText(phase: PhaseResult): string {
  if (phase.periodsToCompliance === 0) return 'every SLO holds at once';
  if (phase.periodsToCompliance !== null) return `every SLO holds again after ${plural(phase.periodsToCompliance, 'period')} (period ${phase.firstCompliantPeriod})`;
  if (phase.never === 'phase-ended') return `not within the ${plural(phase.periods, 'period')} this load lasts`;
  return 'never: no weights meet every SLO under this load';
}

/** Under an infeasible load, what each flow could get with the others at their design rates: "voice_ul rate 2.15 Mpps, ..."; undefined if nothing. */
export function achievableText(phase: PhaseResult): string | undefined {
  // A null value: no weights reach even that (the other flows' design loads do not fit). Rounded the
  // safe way, like every suggested value: a rate down, a delay up.
  const best = Object.entries(phase.achievable ?? {}).flatMap(([flow, a]) =>
    [a.rate !== null && `${flow} rate ${atMost(a.rate, 'rate')}`, a.delay !== null && `${flow} delay ${atLeast(a.delay, 'time')}`].filter((text): text is string => !!text),
  );
  return best.length > 0 ? best.join(', ') : undefined;
}

export const violationText = (phase: PhaseResult): string => `${plural(phase.violationPeriods, 'period')} missing an SLO`;
