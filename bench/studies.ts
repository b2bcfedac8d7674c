/**
 * Study throughput: instances per second (and per core) on 416-node Mandala topologies (access 256),
 * for one process, one process with `--jobs 2`, and 2 shards run side by side then merged — each
 * the real `nsc study` (process start included), all measured in this run. Then the time to merge
 * the parts of a study of 1,000 instances x 36 cells.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { mergeParts } from '../cli/shards-merge.js';
import { PartWriter, requiredPart, type DoneSlice, type PartStudy } from '../cli/shards-part.js';
import { shardSlices } from '../cli/shards.js';
import { studyOutput } from '../cli/study-output.js';
import { mulberry32 } from '../engine/placement/prng.js';
import type { CellOutcome, StudyCellKey } from '../engine/placement/study.js';
import { fmt, medianMs } from './timing.js';

const CLI = join(import.meta.dirname, '../cli/main.js');
const INSTANCES = 16;

/** The paper's Mandala setting at access 256: 256 + 64 + 64 + 32 = 416 nodes; 3 objectives x 2 targets x 2 rounds. */
const STUDY = `
topology M mandala { access 256 diameter 12 ms accelerators 30% seed 7 }
curve Fig3 { 1 -> 1.20 s  2 -> 0.70 s  3 -> 0.50 s  4 -> 0.38 s  6 -> 0.27 s  8 -> 0.21 s  10 -> 0.18 s  12 -> 0.17 s }
placement Aif { topology M curve Fig3 rounds 10 target 2 s acceleration 0.5 accelerators max 8 }
study Sweep {
  placement Aif
  rounds 5, 10
  target 2 s, 1.2 s
  objective baseline, min-aifs, balanced aifs 1 spread 1000
  instances ${INSTANCES} accelerators 10% to 60% seed 42
}
`;

/** Runs nsc with `args` in `cwd`; resolves with its stdout, rejects on a failure. */
function nsc(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`nsc ${args.join(' ')}: exit ${code}: ${stderr}`))));
  });
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { seconds: (performance.now() - start) / 1000, value };
}

export async function benchStudies(print: (line: string) => void): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nsc-bench-studies-'));
  try {
    writeFileSync(join(dir, 'study.nsc'), STUDY);
    await benchThroughput(print, dir);
    await benchMerge(print, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchThroughput(print: (line: string) => void, dir: string): Promise<void> {
  print(`study throughput on 416-node Mandalas (access 256): ${INSTANCES} instances x 12 cells, wall time of nsc study (process start included)`);
  const one = await timed(() => nsc(['study', 'study.nsc', '--json', '--jobs', '1', '-q'], dir));
  const jobs = await timed(() => nsc(['study', 'study.nsc', '--json', '--jobs', '2', '-q'], dir));
  const shards = await timed(async () => {
    await Promise.all([1, 2].map((index) => nsc(['study', 'study.nsc', '--shard', `${index}/2`, '-o', `part-${index}.json`, '--jobs', '1', '-q'], dir)));
    return nsc(['study', 'merge', 'part-1.json', 'part-2.json', '--json'], dir);
  });
  print('setup            | cores | wall s | instances/s | per core | speed-up');
  for (const [label, cores, run] of [
    ['one process', 1, one],
    ['--jobs 2', 2, jobs],
    ['2 shards + merge', 2, shards],
  ] as const) {
    const rate = INSTANCES / run.seconds;
    print(
      `${label.padEnd(16)} | ${String(cores).padEnd(5)} | ${run.seconds.toFixed(1).padEnd(6)} | ${rate.toFixed(2).padEnd(11)} | ${(rate / cores).toFixed(2).padEnd(8)} | ${(one.seconds / run.seconds).toFixed(2)}`,
    );
  }
  print(`same results: --jobs 2 ${jobs.value === one.value ? 'yes' : 'NO'}, 2 shards merged ${shards.value === one.value ? 'yes' : 'NO'}`);
}

/** The paper's grid: 3 objectives x 3 targets x 4 rounds. */
const CELLS: StudyCellKey[] = [
  { objective: 'baseline' as const },
  { objective: 'min-aifs' as const },
  { objective: 'balanced' as const, aifWeight: 1, spreadWeight: 1000 },
].flatMap((objective) => [2, 1.6, 1.2].flatMap((target) => [1, 5, 10, 15].map((rounds) => ({ ...objective, target, rounds }))));

/** Parts of a 1,000-instance study with made-up outcomes (merging does not care where they came from). */
function writeSyntheticParts(dir: string, count: number): string[] {
  const random = mulberry32(7);
  const study: PartStudy = { name: 'Big', placement: 'Aif', instances: 1000, cells: CELLS, specHash: `sha256:${'0'.repeat(64)}` };
  return Array.from({ length: count }, (_, i) => {
    const shard = { index: i + 1, count };
    const planned = shardSlices(CELLS.length, study.instances, shard);
    const done: DoneSlice[] = planned.map((slice) => ({
      ...slice,
      outcomes: Array.from({ length: slice.endCell - slice.firstCell }, (): CellOutcome =>
        random() < 0.2 ? undefined : { aifs: 2 + Math.floor(random() * 8), maxRoundTime: 0.1 + random(), accelerated: Math.floor(random() * 8) },
      ),
    }));
    const path = join(dir, `big-${shard.index}.json`);
    new PartWriter(path, { nsc: 'bench', file: 'big.nsc', fileHash: `sha256:${'1'.repeat(64)}`, shard, diagnostics: [], studies: [study] }, [planned], [done]).write();
    return path;
  });
}

async function benchMerge(print: (line: string) => void, dir: string): Promise<void> {
  const parts = writeSyntheticParts(dir, 4);
  const megabytes = parts.reduce((n, path) => n + readFileSync(path).length, 0) / 1e6;
  const inProcess = await medianMs(5, () => studyOutput(mergeParts(parts.map((path) => ({ path, part: requiredPart(path) }))).studies, ['big.nsc'], [], 'json'));
  const command = await timed(() => nsc(['study', 'merge', ...parts, '-o', join(dir, 'big-result.json'), '-q'], dir));
  print(
    `merge of 1,000 instances x 36 cells (4 parts, ${megabytes.toFixed(1)} MB): read, check, summarise, write ${fmt(inProcess)} ms (median of 5); nsc study merge, process start included, ${fmt(command.seconds * 1000)} ms`,
  );
}
