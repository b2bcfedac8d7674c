/** The command line: each command takes only its own options; help and version. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nsc } from './run-cli.js';

const example = (name: string) => join(import.meta.dirname, '../../examples', name);
const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8')) as { version: string };

describe('nsc options', () => {
  it('--version prints the package version', () => {
    const { code, stdout } = nsc(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`${manifest.version}\n`);
  });

  it("an option of another command is refused, naming the option, its commands, and showing this command's usage", () => {
    const cases: [string[], string][] = [
      [['solve', '--csv', example('paper-fork.nsc')], 'nsc solve: --csv is an option of nsc simulate, nsc study and nsc study merge, not of nsc solve'],
      [['check', '--json', example('paper-fork.nsc')], 'nsc check: --json is an option of nsc solve, nsc simulate, nsc study and nsc study merge, not of nsc check'],
      [['simulate', '--time-limit', '5', example('paper-fork.nsc')], 'nsc simulate: --time-limit is an option of nsc solve and nsc study, not of nsc simulate'],
      [['report', '--periods', '3', example('paper-fork.nsc')], 'nsc report: --periods is an option of nsc simulate, not of nsc report'],
      [['solve', '-o', 'x.html', example('paper-fork.nsc')], 'nsc solve: -o is an option of nsc study, nsc study merge, nsc report and nsc import, not of nsc solve'],
      [['study', '--frobnicate', example('mandala-study.nsc')], 'nsc study: unknown option --frobnicate'],
    ];
    for (const [args, message] of cases) {
      const { code, stdout, stderr } = nsc(args);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const [first, , usage] = stderr.split('\n');
      expect(first).toBe(message);
      expect(usage).toBe(`Usage: nsc ${args[0]} ${args[0] === 'check' || args[0] === 'solve' ? 'FILE...' : 'FILE'} [options]`);
    }
    // A two-word command: its options are its own, not those of the command it starts like.
    const merge = nsc(['study', 'merge', '--jobs', '2', 'part.json']);
    expect(merge.code).toBe(2);
    const [first, , usage] = merge.stderr.split('\n');
    expect(first).toBe('nsc study merge: --jobs is an option of nsc study, not of nsc study merge');
    expect(usage).toBe('Usage: nsc study merge PART... [options]');
  });

  it('says which value is missing or not wanted', () => {
    expect(nsc(['solve', example('paper-fork.nsc'), '--time-limit']).stderr).toMatch(/^nsc solve: --time-limit needs a value\n/);
    expect(nsc(['solve', '--json=yes', example('paper-fork.nsc')]).stderr).toMatch(/^nsc solve: --json takes no value\n/);
    expect(nsc(['simulate', '--periods', '-3', example('paper-fork.nsc')]).stderr).toMatch(
      /^nsc simulate: --periods needs a value \(to give one starting with '-', write --periods=VALUE\)\n/,
    );
  });

  it('needs a file', () => {
    const { code, stderr } = nsc(['solve']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^nsc solve: name at least one \.nsc file\n\nUsage: nsc solve FILE\.\.\. \[options\]/);
  });
});

describe('nsc help', () => {
  it('lists the commands', () => {
    const { code, stdout } = nsc(['help']);
    expect(code).toBe(0);
    for (const command of ['check', 'solve', 'simulate', 'study', 'report']) expect(stdout).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
    expect(nsc(['--help']).stdout).toBe(stdout);
  });

  it("nsc help COMMAND and nsc COMMAND --help show that command's options with their defaults", () => {
    const solve = nsc(['help', 'solve']);
    expect(solve.code).toBe(0);
    expect(solve.stdout).toMatch(/^Usage: nsc solve FILE\.\.\. \[options\]\n/);
    expect(solve.stdout).toMatch(/^ {2}--time-limit S +.*\(default: no limit\)$/m);
    expect(solve.stdout).toMatch(/^ {2}--json +/m);
    expect(solve.stdout).not.toMatch(/--csv|--periods|--jobs/);
    expect(nsc(['solve', '--help']).stdout).toBe(solve.stdout);
    const simulate = nsc(['help', 'simulate']).stdout;
    expect(simulate).toMatch(/^ {2}--periods N +.*\(default: the switch's controller periods, 50 unless set\)$/m);
    expect(nsc(['help', 'study']).stdout).toMatch(/^ {2}--jobs N +worker threads \(default: one less than the cores, here \d+\)$/m);
    expect(nsc(['help', 'report']).stdout).toMatch(/^ {2}-o, --output FILE +the page to write \(required\)$/m);
  });

  it('refuses an unknown command or help topic with the overview', () => {
    for (const args of [
      ['frobnicate', 'x.nsc'],
      ['help', 'frobnicate'],
    ]) {
      const { code, stderr } = nsc(args);
      expect(code).toBe(2);
      expect(stderr).toMatch(/'frobnicate'\n\nnsc: check, solve and simulate/);
    }
  });
});
