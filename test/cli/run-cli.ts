/** Runs the built `nsc` (out/cli/main.js; `npm test` builds first) as a child process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const CLI = join(import.meta.dirname, '../../out/cli/main.js');

export function nsc(args: readonly string[], cwd?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
