/**
 * Diagnostics from solve results, on the clause that fails, with the achieved value, the limit and
 * the best achievable value in the message and the checked fixes in `data`.
 */
import type { AstNode, LangiumDocument } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { FlowResult } from '../../engine/scheduling/result.js';
import { atLeast, atMost, formatQuantity } from '../../engine/units.js';
import * as ast from '../generated/ast.js';
import { firstOf } from '../syntax.js';
import { declarationNamed, flowNamed, quantityAt } from './locate.js';
import type { ResultDiagnosticData, ResultFix } from './fixes.js';
import type { PlacementOutcome, ScenarioResults, ServiceOutcome, SwitchOutcome } from './model.js';

const time = (s: number | null) => formatQuantity(s, 'time');
const rate = (pps: number | null) => formatQuantity(pps, 'rate');
const written = (value: number, unit?: string) => (unit ? `${value} ${unit}` : String(value));

export function resultDiagnostics(document: LangiumDocument, results: ScenarioResults): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const emit = (node: AstNode | undefined, severity: DiagnosticSeverity, message: string, fixes: ResultFix[] = []) => {
    const range = node?.$cstNode?.range;
    if (!range) return;
    const data: ResultDiagnosticData = { source: 'netscenario.solve', version: results.version, fixes };
    diagnostics.push({ range, severity, message, source: 'netscenario', data });
  };
  // Not solved because of input errors: those errors are the diagnostics, nothing to add.
  if (results.status === 'not-solved') return diagnostics;
  if (results.status !== 'solved') {
    const first = (document.parseResult.value as ast.Scenario).declarations[0];
    emit(
      first,
      DiagnosticSeverity.Warning,
      results.status === 'timeout' ? `Solve stopped at the time limit: ${results.message ?? ''}`.trim() : `Solve failed: ${results.message ?? 'unknown error'}`,
    );
    return diagnostics;
  }
  for (const outcome of results.placements) placementDiagnostics(document, outcome, emit);
  for (const outcome of results.switches) switchDiagnostics(document, outcome, emit);
  for (const outcome of results.services) serviceDiagnostics(document, outcome, emit);
  return diagnostics;
}

type Emit = (node: AstNode | undefined, severity: DiagnosticSeverity, message: string, fixes?: ResultFix[]) => void;

function placementDiagnostics(document: LangiumDocument, outcome: PlacementOutcome, emit: Emit): void {
  const { result, fixes } = outcome;
  const placement = declarationNamed(document, ast.isPlacement, outcome.name);
  if (!placement || result.status === 'feasible') return;
  if (result.status === 'timeout') {
    emit(placement, DiagnosticSeverity.Warning, `Placement '${outcome.name}': the solver hit its time limit before proving a result.`);
    return;
  }
  const { minTarget, maxRounds, extraAccelerators } = result.relaxations;
  const options = [
    minTarget !== null ? `target >= ${atLeast(minTarget, 'time')}` : undefined,
    maxRounds !== null ? `rounds <= ${maxRounds}` : undefined,
    extraAccelerators ? `${extraAccelerators} more accelerator${extraAccelerators === 1 ? '' : 's'}` : undefined,
  ].filter(Boolean);
  const why = result.reason ? ` ${result.reason.charAt(0).toUpperCase()}${result.reason.slice(1)}.` : '';
  const message = `Infeasible: no placement fits one round in T/R = ${time(result.roundLimit)}.${why}${options.length ? ` Feasible with ${options.join(', or ')}.` : ' No single change of target, rounds or accelerators makes it feasible.'}`;
  const checked: ResultFix[] = [];
  const name = outcome.name;
  if (fixes.target)
    checked.push({
      kind: 'set-quantity',
      title: `Raise target to ${written(fixes.target.value, fixes.target.unit)}`,
      target: { placement: name, clause: 'TargetClause' },
      ...fixes.target,
    });
  if (fixes.rounds) checked.push({ kind: 'set-quantity', title: `Lower rounds to ${fixes.rounds.value}`, target: { placement: name, clause: 'RoundsClause' }, ...fixes.rounds });
  if (fixes.acceleratorsMax) {
    checked.push({
      kind: 'set-quantity',
      title: `Raise accelerators max to ${fixes.acceleratorsMax.value}`,
      target: { placement: name, clause: 'AcceleratorsMaxClause' },
      ...fixes.acceleratorsMax,
    });
  }
  emit(quantityAt(document, { placement: name, clause: 'TargetClause' }) ?? placement, DiagnosticSeverity.Error, message, checked);
}

function switchDiagnostics(document: LangiumDocument, outcome: SwitchOutcome, emit: Emit): void {
  const sw = declarationNamed(document, ast.isSwitch, outcome.name);
  if (!sw || outcome.result.status === 'feasible') return;
  // Fixes for the switch as a whole ride on each failing flow's diagnostic.
  const switchFixes: ResultFix[] = [];
  if (outcome.result.weightsSource === 'fixed' && outcome.applicableWeights) {
    switchFixes.push({ kind: 'apply-weights', title: 'Replace the fixed weights with the optimal ones', switch: outcome.name, weights: outcome.applicableWeights });
  }
  if (outcome.move) {
    switchFixes.push({ kind: 'move-task', title: `Move task '${outcome.move.task}' to worker '${outcome.move.toWorker}'`, switch: outcome.name, ...outcome.move });
  }
  const at = outcome.result.weightsSource === 'fixed' ? ' at the fixed weights' : '';
  for (const flow of outcome.result.flows) {
    const fixes = outcome.flowFixes[flow.name] ?? {};
    const node = flowNamed(sw, flow.name);
    if (!flow.meetsDelay) {
      const best = flow.achievableDelay === null ? 'no weights meet the rate SLOs' : `the best achievable is ${atLeast(flow.achievableDelay, 'time')}`;
      const relax: ResultFix[] = fixes.delay
        ? [
            {
              kind: 'set-quantity',
              title: `Relax the delay SLO to ${written(fixes.delay.value, fixes.delay.unit)}`,
              target: { switch: outcome.name, flow: flow.name, slo: 'delaySlo' },
              ...fixes.delay,
            },
          ]
        : [];
      emit(
        quantityAt(document, { switch: outcome.name, flow: flow.name, slo: 'delaySlo' }) ?? node,
        DiagnosticSeverity.Error,
        `Delay SLO missed${at}: ${flow.name} takes ≈ ${time(flow.delay)}, the limit is ${time(flow.delaySlo)}; ${best}.`,
        [...relax, ...switchFixes],
      );
    }
    if (!flow.meetsRate) emitRate(document, outcome, flow, fixes.rate, at, node, switchFixes, emit);
  }
}

function emitRate(
  document: LangiumDocument,
  outcome: SwitchOutcome,
  flow: FlowResult,
  fix: { value: number; unit?: string } | undefined,
  at: string,
  node: ast.Flow | undefined,
  switchFixes: ResultFix[],
  emit: Emit,
): void {
  const best = flow.achievableRate === null ? 'the other flows leave it no capacity' : `the best achievable is ${atMost(flow.achievableRate, 'rate')}`;
  if (flow.rateSlo === null) {
    emit(
      node?.offered ?? node,
      DiagnosticSeverity.Error,
      `${flow.name} cannot carry its offered load${at}: it gets ≈ ${rate(flow.rate)} of ${rate(flow.designRate)}; ${best}.`,
      switchFixes,
    );
    return;
  }
  const relax: ResultFix[] = fix
    ? [{ kind: 'set-quantity', title: `Relax the rate SLO to ${written(fix.value, fix.unit)}`, target: { switch: outcome.name, flow: flow.name, slo: 'rateSlo' }, ...fix }]
    : [];
  emit(
    quantityAt(document, { switch: outcome.name, flow: flow.name, slo: 'rateSlo' }) ?? node,
    DiagnosticSeverity.Error,
    `Rate SLO missed${at}: ${flow.name} gets ≈ ${rate(flow.rate)}, it needs ${rate(flow.rateSlo)}; ${best}.`,
    [...relax, ...switchFixes],
  );
}

/**
 * A service that misses an end-to-end SLO: on the failing clause, the achieved value, the limit and
 * the best any weights give, with the checked fixes: the SLO relaxed to that best value, and moving
 * a task of a hop flow (in a switch of this file) to another worker.
 */
function serviceDiagnostics(document: LangiumDocument, outcome: ServiceOutcome, emit: Emit): void {
  const service = declarationNamed(document, ast.isService, outcome.name);
  const r = outcome.result;
  if (!service || r.status === 'feasible') return;
  const name = outcome.name;
  const move: ResultFix[] = outcome.move
    ? [{ kind: 'move-task', title: `Move task '${outcome.move.task}' of '${outcome.move.switch}' to worker '${outcome.move.toWorker}'`, ...outcome.move }]
    : [];
  const relax = (fix: { value: number; unit?: string } | undefined, what: string, clause: 'ServiceDelaySlo' | 'ServiceRateSlo'): ResultFix[] =>
    fix ? [{ kind: 'set-quantity', title: `Relax the end-to-end ${what} SLO to ${written(fix.value, fix.unit)}`, target: { service: name, clause }, ...fix }] : [];
  if (!r.meetsDelay) {
    const best = r.achievableDelay === null ? 'no weights carry every hop at its design rate' : `the best achievable is ${atLeast(r.achievableDelay, 'time')}`;
    emit(
      quantityAt(document, { service: name, clause: 'ServiceDelaySlo' }) ?? service,
      DiagnosticSeverity.Error,
      `End-to-end delay SLO missed: ${name} takes ≈ ${time(r.delay)} (${time(r.propagation)} on the links), the limit is ${time(r.delaySlo)}; ${best}.`,
      [...relax(outcome.fixes.delay, 'delay', 'ServiceDelaySlo'), ...move],
    );
  }
  if (!r.meetsRate) {
    const best = r.achievableRate === null ? 'the other flows leave it no capacity' : `the best achievable is ${atMost(r.achievableRate, 'rate')}`;
    const short = r.hops.filter((hop) => !hop.meetsRate).map((hop) => `${hop.switch}.${hop.flow}`);
    emit(
      quantityAt(document, { service: name, clause: 'ServiceRateSlo' }) ?? firstOf(service.clauses, 'ServiceVia') ?? service,
      DiagnosticSeverity.Error,
      `End-to-end rate SLO missed: ${name} gets ≈ ${rate(r.rate)}, it needs ${rate(r.designRate)} at every hop (short: ${short.join(', ')}); ${best}.`,
      [...relax(outcome.fixes.rate, 'rate', 'ServiceRateSlo'), ...move],
    );
  }
}
