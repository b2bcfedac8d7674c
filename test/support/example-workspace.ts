/** A throw-away copy of examples/ for protocol tests that edit files, with URI and text helpers. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ExampleWorkspace {
  readonly folder: string;
  uriOf(file: string): string;
  textOf(file: string): string;
}

export function copyExamples(): ExampleWorkspace {
  const folder = mkdtempSync(join(tmpdir(), 'nsc-examples-'));
  cpSync(join(import.meta.dirname, '../../examples'), folder, { recursive: true });
  return {
    folder,
    uriOf: (file) => pathToFileURL(join(folder, file)).toString(),
    textOf: (file) => readFileSync(join(folder, file), 'utf8'),
  };
}
