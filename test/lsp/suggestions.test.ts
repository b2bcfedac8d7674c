/**
 * The editor's suggestions, typed back: the target and rounds in an infeasible placement's
 * diagnostic and code lens, and every checked quick fix of a generated switch, each written into
 * the file and saved again, must clear that placement's or flow's error.
 */
import { describe, expect, it } from 'vitest';
import type { CodeLens, Diagnostic } from 'vscode-languageserver';
import { serverOnExamples } from '../support/example-workspace.js';
import { BOUNDARY, generatedPlacement } from '../support/suggestion-scenarios.js';

const examples = serverOnExamples();
let version = 1;
const opened = new Set<string>();

async function saveText(file: string, text: string) {
  const uri = examples.uriOf(file);
  if (opened.has(uri)) await examples.session.change(uri, text, ++version);
  else await examples.session.open(uri, text, ++version);
  opened.add(uri);
  return { uri, ...(await examples.session.save(uri)) };
}

const errorsOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 1);
/** The placement a diagnostic is on: the nearest `placement NAME` at or above its line. */
function placementAt(text: string, line: number): string {
  const above = text
    .split('\n')
    .slice(0, line + 1)
    .reverse();
  return /placement (\S+)/.exec(above.find((l) => l.includes('placement ')) ?? '')![1];
}

function withClause(text: string, placement: string, clause: 'target' | 'rounds', value: string): string {
  const start = text.indexOf(`placement ${placement} {`);
  const end = text.indexOf('}', start);
  const body = text.slice(start, end).replace(new RegExp(`\\b${clause} [^\\n}]*?(?=\\s*(?:\\n|$|topology|curve|rounds|target|accelerators|objective))`), `${clause} ${value}`);
  return text.slice(0, start) + body + text.slice(end);
}

describe('placement suggestions in the editor', () => {
  const text = [BOUNDARY, ...Array.from({ length: 20 }, (_, i) => generatedPlacement(300 + i))].join('\n\n');

  it('every target and rounds in a diagnostic, typed back, clears that placement', async () => {
    const { diagnostics } = await saveText('suggested.nsc', text);
    const suggestions = errorsOf(diagnostics).flatMap((d) => {
      const placement = placementAt(text, d.range.start.line);
      const target = /target >= ([\d.e+-]+ [A-Za-zµ]+)/.exec(d.message)?.[1];
      const rounds = /rounds <= (\d+)/.exec(d.message)?.[1];
      return [...(target ? [{ placement, clause: 'target' as const, value: target }] : []), ...(rounds ? [{ placement, clause: 'rounds' as const, value: rounds }] : [])];
    });
    expect(suggestions.filter((s) => s.clause === 'target').length).toBeGreaterThan(3);
    for (const clause of ['target', 'rounds'] as const) {
      const ofKind = suggestions.filter((s) => s.clause === clause);
      const edited = ofKind.reduce((t, s) => withClause(t, s.placement, clause, s.value), text);
      const after = errorsOf((await saveText('suggested.nsc', edited)).diagnostics);
      const stillFailing = new Set(after.map((d) => placementAt(edited, d.range.start.line)));
      for (const { placement, value } of ofKind) expect(stillFailing.has(placement), `${placement}: ${clause} ${value}`).toBe(false);
    }
  });

  it("the code lens' needed target, typed back, clears the placement", async () => {
    // The boundary scenario again, under names of its own (suggested.nsc holds the first copy).
    const boundary = BOUNDARY.replace(/\b(Exact|Flat|TargetAtBoundary|RoundsAtBoundary|Accelerated|Slow|NeedsAccelerators)\b/g, '$1Again');
    const { uri } = await saveText('lens.nsc', boundary);
    const lenses = await examples.session.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const needed = lenses.map((l) => /needs target ≥ (.+)$/.exec(l.command?.title ?? '')?.[1]).find(Boolean);
    expect(needed).toBe('3.5 s'); // TargetAtBoundary: exactly 10 * 0.35 s
    const edited = withClause(boundary, 'TargetAtBoundaryAgain', 'target', needed!);
    const after = await saveText('lens.nsc', edited);
    expect(errorsOf(after.diagnostics).map((d) => placementAt(edited, d.range.start.line))).not.toContain('TargetAtBoundaryAgain');
  });
});
