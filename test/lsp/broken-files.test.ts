/**
 * A half-typed file is the normal state of a file being edited: saving it must never end the
 * server, never solve what does not validate, and say why nothing was solved. Each case is a crash
 * or a wrong result that users reported; the server must still solve a valid file afterwards.
 */
import { describe, expect, it } from 'vitest';
import type { CodeLens } from 'vscode-languageserver';
import { serverOnExamples } from '../support/example-workspace.js';

const examples = serverOnExamples();
let version = 1;
const opened = new Set<string>();

/** Opens the file with `text`, or replaces its text when it is open (a new version); returns the version. */
async function show(file: string, text: string): Promise<number> {
  const uri = examples.uriOf(file);
  if (opened.has(uri)) await examples.session.change(uri, text, ++version);
  else await examples.session.open(uri, text, ++version);
  opened.add(uri);
  return version;
}

const PLACEMENT_ON_T = `
curve C {
  1 -> 1 s
}
placement P {
  topology T
  curve C
  rounds 1
  target 2 s
}`;

/** The server process is still there and solves a valid file. */
async function expectServerAlive() {
  expect(examples.session.process.exitCode).toBeNull();
  await show('paper-fork.nsc', examples.textOf('paper-fork.nsc'));
  expect((await examples.session.save(examples.uriOf('paper-fork.nsc'))).results.status).toBe('solved');
}

describe('saving a file with errors', () => {
  // [file, its text, a message among the errors]; edits of an example are undone after the case.
  const cases: Record<string, [string, string, RegExp]> = {
    'a link with a missing endpoint': ['new-1.nsc', `topology T {\n  node a\n  node b\n  link a --\n}${PLACEMENT_ON_T}`, /Expected a name/],
    'a link to an unknown node': [
      'new-2.nsc',
      `topology T2 {\n  node a\n  node b\n  link a -- zz latency 1 ms\n}${PLACEMENT_ON_T.replace(/\bT\b/, 'T2').replace(/\bC\b/g, 'C2').replace('P {', 'P2 {')}`,
      /^Unknown node 'zz'\.$/,
    ],
    'a task naming an unknown module': ['new-3.nsc', 'switch S3 {\n  worker w0 speed 1 Hz\n  module a cost 1 cycles\n  task t on w0 { zz }\n}', /^Unknown module 'zz'\.$/],
    'a task on an unknown worker': [
      'new-4.nsc',
      'switch S4 {\n  worker w0 speed 1 Hz\n  module a cost 1 cycles\n  task t on zz { a }\n  flow f a offered 1 pps\n}',
      /^Unknown worker 'zz'\.$/,
    ],
    'a worker speed of 1e-300 Hz': ['paper-fork.nsc', examples.textOf('paper-fork.nsc').replace('speed 1 Hz', 'speed 1e-300 Hz'), /speed must be at least 1 Hz/],
    'a delay SLO of 1e-12 s': ['paper-fork.nsc', examples.textOf('paper-fork.nsc').replace('delay <= 5 s', 'delay <= 1e-12 s'), /delay SLO must be at least 1 ns/],
    'a module cost of 999999999999 cycles': [
      'edge-site.nsc',
      examples.textOf('edge-site.nsc').replace('cost 60 cycles', 'cost 999999999999 cycles'),
      /times the speed of its worker/,
    ],
    'a worker speed of 5e-324 GHz': ['edge-site.nsc', examples.textOf('edge-site.nsc').replace('speed 2.4 GHz', 'speed 5e-324 GHz'), /speed must be at least 1 Hz/],
  };

  it.each(Object.entries(cases))('%s: not solved, with the count and the first error, and the server lives on', async (_, [file, text, expected]) => {
    const uri = examples.uriOf(file);
    await show(file, text);
    const { results, diagnostics } = await examples.session.save(uri);
    const errors = diagnostics.filter((d) => d.severity === 1);
    expect(errors.map((d) => d.message)).toContainEqual(expect.stringMatching(expected));
    expect(results).toMatchObject({ uri, status: 'not-solved', errorCount: errors.length, placements: [], switches: [] });
    expect(results.location?.uri).toBe(uri);
    expect(errors.map((d) => d.range)).toContainEqual(results.location?.range);
    // No diagnostic pretends the file was solved or that the solver failed.
    expect(diagnostics.map((d) => d.message).join('\n')).not.toMatch(/Solve failed|Infeasible|T\/R = ∞/);
    const lenses = await examples.session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    for (const lens of lenses) expect(lens.command?.title).toBe(`not solved: ${errors.length} input error${errors.length === 1 ? '' : 's'}`);
    await show(file, file.startsWith('new-') ? '' : examples.textOf(file));
    await expectServerAlive();
  });

  it('an unsaved broken edge-site is not solved when metro-placement is saved (its dependent re-solve)', async () => {
    const edge = examples.uriOf('edge-site.nsc');
    await show('edge-site.nsc', examples.textOf('edge-site.nsc'));
    await examples.session.save(edge);
    const broken = await show('edge-site.nsc', examples.textOf('edge-site.nsc').replace(/\{ bulk_nat/, '{ bulk_natX'));
    const metro = examples.uriOf('metro-placement.nsc');
    await show('metro-placement.nsc', examples.textOf('metro-placement.nsc'));
    const edgeResults = examples.session.nextResults(edge);
    await examples.session.save(metro);
    expect(await edgeResults).toMatchObject({ status: 'not-solved', version: broken });
    await expectServerAlive();
  });

  it('a valid file that references a file with errors is not solved, and points at the other file', async () => {
    const edge = examples.uriOf('edge-site.nsc');
    const metro = examples.uriOf('metro-placement.nsc');
    await show('edge-site.nsc', examples.textOf('edge-site.nsc'));
    // metro-placement gets an error (an unknown unit) but stays unsaved; edge-site places its switch on Metro.agg1.
    await show('metro-placement.nsc', examples.textOf('metro-placement.nsc').replace('latency 1.2 ms', 'latency 1.2 mz'));
    const { results } = await examples.session.save(edge);
    expect(results.status).toBe('not-solved');
    expect(results.message).toContain('metro-placement.nsc');
    expect(results.location?.uri).toBe(metro);
    await show('metro-placement.nsc', examples.textOf('metro-placement.nsc'));
    expect((await examples.session.save(edge)).results.status).toBe('solved');
  });
});
