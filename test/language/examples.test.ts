import { describe, expect, it } from 'vitest';
import { buildWorkspace, createServices, exampleFiles } from './helpers.js';

const { scenarios: examples, otherFiles } = exampleFiles();

describe('examples', () => {
  it.each(Object.keys(examples))('%s parses, links and validates without diagnostics', async (file) => {
    const documents = await buildWorkspace(createServices(otherFiles), examples);
    const document = documents.get(file)!;
    expect(document.parseResult.lexerErrors).toEqual([]);
    expect(document.parseResult.parserErrors).toEqual([]);
    expect(document.diagnostics?.map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });
});
