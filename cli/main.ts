#!/usr/bin/env node
/** `nsc`: the NetScenario command line (CLI.md). */
import '../language/polyfills.js';
import { parseArgs } from 'node:util';
import { runCheck } from './check.js';
import { runReport } from './report.js';
import { runSimulate } from './simulate.js';
import { runSolve } from './solve.js';
import { runStudyCommand } from './study.js';
import { UsageError } from './analysis.js';
import { EXIT } from './exit-codes.js';

const USAGE = `Usage:
  nsc check FILE... [--workspace DIR]
  nsc solve FILE... [--json] [--time-limit S] [--workspace DIR]
  nsc simulate FILE [--switch NAME] [--periods N] [--csv] [--workspace DIR]
  nsc study FILE [--study NAME] [--json|--csv] [--jobs N] [--workspace DIR]
  nsc report FILE -o report.html [--workspace DIR]

Exit codes: 0 valid and feasible, 1 infeasible, 2 input errors, 3 solver time limit.`;

const parseCommandLine = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: {
      workspace: { type: 'string' },
      json: { type: 'boolean' },
      csv: { type: 'boolean' },
      'time-limit': { type: 'string' },
      switch: { type: 'string' },
      study: { type: 'string' },
      periods: { type: 'string' },
      jobs: { type: 'string' },
      output: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });

type ParsedValues = ReturnType<typeof parseCommandLine>['values'];

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseCommandLine(rest);
  } catch (error) {
    process.stderr.write(`nsc: ${(error as Error).message}\n${USAGE}\n`);
    return EXIT.inputError;
  }
  if (!command || command === '--help' || command === '-h' || parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return command ? EXIT.ok : EXIT.inputError;
  }
  const files = parsed.positionals;
  if (files.length === 0) {
    process.stderr.write(`nsc ${command}: name at least one .nsc file\n`);
    return EXIT.inputError;
  }
  try {
    return await run(command, files, parsed.values);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`nsc ${command}: ${error.message}\n`);
    return EXIT.inputError;
  }
}

async function run(command: string, files: string[], values: ParsedValues): Promise<number> {
  switch (command) {
    case 'check':
      return runCheck(files, values.workspace);
    case 'solve':
      return runSolve(files, { json: values.json, timeLimit: values['time-limit'], workspace: values.workspace });
    case 'study':
      return runStudyCommand(files, { study: values.study, json: values.json, csv: values.csv, jobs: values.jobs, workspace: values.workspace });
    case 'simulate':
      return runSimulate(files, { switch: values.switch, periods: values.periods, csv: values.csv, workspace: values.workspace });
    case 'report':
      return runReport(files, { output: values.output, workspace: values.workspace });
    default:
      process.stderr.write(`nsc: unknown command '${command}'\n${USAGE}\n`);
      return EXIT.inputError;
  }
}

// `nsc check ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`nsc: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.bug;
  },
);
