/**
 * The training-time curve of the placement paper's Fig. 3 (LSTM on the paper's traffic data): the
 * time of one local round with k AIFs. Imported networks start from it, and the benchmarks use it.
 */
import type { TrainingCurve } from './model.js';

export const PAPER_TRAINING_POINTS: readonly { readonly k: number; readonly time: number }[] = [
  { k: 1, time: 1.2 },
  { k: 2, time: 0.7 },
  { k: 3, time: 0.5 },
  { k: 4, time: 0.38 },
  { k: 6, time: 0.27 },
  { k: 8, time: 0.21 },
  { k: 10, time: 0.18 },
  { k: 12, time: 0.17 },
];

export function paperTrainingCurve(name: string): TrainingCurve {
  return { name, points: PAPER_TRAINING_POINTS };
}
