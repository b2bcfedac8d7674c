import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildWorkspace, createServices } from './helpers.js';

const examplesDir = join(import.meta.dirname, '../../examples');
const filesWhere = (keep: (name: string) => boolean) =>
  Object.fromEntries(
    readdirSync(examplesDir)
      .filter(keep)
      .map((f) => [f, readFileSync(join(examplesDir, f), 'utf8')]),
  );
const examples = filesWhere((f) => f.endsWith('.nsc'));
/** The trace files some examples read (`traffic from`). */
const otherFiles = filesWhere((f) => !f.endsWith('.nsc'));

describe('examples', () => {
  it.each(Object.keys(examples))('%s parses, links and validates without diagnostics', async (file) => {
    const documents = await buildWorkspace(createServices(otherFiles), examples);
    const document = documents.get(file)!;
    expect(document.parseResult.lexerErrors).toEqual([]);
    expect(document.parseResult.parserErrors).toEqual([]);
    expect(document.diagnostics?.map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });
});
