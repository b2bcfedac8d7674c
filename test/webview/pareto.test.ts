/**
 * The Pareto cards of a placement in the results page, drawn in headless Chromium: a button per
 * point of the front shows, from the keyboard, the placement that reaches that point, as a click
 * on the point does, and says which point is shown.
 */
import '../../language/polyfills.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { solveForReport } from '../../cli/report.js';
import { loadWorkspace } from '../../cli/workspace.js';
import { resultsPage } from '../../client/page.js';
import type { ParetoPoint } from '../../engine/placement/pareto.js';
import type { ScenarioResults } from '../../server/protocol.js';
import { lowered } from '../language/helpers.js';
import { describeInBrowser, launchChromium } from '../support/browser.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/metro-placement.nsc');
const DIST = join(import.meta.dirname, '../../dist');

describeInBrowser('Pareto front cards', () => {
  let browser: Browser;
  let results: ScenarioResults;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'nsc-pareto-'));
    const workspace = await loadWorkspace([EXAMPLE]);
    const document = workspace.files[0].document;
    if (!document) throw new Error('metro-placement.nsc did not load');
    [browser, results] = await Promise.all([launchChromium(), solveForReport(lowered(document, workspace.services), pathToFileURL(EXAMPLE).href)]);
  });
  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('a button per point: Enter on one describes its placement and marks it as the one shown', async () => {
    const placement = results.placements.find((p) => p.name === 'AnomalyDetection');
    const front: readonly ParetoPoint[] = placement?.pareto?.maxRoundTime ?? [];
    expect(front.length).toBeGreaterThan(2);
    const file = join(folder, 'report.html');
    const script = { text: readFileSync(join(DIST, 'webview.js'), 'utf8') };
    const style = { text: readFileSync(join(DIST, 'webview.css'), 'utf8') };
    writeFileSync(file, resultsPage({ title: 'metro', nonce: 'test-nonce', results, script, style }));
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);

    const card = page.locator('.card', { hasText: 'Pareto front: AIFs vs max round time' }).first();
    const buttons = card.getByRole('group', { name: 'Points of the front: AIFs vs max round time' }).getByRole('button');
    expect(await buttons.allInnerTexts()).toEqual(front.map((p) => `${p.k} AIFs`));
    const note = card.locator('p.note');
    expect(await note.innerText()).toBe('Click a point of the front to see its placement.');

    // The second point, from the keyboard: focus its button and press Enter.
    const point = front[1];
    await buttons.nth(1).focus();
    await page.keyboard.press('Enter');
    const described = await note.innerText();
    expect(described).toMatch(new RegExp(`^${point.k} AIFs, max round time .*: FL server ${point.server}; AIFs ${point.aifs.join(', ')}[ ;(]`));
    expect(await buttons.evaluateAll((all) => all.map((b) => b.getAttribute('aria-pressed')))).toEqual(front.map((_, i) => String(i === 1)));

    // Then another: the note and the mark follow.
    await buttons.last().focus();
    await page.keyboard.press('Space');
    expect(await note.innerText()).toMatch(new RegExp(`^${front[front.length - 1].k} AIFs, `));
    expect(await buttons.last().getAttribute('aria-pressed')).toBe('true');
    expect(await buttons.nth(1).getAttribute('aria-pressed')).toBe('false');
    await page.close();
  });
});
