/**
 * A scenario's studies in the editor's work-done progress: the percentage of all their instances
 * done, and the running study's name with the counts, rate and ETA. Reports are spaced out (the
 * worker may finish many small instances a second); the last one always goes out.
 */
import type { StudyProgressReport } from '../engine/scenario.js';
import { ProgressMeter } from '../engine/placement/study-progress.js';

export const REPORT_INTERVAL_MS = 250;

export function studyProgressReporter(
  studies: readonly { readonly name: string; readonly instances: number }[],
  report: (percentage: number, message: string) => void,
  clock: () => number = () => performance.now(),
): (progress: StudyProgressReport) => void {
  const sizes = studies.map((s) => Math.max(0, s.instances));
  const meter = new ProgressMeter(
    sizes.reduce((a, b) => a + b, 0),
    0,
    clock,
  );
  let reportedAt = -Infinity;
  return ({ study, done }) => {
    // Studies run in order: the earlier ones are done.
    meter.update(sizes.slice(0, study).reduce((a, b) => a + b, 0) + done);
    const now = clock();
    if (now - reportedAt < REPORT_INTERVAL_MS && meter.doneCount < meter.total) return;
    reportedAt = now;
    const which = studies.length > 1 ? ` (study ${study + 1} of ${studies.length})` : '';
    report(Math.floor(meter.fraction * 100), `${studies[study]?.name ?? 'study'}${which}: ${meter.describe()}`);
  };
}
