/** A throw-away copy of examples/ for protocol tests that edit files, with URI and text helpers. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { LspSession } from './lsp-session.js';

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

/** Starts the real server on a fresh copy of examples/ before the calling file's tests, and stops it after. */
export function serverOnExamples(): ExampleWorkspace & { readonly session: LspSession } {
  const workspace = copyExamples();
  let session: LspSession | undefined;
  beforeAll(async () => {
    session = await LspSession.start(workspace.folder);
  });
  afterAll(async () => {
    await session?.stop();
  });
  return {
    ...workspace,
    get session() {
      if (!session) throw new Error('the server starts in beforeAll');
      return session;
    },
  };
}
