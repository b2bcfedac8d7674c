/** Solve on save through the real server process: diagnostics from results on the failing clauses. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { serverOnExamples } from '../support/example-workspace.js';

const examples = serverOnExamples();

const { uriOf, textOf } = examples;
/** The source text a diagnostic covers. */
const covered = (text: string, d: Diagnostic) => {
  const lines = text.split('\n');
  return lines[d.range.start.line].slice(d.range.start.character, d.range.start.line === d.range.end.line ? d.range.end.character : undefined);
};

describe('solve on save', () => {
  it('paper-fork: feasible, no diagnostics after save', async () => {
    const uri = uriOf('paper-fork.nsc');
    expect(await examples.session.open(uri, textOf('paper-fork.nsc'))).toEqual([]);
    const { results, diagnostics } = await examples.session.save(uri);
    expect(results.status).toBe('solved');
    expect(diagnostics).toEqual([]);
  });

  it('fork-fixed-weights: equal weights miss both SLOs of f1, on the clauses, with the values in the message', async () => {
    const uri = uriOf('fork-fixed-weights.nsc');
    const text = textOf('fork-fixed-weights.nsc');
    expect(await examples.session.open(uri, text)).toEqual([]);
    const { diagnostics } = await examples.session.save(uri);
    const errors = diagnostics.filter((d) => d.severity === 1);
    expect(errors.map((d) => [d.range.start.line + 1, covered(text, d)])).toEqual([
      [17, '5 s'],
      [17, '1/3 pps'],
    ]);
    // f1 at w1 = 1/2: delay 4 + 2 = 6 s > 5 s; rate (1/2)/2 = 1/4 pps < 1/3 pps.
    expect(errors[0].message).toContain('takes ≈ 6 s, the limit is 5 s');
    expect(errors[1].message).toContain('gets ≈ 0.25 pps, it needs 0.333 pps');
  });
});

describe('a save right after opening', () => {
  it('is solved, although the server had not built the document yet', async () => {
    // As a script or a fast editor (Neovim saving on open) would: didOpen and didSave back to back.
    const uri = uriOf('opened-and-saved.nsc');
    const results = examples.session.nextResults(uri);
    await examples.session.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'netscenario', version: 1, text: textOf('paper-fork.nsc').replace('switch Fork', 'switch ForkOpenedAndSaved') },
    });
    await examples.session.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    expect(await results).toMatchObject({ uri, version: 1, status: 'solved' });
  });
});

describe('verdicts first, details after', () => {
  it('fork-fixed-weights: the diagnostics come without fixes, then again with the checked fixes', async () => {
    // A file of its own (the switch renamed), never solved before.
    const uri = uriOf('fork-fixed-weights-copy.nsc');
    await examples.session.open(uri, textOf('fork-fixed-weights.nsc').replace(/switch (\w+)/g, 'switch $1Copy'));
    const complete = examples.session.nextResults(uri, (r) => r.details === 'ready');
    const verdicts = await examples.session.save(uri);
    const fixesOf = (diagnostics: Diagnostic[]) => diagnostics.flatMap((d) => (d.data as { fixes?: unknown[] } | undefined)?.fixes ?? []);
    expect(verdicts.results.details).toBe('pending');
    expect(verdicts.results.switches.every((s) => s.simulation === null)).toBe(true);
    expect(fixesOf(verdicts.diagnostics)).toEqual([]);
    const details = await complete;
    expect(details.version).toBe(verdicts.results.version);
    // The same verdicts, now with trajectories and checked fixes on the failing clauses.
    expect(details.switches.map((s) => s.result)).toEqual(verdicts.results.switches.map((s) => s.result));
    expect(details.switches.every((s) => s.simulation !== null)).toBe(true);
    expect(fixesOf(examples.session.diagnostics.get(uri) ?? []).length).toBeGreaterThan(0);
  });
});

describe('dependent documents', () => {
  it('re-solve when a file they reference is saved', async () => {
    const { session } = examples;
    const site = uriOf('edge-site.nsc');
    const metro = uriOf('metro-placement.nsc');
    await session.open(site, textOf('edge-site.nsc'));
    // Wait for the details too: under load they may come after the verdicts, and would otherwise be
    // taken for the results of the solve that saving the metro file starts.
    await session.save(site, 'details');
    await session.open(metro, textOf('metro-placement.nsc'));
    // edge-site.nsc places its switch at Metro.agg1: saving the metro file solves edge-site again.
    const resolved = session.nextResults(site);
    await session.save(metro);
    const results = await resolved;
    expect(results.switches.map((s) => s.name)).toEqual(['EdgeUpf']);
    // Two solves of edge-site, each published first with its verdicts (details pending).
    expect(session.results.filter((r) => r.uri === site && r.details === 'pending')).toHaveLength(2);
  });
});
