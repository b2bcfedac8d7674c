/** Runs the built `nsc` (out/cli/main.js; `npm test` builds first) as a child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '../../out/cli/main.js');

export interface RunOptions {
  readonly cwd?: string;
  /** Kills the run after this long (default 120 s): a test must fail, not hang, if nsc does. */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
  /** Options for node itself, before the script (e.g. --import). */
  readonly nodeArgs?: readonly string[];
  /** Run as this user and group (root only). */
  readonly uid?: number;
}

export function nsc(args: readonly string[], cwdOrOptions?: string | RunOptions) {
  const options: RunOptions = typeof cwdOrOptions === 'string' ? { cwd: cwdOrOptions } : (cwdOrOptions ?? {});
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
    cwd: options.cwd,
    env: options.env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}
