/**
 * A study in shards: the grid cut into balanced parts (cli/shards.ts), the shard read from a Slurm
 * job array or a Kubernetes Indexed Job, and `nsc study merge` giving back exactly the document of
 * a one-machine run — or a clear refusal for parts that are not one whole run.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveShard, shardSlices, type Shard } from '../../cli/shards.js';
import { nsc } from './run-cli.js';

const ROOT = join(import.meta.dirname, '../..');

describe('shardSlices', () => {
  it('cuts 15 instances x 36 cells into 4 shards of 135 points at the points 135, 270 and 405', () => {
    // Shard 2 is points 135..269: 135 = 3 x 36 + 27 and 269 = 7 x 36 + 17.
    expect(shardSlices(36, 15, { index: 2, count: 4 })).toEqual([
      { instance: 3, firstCell: 27, endCell: 36 },
      { instance: 4, firstCell: 0, endCell: 36 },
      { instance: 5, firstCell: 0, endCell: 36 },
      { instance: 6, firstCell: 0, endCell: 36 },
      { instance: 7, firstCell: 0, endCell: 18 },
    ]);
  });

  it('covers every point of the grid exactly once, in shards whose sizes differ by at most one', () => {
    for (const [cells, instances, count] of [
      [36, 15, 4],
      [7, 3, 5],
      [1, 1, 3],
      [5, 1000, 7],
      [3, 2, 6],
      [4, 9, 1],
    ]) {
      const times = new Array<number>(cells * instances).fill(0);
      const sizes: number[] = [];
      for (let index = 1; index <= count; index++) {
        let size = 0;
        for (const slice of shardSlices(cells, instances, { index, count })) {
          expect(slice.endCell).toBeGreaterThan(slice.firstCell);
          for (let cell = slice.firstCell; cell < slice.endCell; cell++) times[slice.instance * cells + cell]++;
          size += slice.endCell - slice.firstCell;
        }
        sizes.push(size);
      }
      expect(
        times.every((t) => t === 1),
        `${cells} x ${instances} in ${count}`,
      ).toBe(true);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });
});

describe('which shard a run is', () => {
  const shard = (options: { shard?: string; shards?: string }, env: NodeJS.ProcessEnv = {}): Shard | undefined => resolveShard(options, env)?.shard;
  const slurm = (id: number, min: number, max: number, count: number, step?: number): NodeJS.ProcessEnv => ({
    SLURM_ARRAY_TASK_ID: String(id),
    SLURM_ARRAY_TASK_MIN: String(min),
    SLURM_ARRAY_TASK_MAX: String(max),
    SLURM_ARRAY_TASK_COUNT: String(count),
    ...(step === undefined ? {} : { SLURM_ARRAY_TASK_STEP: String(step) }),
  });

  it('--shard I/N, I from 1 to N', () => {
    expect(shard({ shard: '2/4' })).toEqual({ index: 2, count: 4 });
    expect(shard({ shard: '1/1' })).toEqual({ index: 1, count: 1 });
    for (const wrong of ['0/4', '5/4', '2/0', 'two/four', '2', '-1/4']) expect(() => shard({ shard: wrong }), wrong).toThrow(/--shard needs I\/N/);
    expect(() => shard({ shard: '1/4', shards: '4' })).toThrow(/--shards N is only for JOB_COMPLETION_INDEX/);
  });

  it('a Slurm job array: the task id counted from SLURM_ARRAY_TASK_MIN in steps of SLURM_ARRAY_TASK_STEP', () => {
    // --array=5-8: tasks 5, 6, 7, 8 are shards 1..4.
    expect([5, 6, 7, 8].map((id) => shard({}, slurm(id, 5, 8, 4)))).toEqual([1, 2, 3, 4].map((index) => ({ index, count: 4 })));
    // --array=1-7:3: tasks 1, 4, 7.
    expect(shard({}, slurm(4, 1, 7, 3, 3))).toEqual({ index: 2, count: 3 });
    // --array=0,2,7 has gaps: every task refuses, not only task 7.
    for (const id of [0, 2, 7]) expect(() => shard({}, slurm(id, 0, 7, 3))).toThrow(/the Slurm job array is not a range/);
    expect(() => shard({}, { SLURM_ARRAY_TASK_ID: '3' })).toThrow(/SLURM_ARRAY_TASK_MIN is not/);
    expect(() => shard({ shards: '3' }, slurm(5, 5, 8, 4))).toThrow(/--shards 3 does not match the Slurm job array's 4 tasks/);
    // --shard overrides the environment.
    expect(shard({ shard: '1/2' }, slurm(7, 5, 8, 4))).toEqual({ index: 1, count: 2 });
  });

  it("a Kubernetes Indexed Job: JOB_COMPLETION_INDEX from 0, with the Job's completions as --shards", () => {
    expect(shard({ shards: '4' }, { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 4 });
    expect(shard({ shards: '4' }, { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 4, count: 4 });
    expect(() => shard({ shards: '4' }, { JOB_COMPLETION_INDEX: '4' })).toThrow(/JOB_COMPLETION_INDEX=4 is past --shards 4/);
    expect(() => shard({}, { JOB_COMPLETION_INDEX: '1' })).toThrow(/give the number of shards.*--shards N/);
    expect(() => shard({ shards: '4' })).toThrow(/JOB_COMPLETION_INDEX is not set/);
    expect(() => shard({ shards: '0' }, { JOB_COMPLETION_INDEX: '0' })).toThrow(/--shards needs a whole number of at least 1/);
  });

  it('nothing said: the whole study', () => {
    expect(resolveShard({}, {})).toBeUndefined();
  });
});

describe('nsc study --shard -o PART, then nsc study merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nsc-shards-'));
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) => nsc(args, { cwd: dir, env: { ...process.env, ...env } });
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  const validatePart = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'docs/schema/study-part.schema.json'), 'utf8')));
  let oneMachine: string;

  beforeAll(() => {
    copyFileSync(join(ROOT, 'examples/mandala-study.nsc'), join(dir, 'study.nsc'));
    const whole = run(['study', 'study.nsc', '--json', '--jobs', '1']);
    expect(whole.code).toBe(0);
    oneMachine = whole.stdout;
    for (let index = 1; index <= 4; index++) {
      // One shard on two worker threads: threads change nothing either.
      const shard = run(['study', 'study.nsc', '--shard', `${index}/4`, '-o', `part-${index}.json`, '--jobs', index === 2 ? '2' : '1']);
      expect(shard.code, shard.stderr).toBe(0);
      expect(shard.stdout).toBe('');
      expect(shard.stderr).toBe(`shard ${index}/4 done: its part is in part-${index}.json; merge the parts with nsc study merge\n`);
    }
  });

  it('merges 4 shards into the one-machine document, byte for byte, whatever the order of the parts', () => {
    const merged = run(['study', 'merge', 'part-3.json', 'part-1.json', 'part-4.json', 'part-2.json', '-o', 'result.json']);
    expect(merged.code, merged.stderr).toBe(0);
    expect(readFileSync(join(dir, 'result.json'), 'utf8')).toBe(oneMachine);
    expect(run(['study', 'merge', 'part-1.json', 'part-2.json', 'part-3.json', 'part-4.json', '--json']).stdout).toBe(oneMachine);
    // The table and CSV of the merge are those of the one-machine run as well.
    expect(run(['study', 'merge', 'part-1.json', 'part-2.json', 'part-3.json', 'part-4.json', '--csv']).stdout).toBe(run(['study', 'study.nsc', '--csv', '-q']).stdout);
  });

  it('writes parts that docs/schema/study-part.schema.json describes, each with its share of the 540 points', () => {
    const points = [1, 2, 3, 4].map((index) => {
      const part = JSON.parse(readFileSync(join(dir, `part-${index}.json`), 'utf8'));
      expect(validatePart(part), ajv.errorsText(validatePart.errors)).toBe(true);
      expect(part).toMatchObject({ format: 'nsc-study-part/1', file: 'study.nsc', shard: { index, count: 4 }, complete: true });
      return part.studies[0].done.reduce((n: number, slice: { outcomes: unknown[] }) => n + slice.outcomes.length, 0);
    });
    expect(points).toEqual([135, 135, 135, 135]); // 15 instances x 36 cells / 4
  });

  it('runs the shards of a Kubernetes Indexed Job from JOB_COMPLETION_INDEX and --shards, and of a Slurm array from 5 to 7', () => {
    for (let index = 0; index < 3; index++) {
      expect(run(['study', 'study.nsc', '--shards', '3', '-o', `k8s-${index}.json`, '-q'], { JOB_COMPLETION_INDEX: String(index) }).code).toBe(0);
      const slurm = { SLURM_ARRAY_TASK_ID: String(5 + index), SLURM_ARRAY_TASK_MIN: '5', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_STEP: '1' };
      expect(run(['study', 'study.nsc', '-o', `slurm-${5 + index}.json`, '-q'], slurm).code).toBe(0);
    }
    expect(run(['study', 'merge', 'k8s-0.json', 'k8s-1.json', 'k8s-2.json', '--json']).stdout).toBe(oneMachine);
    expect(run(['study', 'merge', 'slurm-5.json', 'slurm-6.json', 'slurm-7.json', '--json']).stdout).toBe(oneMachine);
  });

  it('refuses parts that are not the whole of one run, naming the shards and files', () => {
    const refused = (parts: string[]) => {
      const merge = run(['study', 'merge', ...parts, '-o', 'refused.json']);
      expect(merge.code).toBe(2);
      return merge.stderr.trim();
    };
    expect(refused(['part-1.json', 'part-3.json'])).toBe('nsc study merge: the parts do not cover the study exactly once: shards 2 and 4 of 4 are missing');
    copyFileSync(join(dir, 'part-3.json'), join(dir, 'copy-3.json'));
    expect(refused(['part-1.json', 'part-2.json', 'part-3.json', 'copy-3.json'])).toBe(
      'nsc study merge: the parts do not cover the study exactly once: shard 4 of 4 is missing; shard 3/4 is in part-3.json and copy-3.json',
    );
    expect(refused(['part-1.json', 'part-2.json', 'part-3.json', 'k8s-2.json'])).toBe(
      'nsc study merge: the parts are not of the same study: part-1.json is one of 4 shards, k8s-2.json one of 3',
    );

    // The study file changed between the shards: even a comment makes it another run. (In its own
    // folder: beside study.nsc its declarations would clash.)
    mkdirSync(join(dir, 'edited'));
    writeFileSync(join(dir, 'edited/study.nsc'), `// edited\n${readFileSync(join(dir, 'study.nsc'), 'utf8')}`);
    expect(run(['study', 'edited/study.nsc', '--shard', '4/4', '-o', 'edited-4.json', '-q']).code).toBe(0);
    expect(refused(['part-1.json', 'part-2.json', 'part-3.json', 'edited-4.json'])).toBe(
      'nsc study merge: the parts are not of the same study: part-1.json and edited-4.json are for different contents of the study file (study.nsc, edited/study.nsc)',
    );

    // A shard stopped before its end: its last slice is not in its part.
    const part = JSON.parse(readFileSync(join(dir, 'part-4.json'), 'utf8'));
    part.studies[0].done.pop();
    writeFileSync(join(dir, 'unfinished-4.json'), JSON.stringify(part));
    expect(refused(['part-1.json', 'part-2.json', 'part-3.json', 'unfinished-4.json'])).toBe(
      'nsc study merge: unfinished-4.json: shard 4/4 is unfinished (study PaperSweep): run it again with the same -o to finish it, then merge',
    );
    // A slice of another shard smuggled into a part.
    part.studies[0].done.push({ instance: 0, firstCell: 0, outcomes: [null] });
    writeFileSync(join(dir, 'damaged-4.json'), JSON.stringify(part));
    expect(refused(['damaged-4.json'])).toMatch(
      /^nsc study merge: damaged-4\.json is a damaged part file: study PaperSweep: instance 0, cells 0\.\.0 are not, or not once, in shard 4\/4$/,
    );
    expect(refused(['study.nsc'])).toMatch(/^nsc study merge: study\.nsc is not a part file of nsc study: it is not JSON/);
    expect(refused(['nowhere.json'])).toBe('nsc study merge: cannot read nowhere.json: no such file');
  });

  it('never overwrites the part of another shard, and wants -o for a shard', () => {
    const before = readFileSync(join(dir, 'part-1.json'), 'utf8');
    const other = run(['study', 'study.nsc', '--shard', '2/4', '-o', 'part-1.json']);
    expect(other.code).toBe(2);
    expect(other.stderr.trim()).toBe('nsc study: part-1.json holds shard 1/4, this run is shard 2/4: delete part-1.json to start over, or name another -o file');
    expect(readFileSync(join(dir, 'part-1.json'), 'utf8')).toBe(before);

    const noPart = run(['study', 'study.nsc'], { SLURM_ARRAY_TASK_ID: '6', SLURM_ARRAY_TASK_MIN: '5', SLURM_ARRAY_TASK_MAX: '8', SLURM_ARRAY_TASK_COUNT: '4' });
    expect(noPart.code).toBe(2);
    expect(noPart.stderr.trim()).toBe('nsc study: Slurm array task 6 of 5-8 makes this run shard 2/4 of the study: name the file for its part with -o PART.json');
    const json = run(['study', 'study.nsc', '--shard', '2/4', '-o', 'json-2.json', '--json']);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatch(/--json and --csv print whole studies: merge the parts with nsc study merge/);
  });
});
