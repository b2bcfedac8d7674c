#!/usr/bin/env node
/** `nsc`: the NetScenario command line. `nsc help` lists the commands; docs/cli.md describes them. */
import '../language/polyfills.js';
import { commandUsage, findCommand, missingFiles, overallUsage, parseCommandLine, type Command } from './commands.js';
import { EXIT } from './exit-codes.js';
import { hasWrittenOut, writeJson, writeOut } from './output.js';
import { packageVersion } from './package-root.js';
import { UsageError } from './usage-error.js';

export async function main(argv: readonly string[]): Promise<number> {
  const [name] = argv;
  if (name === undefined) {
    process.stderr.write(overallUsage());
    return EXIT.inputError;
  }
  if (name === '--version' || name === '-v') {
    writeOut(`${packageVersion()}\n`);
    return EXIT.ok;
  }
  if (name === 'help' || name === '--help' || name === '-h') return help(argv.slice(1));
  const found = findCommand(argv);
  if (found === undefined) {
    process.stderr.write(`nsc: unknown command '${name}'\n\n${overallUsage()}`);
    return EXIT.inputError;
  }
  const { command, rest } = found;
  if (command.emptyJsonResults && rest.includes('--json')) jsonCommand = { command, files: [] };
  try {
    const { files, options } = parseCommandLine(command, rest);
    if (jsonCommand) jsonCommand.files = files;
    if (options.help) {
      writeOut(commandUsage(command));
      return EXIT.ok;
    }
    if (files.length === 0) throw new UsageError(missingFiles(command), true);
    return await command.run(files, options);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`nsc ${command.name}: ${error.message}\n${error.showUsage ? `\n${commandUsage(command)}` : ''}`);
    printJsonFailure(error.message);
    return EXIT.inputError;
  }
}

function help(topics: readonly string[]): number {
  if (topics.length === 0) {
    writeOut(overallUsage());
    return EXIT.ok;
  }
  const found = findCommand(topics);
  if (found === undefined || found.rest.length > 0) {
    process.stderr.write(`nsc help: no command '${topics.join(' ')}'\n\n${overallUsage()}`);
    return EXIT.inputError;
  }
  writeOut(commandUsage(found.command));
  return EXIT.ok;
}

/** The command that was asked for JSON, so a failure still prints one document. */
let jsonCommand: { command: Command; files: string[] } | undefined;

/** `--json` promises one JSON document on stdout: on a failure before the command printed its own, this one. */
function printJsonFailure(message: string): void {
  if (jsonCommand === undefined || hasWrittenOut()) return;
  try {
    writeJson({ files: jsonCommand.files, diagnostics: [], error: message, ...jsonCommand.command.emptyJsonResults });
  } catch {
    // Printing is what failed: the message on stderr and the exit code have to do.
  }
}

/** A bug: one line for the user; the stack only with NSC_DEBUG=1. */
function reportInternalError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`nsc: internal error: ${message} (please report this)\n`);
  if (process.env.NSC_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  printJsonFailure(`internal error: ${message}`);
  process.exitCode = EXIT.bug;
}

// `nsc check ... | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  reportInternalError(error);
});
// A throw outside main's promise chain (an event handler, a worker's error) is a bug as well: report it and stop.
const stopOnInternalError = (error: unknown) => {
  reportInternalError(error);
  process.exit();
};
process.on('uncaughtException', stopOnInternalError);
process.on('unhandledRejection', stopOnInternalError);

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, reportInternalError);
