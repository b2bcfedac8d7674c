/**
 * Which input errors stop a document from being solved: its own, and those of every document it
 * references, directly or through others (a placement cannot be solved on a topology whose file
 * does not validate). Errors found by solving (infeasible SLOs) never block: they are results.
 */
import { AstUtils, DocumentState, type LangiumCoreServices, type LangiumDocument } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { isResultDiagnosticData } from './results/fixes.js';

export interface LocatedDiagnostic {
  readonly uri: string;
  readonly diagnostic: Diagnostic;
}

export interface BlockingErrors {
  /** Input errors in the document and in everything it references. */
  readonly count: number;
  /** The first of them: in the document itself when it has any, else in the first referenced file that has. */
  readonly first?: LocatedDiagnostic;
  /** The URIs of the referenced documents (not the document itself) that have errors. */
  readonly referencedWithErrors: readonly string[];
  /** The document and every document it references, directly or not: what its solve depends on. */
  readonly closure: readonly LangiumDocument[];
}

export const isInputError = (diagnostic: Diagnostic): boolean => diagnostic.severity === DiagnosticSeverity.Error && !isResultDiagnosticData(diagnostic.data);

/**
 * The input errors of a document. A file of the workspace that was never opened is linked but not
 * validated (Langium's initial build skips validation): validate it now rather than trust it.
 */
async function inputErrors(document: LangiumDocument, services: LangiumCoreServices): Promise<Diagnostic[]> {
  const diagnostics =
    document.state >= DocumentState.Validated && document.diagnostics ? document.diagnostics : await services.validation.DocumentValidator.validateDocument(document);
  return diagnostics.filter(isInputError);
}

export async function blockingErrors(document: LangiumDocument, services: LangiumCoreServices): Promise<BlockingErrors> {
  const visited = new Set<string>([document.uri.toString()]);
  const closure: LangiumDocument[] = [document];
  const pending: LangiumDocument[] = [document];
  let count = 0;
  let first: LocatedDiagnostic | undefined;
  const referencedWithErrors: string[] = [];
  for (let current = pending.shift(); current !== undefined; current = pending.shift()) {
    const uri = current.uri.toString();
    const errors = await inputErrors(current, services);
    if (errors.length > 0) {
      count += errors.length;
      first ??= { uri, diagnostic: firstByPosition(errors) };
      if (current !== document) referencedWithErrors.push(uri);
    }
    for (const target of referencedDocuments(current)) {
      const key = target.uri.toString();
      if (visited.has(key)) continue;
      visited.add(key);
      closure.push(target);
      pending.push(target);
    }
  }
  return { count, first, referencedWithErrors, closure };
}

function referencedDocuments(document: LangiumDocument): LangiumDocument[] {
  const found = new Map<string, LangiumDocument>();
  for (const reference of document.references) {
    const targets = 'items' in reference ? reference.items.map((item) => item.ref) : [reference.ref];
    for (const target of targets) {
      if (!target) continue;
      const owner = AstUtils.getDocument(target);
      if (owner !== document) found.set(owner.uri.toString(), owner);
    }
  }
  return [...found.values()];
}

function firstByPosition(diagnostics: readonly Diagnostic[]): Diagnostic {
  return diagnostics.reduce((a, b) =>
    b.range.start.line < a.range.start.line || (b.range.start.line === a.range.start.line && b.range.start.character < a.range.start.character) ? b : a,
  );
}
