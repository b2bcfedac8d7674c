/**
 * Quick fixes carried in a result diagnostic's `data`: what to change, by name, so the code action
 * can find the clause in the current AST. Every fix here was checked by the engines (engine/scenario.ts).
 */
export type QuantityTarget =
  | { readonly placement: string; readonly clause: 'TargetClause' | 'RoundsClause' | 'AcceleratorsMaxClause' }
  | { readonly switch: string; readonly flow: string; readonly slo: 'delaySlo' | 'rateSlo' }
  | { readonly service: string; readonly clause: 'ServiceDelaySlo' | 'ServiceRateSlo' };

export type ResultFix =
  | { readonly kind: 'set-quantity'; readonly title: string; readonly target: QuantityTarget; readonly value: number; readonly unit?: string }
  | { readonly kind: 'apply-weights'; readonly title: string; readonly switch: string; readonly weights: Readonly<Record<string, number>> }
  | { readonly kind: 'move-task'; readonly title: string; readonly switch: string; readonly task: string; readonly toWorker: string };

export interface ResultDiagnosticData {
  readonly source: 'netscenario.solve';
  /** Document version the fixes were computed for: a code action on another version offers none. */
  readonly version: number;
  readonly fixes: readonly ResultFix[];
}

export function isResultDiagnosticData(data: unknown): data is ResultDiagnosticData {
  return typeof data === 'object' && data !== null && (data as ResultDiagnosticData).source === 'netscenario.solve';
}
