/**
 * Editor features from solve results, through the real server: inlay hints, hovers, code lenses,
 * and quick fixes that, applied and saved, remove their diagnostic and add no error.
 */
import { describe, expect, it } from 'vitest';
import type { CodeAction, CodeLens, Diagnostic, Hover, InlayHint, Position } from 'vscode-languageserver';
import { serverOnExamples } from '../support/example-workspace.js';
import { generatedSwitch } from '../support/suggestion-scenarios.js';
import { applyEdits } from '../support/text-edits.js';

const examples = serverOnExamples();
let version = 100;

const { uriOf, textOf } = examples;
const positionOf = (text: string, needle: string, delta = 0): Position => {
  const offset = text.indexOf(needle) + delta;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
};
const lineOf = (text: string, needle: string) => positionOf(text, needle).line;
const wholeDocument = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

const opened = new Set<string>();

/** Opens the file (or, when open, replaces its text: a new version) with `text`. */
async function show(uri: string, text: string): Promise<void> {
  if (opened.has(uri)) await examples.session.change(uri, text, ++version);
  else await examples.session.open(uri, text, ++version);
  opened.add(uri);
}

async function openAndSave(file: string, text = textOf(file)) {
  const uri = uriOf(file);
  await show(uri, text);
  return { uri, text, ...(await examples.session.save(uri, 'details')) };
}

// paper-fork's optimum by hand: the delay slacks of f1 and f2 bind, 1 - (2/w + 2)/5 = 1 - (1/(1-w) + 1)/6,
// i.e. 7w^2 + 10w - 12 = 0, so w1 = (-10 + sqrt(436)) / 14 ≈ 0.7772 and f1's delay 2/w1 + 2 ≈ 4.573 s.
const W1 = (-10 + Math.sqrt(436)) / 14;
const F1_DELAY = 2 / W1 + 2;

describe('results in the editor', () => {
  it('inlay hints: chosen weights after tasks and delay/SLO after delay SLOs (paper-fork)', async () => {
    const { uri, text } = await openAndSave('paper-fork.nsc');
    const hints = await examples.session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: wholeDocument });
    const on = (needle: string) => hints.filter((h) => h.position.line === lineOf(text, needle)).map((h) => String(h.label));
    expect(on('task t1')).toEqual([`w ≈ ${W1.toFixed(2)}`]);
    expect(on('task t2')).toEqual([`w ≈ ${(1 - W1).toFixed(2)}`]);
    // f1 carries its rate at w1: w1 * T / tau = w1 / 2 pps.
    expect(on('flow f1 nic1').sort()).toEqual([`≈ ${(W1 / 2).toPrecision(3)} pps`, `≈ ${F1_DELAY.toPrecision(3)} s / 5 s`]);
  });

  it('hover on a flow shows its delay budget per task', async () => {
    const { uri, text } = await openAndSave('paper-fork.nsc');
    const hover = await examples.session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'flow f1 nic1', 5) });
    const markdown = (hover.contents as { value: string }).value;
    expect(markdown).toContain('| task | blocking | queuing | processing | total |');
    // t1 at w1: queuing Q*2/(T*w1) = 2/w1 ≈ 2.57 s beats blocking B*theta_t2/T = 1 s in the max, so blocking
    // counts 0; processing B*2/T = 2 s.
    expect(markdown).toContain(`| \`t1\` | 0 s | ${(2 / W1).toPrecision(3)} s | 2 s | ${F1_DELAY.toPrecision(3)} s |`);
    expect(markdown).toContain(`delay ≈ **${F1_DELAY.toPrecision(3)} s** of 5 s`);
  });

  it('hover on a traffic change shows how the controller copes with it, once the details are in', async () => {
    // Periods derived in test/cli/simulate.test.ts: from the day's optimum the voice task needs 4
    // steps of 0.025; at 2.4 Mpps voice needs 0.58 of w1 next to bulk's 0.48, which no weights give.
    const { uri, text } = await openAndSave('edge-site-rush-hour.nsc');
    const hoverOn = async (needle: string) =>
      ((await examples.session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, 3) })).contents as { value: string }).value;
    const doubled = await hoverOn('at period 20');
    expect(doubled).toContain('**traffic change at period 20** · voice_ul offered 1.6 Mpps rate >= 1.6 Mpps');
    expect(doubled).toContain('every SLO holds again after 4 periods (period 24) · 4 periods missing an SLO');
    const promotion = await hoverOn('at period 35');
    expect(promotion).toContain('never: no weights meet every SLO under this load · 15 periods missing an SLO');
    expect(promotion).toContain(`best achievable, each alone: voice_ul rate ${(((1 - 0.48) * 2.4e9) / 580 / 1e6).toPrecision(3)} Mpps`);
    const clause = await hoverOn('traffic {');
    expect(clause).toContain('| period | change | SLOs | periods missing an SLO | s* |');
    expect(clause).toContain('19 of 70 periods miss an SLO');
  });

  it('hover on a placement shows the round budget; inlay hints mark the FL server', async () => {
    const { uri, text } = await openAndSave('metro-placement.nsc');
    const hover = await examples.session.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, 'placement AnomalyDetection {', 12) });
    const markdown = (hover.contents as { value: string }).value;
    expect(markdown).toContain('**feasible**');
    expect(markdown).toContain('| AIF | training p_k | acceleration gain | exchange d_ij | round | slack to T/R |');
    // p_3 = 0.5 s, accelerated by alpha = 0.5: a gain of 0.25 s; T/R = 1.6 s / 5 = 0.32 s.
    expect(markdown).toContain('| 500 ms | −250 ms |');
    expect(markdown).toContain('T/R = 1.6 s / 5 = 320 ms');
    const hints = await examples.session.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: wholeDocument });
    expect(hints.some((h) => String(h.label).includes('FL server (AnomalyDetection)'))).toBe(true);
  });

  it('code lenses give the verdict and Show charts above each switch', async () => {
    const { uri } = await openAndSave('fork-fixed-weights.nsc');
    const lenses = await examples.session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const titles = lenses.map((l) => l.command?.title);
    expect(titles).toContain('infeasible: delay of f1, rate of f1');
    expect(titles).toContain('feasible · fixed weights · slack 0.0%');
    expect(titles.filter((t) => t === 'Show charts')).toHaveLength(2);
  });

  // The examples, and generated switches whose fixes relax SLOs to values that are not short decimals.
  const GENERATED = Array.from({ length: 4 }, (_, i) => generatedSwitch(40 + i)).join('\n\n');
  it.each([
    ['fork-fixed-weights.nsc', undefined],
    ['metro-placement.nsc', undefined],
    ['generated-switches.nsc', GENERATED],
  ])('every quick fix of %s, applied and saved, removes its diagnostic and adds no error', async (file, generated) => {
    const key = (d: Diagnostic) => `${d.range.start.line}:${d.message.slice(0, d.message.indexOf(':'))}`;
    const errorsOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 1);
    const quickFixes = async (uri: string, diagnostic: Diagnostic) =>
      (await examples.session.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })).filter(
        (a) => a.kind === 'quickfix',
      );
    const original = await openAndSave(file, generated);
    const targeted = errorsOf(original.diagnostics).filter((d) => (d.data as { fixes?: unknown[] })?.fixes?.length);
    expect(targeted.length).toBeGreaterThan(0);
    const errorsBefore = new Set(errorsOf(original.diagnostics).map(key));
    const applied: string[] = [];
    for (const target of targeted.map(key)) {
      const count = (await quickFixes(original.uri, errorsOf((await openAndSave(file, generated)).diagnostics).find((d) => key(d) === target)!)).length;
      expect(count, target).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        // Fixes belong to one document version: solve the original text again, then take fix i.
        const fresh = await openAndSave(file, generated);
        const fix = (await quickFixes(fresh.uri, errorsOf(fresh.diagnostics).find((d) => key(d) === target)!))[i];
        applied.push(fix.title);
        await show(fresh.uri, applyEdits(fresh.text, fix.edit!.changes![fresh.uri]));
        const after = await examples.session.save(fresh.uri);
        expect(after.results.version, fix.title).toBe(version);
        const errors = errorsOf(after.diagnostics).map(key);
        expect(errors, fix.title).not.toContain(target);
        for (const error of errors) expect(errorsBefore.has(error), `${fix.title} introduced ${error}`).toBe(true);
      }
    }
    // The generated switches relax both kinds of SLO (delays rounded up, rates down).
    if (generated) expect(applied).toEqual(expect.arrayContaining([expect.stringMatching(/^Relax the delay SLO/), expect.stringMatching(/^Relax the rate SLO/)]));
  });
});
