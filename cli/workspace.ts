/**
 * Loads a CLI workspace the way the editor sees one: every `.nsc` file in the folder of each named
 * file (or in `--workspace DIR`) is parsed and linked together, so cross-file references resolve.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver';
import { createNetScenarioServices, type NetScenarioServices } from '../language/netscenario-module.js';
import type { Scenario } from '../language/generated/ast.js';

export interface FileReport {
  /** The path as the user wrote it, for messages. */
  readonly path: string;
  readonly document?: LangiumDocument<Scenario>;
  readonly diagnostics: readonly Diagnostic[];
  /** Set when the file could not be read at all. */
  readonly readError?: string;
}

export interface LoadedWorkspace {
  readonly files: FileReport[];
  readonly hasErrors: boolean;
  readonly services: NetScenarioServices;
}

export async function loadWorkspace(paths: readonly string[], workspaceDir?: string): Promise<LoadedWorkspace> {
  const services = createNetScenarioServices(NodeFileSystem).NetScenario;
  const workspace = services.shared.workspace;
  const folders = new Set(workspaceDir ? [resolve(workspaceDir)] : paths.map((p) => dirname(resolve(p))));
  const named = new Set(paths.map((p) => resolve(p)));
  const documents = new Map<string, LangiumDocument<Scenario>>();
  const readErrors = new Map<string, string>();

  const add = (absolute: string) => {
    if (documents.has(absolute) || readErrors.has(absolute)) return;
    try {
      // Invalid UTF-8 decodes to U+FFFD, which the lexer then reports like any other stray character.
      const text = readFileSync(absolute, 'utf8');
      const document = workspace.LangiumDocumentFactory.fromString<Scenario>(text, URI.file(absolute));
      workspace.LangiumDocuments.addDocument(document);
      documents.set(absolute, document);
    } catch (error) {
      readErrors.set(absolute, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message);
    }
  };
  for (const folder of folders) {
    for (const entry of listScenarioFiles(folder)) add(entry);
  }
  for (const path of named) add(path);
  await workspace.DocumentBuilder.build([...documents.values()], { validation: true });

  const files = paths.map((path): FileReport => {
    const absolute = resolve(path);
    const readError = readErrors.get(absolute);
    if (readError) return { path, diagnostics: [], readError };
    const document = documents.get(absolute)!;
    return { path, document, diagnostics: document.diagnostics ?? [] };
  });
  const hasErrors = files.some((f) => f.readError || f.diagnostics.some((d) => d.severity === 1));
  return { files, hasErrors, services };
}

function listScenarioFiles(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith('.nsc'))
      .map((name) => join(folder, name))
      .filter((path) => statSync(path).isFile());
  } catch {
    return []; // an unreadable folder only loses cross-file references; the named file reports itself
  }
}

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'] as const;

/** `path:line:column: severity: message` (1-based), like tsc. */
export function formatDiagnostics(file: FileReport): string[] {
  if (file.readError) return [`${file.path}:1:1: error: cannot read file: ${file.readError}`];
  return [...file.diagnostics]
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((d) => `${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${SEVERITY[d.severity ?? 1]}: ${d.message}`);
}

