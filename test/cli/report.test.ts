/** `nsc report`: one self-contained HTML page with the results and the charts, nothing to fetch. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioResults } from '../../server/protocol.js';
import { describeInBrowser, launchChromium, watchPage } from '../support/browser.js';
import { jointVoiceDelay, jointVoiceWeights, ms } from '../support/metro-services.js';
import { nsc } from './run-cli.js';

const examples = join(import.meta.dirname, '../../examples');
const folder = mkdtempSync(join(tmpdir(), 'nsc-report-'));
const metroReport = join(folder, 'metro.html');
const servicesReport = join(folder, 'services.html');
let metro: { code: number | null; stderr: string };
let services: { code: number | null; stderr: string };

beforeAll(() => {
  metro = nsc(['report', join(examples, 'metro-placement.nsc'), '-o', metroReport]);
  services = nsc(['report', join(examples, 'metro-services.nsc'), '-o', servicesReport]);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Markup outside <script> elements: where src/href attributes would load something. */
const markup = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>');

function embeddedResults(html: string): ScenarioResults {
  const match = /<script type="application\/json" id="nsc-results">([\s\S]*?)<\/script>/.exec(html);
  expect(match).not.toBeNull();
  return JSON.parse(match![1]) as ScenarioResults;
}

describe('nsc report', () => {
  it('writes the page and exits 1 when a requirement is infeasible (the metro baseline)', () => {
    expect(metro.stderr).toBe('');
    expect(metro.code).toBe(1);
  });

  it('references nothing to load: no src or href attributes, a CSP without network sources', () => {
    const html = readFileSync(metroReport, 'utf8');
    expect(markup(html)).not.toMatch(/\b(?:src|href)\s*=/i);
    expect(html).not.toMatch(/<(?:link|iframe|img|object|embed)\b/i);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
    expect(csp).toMatch(/^default-src 'none'; img-src data:; style-src 'nonce-[\w-]+'; script-src 'nonce-[\w-]+';$/);
  });

  it('embeds the results: the min-aifs placement uses 3 AIFs', () => {
    const results = embeddedResults(readFileSync(metroReport, 'utf8'));
    expect(results.status).toBe('solved');
    const placement = results.placements.find((p) => p.name === 'AnomalyDetection')!;
    expect(placement.result).toMatchObject({ objective: 'min-aifs', status: 'feasible' });
    expect(placement.result.aifs).toHaveLength(3);
    expect(results.placements.find((p) => p.name === 'AnomalyDetectionBaseline')!.result.status).toBe('infeasible');
  });

  it('exits 0 for a feasible file whose switch stands on a node of another file (Metro.agg1)', () => {
    const page = join(folder, 'edge.html');
    expect(nsc(['report', join(examples, 'edge-site.nsc'), '-o', page]).code).toBe(0);
    expect(embeddedResults(readFileSync(page, 'utf8')).switches.map((s) => s.name)).toEqual(['EdgeUpf']);
  });

  it('exits 2 without an output file, for two files, or for a file that cannot be read', () => {
    expect(nsc(['report', join(examples, 'edge-site.nsc')]).code).toBe(2);
    expect(nsc(['report', join(examples, 'edge-site.nsc'), join(examples, 'paper-fork.nsc'), '-o', join(folder, 'x.html')]).code).toBe(2);
    const missing = nsc(['report', join(folder, 'missing.nsc'), '-o', join(folder, 'x.html')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read file');
  });
});

describeInBrowser('nsc report in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws the charts and the metro topology without errors or requests', async () => {
    const page = await browser.newPage();
    const url = pathToFileURL(metroReport).href;
    const incidents = await watchPage(page, (requested) => requested === url);
    await page.goto(url);
    await page.locator('canvas').first().waitFor();
    // Per feasible placement: round times, training curve and the two Pareto fronts; the infeasible baseline
    // (no placement meets T/R, so no front): its curve.
    expect(await page.locator('canvas').count()).toBe(2 * 4 + 1);
    const topology = page.locator('svg.topology').first();
    expect(await topology.locator('g.node').count()).toBe(15);
    expect(await topology.locator('g.link').count()).toBe(15);
    expect(await page.locator('h2 .name').allTextContents()).toEqual(['AnomalyDetection', 'AnomalyDetectionBalanced', 'AnomalyDetectionBaseline']);
    // Chart.js drew something: a canvas with a size.
    expect(
      await page
        .locator('canvas')
        .first()
        .evaluate((c: HTMLCanvasElement) => c.width * c.height),
    ).toBeGreaterThan(0);
    expect(incidents).toEqual({ dialogs: [], errors: [], cspViolations: [], requests: [] });
    await page.close();
  });

  it('draws each service: its route on the map, the waterfall of its budget against the SLO, the weights it depends on', async () => {
    expect(services).toMatchObject({ code: 0, stderr: '' });
    const page = await browser.newPage();
    const url = pathToFileURL(servicesReport).href;
    const incidents = await watchPage(page, (requested) => requested === url);
    await page.goto(url);
    await page.locator('canvas').first().waitFor();
    expect(await page.locator('h2 .name').allTextContents()).toEqual(['AccessUpf', 'CoreUpf', 'VoiceUplink', 'BulkUplink']);
    const voice = page.locator('section', { has: page.locator('h2 .name', { hasText: 'VoiceUplink' }) });
    // acc1 → agg1 → core1 → app1: three links of the route, numbered in order; entry and exit drawn square.
    const map = voice.locator('svg.topology');
    expect(await map.locator('g.route title').allTextContents()).toEqual(['route 1: acc1 → agg1', 'route 2: agg1 → core1', 'route 3: core1 → app1']);
    expect(await map.locator('g.node rect').count()).toBe(2);
    expect(incidents).toEqual({ dialogs: [], errors: [], cspViolations: [], requests: [] });

    // The waterfall as CSV: each step starts where the one before ended; by hand at the joint weights.
    const [download] = await Promise.all([page.waitForEvent('download'), voice.getByTitle('Save End-to-end delay budget of VoiceUplink as CSV').click()]);
    const rows = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n')
      .map((line) => line.split(','));
    expect(rows[0]).toEqual(['step', 'part', 'from (s)', 'to (s)']);
    const w = jointVoiceWeights();
    const steps = rows.slice(1).map(([step, part, from, to]) => ({ step, part, from: Number(from), to: Number(to) }));
    expect(steps.map((s) => `${s.step}/${s.part}`)).toEqual([
      'acc1 → agg1/propagation',
      'AccessUpf/blocking',
      'AccessUpf/queuing',
      'AccessUpf/processing',
      'agg1 → core1/propagation',
      'CoreUpf/blocking',
      'CoreUpf/queuing',
      'CoreUpf/processing',
      'core1 → app1/propagation',
      'end to end/total',
    ]);
    steps.slice(1, -1).forEach((s, i) => expect(s.from).toBeCloseTo(steps[i].to, 15));
    expect(steps[0].to).toBeCloseTo(0.3 * ms, 12);
    expect(steps[2].to - steps[2].from).toBeCloseTo(16e-6 / w.access, 9);
    expect(steps[6].to - steps[6].from).toBeCloseTo(8e-6 / w.core, 9);
    expect(steps[8].to).toBeCloseTo(jointVoiceDelay(), 9);
    expect(steps[9].to).toBeCloseTo(jointVoiceDelay(), 9);
    expect(await voice.getByText('Weights of the switches crossed').count()).toBe(1);
    await page.close();
  });

  it('downloads each chart as PNG, SVG and CSV', async () => {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(metroReport).href);
    const save = async (title: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTitle(title).first().click()]);
      return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
    };
    const topologySvg = await save('Save Topology Metro as SVG');
    expect(topologySvg.name).toBe('AnomalyDetection-Topology_Metro.svg');
    // Well-formed XML that keeps the node names as text.
    const parsed = await page.evaluate((text) => {
      const document = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: document.querySelector('parsererror')?.textContent ?? null, labels: [...document.querySelectorAll('text')].map((t) => t.textContent) };
    }, topologySvg.bytes.toString('utf8'));
    expect(parsed.error).toBeNull();
    expect(parsed.labels).toContain('agg1');

    const topologyPng = await save('Save Topology Metro as PNG');
    expect(topologyPng.bytes.subarray(1, 4).toString()).toBe('PNG');
    const roundsPng = await save('Save Round time per AIF as PNG');
    expect(roundsPng.bytes.subarray(1, 4).toString()).toBe('PNG');
    const roundsCsv = await save('Save Round time per AIF as CSV');
    expect(roundsCsv.bytes.toString('utf8').split('\r\n')).toHaveLength(1 + 3 + 1); // header, 3 AIFs, final line break
    await page.close();
  });
});
