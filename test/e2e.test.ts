/**
 * End-to-end tests in a real VS Code, as part of `npm test`: runs scripts/e2e/run.sh (code-server +
 * headless Chromium; see that script) against the dev folder, then again against the packaged .vsix.
 * Skips, saying what is missing, when code-server or Chromium is not installed — unless
 * NSC_E2E_REQUIRED=1 (as in .ci/run), which turns the skip into a failure.
 * (This file sits outside test/e2e/, which vitest excludes: that folder holds what runs inside VS Code.)
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listFiles, PackageManager } from '@vscode/vsce';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const codeServer = join(root, '.cache/code-server/node_modules/.bin/code-server');
const chromium = process.env.CHROMIUM || '/usr/bin/chromium';
const required = process.env.NSC_E2E_REQUIRED === '1';
const missing = [...(existsSync(codeServer) ? [] : [`code-server (${codeServer})`]), ...(existsSync(chromium) ? [] : [`Chromium (${chromium})`])];
const why = `missing ${missing.join(' and ')}; install with: bash scripts/e2e/install.sh (apt: chromium libkrb5-dev ripgrep; npm: code-server 4.96.4 into .cache/)`;
const RUN_TIMEOUT_MS = 5 * 60_000; // per run; CI has 90 minutes in all

/**
 * Runs a command in its own process group and kills the whole group when it outlives the timeout
 * (the runner kills its code-server itself, but not when it is itself stopped mid-way).
 */
function run(command: string, args: string[], env: Record<string, string> = {}, cwd = root): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => {
      output += `\n(killed after ${RUN_TIMEOUT_MS / 1000} s)`;
      try {
        process.kill(-child.pid!, 'SIGTERM'); // the runner's trap then stops code-server
        setTimeout(() => {
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 10_000).unref();
      } catch {
        /* already gone */
      }
    }, RUN_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

/** Fails with the runner's own summary (which test, which assertion) rather than just an exit code. */
function expectPassed(result: { code: number | null; output: string }): void {
  console.log(result.output);
  expect(
    result.code,
    result.output
      .split('\n')
      .filter((l) => /not ok|FAIL|missing|timed out|killed/.test(l))
      .join('\n'),
  ).toBe(0);
}

describe('end-to-end in a real VS Code (code-server + headless Chromium)', () => {
  if (missing.length > 0 && !required) {
    console.warn(`[e2e] skipped: ${why}`);
    it.skip(`skipped: ${why}`, () => undefined);
    return;
  }

  it('the tools are installed (NSC_E2E_REQUIRED=1)', () => {
    expect(missing, why).toEqual([]);
  });

  it.skipIf(missing.length > 0)(
    'extension-host suite and UI test against the dev folder',
    async () => {
      expectPassed(await run('bash', ['scripts/e2e/run.sh']));
    },
    RUN_TIMEOUT_MS + 30_000,
  );

  const scratch = mkdtempSync(join(tmpdir(), 'nsc-vsix-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.skipIf(missing.length > 0)(
    'extension-host suite and UI test against the packaged .vsix, installed',
    async () => {
      // `npm run package` on what npm test has just built: the files vsce would pack, copied without the
      // vscode:prepublish script, whose rebuild would rewrite out/ and dist/ under the tests running beside.
      const stage = join(scratch, 'package');
      for (const file of await listFiles({ cwd: root, packageManager: PackageManager.None })) cpSync(join(root, file), join(stage, file), { recursive: true });
      const manifest = JSON.parse(readFileSync(join(stage, 'package.json'), 'utf8'));
      delete manifest.scripts['vscode:prepublish'];
      writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest));
      const vsix = join(scratch, 'netscenario.vsix');
      const packed = await run(join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '-o', vsix], {}, stage);
      expect(packed.code, packed.output).toBe(0);
      // The UI test too: it sees the charts draw, so it notices a webview asset left out of the package.
      expectPassed(await run('bash', ['scripts/e2e/run.sh'], { VSIX: vsix }));
    },
    RUN_TIMEOUT_MS + 60_000,
  );
});
