// Debian's Chromium, headless, driven by playwright-core: shared by the e2e drivers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

/** A fresh profile in E2E_TMP (the runner's scratch dir); close() also deletes it. */
export async function launch(viewport = { width: 1400, height: 900 }) {
  const profile = mkdtempSync(join(process.env.E2E_TMP || tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    // No sandbox (root in a container), no GPU, and nothing that phones home.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The workbench URL that opens `folder` in code-server at `base`; with `devPath` the extension in that
 * folder loads in development mode, and with `testsPath` the extension host runs that test module.
 */
export function workbenchUrl(base, folder, { devPath, testsPath } = {}) {
  const remote = (p) => `vscode-remote://${new URL(base).host}${p}`; // code-server's remote authority
  const payload = [];
  if (devPath) payload.push(['extensionDevelopmentPath', remote(devPath)]);
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  let url = `${base}/?folder=${encodeURIComponent(folder)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}
