/**
 * The training-time curve p_k of the paper (Fig. 3): the distributed training time with k AIFs,
 * piece-wise linear between the given points and flat outside them.
 */
import type { TrainingCurve } from './model.js';

/** Problems that make the curve unusable; empty when it is fine. */
export function curveIssues(curve: TrainingCurve): string[] {
  const points = curve.points;
  if (points.length === 0) return [`curve ${curve.name} has no points`];
  const issues: string[] = [];
  points.forEach((point, i) => {
    if (!Number.isFinite(point.k) || !Number.isFinite(point.time) || point.time <= 0) {
      issues.push(`curve ${curve.name}: point ${i + 1} needs a finite k and a positive finite time`);
    } else if (i > 0 && !(point.k > points[i - 1].k)) {
      issues.push(`curve ${curve.name}: k must increase strictly (point ${i + 1})`);
    }
  });
  return issues;
}

/** p_k for a real k: linear between neighbouring points, the first/last value outside them. */
export function curveTime(curve: TrainingCurve, k: number): number {
  const points = curve.points;
  if (k <= points[0].k) return points[0].time;
  for (let i = 1; i < points.length; i++) {
    const right = points[i];
    if (k <= right.k) {
      const left = points[i - 1];
      return left.time + ((right.time - left.time) * (k - left.k)) / (right.k - left.k);
    }
  }
  return points[points.length - 1].time;
}

/** p_1..p_n, indexed by k (index 0 is unused and holds p_1 so the array has no hole). */
export function trainingTimes(curve: TrainingCurve, n: number): Float64Array {
  const times = new Float64Array(n + 1);
  for (let k = 1; k <= n; k++) times[k] = curveTime(curve, k);
  times[0] = times[1] ?? curveTime(curve, 1);
  return times;
}

/** The smallest integer k from which p_k no longer changes: the curve is flat after its last point. */
export function flatFrom(curve: TrainingCurve): number {
  return Math.max(1, Math.ceil(curve.points[curve.points.length - 1].k));
}
