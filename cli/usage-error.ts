/** A wrong command line: main prints `nsc COMMAND: message` (and the command's usage when asked) and exits 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
