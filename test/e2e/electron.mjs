// The extension-test suite (test/e2e/suite/) in desktop VS Code via @vscode/test-electron, for machines
// that can download VS Code (this one cannot: here scripts/e2e/run.sh runs the same suite in code-server).
// Usage: npm run test:electron        Env: VSCODE_VERSION (default 1.96.4, the lowest engines.vscode allows)
import { cpSync, chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '../..');
// A throw-away copy of the examples: the suite edits and saves files.
const scratch = mkdtempSync(join(tmpdir(), 'nsc-electron-'));
const workspace = join(scratch, 'examples');
cpSync(join(root, 'examples'), workspace, { recursive: true });
for (const f of readdirSync(workspace)) chmodSync(join(workspace, f), 0o644);

let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION || '1.96.4',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'test/e2e/suite/index.cjs'),
    // A private profile: no other extensions, no trust prompt, no welcome page.
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      join(scratch, 'user-data'),
      '--extensions-dir',
      join(scratch, 'extensions'),
    ],
  });
} catch (e) {
  console.error('test:electron failed:', e?.message ?? e);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(code);
