/**
 * What a user sees when something is wrong: files that cannot be analysed are one-line errors with
 * exit 2, `--json` still prints one JSON document, and a bug is one line with exit 70, never a stack
 * trace unless NSC_DEBUG is set.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CLI, nsc } from './run-cli.js';

const example = (name: string) => join(import.meta.dirname, '../../examples', name);
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
const schema = (name: string) => ajv.compile(JSON.parse(readFileSync(join(import.meta.dirname, '../../docs/schema', name), 'utf8')));
const validSolve = schema('solve.schema.json');
const validStudy = schema('study.schema.json');

/** A folder holding one good file and one of each kind of file nsc cannot analyse. */
function badFiles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nsc-errors-'));
  chmodSync(dir, 0o755); // readable by the unprivileged user below
  writeFileSync(join(dir, 'good.nsc'), 'curve C {\n  1 -> 1 s\n}\n');
  writeFileSync(join(dir, 'empty.nsc'), '');
  writeFileSync(join(dir, 'blank.nsc'), '\n   \n\t\n');
  writeFileSync(join(dir, 'notes.txt'), 'curve C {\n  1 -> 1 s\n}\n');
  mkdirSync(join(dir, 'folder.nsc'));
  symlinkSync('loop.nsc', join(dir, 'loop.nsc'));
  writeFileSync(join(dir, 'secret.nsc'), 'curve S {\n  1 -> 1 s\n}\n');
  chmodSync(join(dir, 'secret.nsc'), 0o000);
  return dir;
}

/**
 * Root reads any file: the unreadable file is read as `nobody` then, so that it really is unreadable.
 * That needs a checkout `nobody` can reach; one under a private folder (root's home, a mktemp -d)
 * cannot be tested for it, and the test says so rather than failing on a folder it did not make.
 */
const NOBODY = 65534;
const runsAsRoot = process.getuid?.() === 0;
const nobodyReachesCli = !runsAsRoot || spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(CLI)})`], { uid: NOBODY, gid: NOBODY }).status === 0;
const asReader = (file: string) => (runsAsRoot && file === 'secret.nsc' ? { uid: NOBODY } : {});

const EXPECTED: Record<string, string> = {
  'empty.nsc': 'empty.nsc:1:1: error: the file is empty: it declares nothing to check',
  'blank.nsc': 'blank.nsc:1:1: error: the file is empty: it declares nothing to check',
  'notes.txt': 'notes.txt:1:1: error: not a .nsc file: nsc reads NetScenario files ending in .nsc',
  'folder.nsc': 'folder.nsc:1:1: error: is a folder: name the .nsc files in it',
  'missing.nsc': 'missing.nsc:1:1: error: cannot read file: no such file',
  'loop.nsc': 'loop.nsc:1:1: error: cannot read file: too many symbolic links (a link loop?)',
  'secret.nsc': 'secret.nsc:1:1: error: cannot read file: permission denied',
};

describe('files nsc cannot analyse', () => {
  const dir = badFiles();

  for (const [file, line] of Object.entries(EXPECTED)) {
    const test = file === 'secret.nsc' && !nobodyReachesCli ? it.skip : it;
    test(`${file}: one line, exit 2, for check and for solve`, () => {
      const check = nsc(['check', file], { cwd: dir, ...asReader(file) });
      expect(check.code).toBe(2);
      expect(check.stdout).toBe(`${line}\n`);
      expect(check.stderr).toBe('');
      const solve = nsc(['solve', file], { cwd: dir, ...asReader(file) });
      expect(solve.code).toBe(2);
      expect(solve.stdout).toBe('');
      expect(solve.stderr).toBe(`${line}\n`);
    });
  }

  it('a bad file among good ones fails only itself; the good file still checks (and its folder loads around the bad ones)', () => {
    const { code, stdout } = nsc(['check', 'good.nsc', 'empty.nsc', 'folder.nsc'], { cwd: dir });
    expect(code).toBe(2);
    expect(stdout).toBe(`${EXPECTED['empty.nsc']}\n${EXPECTED['folder.nsc']}\n`);
  });
});

describe('--json on errors', () => {
  const dir = badFiles();

  it('solve --json prints files and diagnostics with empty results, exit 2', () => {
    writeFileSync(join(dir, 'typo.nsc'), 'curve C {\n  1 -> 1 s\n  2 -> 1 mss\n}\n');
    const { code, stdout, stderr } = nsc(['solve', '--json', 'typo.nsc', 'missing.nsc'], { cwd: dir });
    expect(code).toBe(2);
    expect(validSolve(JSON.parse(stdout)), ajv.errorsText(validSolve.errors)).toBe(true);
    expect(JSON.parse(stdout)).toEqual({
      files: ['typo.nsc', 'missing.nsc'],
      diagnostics: [
        { file: 'typo.nsc', line: 3, column: 10, severity: 'error', message: "Unknown unit 'mss': a training time is a time (ns, us, µs, ms, s). Did you mean 'ms'?" },
        { file: 'missing.nsc', line: 1, column: 1, severity: 'error', message: 'cannot read file: no such file' },
      ],
      placements: [],
      switches: [],
      services: [],
    });
    // The same diagnostics for a person reading stderr.
    expect(stderr.trim().split('\n')).toEqual([
      "typo.nsc:3:10: error: Unknown unit 'mss': a training time is a time (ns, us, µs, ms, s). Did you mean 'ms'?",
      EXPECTED['missing.nsc'],
    ]);
  });

  it('study --json prints files, diagnostics and no studies, exit 2', () => {
    const { code, stdout } = nsc(['study', '--json', 'empty.nsc'], { cwd: dir });
    expect(code).toBe(2);
    expect(validStudy(JSON.parse(stdout)), ajv.errorsText(validStudy.errors)).toBe(true);
    expect(JSON.parse(stdout)).toEqual({
      files: ['empty.nsc'],
      diagnostics: [{ file: 'empty.nsc', line: 1, column: 1, severity: 'error', message: 'the file is empty: it declares nothing to check' }],
      studies: [],
    });
  });

  it('a wrong command line still gives one JSON document, with the reason in error', () => {
    const unknown = nsc(['solve', '--json', '--frobnicate', example('paper-fork.nsc')]);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toEqual({ files: [], diagnostics: [], error: 'unknown option --frobnicate', placements: [], switches: [], services: [] });
    expect(validSolve(JSON.parse(unknown.stdout))).toBe(true);
    const badValue = nsc(['solve', '--json', '--time-limit', 'soon', example('paper-fork.nsc')]);
    expect(badValue.code).toBe(2);
    expect(JSON.parse(badValue.stdout)).toMatchObject({ files: [example('paper-fork.nsc')], error: "--time-limit needs a positive number, got 'soon'", placements: [] });
    const noStudy = nsc(['study', '--json', '--study', 'Nope', example('mandala-study.nsc')]);
    expect(noStudy.code).toBe(2);
    expect(JSON.parse(noStudy.stdout)).toMatchObject({ error: "no study named 'Nope' (studies: PaperSweep)", studies: [] });
    expect(validStudy(JSON.parse(noStudy.stdout))).toBe(true);
  });

  it('warnings of a file that solves are in the JSON too', () => {
    writeFileSync(join(dir, 'warned.nsc'), 'curve Rising {\n  1 -> 1 s\n  2 -> 2 s\n}\n');
    const { code, stdout } = nsc(['solve', '--json', 'warned.nsc'], { cwd: dir });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      files: ['warned.nsc'],
      // At the time of line 3, "  2 -> 2 s": column 8.
      diagnostics: [
        { file: 'warned.nsc', line: 3, column: 8, severity: 'warning', message: 'Training time rises from 1 s at k = 1 to 2 s at k = 2: more AIFs usually train faster.' },
      ],
      placements: [],
      switches: [],
      services: [],
    });
  });
});

describe('internal errors', () => {
  // A bug stood in for by breaking JSON.stringify before nsc starts: nothing in nsc expects that to throw.
  const broken = join(mkdtempSync(join(tmpdir(), 'nsc-bug-')), 'break-json.mjs');
  writeFileSync(broken, "JSON.stringify = () => { throw new Error('stringify is broken'); };\n");
  const nodeArgs = ['--import', pathToFileURL(broken).href];

  it('print one line asking for a report, exit 70, and no stack trace', () => {
    const { code, stdout, stderr } = nsc(['solve', '--json', example('paper-fork.nsc')], { nodeArgs, env: { ...process.env, NSC_DEBUG: '' } });
    expect(code).toBe(70);
    expect(stderr).toBe('nsc: internal error: stringify is broken (please report this)\n');
    expect(stdout).toBe(''); // the error document cannot be printed either: JSON itself is what is broken
  });

  it('show the stack with NSC_DEBUG=1', () => {
    const { code, stderr } = nsc(['solve', '--json', example('paper-fork.nsc')], { nodeArgs, env: { ...process.env, NSC_DEBUG: '1' } });
    expect(code).toBe(70);
    const [first, ...stack] = stderr.trim().split('\n');
    expect(first).toBe('nsc: internal error: stringify is broken (please report this)');
    expect(stack.join('\n')).toMatch(/^Error: stringify is broken\n\s+at /);
  });

  it('never reach the user as a stack trace from an ordinary input error', () => {
    for (const args of [
      ['check', 'x.txt'],
      ['solve', '--json', 'nope.nsc'],
      ['simulate', '--periods', 'x', example('paper-fork.nsc')],
    ]) {
      const { stderr, stdout } = nsc(args);
      expect(stderr + stdout).not.toMatch(/\n\s+at |internal error/);
    }
  });
});
