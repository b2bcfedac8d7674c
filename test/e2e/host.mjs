// Runs the extension-test suite inside code-server's real extension host: the web counterpart of
// @vscode/test-electron's runTests. The workbench loads with extensionDevelopmentPath and
// extensionTestsPath in its URL payload; when the suite's run() settles, VS Code's web workbench calls
// window.codeAutomationExit(code), and forwards extension-host console output to codeAutomationLog.
// Usage: node test/e2e/host.mjs <baseUrl> <extensionDevelopmentPath> <extensionTestsPath> <workspaceFolder>
import { resolve } from 'node:path';
import { launch, workbenchUrl } from './chromium.mjs';

const [base, devPath, testsPath, folder] = process.argv.slice(2);
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 180_000);

const browser = await launch();
let code;
try {
  const { page } = browser;
  let exit;
  const exited = new Promise((r) => (exit = r));
  await page.exposeFunction('codeAutomationLog', (_type, args) => console.log(...(Array.isArray(args) ? args : [args])));
  await page.exposeFunction('codeAutomationExit', (c) => exit(c));
  await page.goto(workbenchUrl(base, resolve(folder), { devPath: resolve(devPath), testsPath: resolve(testsPath) }));
  let timer;
  code = await Promise.race([exited, new Promise((r) => (timer = setTimeout(() => r('timeout'), TIMEOUT_MS)))]);
  clearTimeout(timer);
} finally {
  await browser.close();
}
console.log(`extension-host suite exit code: ${code}`);
process.exit(code === 0 ? 0 : 1);
