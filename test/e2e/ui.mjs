// UI test in a real VS Code (code-server) through headless Chromium: what a user sees.
// Opens examples/edge-site.nsc (its workspace holds all examples: it references Metro.agg1 in
// metro-placement.nsc), saves it with Ctrl+S, waits for the status bar verdict and the 'feasible' code
// lens, screenshots the editor with its inlay hints, opens the results panel from the 'Show charts'
// code lens and screenshots the webview once it shows the solved flows. Then reloads the window: the
// results panel comes back for edge-site.nsc and shows its results after the next save. Last, a slow
// scenario: Cancel Solve is in the command palette only while it solves, and stops the solve.
// Usage: node test/e2e/ui.mjs <baseUrl> <workspaceFolder> [--shots dir] [--dev extensionDevelopmentPath]
// Screenshots: <shots>/editor-hints.png and <shots>/results-webview.png (SHOTS=docs in run.sh refreshes
// the README's); <shots>/ui-failure.png when a step fails.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SLOW_STUDY } from '../../out/test/support/slow-scenario.js';
import { launch, workbenchUrl } from './chromium.mjs';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { shots: { type: 'string' }, dev: { type: 'string' } } });
const [base, folder] = positionals;
const shots = resolve(values.shots ?? '.');
const FILE = 'edge-site.nsc';
const T = Number(process.env.E2E_STEP_TIMEOUT_MS || 45_000); // per step
mkdirSync(shots, { recursive: true });

const t0 = Date.now();
const lap = (m) => console.log(`[ui +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
const text = async (locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();
/** Screenshot without VS Code's own toasts (e.g. its 'new default theme' offer) and without a hover. */
async function screenshot(page, file) {
  for (const close of await page.locator('.notifications-toasts .codicon-notifications-clear').all()) await close.click().catch(() => undefined);
  await page.mouse.move(5, 5);
  await page.waitForTimeout(500);
  await page.screenshot({ path: file });
}

/** Opens a workspace file by name with Quick Open; resolves to its editor once NetScenario is its language. */
async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input.input').waitFor({ timeout: T });
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: T });
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-instance .monaco-editor').first();
  await editor.locator('.view-lines').waitFor({ timeout: T });
  await page.locator('#status\\.editor\\.mode', { hasText: 'NetScenario' }).waitFor({ timeout: T });
  return editor;
}

/** The NetScenario commands the command palette offers now (for the active editor). */
async function paletteCommands(page) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input.input').waitFor({ timeout: T });
  await page.keyboard.type('NetScenario: ');
  const rows = page.locator('.quick-input-list .monaco-list-row', { hasText: 'NetScenario:' });
  await rows.first().waitFor({ timeout: T }); // Solve Now is always there for a scenario
  const labels = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  await page.keyboard.press('Escape');
  return labels;
}

const browser = await launch({ width: 1400, height: 860 });
const { page } = browser;
page.on('pageerror', (e) => console.log('pageerror:', e.message));
let failed = false;
let step = 'start';
try {
  step = 'workbench loads and lists the examples';
  await page.goto(workbenchUrl(base, resolve(folder), { devPath: values.dev && resolve(values.dev) }), { waitUntil: 'domcontentloaded' });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: FILE }).first().waitFor({ timeout: T });
  lap(step);

  step = `${FILE} opens as NetScenario (Quick Open)`;
  const editor = await quickOpen(page, FILE);
  lap(step);

  step = "the language server is up: the code lens says 'not solved yet'";
  // Saving before the language client runs would save without solving.
  await editor.locator('.codelens-decoration', { hasText: 'not solved yet' }).first().waitFor({ timeout: T });
  lap(step);

  step = 'Ctrl+S solves: the code lens shows the verdict';
  await editor.locator('.view-line').nth(3).click(); // focus the text
  await page.keyboard.press('Control+S');
  const lens = editor.locator('.codelens-decoration', { hasText: 'feasible' }).first();
  await lens.waitFor({ timeout: T });
  lap(`${step}: '${await text(lens)}'`);

  step = "the status bar shows the verdict (an item with 'NetScenario')";
  // Not the language-mode item, which says 'NetScenario' too.
  const status = page.locator('.statusbar-item:not(#status\\.editor\\.mode)', { hasText: 'NetScenario' }).first();
  await status.waitFor({ timeout: T });
  lap(`${step}: '${await text(status)}'`);

  step = 'inlay hints are shown';
  // Inlay hints are injected text decorations; their label (e.g. 'w ≈ 0.62') is in a span with a
  // generated class inside the view lines (spaces become no-break spaces). Look for the weight hint on a task line.
  await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .view-line')].some((l) => /^\s*task\s.*\sw\s[≈=]\s/.test(l.textContent ?? '')), undefined, {
    timeout: T,
  });
  await screenshot(page, join(shots, 'editor-hints.png'));
  lap(`${step}: screenshot ${join(shots, 'editor-hints.png')}`);

  step = "'Show charts' opens the results panel (a tab 'NetScenario…')";
  await page.keyboard.press('Control+B'); // hide the side bar: room for the editor and the panel side by side
  await editor.locator('.codelens-decoration a', { hasText: 'Show charts' }).first().click();
  const tab = page.locator('.tabs-container .tab', { hasText: 'NetScenario' }).first();
  await tab.waitFor({ timeout: T });
  lap(`${step}: tab '${await text(tab)}'`);

  step = 'the webview shows the solved switch (flow voice_ul and a chart)';
  // Webview content lives two iframes deep: VS Code's host frame, then the content frame.
  const view = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await view.locator('body', { hasText: 'voice_ul' }).waitFor({ timeout: T });
  await view.locator('canvas, svg').first().waitFor({ timeout: T });
  await page.waitForTimeout(1000); // chart animations
  await screenshot(page, join(shots, 'results-webview.png'));
  lap(`${step}: screenshot ${join(shots, 'results-webview.png')}`);

  step = 'after a window reload the results panel is back, and the next save of its file redraws it';
  // As a user does it (the workbench saves its state first; a bare page reload may not wait for that).
  await page.keyboard.press('F1');
  await page.keyboard.type('Developer: Reload Window');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reload Window' }).first().waitFor({ timeout: T });
  await Promise.all([page.waitForEvent('load', { timeout: T }), page.keyboard.press('Enter')]);
  await page.locator('.tabs-container .tab', { hasText: `NetScenario: ${FILE}` }).waitFor({ timeout: T });
  await view.locator('#nsc-root > *').first().waitFor({ timeout: T }); // the page drew (the new server may have no results yet)
  await page
    .locator('.tabs-container .tab', { hasText: new RegExp(`^\\s*${FILE.replace('.', '\\.')}`) })
    .first()
    .click();
  await editor.locator('.codelens-decoration').first().waitFor({ timeout: T }); // the language server is up again
  await editor.locator('.view-line').nth(3).click();
  await page.keyboard.press('Control+S');
  await view.locator('body', { hasText: 'voice_ul' }).waitFor({ timeout: T });
  lap(step);

  step = "'Cancel Solve' is offered only while the file solves, and stops the solve";
  // A study over 500 large generated topologies: it is still solving when the palette opens.
  writeFileSync(join(folder, 'slow.nsc'), `curve C { 1 -> 1.2 s  2 -> 0.7 s  4 -> 0.38 s }\n${SLOW_STUDY}`);
  const slow = await quickOpen(page, 'slow.nsc');
  await slow.locator('.codelens-decoration', { hasText: 'not solved yet' }).first().waitFor({ timeout: T });
  const idle = await paletteCommands(page);
  if (!idle.some((l) => l.includes('Solve Now')) || idle.some((l) => l.includes('Cancel Solve'))) throw new Error(`palette before the solve: ${idle.join(' | ')}`);
  await slow.locator('.view-line').first().click();
  await page.keyboard.press('Control+S');
  const solving = page.locator('.statusbar-item', { hasText: 'NetScenario: solving' }).first();
  await solving.waitFor({ timeout: T });
  await page.keyboard.press('F1');
  await page.keyboard.type('NetScenario: Cancel Solve');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Cancel Solve' }).first().waitFor({ timeout: T });
  await page.keyboard.press('Enter');
  await solving.waitFor({ state: 'hidden', timeout: T });
  const after = await paletteCommands(page);
  if (after.some((l) => l.includes('Cancel Solve'))) throw new Error(`palette after the cancel: ${after.join(' | ')}`);
  lap(step);
} catch (e) {
  failed = true;
  console.error(`[ui] not ok - ${step}\n[ui]     ${e.message.split('\n')[0]}`);
  await page.screenshot({ path: join(shots, 'ui-failure.png') }).catch(() => undefined);
  console.error(`[ui] screenshot of the failure: ${join(shots, 'ui-failure.png')}`);
} finally {
  await browser.close();
}
console.log(failed ? '[ui] FAILED' : '[ui] all steps passed');
process.exit(failed ? 1 : 0);
