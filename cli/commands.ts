/**
 * The commands of `nsc` and their options: each command accepts only its own, and its usage (with
 * defaults) is generated from the same table, so help and parsing cannot drift apart.
 */
import { parseArgs } from 'node:util';
import { runCheck } from './check.js';
import { runImport } from './import.js';
import { runReport } from './report.js';
import { runSimulate } from './simulate.js';
import { runSolve } from './solve.js';
import { runStudyMerge } from './shards-merge.js';
import { defaultJobs, runStudyCommand } from './study.js';
import { UsageError } from './usage-error.js';
import { listed } from './words.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Placeholder of the value in the usage, e.g. S or DIR. */
  readonly value?: string;
  /** What it does, and its default. */
  readonly help: string;
}

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface Command {
  readonly name: string;
  readonly summary: string;
  /** What the positional arguments are: .nsc files, or part files of `nsc study`. */
  readonly files: 'FILE' | 'FILE...' | 'PART...';
  /** What the files are, for the usage error when none is named (default: .nsc file). */
  readonly fileKind?: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** False for a command that reads no .nsc files: it takes no --workspace. */
  readonly workspace?: false;
  /** For `--json`: the result fields with nothing in them, for the document printed on a failure. */
  readonly emptyJsonResults?: Readonly<Record<string, unknown[]>>;
  run(files: string[], options: OptionValues): Promise<number>;
}

const string = (value: OptionValues[string]) => (typeof value === 'string' ? value : undefined);
const flag = (value: OptionValues[string]) => value === true;

const WORKSPACE: OptionSpec = { type: 'string', value: 'DIR', help: 'load every .nsc file of DIR to resolve references (default: the folder of each named file)' };
const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help' };

/** A command's own options, then the ones every command (reading .nsc files) takes. */
const optionsOf = (command: Command): Readonly<Record<string, OptionSpec>> => ({
  ...command.options,
  ...(command.workspace === false ? {} : { workspace: WORKSPACE }),
  help: HELP,
});

const TIME_LIMIT: OptionSpec = { type: 'string', value: 'S', help: 'stop solving after S seconds and exit 3 (default: no limit)' };

export const COMMANDS: readonly Command[] = [
  {
    name: 'check',
    summary: 'Parse, link and validate the files; print their diagnostics.',
    files: 'FILE...',
    options: {},
    run: (files, o) => runCheck(files, string(o.workspace)),
  },
  {
    name: 'solve',
    summary: 'Check the files, then solve every placement and switch they declare.',
    files: 'FILE...',
    options: {
      json: { type: 'boolean', help: 'print one JSON document on stdout, diagnostics included' },
      'time-limit': { ...TIME_LIMIT, help: 'stop solving after S seconds: unfinished placements report status timeout, exit 3 (default: no limit)' },
    },
    emptyJsonResults: { placements: [], switches: [], services: [] },
    run: (files, o) => runSolve(files, { json: flag(o.json), timeLimit: string(o['time-limit']), workspace: string(o.workspace) }),
  },
  {
    name: 'simulate',
    summary: "Run a switch's weight controller in the simulator: one row per control period.",
    files: 'FILE',
    options: {
      switch: { type: 'string', value: 'NAME', help: 'the switch to simulate (default: every switch of the file)' },
      periods: { type: 'string', value: 'N', help: "control periods to run (default: the switch's controller periods, 50 unless set)" },
      csv: { type: 'boolean', help: 'print CSV instead of a table' },
      json: { type: 'boolean', help: 'print one JSON document on stdout: every period, every load phase, diagnostics included' },
      packets: { type: 'string', value: 'N', help: "also set the delay estimate against a packet-level simulation of N packets at the solve's weights" },
      seed: { type: 'string', value: 'S', help: 'seed of the packet-level simulation (default: 1)' },
      arrivals: { type: 'string', value: 'A', help: 'poisson or constant arrivals in the packet-level simulation (default: poisson)' },
    },
    emptyJsonResults: { switches: [] },
    run: (files, o) =>
      runSimulate(files, {
        switch: string(o.switch),
        periods: string(o.periods),
        csv: flag(o.csv),
        json: flag(o.json),
        packets: string(o.packets),
        seed: string(o.seed),
        arrivals: string(o.arrivals),
        workspace: string(o.workspace),
      }),
  },
  {
    name: 'study',
    summary: 'Run the study sweeps: every objective, target and rounds on every generated instance.',
    files: 'FILE',
    options: {
      study: { type: 'string', value: 'NAME', help: 'the study to run (default: every study of the file)' },
      json: { type: 'boolean', help: 'print one JSON document on stdout, diagnostics included' },
      csv: { type: 'boolean', help: 'print CSV, one row per cell' },
      jobs: { type: 'string', value: 'N', help: `worker threads (default: one less than the cores, here ${defaultJobs()})` },
      'time-limit': TIME_LIMIT,
      output: {
        type: 'string',
        short: 'o',
        value: 'PART',
        help: 'write the per-instance results to PART as they complete; run again with the same PART to resume (default: none)',
      },
      shard: {
        type: 'string',
        value: 'I/N',
        help: 'run the I-th of N parts of the grid into -o PART (default: from a Slurm job array or a Kubernetes Indexed Job, else the whole study)',
      },
      shards: { type: 'string', value: 'N', help: "with JOB_COMPLETION_INDEX (a Kubernetes Indexed Job): the number of shards, the Job's completions" },
      quiet: { type: 'boolean', short: 'q', help: 'no progress on stderr' },
    },
    emptyJsonResults: { studies: [] },
    run: (files, o) =>
      runStudyCommand(files, {
        study: string(o.study),
        json: flag(o.json),
        csv: flag(o.csv),
        jobs: string(o.jobs),
        timeLimit: string(o['time-limit']),
        workspace: string(o.workspace),
        output: string(o.output),
        shard: string(o.shard),
        shards: string(o.shards),
        quiet: flag(o.quiet),
      }),
  },
  {
    name: 'study merge',
    summary: 'Merge the parts of a study run as shards into its results, the same as one run.',
    files: 'PART...',
    workspace: false,
    options: {
      output: { type: 'string', short: 'o', value: 'FILE', help: 'write the JSON document (CSV with --csv) to FILE instead of printing (default: print)' },
      json: { type: 'boolean', help: 'print the JSON document of nsc study --json' },
      csv: { type: 'boolean', help: 'print CSV, one row per cell' },
      quiet: { type: 'boolean', short: 'q', help: 'no message on stderr' },
    },
    emptyJsonResults: { studies: [] },
    run: (files, o) => runStudyMerge(files, { output: string(o.output), json: flag(o.json), csv: flag(o.csv), quiet: flag(o.quiet) }),
  },
  {
    name: 'report',
    summary: "Solve the file and write one self-contained HTML page with the editor's charts.",
    files: 'FILE',
    options: {
      output: { type: 'string', short: 'o', value: 'FILE', help: 'the page to write (required)' },
    },
    run: (files, o) => runReport(files, { output: string(o.output), workspace: string(o.workspace) }),
  },
  {
    name: 'import',
    summary: 'Turn a Topology Zoo GML, GraphML or containerlab topology file into a scenario.',
    files: 'FILE',
    fileKind: 'topology file (.gml, .graphml, .clab.yml)',
    workspace: false,
    options: {
      output: { type: 'string', short: 'o', value: 'FILE', help: 'the .nsc file to write (default: print it on stdout)' },
      accelerators: {
        type: 'string',
        value: 'RULE',
        help: 'which nodes get an accelerator: none, all, top-degree:SHARE or random:SHARE, SHARE like 20% or a count like 12 (default: none)',
      },
      seed: { type: 'string', value: 'S', help: 'seed of random:SHARE (default: 0)' },
      'min-latency': { type: 'string', value: 'T', help: 'smallest latency computed from coordinates, e.g. 0.05ms (default: 0.05 ms)' },
      'default-latency': { type: 'string', value: 'T', help: 'latency of links when the file has no latency or coordinates at all (default: 1 ms)' },
      'keep-disconnected': { type: 'boolean', help: 'keep the parts not connected to the largest one (default: drop them, with a warning)' },
      'topology-only': { type: 'boolean', help: 'write only the topology, no starting curve and placement' },
      name: { type: 'string', value: 'NAME', help: "the topology's name (default: the network's name in the file)" },
    },
    run: (files, o) =>
      runImport(files, {
        output: string(o.output),
        accelerators: string(o.accelerators),
        seed: string(o.seed),
        minLatency: string(o['min-latency']),
        defaultLatency: string(o['default-latency']),
        keepDisconnected: flag(o['keep-disconnected']),
        topologyOnly: flag(o['topology-only']),
        name: string(o.name),
      }),
  },
];

/** The command the words start with (`study merge` before `study`), and the words after it. */
export function findCommand(words: readonly string[]): { command: Command; rest: string[] } | undefined {
  const byLength = [...COMMANDS].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const length = command.name.split(' ').length;
    if (words.slice(0, length).join(' ') === command.name) return { command, rest: words.slice(length) };
  }
  return undefined;
}

/** The usage error for a command line without the files the command needs. */
export function missingFiles(command: Command): string {
  if (command.files === 'PART...') return 'name at least one part file';
  return `name ${command.files === 'FILE' ? 'a' : 'at least one'} ${command.fileKind ?? '.nsc file'}`;
}

export const EXIT_CODES_TEXT = 'Exit codes: 0 valid and feasible, 1 infeasible, 2 input errors, 3 time limit reached.';

export function overallUsage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'nsc: check, solve and simulate NetScenario (.nsc) files.',
    '',
    'Usage: nsc COMMAND FILE... [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'nsc help COMMAND shows the options of a command; nsc --version the version.',
    EXIT_CODES_TEXT,
    '',
  ].join('\n');
}

export function commandUsage(command: Command): string {
  const options = optionsOf(command);
  const names = Object.entries(options).map(([name, spec]) => `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`);
  const width = Math.max(...names.map((n) => n.length));
  return [
    `Usage: nsc ${command.name} ${command.files} [options]`,
    '',
    command.summary,
    '',
    'Options:',
    ...Object.values(options).map((spec, i) => `  ${names[i].padEnd(width)}  ${spec.help}`),
    '',
    EXIT_CODES_TEXT,
    '',
  ].join('\n');
}

/** The command's options and files; a UsageError (with the usage) for anything it does not accept. */
export function parseCommandLine(command: Command, args: readonly string[]): { files: string[]; options: OptionValues } {
  const options = optionsOf(command);
  try {
    const parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(Object.entries(options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}) }])),
    });
    return { files: parsed.positionals, options: parsed.values };
  } catch (error) {
    throw new UsageError(parseFailure(command, error as Error & { code?: string }), true);
  }
}

/** node:util's parse errors in the CLI's words. */
function parseFailure(command: Command, error: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' <]*)/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const owners = COMMANDS.filter((c) => Object.keys(c.options).some((name) => `--${name}` === option || `-${c.options[name].short}` === option));
    return owners.length > 0 ? `${option} is an option of ${listed(owners.map((c) => `nsc ${c.name}`))}, not of nsc ${command.name}` : `unknown option ${option}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(error.message)) return `${option} takes no value`;
    return `${option} needs a value${/ambiguous/.test(error.message) ? ` (to give one starting with '-', write ${option}=VALUE)` : ''}`;
  }
  return error.message;
}
