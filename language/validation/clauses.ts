/** Clause bookkeeping shared by placement, mandala, study and controller blocks. */
import type { AstNode, ValidationAcceptor } from 'langium';

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
  const present = new Set(clauses.map((c) => c.$type));
  const missing = [...required].filter(([type]) => !present.has(type)).map(([, keyword]) => `'${keyword}'`);
  if (missing.length > 0) {
    accept('error', `'${owner.name}' needs ${missing.join(', ')}.`, { node: owner, property: 'name' as never });
  }
}
