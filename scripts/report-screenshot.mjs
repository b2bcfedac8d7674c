// Screenshots of `nsc report examples/edge-site.nsc` for docs/, in the light and the dark palette
// (the report follows the browser's colour scheme). Needs `npm run build` and /usr/bin/chromium.
// Usage: node scripts/report-screenshot.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const page = '.cache/report-edge-site.html';
mkdirSync('.cache', { recursive: true });
try {
  execFileSync(process.execPath, ['out/cli/main.js', 'report', 'examples/edge-site.nsc', '-o', page], { stdio: 'inherit' });
} catch (error) {
  if (error.status !== 1) throw error; // 1 = infeasible, still a report worth showing
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const [colorScheme, output] of [
  ['light', 'docs/report-edge-site.png'],
  ['dark', 'docs/report-edge-site-dark.png'],
]) {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
  await tab.goto(pathToFileURL(page).href);
  await tab.locator('canvas').first().waitFor();
  await tab.screenshot({ path: output, fullPage: true });
  console.log(`wrote ${output}`);
}
await browser.close();
