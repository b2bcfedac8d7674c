/**
 * A switch whose every quantity is valid may still combine them into ratios the solver cannot
 * resolve (engine/scheduling/numeric-range.ts): reported on the task or flow concerned, while
 * typing, so such a file is never sent to the solver.
 */
import type { ValidationAcceptor } from 'langium';
import { numericRangeIssues } from '../../engine/scheduling/numeric-range.js';
import type * as ast from '../generated/ast.js';
import { attemptLowering, lowerSwitch, type LoweringContext } from '../lowering.js';
import { switchMembers } from '../syntax.js';

/** Call only on a switch the structural rules accept: the model must be well-formed. */
export function checkSwitchRange(sw: ast.Switch, context: LoweringContext, accept: ValidationAcceptor): void {
  const model = attemptLowering(() => lowerSwitch(sw, context));
  if (!model) return;
  const tasks = switchMembers(sw, 'Task');
  const flows = switchMembers(sw, 'Flow');
  for (const issue of numericRangeIssues(model)) {
    const node = issue.task !== undefined ? tasks[issue.task] : issue.flow !== undefined ? flows[issue.flow] : sw;
    accept('error', issue.message, { node, property: 'name' });
  }
}
