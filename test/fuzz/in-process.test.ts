/**
 * Fuzzing the language services and the engines in process: mutated examples and generated
 * scenarios (arbitraries.ts). Seeded (NSC_FUZZ_SEED), so a failure reproduces; fast-check prints the
 * seed, the path and the shrunk counterexample. NSC_FUZZ_RUNS runs more cases (npm run fuzz).
 */
import fc from 'fast-check';
import { TextDocument } from 'langium';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { lowerScenario, scenarioInput } from '../../language/lowering.js';
import { loweringContext } from '../../language/lowering-context.js';
import { fuzzRuns, fuzzSeed, mutatedScenario } from './arbitraries.js';
import { buildCase, lowerValidated, messagesOf, nonFiniteNumber, smallEnough, solveAsServer, syntaxErrors, type BuiltCase } from './in-process.js';

const settings = (ci: number) => ({ seed: fuzzSeed(), numRuns: fuzzRuns(ci), endOnFailure: false });
/** Long cases shrink slowly; a few minutes of shrinking is plenty for a counterexample worth reading. */
const TIMEOUT = 20 * 60_000;

async function format(built: BuiltCase): Promise<string> {
  const { services, document } = built;
  const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
  return TextDocument.applyEdits(document.textDocument, edits);
}

describe('fuzz: language services and engines in process', () => {
  it('parsing, linking, validation and lowering never throw; what validates lowers and solves to finite numbers', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedScenario(), async ({ file, text }) => {
        const built = await buildCase(file, text);
        const lowering = lowerScenario(built.document.parseResult.value, loweringContext(built.services));
        if (built.blockingErrorCount > 0) return;
        expect(lowering.ok ? [] : lowering.problems.map((p) => p.message)).toEqual([]);
        const input = scenarioInput(lowerValidated(built));
        if (!smallEnough(input)) return;
        const results = await solveAsServer(built.document, input);
        expect(nonFiniteNumber(results)).toBeUndefined();
      }),
      settings(40),
    );
  });

  it('formatting is idempotent and changes no diagnostic', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedScenario(), async ({ file, text }) => {
        const built = await buildCase(file, text);
        const formatted = await format(built);
        const rebuilt = await buildCase(file, formatted);
        expect(messagesOf(rebuilt.document.diagnostics)).toEqual(messagesOf(built.document.diagnostics));
        expect(await format(rebuilt)).toBe(formatted);
      }),
      settings(40),
    );
  });

  it('every quick fix offered (on solved results, or a unit suggestion) leaves a text without syntax errors', { timeout: TIMEOUT }, async () => {
    await fc.assert(
      fc.asyncProperty(mutatedScenario(2), async ({ file, text }) => {
        const built = await buildCase(file, text);
        const { services, document } = built;
        if (syntaxErrors(document).length > 0) return;
        if (built.blockingErrorCount === 0) {
          const input = scenarioInput(lowerValidated(built));
          if (smallEnough(input)) services.results.Store.set(await solveAsServer(document, input));
        }
        // Result diagnostics (and their fixes) come with validation, as the server publishes them.
        const diagnostics = await services.validation.DocumentValidator.validateDocument(document);
        const whole = { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) };
        const actions =
          (await services.lsp.CodeActionProvider!.getCodeActions(document, { textDocument: { uri: document.uri.toString() }, range: whole, context: { diagnostics } })) ?? [];
        for (const action of actions as CodeAction[]) {
          if (!action.kind?.startsWith(CodeActionKind.QuickFix) || !action.edit?.changes) continue;
          const fixed = TextDocument.applyEdits(document.textDocument, action.edit.changes[document.uri.toString()]);
          const after = await buildCase(file, fixed);
          expect(syntaxErrors(after.document), `after '${action.title}':\n${fixed}`).toEqual([]);
        }
      }),
      settings(30),
    );
  });
});
