/**
 * Strings from the scenario and the file system (names, paths, messages) must render as text in
 * the results page, in the report (results embedded as JSON) and in the webview (results posted
 * as a message): real results with markup substituted for names, drawn in headless Chromium.
 */
import '../../language/polyfills.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadWorkspace } from '../../cli/workspace.js';
import { solveForReport } from '../../cli/report.js';
import { resultsPage } from '../../client/page.js';
import type { ExportMessage, WebviewMessage } from '../../client/messages.js';
import { lowered } from '../language/helpers.js';
import type { ScenarioResults } from '../../server/protocol.js';
import { describeInBrowser, launchChromium, watchPage, type PageIncidents } from '../support/browser.js';

const EXAMPLES = join(import.meta.dirname, '../../examples');
const DIST = join(import.meta.dirname, '../../dist');

/** Example name -> hostile replacement; each would run script or add elements if parsed as HTML. */
const HOSTILE: Record<string, string> = {
  AnomalyDetection: `<script>window.__pwned = 'placement'</script>`,
  agg1: `<img src=x onerror="window.__pwned='node'">`,
  core1: `a & b "quoted" <b>bold</b>`,
  Metro: `Metro & <i>co</i>`,
  LstmTraining: `"><svg onload="window.__pwned='curve'">`,
  EdgeUpf: `</script><script>window.__pwned='switch'</script>`,
  voice_ul: `<img src=x onerror=alert('flow')>`,
  ingress: `<iframe src="javascript:alert('task')"></iframe>`,
  PaperSweep: `<style>body{display:none}</style>&amp;`,
  Aif: `<a href="https://example.com/">link</a>`,
  VoiceUplink: `<img src=x onerror="window.__pwned='service'">`,
  AccessUpf: `"><b>hop</b><script>window.__pwned='hop'</script>`,
};
const HOSTILE_REASON = `<img src=x onerror="window.__pwned='reason'"> & "why"`;
const HOSTILE_URI = 'file:///tmp/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E/%22a%26b%22%3Cscript%3E.nsc';
const HOSTILE_FILE = `"a&b"<script>.nsc`;
const HOSTILE_MESSAGE = `<script>alert('message')</script> & "timeout"`;

/** The examples solved, merged into one result model, with every HOSTILE name substituted. */
async function hostileResults(): Promise<ScenarioResults> {
  const files = ['metro-placement.nsc', 'edge-site.nsc', 'mandala-study.nsc', 'metro-services.nsc'].map((f) => join(EXAMPLES, f));
  const workspace = await loadWorkspace(files);
  const solved = await Promise.all(workspace.files.map((f) => solveForReport(lowered(f.document!, workspace.services), 'file:///x.nsc')));
  const merged: ScenarioResults = {
    ...solved[0],
    uri: HOSTILE_URI,
    placements: solved.flatMap((r) => r.placements),
    switches: solved.flatMap((r) => r.switches),
    services: solved.flatMap((r) => r.services),
    studies: solved.flatMap((r) => r.studies),
  };
  // Exact JSON string tokens only: names are values and keys (round times, weights, delays).
  let json = JSON.stringify(merged);
  for (const [name, hostile] of Object.entries(HOSTILE)) json = json.replaceAll(JSON.stringify(name), JSON.stringify(hostile));
  const results = JSON.parse(json) as ScenarioResults;
  const baseline = results.placements.find((p) => p.result.status === 'infeasible')!;
  return { ...results, placements: results.placements.map((p) => (p === baseline ? { ...p, result: { ...p.result, reason: HOSTILE_REASON } } : p)) };
}

const renderer = () => ({ script: { text: readFileSync(join(DIST, 'webview.js'), 'utf8') }, style: { text: readFileSync(join(DIST, 'webview.css'), 'utf8') } });

describeInBrowser('results page renders scenario strings as text', () => {
  let browser: Browser;
  let results: ScenarioResults;
  let folder: string;
  let pages = 0;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'nsc-webview-'));
    [browser, results] = await Promise.all([launchChromium(), hostileResults()]);
  });
  afterAll(async () => {
    await browser?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  async function open(html: string): Promise<{ page: Page; incidents: PageIncidents; posted: WebviewMessage[]; states: unknown[] }> {
    // A real navigation to a file (setContent's document.write would drop the listeners set up below).
    const file = join(folder, `page-${++pages}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    const incidents = await watchPage(page, (requested) => requested === url);
    const posted: WebviewMessage[] = [];
    const states: unknown[] = [];
    await page.exposeFunction('__nscPosted', (message: WebviewMessage) => posted.push(message));
    await page.exposeFunction('__nscState', (state: unknown) => states.push(state));
    // Stands in for VS Code's webview API: what the page posts to the extension host, and the state
    // it keeps for VS Code to restore the panel after a reload.
    await page.addInitScript(() => {
      const { __nscPosted: postMessage, __nscState: setState } = window as unknown as { __nscPosted(m: unknown): void; __nscState(s: unknown): void };
      (window as unknown as { acquireVsCodeApi(): unknown }).acquireVsCodeApi = () => ({ postMessage, setState });
    });
    await page.goto(url);
    return { page, incidents, posted, states };
  }

  async function expectInert(page: Page, incidents: PageIncidents, scripts: number): Promise<void> {
    await page.waitForTimeout(200); // an onerror or onload would have fired by now
    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    expect(incidents.dialogs).toEqual([]);
    expect(incidents.errors).toEqual([]);
    expect(incidents.cspViolations).toEqual([]);
    expect(incidents.requests).toEqual([]);
    expect(await page.locator('script').count()).toBe(scripts);
    expect(await page.locator('img, iframe, [onload], [onerror]').count()).toBe(0);
    for (const tag of ['b', 'i', 'style', 'script', 'a[href^="https:"]']) expect(await page.locator(`#nsc-root ${tag}`).count(), tag).toBe(0);
    expect(await page.locator('body').isVisible()).toBe(true);
  }

  async function expectLiteralText(page: Page): Promise<void> {
    const text = await page.locator('#nsc-root').textContent();
    // Task names are drawn only on canvas (and exported as CSV, checked below).
    for (const [name, hostile] of Object.entries(HOSTILE)) if (name !== 'ingress') expect(text).toContain(hostile);
    expect(text).toContain(HOSTILE_REASON);
    expect(text).toContain(HOSTILE_FILE);
    // Node labels and hover titles in the topology SVG.
    expect(await page.locator('svg.topology text').allTextContents()).toContain(HOSTILE.agg1);
    expect((await page.locator('svg.topology title').allTextContents()).some((t) => t.includes(`${HOSTILE.core1} — ${HOSTILE.agg1}`))).toBe(true);
  }

  it('in the report: results embedded as JSON', async () => {
    const html = resultsPage({ title: HOSTILE_FILE, nonce: 'test-nonce', results, ...renderer() });
    const { page, incidents } = await open(html);
    await page.locator('canvas').first().waitFor();
    expect(await page.title()).toBe(HOSTILE_FILE);
    // The JSON element survived `</script>` in a name: the page shows the results, not a broken tail.
    await expectLiteralText(page);
    await expectInert(page, incidents, 2);
    await page.close();
  });

  it('in the webview: results posted as a message, export posted back to the host', async () => {
    const { page, incidents, posted, states } = await open(resultsPage({ title: 'results', nonce: 'test-nonce', ...renderer() }));
    await expect.poll(() => posted).toEqual([{ type: 'ready' }]);
    await page.evaluate((shown) => window.postMessage({ type: 'show', scenario: shown.uri, results: shown, focus: shown.switches[0].name }, '*'), results);
    await page.locator('canvas').first().waitFor();
    await expectLiteralText(page);
    await expectInert(page, incidents, 1);
    // The page keeps which scenario it shows, for the panel's restore after a window reload.
    expect(states).toEqual([{ scenario: HOSTILE_URI }]);

    // EdgeUpf's voice_ul comes first (metro-services.nsc has flows of that name too).
    await page.getByTitle(`Save Delay budget of ${HOSTILE.voice_ul} as CSV`).first().click();
    await expect.poll(() => posted.length).toBe(2);
    const exported = posted[1] as ExportMessage;
    expect(exported).toMatchObject({ type: 'export', format: 'csv' });
    expect(exported.name).toMatch(/^[\w.-]+\.csv$/);
    expect(exported.data.split('\r\n')[0]).toBe('task,blocking (s),queuing (s),processing (s),delay (s),delay SLO (s)');
    expect(exported.data).toContain(`"${HOSTILE.ingress.replaceAll('"', '""')}"`);
    await page.close();
  });

  it('a failed solve shows its message as text', async () => {
    const failed: ScenarioResults = {
      uri: HOSTILE_URI,
      version: 3,
      status: 'timeout',
      message: HOSTILE_MESSAGE,
      seconds: 30,
      placements: [],
      switches: [],
      services: [],
      studies: [],
    };
    const { page, incidents } = await open(resultsPage({ title: 'results', nonce: 'test-nonce', results: failed, ...renderer() }));
    await expect.poll(() => page.locator('#nsc-root').textContent()).toContain(HOSTILE_MESSAGE);
    await expectInert(page, incidents, 2);
    await page.close();
  });
});
