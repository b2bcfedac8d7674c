/**
 * A study as a real Slurm job array: starts a one-node cluster (scripts/slurm/start.sh), submits
 * the job script of docs/clusters.md, as it is written there, as 4 array tasks numbered 5 to 8
 * (`sbatch --wait --array=5-8`), merges their parts and compares the result with the one-machine
 * run. Skips, saying what is missing, where Slurm is not installed (scripts/slurm/install.sh) or
 * the tests do not run as root — unless NSC_SLURM_REQUIRED=1 (as in .ci/run): then that fails.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, nsc } from './run-cli.js';

const ROOT = join(import.meta.dirname, '../..');
const required = process.env.NSC_SLURM_REQUIRED === '1';
const installed = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`]).status === 0;
const missing = [
  ...(process.getuid?.() === 0 ? [] : ['root (slurmd runs the jobs as their submitter)']),
  ...['munged', 'slurmctld', 'slurmd', 'sbatch'].filter((tool) => !installed(tool)),
];
const why = `missing ${missing.join(', ')}; install with: bash scripts/slurm/install.sh (apt: slurm-wlm munge), as root`;

/** The job script of docs/clusters.md: its bash block with #SBATCH lines. */
function documentedJobScript(): string {
  const blocks = [...readFileSync(join(ROOT, 'docs/clusters.md'), 'utf8').matchAll(/```bash\n([\s\S]*?)```/g)].map((m) => m[1]);
  const script = blocks.find((block) => block.includes('#SBATCH'));
  if (script === undefined) throw new Error('docs/clusters.md has no job script (a bash block with #SBATCH lines)');
  return script;
}

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

describe('a study as a Slurm job array on a one-node cluster', () => {
  if (missing.length > 0 && !required) {
    console.warn(`[slurm] skipped: ${why}`);
    it.skip(`skipped: ${why}`, () => undefined);
    return;
  }

  const cluster = mkdtempSync(join(tmpdir(), 'nsc-slurm-'));
  const work = mkdtempSync(join(tmpdir(), 'nsc-slurm-work-'));
  const env = { ...process.env, SLURM_CONF: join(cluster, 'slurm.conf'), PATH: `${join(work, 'bin')}:${process.env.PATH ?? ''}:/usr/sbin` };

  beforeAll(() => {
    expect(missing, why).toEqual([]);
    const started = performance.now();
    const start = spawnSync('bash', [join(ROOT, 'scripts/slurm/start.sh'), cluster], { encoding: 'utf8', timeout: 120_000 });
    expect(start.status, `${start.stdout}${start.stderr}`).toBe(0);
    console.log(`[slurm] cluster up in ${seconds(started)} s`);
  }, 150_000);

  afterAll(() => {
    spawnSync('bash', [join(ROOT, 'scripts/slurm/stop.sh'), cluster], { timeout: 60_000 });
    rmSync(cluster, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it("runs docs/clusters.md's job script as 4 array tasks (5-8) whose merged parts are the one-machine result", () => {
    copyFileSync(join(ROOT, 'examples/mandala-study.nsc'), join(work, 'study.nsc'));
    mkdirSync(join(work, 'parts'));
    mkdirSync(join(work, 'bin'));
    // `nsc` as an installed package would put it on the PATH.
    writeFileSync(join(work, 'bin/nsc'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
    chmodSync(join(work, 'bin/nsc'), 0o755);
    writeFileSync(join(work, 'study.sbatch'), documentedJobScript());

    const submitted = performance.now();
    const sbatch = spawnSync('sbatch', ['--wait', '--array=5-8', 'study.sbatch'], { cwd: work, env, encoding: 'utf8', timeout: 600_000 });
    const logs = readdirSync(join(work, 'parts'))
      .filter((name) => name.endsWith('.log'))
      .map((name) => `${name}:\n${readFileSync(join(work, 'parts', name), 'utf8')}`)
      .join('\n');
    expect(sbatch.status, `${sbatch.stdout}${sbatch.stderr}\n${logs}`).toBe(0);
    console.log(`[slurm] the job array ran in ${seconds(submitted)} s`);

    const parts = readdirSync(join(work, 'parts'))
      .filter((name) => name.endsWith('.json'))
      .sort();
    expect(parts).toEqual(['part-5.json', 'part-6.json', 'part-7.json', 'part-8.json']);
    // Task 5 is the first shard: ids are counted from SLURM_ARRAY_TASK_MIN.
    expect(parts.map((name) => JSON.parse(readFileSync(join(work, 'parts', name), 'utf8')).shard)).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
    expect(logs).toContain('shard 1/4 done: its part is in parts/part-5.json');

    const merge = nsc(['study', 'merge', ...parts.map((name) => `parts/${name}`), '-o', 'result.json'], { cwd: work });
    expect(merge.code, merge.stderr).toBe(0);
    const oneMachine = nsc(['study', 'study.nsc', '--json', '--jobs', '1'], { cwd: work });
    expect(oneMachine.code).toBe(0);
    expect(readFileSync(join(work, 'result.json'), 'utf8')).toBe(oneMachine.stdout);
  }, 660_000);
});
