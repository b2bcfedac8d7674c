/**
 * Loads a CLI workspace the way the editor sees one: every `.nsc` file in the folder of each named
 * file (or in `--workspace DIR`) is parsed and linked together, so cross-file references resolve.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
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
  /** Why the file was not analysed at all: it cannot be read, is no .nsc file, or is empty. */
  readonly fileError?: string;
}

/** A diagnostic as the CLI prints it and puts in JSON: a path as written, 1-based line and column. */
export interface CliDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
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
  const fileErrors = new Map<string, string>();

  const add = (absolute: string) => {
    if (documents.has(absolute) || fileErrors.has(absolute)) return;
    const text = readScenario(absolute);
    if (text.error !== undefined) {
      fileErrors.set(absolute, text.error);
      return;
    }
    const document = workspace.LangiumDocumentFactory.fromString<Scenario>(text.text, URI.file(absolute));
    workspace.LangiumDocuments.addDocument(document);
    documents.set(absolute, document);
  };
  for (const folder of folders) {
    for (const entry of listScenarioFiles(folder)) add(entry);
  }
  for (const path of named) add(path);
  await workspace.DocumentBuilder.build([...documents.values()], { validation: true });

  const files = paths.map((path): FileReport => {
    const absolute = resolve(path);
    const fileError = fileErrors.get(absolute);
    if (fileError) return { path, diagnostics: [], fileError };
    const document = documents.get(absolute);
    if (!document) return { path, diagnostics: [], fileError: 'not loaded' };
    return { path, document, diagnostics: document.diagnostics ?? [] };
  });
  const hasErrors = files.some((f) => f.fileError || f.diagnostics.some((d) => d.severity === 1));
  return { files, hasErrors, services };
}

/** The text of a scenario file, or a one-line reason why there is none to analyse. */
function readScenario(absolute: string): { text: string; error?: undefined } | { error: string } {
  let text: string;
  try {
    if (statSync(absolute).isDirectory()) return { error: 'is a folder: name the .nsc files in it' };
    if (extname(absolute) !== '.nsc') return { error: 'not a .nsc file: nsc reads NetScenario files ending in .nsc' };
    // Invalid UTF-8 decodes to U+FFFD, which the lexer then reports like any other stray character.
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    return { error: `cannot read file: ${readFailure(error as NodeJS.ErrnoException)}` };
  }
  return text.trim() === '' ? { error: 'the file is empty: it declares nothing to check' } : { text };
}

const READ_FAILURES: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a folder on its path is a file',
  ELOOP: 'too many symbolic links (a link loop?)',
  ENAMETOOLONG: 'the name is too long',
};

/** The reason in plain words; Node's own message (which repeats the absolute path) only for rare codes. */
export function readFailure(error: NodeJS.ErrnoException): string {
  return (error.code && READ_FAILURES[error.code]) ?? error.message;
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

/** LSP severities 1..4; a hint is shown as info, the CLI's least severity. */
const SEVERITY = ['error', 'error', 'warning', 'info', 'info'] as const;

/** The file's diagnostics in source order (a file error is one error at 1:1). */
export function fileDiagnostics(file: FileReport): CliDiagnostic[] {
  if (file.fileError) return [{ file: file.path, line: 1, column: 1, severity: 'error', message: file.fileError }];
  return [...file.diagnostics]
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)
    .map((d) => ({
      file: file.path,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: SEVERITY[d.severity ?? 1],
      message: typeof d.message === 'string' ? d.message : d.message.value,
    }));
}

/** `path:line:column: severity: message` (1-based), like tsc. */
export const formatDiagnostic = (d: CliDiagnostic) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
