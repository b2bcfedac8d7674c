/**
 * Resume: a study run with -o PART records each slice as it completes (atomically), so a run that
 * is killed or stopped by its time limit goes on from its part file, redoing nothing it finished,
 * and ends with the one-machine result.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, nsc } from './run-cli.js';

/** 60 instances of 104-node topologies, 8 cells each: a few seconds, long enough to stop midway. */
const STUDY = `
topology M mandala { access 64 diameter 12 ms accelerators 30% seed 7 }
curve C { 1 -> 1.2 s  2 -> 0.7 s  4 -> 0.38 s  12 -> 0.17 s }
placement Aif { topology M curve C rounds 10 target 2 s acceleration 0.5 }
study Long {
  placement Aif
  rounds 5, 10
  target 2 s, 1.2 s
  objective baseline, min-aifs
  instances 60 accelerators 10% to 60% seed 3
}
`;

interface DoneSlice {
  instance: number;
  firstCell: number;
  outcomes: ([number, number, number] | null)[];
}

const dir = mkdtempSync(join(tmpdir(), 'nsc-resume-'));
const run = (args: string[]) => nsc(['study', 'long.nsc', ...args], { cwd: dir });
const readPart = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { complete: boolean; studies: { done: DoneSlice[] }[] };
let oneMachine: string;

beforeAll(() => {
  writeFileSync(join(dir, 'long.nsc'), STUDY);
  const whole = run(['--json', '--jobs', '1']);
  expect(whole.code).toBe(0);
  oneMachine = whole.stdout;
});

/**
 * Starts `nsc study long.nsc -o PART` and sends it `signal` once its part holds `slices` slices;
 * resolves with the slices of the part then and what the run wrote on stderr.
 */
function stopAfter(part: string, slices: number, signal: NodeJS.Signals): Promise<{ done: number; stderr: string }> {
  const child = spawn(process.execPath, [CLI, 'study', 'long.nsc', '-o', part, '--jobs', '1'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      let done: number;
      try {
        done = readPart(part).studies[0].done.length;
      } catch {
        return; // not written yet
      }
      if (done >= slices) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 5);
    child.on('close', (code, exitSignal) => {
      clearInterval(poll);
      if (exitSignal === signal) resolve({ done: readPart(part).studies[0].done.length, stderr });
      else reject(new Error(`the run ended (code ${code}, signal ${exitSignal}) before it could be stopped`));
    });
  });
}

describe('nsc study -o PART after an interruption', () => {
  it('resumes a killed run from its part file without redoing the instances it finished', async () => {
    const { done: killedAt } = await stopAfter('killed.json', 3, 'SIGKILL');
    // The kill left a whole part file (each version replaced the last by a rename), and no more than it had.
    const killed = readPart('killed.json');
    expect(killed.complete).toBe(false);
    expect(killedAt).toBeGreaterThanOrEqual(3);
    expect(killedAt).toBeLessThan(60);

    // Mark the finished instances: an outcome no solve gives (99 AIFs). A run that redid them would replace it.
    const marked = structuredClone(killed);
    const original = marked.studies[0].done.map((slice) => slice.outcomes);
    for (const slice of marked.studies[0].done) slice.outcomes = slice.outcomes.map(() => [99, 1, 0]);
    writeFileSync(join(dir, 'killed.json'), JSON.stringify(marked));

    const resumed = run(['-o', 'killed.json', '--jobs', '2', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const after = readPart('killed.json');
    expect(after.complete).toBe(true);
    const slices = after.studies[0].done;
    expect(slices).toHaveLength(60); // one slice per instance: the whole grid, each once
    expect(new Set(slices.map((s) => s.instance)).size).toBe(60);
    for (const slice of marked.studies[0].done) {
      expect(slices.find((s) => s.instance === slice.instance)?.outcomes).toEqual(slice.outcomes.map(() => [99, 1, 0]));
    }

    // With the true outcomes back in place, the part is the one-machine result.
    for (const [i, slice] of marked.studies[0].done.entries()) {
      const kept = slices.find((s) => s.instance === slice.instance);
      if (kept) kept.outcomes = original[i];
    }
    writeFileSync(join(dir, 'restored.json'), JSON.stringify(after));
    const merged = nsc(['study', 'merge', 'restored.json', '--json'], { cwd: dir });
    expect(merged.stdout).toBe(oneMachine);
  });

  it('Ctrl-C (SIGINT): the run says where its work is, dies of the signal, and resumes to the one-machine document', async () => {
    const { done, stderr } = await stopAfter('interrupted.json', 2, 'SIGINT');
    expect(stderr).toContain('interrupted; what is done is in interrupted.json: run the same command again to go on\n');
    expect(done).toBeGreaterThanOrEqual(2);
    expect(readPart('interrupted.json').complete).toBe(false);
    const resumed = run(['-o', 'interrupted.json', '--jobs', '1', '--json']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(oneMachine);
  });

  it('resumes a run stopped by --time-limit (exit 3) and ends with the one-machine document', () => {
    const stopped = run(['-o', 'limited.json', '--jobs', '1', '--json', '--time-limit', '0.3']);
    expect(stopped.code).toBe(3);
    expect(JSON.parse(stopped.stdout).studies).toEqual([{ name: 'Long', placement: 'Aif', instances: 60, status: 'timeout', cells: [] }]);
    expect(stopped.stderr).toContain('stopped by the time limit; what is done is in limited.json: run the same command again to go on');
    const part = readPart('limited.json');
    expect(part.complete).toBe(false);
    expect(part.studies[0].done.length).toBeLessThan(60);

    const resumed = run(['-o', 'limited.json', '--jobs', '1', '--json']);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toBe(oneMachine);
  });
});
