/**
 * What every numeric place of the language accepts, as a table keyed by `ContainerType.property`.
 * One generic check (quantities.ts) applies it, so a new clause needs one line here, not new code.
 */
import type { Dimension } from '../../engine/units.js';

export type QuantityRule =
  | {
      /** A physical quantity: a unit of `dimension` is required (a share may also be a bare number in [0,1]). */
      readonly kind: 'measure';
      readonly dimension: Dimension;
      /** Bounds on the value in base units; `exclusive` makes both bounds strict. */
      readonly min?: number;
      readonly max: number;
      readonly exclusive?: boolean;
      readonly what: string;
    }
  | {
      /** A plain number without unit. */
      readonly kind: 'number';
      readonly integer: boolean;
      readonly min: number;
      readonly max: number;
      readonly exclusive?: boolean;
      readonly what: string;
    };

// Every quantity stays in a range where the engines' arithmetic is exact enough, and sums and
// products of two of them stay far from overflow: times from 1 ns (the finest unit; nothing in a
// network acts faster) to 1e6 s (11.6 days); speeds from 1 Hz (the papers' toy examples count cycles
// per second) to 1 THz; costs up to 1e12 cycles per packet; rates from 1e-6 pps (one packet in 11.6
// days) to 1e12 pps. Combinations that are absurd although each value is fine (a task a million
// times over its worker's capacity) are caught per switch (switch-range.ts).
const MIN_TIME = 1e-9; // s
const MAX_TIME = 1e6; // s
const MIN_RATE = 1e-6; // pps
const MAX_RATE = 1e12; // pps
const MAX_WORK = 1e12; // cycles
const MIN_FREQUENCY = 1; // Hz
const MAX_FREQUENCY = 1e12; // Hz

const time = (what: string): QuantityRule => ({ kind: 'measure', dimension: 'time', min: MIN_TIME, max: MAX_TIME, what });
const latency = (what: string): QuantityRule => ({ kind: 'measure', dimension: 'time', min: 0, max: MAX_TIME, what });
const rate = (what: string): QuantityRule => ({ kind: 'measure', dimension: 'rate', min: MIN_RATE, max: MAX_RATE, what });
const share = (what: string, exclusive = false): QuantityRule => ({ kind: 'measure', dimension: 'share', min: 0, max: 1, exclusive, what });
const count = (what: string, min: number, max: number): QuantityRule => ({ kind: 'number', integer: true, min, max, what });
const real = (what: string, min: number, max: number, exclusive = false): QuantityRule => ({ kind: 'number', integer: false, min, max, exclusive, what });

export const QUANTITY_RULES: ReadonlyMap<string, QuantityRule> = new Map<string, QuantityRule>([
  ['Link.latency', latency('a link latency')],
  ['MandalaAccess.count', count('the number of access nodes', 8, 2048)],
  ['MandalaLatency.min', latency('a latency')],
  ['MandalaLatency.max', latency('a latency')],
  ['MandalaDiameter.value', time('a diameter')],
  ['MandalaAccelerators.share', share('an accelerator share')],
  ['MandalaSeed.value', count('a seed', 0, 4294967295)],
  ['CurvePoint.k', count('a number of AIFs', 1, 100000)],
  ['CurvePoint.time', time('a training time')],
  ['RoundsClause.value', count('the number of rounds', 1, 1000000)],
  ['TargetClause.value', time('a target learning time')],
  ['AccelerationClause.value', real('the acceleration factor', 0, 1, true)],
  ['AcceleratorsMaxClause.value', count('the number of accelerators', 0, 1000000)],
  ['MaxLatencyClause.value', time('a maximum latency')],
  ['MinAifsClause.value', count('the minimum number of AIFs', 1, 1000000)],
  ['ObjectiveSpec.aifWeight', real('a weight', 0, 1e9)],
  ['ObjectiveSpec.spreadWeight', real('a weight', 0, 1e9)],
  ['Worker.speed', { kind: 'measure', dimension: 'frequency', min: MIN_FREQUENCY, max: MAX_FREQUENCY, what: 'a worker speed' }],
  ['BatchClause.value', count('a batch size in packets', 1, 1000000)],
  ['QueueClause.value', count('a queue size in packets', 1, 1000000)],
  ['Module.cost', { kind: 'measure', dimension: 'work', min: 0, max: MAX_WORK, what: 'a module cost' }],
  ['Task.weight', share('a weight')],
  ['Flow.offered', rate('an offered load')],
  ['RateSlo.value', rate('a rate SLO')],
  ['DelaySlo.value', time('a delay SLO')],
  ['ServiceOffered.value', rate('an offered load')],
  ['ServiceRateSlo.value', rate('an end-to-end rate SLO')],
  ['ServiceDelaySlo.value', time('an end-to-end delay SLO')],
  // The controller runs at most 1 000 000 periods (CONTROLLER_RULES), numbered from 0.
  ['TrafficChange.period', count('a control period', 0, 999999)],
  ['TrafficChange.offered', rate('an offered load')],
  ['StudyRounds.values', count('the number of rounds', 1, 1000000)],
  ['StudyTargets.values', time('a target learning time')],
  ['StudyInstances.count', count('the number of instances', 1, 100000)],
  ['StudyInstances.min', share('an accelerator share')],
  ['StudyInstances.max', share('an accelerator share')],
  ['StudyInstances.seed', count('a seed', 0, 4294967295)],
]);

/** Controller settings share one property, so their rules are keyed by the setting's keyword. */
export const CONTROLLER_RULES: ReadonlyMap<string, QuantityRule> = new Map<string, QuantityRule>([
  ['alpha', real('alpha', 0, 1e6, true)],
  ['step', real('the step size', 0, 1e3, true)],
  ['tries', count('the number of line-search points', 1, 1000)],
  ['periods', count('the number of control periods', 1, 1000000)],
  ['tolerance', share('the tolerance', true)],
]);
