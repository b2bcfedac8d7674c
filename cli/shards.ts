/**
 * Shards: a study's grid (instances × cells) cut into n deterministic, balanced parts, so that a
 * batch engine can run them as n independent tasks (a Slurm job array, a Kubernetes Indexed Job).
 * `nsc study merge` puts the parts back together (cli/shards-merge.ts).
 *
 * The grid's points are numbered instance-major (point = instance × cells + cell) and shard k of n
 * takes the points [⌊(k−1)P/n⌋, ⌊kP/n⌋): sizes differ by at most one point, and a shard draws
 * each topology it needs once (only the instances at its two ends are shared with its neighbours).
 * Shards are numbered 1..n.
 */
import type { StudySlice } from '../engine/placement/study.js';
import { UsageError } from './usage-error.js';

export interface Shard {
  /** 1..count */
  readonly index: number;
  readonly count: number;
}

/** Where a shard came from, for messages: `--shard 2/4`, a Slurm array task, ... */
export interface ResolvedShard {
  readonly shard: Shard;
  readonly source: string;
}

export const shardLabel = ({ index, count }: Shard) => `${index}/${count}`;

/** The slices of the grid (cells per instance × instances) that `shard` runs, in instance order. */
export function shardSlices(cells: number, instances: number, shard: Shard): StudySlice[] {
  const points = cells * instances;
  const start = Math.floor(((shard.index - 1) * points) / shard.count);
  const end = Math.floor((shard.index * points) / shard.count);
  const slices: StudySlice[] = [];
  for (let point = start; point < end;) {
    const instance = Math.floor(point / cells);
    const firstCell = point - instance * cells;
    const endCell = Math.min(cells, firstCell + (end - point));
    slices.push({ instance, firstCell, endCell });
    point += endCell - firstCell;
  }
  return slices;
}

/** `i/n` with 1 <= i <= n. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard needs I/N with 1 <= I <= N (e.g. --shard 2/4 for the second of four), got '${text}'`);
  }
  return { index, count };
}

/**
 * The shard this run is: `--shard i/n`, else the batch engine's environment — a Slurm job array
 * (SLURM_ARRAY_TASK_ID counted from SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP, of
 * SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX from 0, of `--shards n`).
 * Undefined when nothing says so: the run is the whole study.
 */
export function resolveShard(options: { readonly shard?: string; readonly shards?: string }, env: NodeJS.ProcessEnv): ResolvedShard | undefined {
  const shards = options.shards === undefined ? undefined : wholeNumber(options.shards, '--shards', 1);
  if (options.shard !== undefined) {
    if (shards !== undefined) throw new UsageError('--shard I/N already gives the number of shards: --shards N is only for JOB_COMPLETION_INDEX');
    return { shard: parseShard(options.shard), source: `--shard ${options.shard}` };
  }
  if (env.SLURM_ARRAY_TASK_ID !== undefined) return slurmShard(env, shards);
  if (env.JOB_COMPLETION_INDEX !== undefined) {
    if (shards === undefined) throw new UsageError("JOB_COMPLETION_INDEX is set (a Kubernetes Indexed Job): give the number of shards, the Job's completions, with --shards N");
    const index = wholeNumber(env.JOB_COMPLETION_INDEX, 'JOB_COMPLETION_INDEX', 0);
    if (index >= shards)
      throw new UsageError(`JOB_COMPLETION_INDEX=${index} is past --shards ${shards} (indices run from 0 to ${shards - 1}): make --shards the Job's completions`);
    return { shard: { index: index + 1, count: shards }, source: `JOB_COMPLETION_INDEX=${index} of --shards ${shards}` };
  }
  if (shards !== undefined) throw new UsageError('--shards N goes with a Kubernetes Indexed Job, but JOB_COMPLETION_INDEX is not set: use --shard I/N');
  return undefined;
}

function slurmShard(env: NodeJS.ProcessEnv, shards: number | undefined): ResolvedShard {
  const variable = (name: string, fallback?: number) => {
    const value = env[name];
    if (value === undefined && fallback !== undefined) return fallback;
    if (value === undefined) throw new UsageError(`SLURM_ARRAY_TASK_ID is set but ${name} is not: run under a Slurm job array, or give --shard I/N`);
    return wholeNumber(value, name, 0);
  };
  const id = variable('SLURM_ARRAY_TASK_ID');
  const min = variable('SLURM_ARRAY_TASK_MIN');
  const max = variable('SLURM_ARRAY_TASK_MAX');
  const count = variable('SLURM_ARRAY_TASK_COUNT');
  const step = Math.max(1, variable('SLURM_ARRAY_TASK_STEP', 1));
  // A list such as --array=0,2,7 has gaps: task ids would not number the shards 1..count.
  if ((max - min) % step !== 0 || (max - min) / step + 1 !== count || (id - min) % step !== 0) {
    throw new UsageError(
      `the Slurm job array is not a range (tasks ${min} to ${max} in steps of ${step}, but ${count} of them): submit it with --array=FIRST-LAST (or FIRST-LAST:STEP), or give --shard I/N`,
    );
  }
  if (shards !== undefined && shards !== count) throw new UsageError(`--shards ${shards} does not match the Slurm job array's ${count} tasks (SLURM_ARRAY_TASK_COUNT)`);
  const index = (id - min) / step + 1;
  return { shard: { index, count }, source: `Slurm array task ${id} of ${min}-${max}${step > 1 ? `:${step}` : ''}` };
}

function wholeNumber(text: string, name: string, minimum: number): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(value) || value < minimum) {
    throw new UsageError(`${name} needs a whole number${minimum > 0 ? ` of at least ${minimum}` : ''}, got '${text}'`);
  }
  return value;
}
