// UI test in a real VS Code (code-server) through headless Chromium: what a user sees.
// Opens examples/edge-site.nsc (its workspace holds all examples: it references Metro.agg1 in
// metro-placement.nsc), saves it with Ctrl+S, waits for the status bar verdict and the 'feasible' code
// lens, screenshots the editor with its inlay hints, opens the results panel from the 'Show charts'
// code lens and screenshots the webview once it shows the solved flows. Then reloads the window: the
// results panel comes back for edge-site.nsc and shows its results after the next save. Then the
// results panel of metro-placement.nsc: a click on a point of a Pareto front describes the placement of
// that point, one of the rows the card exports as CSV. Last, a slow scenario: Cancel Solve is in the
// command palette only while it solves, and stops the solve.
// Usage: node test/e2e/ui.mjs <baseUrl> <workspaceFolder> [--shots dir] [--dev extensionDevelopmentPath]
// Screenshots: <shots>/editor-hints.png and <shots>/results-webview.png (SHOTS=docs in run.sh refreshes
// the README's), <shots>/pareto-webview.png; <shots>/ui-failure.png when a step fails.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
// For the last step, a study over 500 large generated topologies: still solving when the palette
// opens. Written before the workbench loads: Quick Open may not list a file created while it runs.
writeFileSync(join(folder, 'slow.nsc'), `curve C { 1 -> 1.2 s  2 -> 0.7 s  4 -> 0.38 s }\n${SLOW_STUDY}`);

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

/**
 * The page of the results panel that shows `file`. Each panel is a webview two iframes deep (VS Code's
 * host frame, then the content frame), and hidden panels keep theirs: the page is found by its header.
 */
async function resultsView(page, file) {
  const hosts = page.frameLocator('iframe.webview.ready');
  const deadline = Date.now() + T;
  for (;;) {
    for (let i = 0; i < (await page.locator('iframe.webview.ready').count()); i++) {
      const view = hosts.nth(i).frameLocator('iframe#active-frame');
      if ((await view.locator('h1 .file', { hasText: file }).count()) > 0) return view;
    }
    if (Date.now() > deadline) throw new Error(`no results panel shows ${file}`);
    await page.waitForTimeout(200);
  }
}

/**
 * Centres (CSS pixels from the canvas's top-left corner) of the filled discs drawn in the theme colour
 * `variable` on a chart's canvas: the points of a scatter, and the dataset's legend marker. A pixel is
 * the core of a disc when every pixel within 2 px of it has that colour; lines (3 px wide) have no core.
 * Runs in the page (Locator.evaluate).
 */
function discCentres(canvas, variable) {
  const probe = document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  probe.fillStyle = window.getComputedStyle(canvas).getPropertyValue(variable).trim();
  probe.fillRect(0, 0, 1, 1);
  const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
  const { width, height } = canvas;
  const pixels = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const ratio = width / canvas.clientWidth; // device pixels per CSS pixel
  const reach = Math.max(1, Math.round(2 * ratio));
  const coloured = (x, y) => {
    const i = 4 * (y * width + x);
    return Math.abs(pixels[i] - r) + Math.abs(pixels[i + 1] - g) + Math.abs(pixels[i + 2] - b) <= 12;
  };
  const core = new Uint8Array(width * height);
  for (let y = reach; y < height - reach; y++) {
    for (let x = reach; x < width - reach; x++) {
      let all = true;
      for (let dy = -reach; all && dy <= reach; dy++) for (let dx = -reach; all && dx <= reach; dx++) all = coloured(x + dx, y + dy);
      core[y * width + x] = all ? 1 : 0;
    }
  }
  // Each connected piece of core is one disc: its centre is the piece's mean.
  const centres = [];
  for (let start = 0; start < core.length; start++) {
    if (!core[start]) continue;
    let sumX = 0;
    let sumY = 0;
    let count = 0;
    const stack = [start];
    core[start] = 0;
    while (stack.length > 0) {
      const at = stack.pop();
      const x = at % width;
      sumX += x;
      sumY += (at - x) / width;
      count++;
      for (const next of [at - 1, at + 1, at - width, at + width]) {
        if (core[next]) {
          core[next] = 0;
          stack.push(next);
        }
      }
    }
    centres.push({ x: (sumX / count + 0.5) / ratio, y: (sumY / count + 0.5) / ratio });
  }
  return centres;
}

/** Waits for a file of `folder` ending in `suffix` that is not in `before`; resolves to its path. */
async function newFile(page, folder, suffix, before) {
  const deadline = Date.now() + T;
  for (;;) {
    const added = readdirSync(folder).filter((name) => name.endsWith(suffix) && !before.includes(name));
    if (added.length > 0) return join(folder, added[0]);
    if (Date.now() > deadline) throw new Error(`no new ${suffix} file in ${folder}`);
    await page.waitForTimeout(200);
  }
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

  step = 'metro-placement.nsc: a click on a point of a Pareto front describes its placement, a row of the CSV export';
  const metro = await quickOpen(page, 'metro-placement.nsc');
  // Its placements are below the first screen: go to the first one's line (Ctrl+G), where its lenses are drawn.
  const placementLine =
    readFileSync(join(folder, 'metro-placement.nsc'), 'utf8')
      .split('\n')
      .findIndex((line) => line.startsWith('placement AnomalyDetection ')) + 1;
  await metro.locator('.view-line').first().click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input.input').waitFor({ timeout: T });
  await page.keyboard.type(String(placementLine));
  await page.keyboard.press('Enter');
  await metro.locator('.codelens-decoration').first().waitFor({ timeout: T }); // the language server has the file
  await page.keyboard.press('Control+S');
  await metro.locator('.codelens-decoration a', { hasText: 'Show charts' }).first().click(); // any placement's: the panel shows the file
  const metroView = await resultsView(page, 'metro-placement.nsc');
  const section = metroView.locator('section.declaration', { has: metroView.locator('h2 .name', { hasText: /^AnomalyDetection$/ }) });
  // The fronts are details: the card comes with the second results of the save.
  const card = section.locator('figure.card', { has: metroView.locator('.card-title', { hasText: 'Pareto front: AIFs vs max round time' }) });
  const canvas = card.locator('canvas');
  await canvas.waitFor({ timeout: T });
  const note = card.locator('.note');
  if (!(await text(note)).startsWith('Click a point')) throw new Error(`note before any click: '${await text(note)}'`);
  // The front is drawn in the theme's blue, over the chosen placement's marker. The lowest of its discs
  // is a point (the legend's marker is above the chart): the one of the least max round time.
  const discs = await canvas.evaluate(discCentres, '--nsc-blue');
  if (discs.length < 2) throw new Error(`found ${discs.length} disc(s) of the front's colour on the canvas`);
  const lowest = discs.reduce((a, b) => (b.y > a.y ? b : a));
  await canvas.click({ position: lowest });
  await note.filter({ hasText: 'FL server' }).waitFor({ timeout: T });
  const described = await text(note);
  const parts = /^(\d+) AIFs, max round time [^:]+: FL server (\S+); AIFs ([^;(]+?)(?: \(accelerated: [^)]*\))?; max round /.exec(described);
  if (!parts) throw new Error(`the note does not describe a placement: '${described}'`);
  await page.mouse.move(5, 5); // no tooltip in the screenshot: the clicked point shows ringed
  await page.waitForTimeout(300);
  await card.screenshot({ path: join(shots, 'pareto-webview.png') });
  // The card's data, exported as a user does: CSV button, then Enter in the save dialog (next to the scenario).
  const csvBefore = readdirSync(folder);
  await card.locator('button', { hasText: 'CSV' }).click();
  await page.locator('.quick-input-widget input.input').waitFor({ timeout: T });
  await page.keyboard.press('Enter');
  const [header, ...rows] = readFileSync(await newFile(page, folder, '.csv', csvBefore), 'utf8')
    .trim()
    .split(/\r\n/)
    .map((line) => line.split(','));
  const column = (name) => header.indexOf(name);
  const [k, server, aifs] = [parts[1], parts[2], parts[3].split(', ').join(' ')];
  const row = rows.find((r) => r[column('k')] === k && r[column('FL server')] === server && r[column('AIFs')] === aifs);
  if (!row) throw new Error(`'${described}' is no row of the card's CSV:\n${rows.map((r) => r.join(',')).join('\n')}`);
  const value = (r) => Number(r[column('max round time (s)')]);
  if (rows.some((r) => value(r) < value(row))) throw new Error(`the lowest point clicked, but '${described}' is not the least max round time of the front`);
  // The next file opens in the editor's group, not the results panel's.
  await page
    .locator('.tabs-container .tab', { hasText: /^\s*metro-placement\.nsc/ })
    .first()
    .click();
  lap(`${step}: '${described}', screenshot ${join(shots, 'pareto-webview.png')}`);

  step = "'Cancel Solve' is offered only while the file solves, and stops the solve";
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
