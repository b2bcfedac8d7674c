/**
 * Memory benchmark, figures measured in this run: process RSS over 1,000 compact-MILP solves through
 * one HighsWorker, and the language server's RSS over 1,000 edit-and-save cycles of two examples.
 * "After warm-up" is after the first solve, which loads HiGHS and pays the JIT warm-up.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { DEFAULT_FOOTPRINT_BUDGET } from '../engine/highs/highs-thread.js';
import { HighsWorker } from '../engine/highs/worker-solver.js';
import { solvePlacement } from '../engine/placement/solve.js';
import { LspSession } from '../test/support/lsp-session.js';
import { BALANCED, MILP_LIMIT_SECONDS, MIN_AIFS, mandalaProblem } from './placement.js';

const SOLVES = 1000;
const SAVE_CYCLES = 1000;
const SAMPLE_EVERY = 100;

const mb = (bytes: number) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(0)} MB` : 'n/a');

/** Resident set size of another process, bytes (NaN where there is no /proc). */
function residentBytes(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export async function benchMemory(print: (line: string) => void, examplesDir: string): Promise<void> {
  await benchSolverMemory(print);
  await benchServerMemory(print, examplesDir);
}

async function benchSolverMemory(print: (line: string) => void): Promise<void> {
  const solver = new HighsWorker();
  try {
    let warmedUp = NaN;
    const samples: string[] = [];
    const started = performance.now();
    for (let i = 0; i < SOLVES; i++) {
      // Varied small instances through the long-lived worker: 26 nodes min-aifs, every 10th 13 nodes balanced.
      const problem = i % 10 === 9 ? mandalaProblem(8, BALANCED, i, 1 + (i % 15)) : mandalaProblem(16, MIN_AIFS, i, 1 + (i % 15));
      await solvePlacement(problem, { method: 'milp-compact', solver, timeLimit: MILP_LIMIT_SECONDS });
      if (i === 0) warmedUp = process.memoryUsage().rss;
      if ((i + 1) % SAMPLE_EVERY === 0) samples.push(`${i + 1}: ${mb(process.memoryUsage().rss)}`);
    }
    const seconds = (performance.now() - started) / 1000;
    const worker = solver.sharedFootprint;
    print(`memory over ${SOLVES} compact MILP solves through one HighsWorker (${seconds.toFixed(0)} s):`);
    print(`  process RSS after warm-up: ${mb(warmedUp)}; after N solves: ${samples.join(', ')}`);
    print(
      `  then: main-thread JS heap ${mb(getHeapStatistics().total_physical_size)}, long-lived worker JS heap ${mb(worker?.jsHeapBytes ?? NaN)} + WASM ${mb(worker?.wasmBytes ?? NaN)}; ` +
        `long-lived workers started: ${solver.sharedWorkersStarted} (replaced past ${mb(DEFAULT_FOOTPRINT_BUDGET)})`,
    );
    const large: string[] = [];
    for (let i = 0; i < 3; i++) {
      // 208-node compact models exceed the fresh-worker size: each runs in a worker that is terminated after.
      await solvePlacement(mandalaProblem(128, MIN_AIFS, i), { method: 'milp-compact', solver, timeLimit: MILP_LIMIT_SECONDS });
      large.push(mb(process.memoryUsage().rss));
    }
    print(`  process RSS after each of 3 large (208-node) solves in fresh workers: ${large.join(', ')}`);
  } finally {
    await solver.close();
  }
}

interface EditedFile {
  readonly uri: string;
  readonly text: string;
  /** The same file with one number changed: saves alternate between the two texts. */
  readonly toggled: string;
}

/** Copies an example into `folder` with a small edit that keeps it valid. */
function editedCopy(examplesDir: string, folder: string, name: string, from: string, to: string): EditedFile {
  const text = readFileSync(join(examplesDir, name), 'utf8');
  if (!text.includes(from)) throw new Error(`memory bench: "${from}" is no longer in examples/${name}`);
  writeFileSync(join(folder, name), text);
  return { uri: pathToFileURL(join(folder, name)).toString(), text, toggled: text.replace(from, to) };
}

async function benchServerMemory(print: (line: string) => void, examplesDir: string): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'nsc-bench-memory-'));
  const metro = editedCopy(examplesDir, folder, 'metro-placement.nsc', 'latency 1.2 ms', 'latency 1.3 ms');
  // edge-site's switch stands on a Metro node: saving metro-placement re-solves it too.
  const edge = editedCopy(examplesDir, folder, 'edge-site.nsc', 'cost 60 cycles', 'cost 61 cycles');
  const session = await LspSession.start(folder);
  const pid = session.process.pid as number;
  try {
    let version = 1;
    for (const file of [metro, edge]) await session.open(file.uri, file.text, version);
    /** Saves `file` and waits for its results and those of the files re-solved with it. */
    const saveAndSolve = async (file: EditedFile) => {
      const dependents = file === metro ? [session.nextResults(edge.uri)] : [];
      const { results } = await session.save(file.uri);
      if (results.status !== 'solved') throw new Error(`memory bench: ${file.uri} ${results.status} ${results.message ?? ''}`);
      await Promise.all(dependents);
    };
    await saveAndSolve(metro); // warm-up: the solve worker loads HiGHS, both files get solved once
    const warmedUp = residentBytes(pid);
    const samples: string[] = [];
    const started = performance.now();
    for (let cycle = 0; cycle < SAVE_CYCLES; cycle++) {
      const file = cycle % 2 === 0 ? metro : edge;
      await session.change(file.uri, Math.floor(cycle / 2) % 2 === 0 ? file.toggled : file.text, ++version);
      await saveAndSolve(file);
      if ((cycle + 1) % SAMPLE_EVERY === 0) samples.push(`${cycle + 1}: ${mb(residentBytes(pid))}`);
    }
    const seconds = (performance.now() - started) / 1000;
    print(`language server over ${SAVE_CYCLES} edit+save cycles, edge-site.nsc and metro-placement.nsc alternately (${seconds.toFixed(0)} s):`);
    print(`  server RSS after warm-up: ${mb(warmedUp)}; after N cycles: ${samples.join(', ')}`);
  } finally {
    await session.stop();
  }
}
