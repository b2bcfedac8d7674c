/**
 * solveSwitch: the static analysis of one `switch` for `nsc solve` and the editor — weights
 * (optimal, or fixed as written), rates, delays with their budgets, SLO verdicts, best achievable
 * values and the certified optimum.
 */
import type { Highs } from 'highs';
import { loadHighs } from '../highs/load.js';
import { achievableDelay, achievableRate } from './achievable.js';
import { delayTerms, flowDelays } from './delay.js';
import { buildDesign, carriesDesignLoad, commonSlack, meetsDelaySlo, type Design } from './design.js';
import type { SwitchModel } from './model.js';
import { optimalWeights, type OptimalWeights } from './optimal-weights.js';
import { optimiserPins, type Pins } from './pins.js';
import { ratesAtWeights } from './rates.js';
import { byName, finiteOrNull, type FlowResult, type OptimumResult, type SwitchResult } from './result.js';

export interface SolveSwitchOptions {
  /** A loaded HiGHS module to reuse (e.g. the language server's worker); default: loadHighs(). */
  readonly highs?: Highs;
}

export async function solveSwitch(model: SwitchModel, options: SolveSwitchOptions = {}): Promise<SwitchResult> {
  const highs = options.highs ?? (await loadHighs());
  const design = buildDesign(model);
  const pins = optimiserPins(model);
  const optimum = optimalWeights(highs, design, pins);
  const fixed = isFullyFixed(model);
  const weights = fixed ? model.tasks.map((t) => t.fixedWeight ?? 0) : optimum.weights;
  return switchResultAt(highs, design, pins, { weights, source: fixed ? 'fixed' : 'optimal' }, optimumResult(design, optimum));
}

/** Every task has a `weight` in the source: the switch is evaluated as written. */
export function isFullyFixed(model: SwitchModel): boolean {
  return model.tasks.length > 0 && model.tasks.every((t) => t.fixedWeight !== undefined);
}

/**
 * The switch at `weights`: rates, delays with their budgets, verdicts and best achievable values
 * (under the optimiser's `pins`), with the optimum found for it (alone, or jointly with other
 * switches: then `services` names the services it was optimised with).
 */
export function switchResultAt(
  highs: Highs,
  design: Design,
  pins: Pins,
  reported: { readonly weights: readonly number[]; readonly source: SwitchResult['weightsSource'] },
  optimum: OptimumResult,
  services: readonly string[] = [],
): SwitchResult {
  const { model } = design;
  const { weights } = reported;
  const rates = ratesAtWeights(highs, model, design.structure, design.designRates, weights);
  const delays = flowDelays(design.structure, design.coefficients, weights);
  const flows: FlowResult[] = model.flows.map((flow, f) => {
    const visits = design.structure.visits[f];
    return {
      name: flow.name,
      rate: rates[f],
      rateSlo: flow.rateSlo ?? null,
      designRate: design.designRates[f],
      delay: finiteOrNull(delays[f]),
      delaySlo: flow.delaySlo ?? null,
      meetsRate: visits.every((v) => carriesDesignLoad(design, v.task, weights[v.task])),
      meetsDelay: meetsDelaySlo(delays[f], flow.delaySlo),
      achievableDelay: achievableDelay(design, pins, f) ?? null,
      achievableRate: achievableRate(design, pins, f) ?? null,
      budget: visits.map((v) => {
        const terms = delayTerms(design.coefficients[v.task], weights[v.task]);
        return { task: model.tasks[v.task].name, ...terms, queuing: finiteOrNull(terms.queuing) };
      }),
    };
  });

  return {
    name: model.name,
    status: flows.every((f) => f.meetsRate && f.meetsDelay) ? 'feasible' : 'infeasible',
    weights: byName(model.tasks, weights),
    weightsSource: reported.source,
    flows,
    slack: finiteOrNull(commonSlack(design, weights)),
    optimum,
    services: [...services],
  };
}

export function optimumResult(design: Design, optimum: OptimalWeights): OptimumResult {
  return {
    weights: byName(design.model.tasks, optimum.weights),
    slack: finiteOrNull(optimum.slack),
    lowerBound: finiteOrNull(optimum.slack),
    upperBound: finiteOrNull(optimum.upperBound),
    iterations: optimum.iterations,
  };
}
