/** Finds, in the current AST, the declarations and clauses that results and fixes name. */
import type { LangiumDocument } from 'langium';
import * as ast from '../generated/ast.js';
import { firstOf, switchMembers } from '../syntax.js';
import type { QuantityTarget } from './fixes.js';

export function declarationNamed<T extends ast.Declaration>(document: LangiumDocument, guard: (d: ast.Declaration) => d is T, name: string): T | undefined {
  return (document.parseResult.value as ast.Scenario).declarations.find((d): d is T => guard(d) && d.name === name);
}

export function flowNamed(sw: ast.Switch, name: string): ast.Flow | undefined {
  return switchMembers(sw, 'Flow').find((f) => f.name === name);
}

export function taskNamed(sw: ast.Switch, name: string): ast.Task | undefined {
  return switchMembers(sw, 'Task').find((t) => t.name === name);
}

/** The written quantity a fix replaces, if it is still there. */
export function quantityAt(document: LangiumDocument, target: QuantityTarget): ast.Quantity | undefined {
  if ('placement' in target) {
    const placement = declarationNamed(document, ast.isPlacement, target.placement);
    return placement && firstOf(placement.clauses, target.clause)?.value;
  }
  if ('service' in target) {
    const service = declarationNamed(document, ast.isService, target.service);
    return service && firstOf(service.clauses, target.clause)?.value;
  }
  const sw = declarationNamed(document, ast.isSwitch, target.switch);
  const flow = sw && flowNamed(sw, target.flow);
  return flow?.[target.slo]?.value;
}
