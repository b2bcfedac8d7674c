/** Clause bookkeeping shared by placement, mandala, study and controller blocks. */
import { AstUtils, type AstNode, type ValidationAcceptor } from 'langium';

/** Reports a repeated clause kind (by `key`) on each repetition. */
export function checkSingleClauses<T extends AstNode>(clauses: readonly T[], key: (clause: T) => string, describe: (key: string) => string, accept: ValidationAcceptor): void {
  const seen = new Set<string>();
  for (const clause of clauses) {
    const k = key(clause);
    if (seen.has(k)) accept('error', `${describe(k)} is given more than once; keep one.`, { node: clause });
    seen.add(k);
  }
}

/** Reports each required clause kind missing from `clauses` on the declaration's name. */
export function checkRequiredClauses<T extends AstNode>(
  owner: AstNode & { name?: string },
  clauses: readonly T[],
  required: ReadonlyMap<string, string>,
  accept: ValidationAcceptor,
): void {
  if (!syntaxIsComplete(owner)) return;
  const present = new Set(clauses.map((c) => c.$type));
  const missing = [...required].filter(([type]) => !present.has(type)).map(([, keyword]) => `'${keyword}'`);
  if (missing.length > 0) {
    accept('error', `'${owner.name}' needs ${missing.join(', ')}.`, { node: owner, property: 'name' });
  }
}

/**
 * False while the file has syntax errors. Rules about what is *missing* (a clause, a task for a
 * module, a unit) are skipped then: in a half-typed or truncated file they only add noise to the
 * syntax error that explains the real problem.
 */
export function syntaxIsComplete(node: AstNode): boolean {
  const { parserErrors, lexerErrors } = AstUtils.getDocument(node).parseResult;
  return parserErrors.length === 0 && lexerErrors.length === 0;
}
